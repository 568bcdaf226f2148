"""Allowed values of the inventory, one enum each (NetBox's choices.py)."""

from __future__ import annotations

from enum import StrEnum


class CountyKind(StrEnum):
    """Administrative kind of a county-level division."""

    CITY = "city"
    COUNTY = "county"
    NEW_AREA = "new_area"


class SchoolType(StrEnum):
    """School types of the prefecture, smallest first."""

    TEACHING_POINT = "teaching_point"  # village teaching point (教学点), 1-3 rooms
    KINDERGARTEN = "kindergarten"
    PRIMARY = "primary"
    NINE_YEAR = "nine_year"  # primary and junior middle in one school
    JUNIOR_MIDDLE = "junior_middle"
    SENIOR_HIGH = "senior_high"  # county middle schools, 60+ rooms
    VOCATIONAL = "vocational"


class RoomKind(StrEnum):
    """A room is a teaching class or a function room (lab, library, ...)."""

    TEACHING_CLASS = "teaching_class"
    FUNCTION_ROOM = "function_room"


class Role(StrEnum):
    """Where a device sits in the prefecture -> county -> school tree."""

    PREFECTURE_CORE = "prefecture_core"
    AGGREGATION = "aggregation"  # county aggregation switch
    SCHOOL_CORE = "school_core"  # the switch that carries the school's uplink
    SCHOOL_ACCESS = "school_access"


class Vendor(StrEnum):
    """Switch vendors met in the prefecture."""

    HUAWEI = "huawei"
    H3C = "h3c"
    RUIJIE = "ruijie"
    CISCO = "cisco"


class Platform(StrEnum):
    """Network operating systems; each maps to one collector/CLI driver."""

    HUAWEI_VRP = "huawei_vrp"
    H3C_COMWARE = "h3c_comware"
    RUIJIE_RGOS = "ruijie_rgos"
    CISCO_IOS = "cisco_ios"


class Medium(StrEnum):
    """Physical medium of a port or link."""

    FIBER = "fiber"
    COPPER = "copper"


class Duplex(StrEnum):
    """Duplex of a NIC or port."""

    FULL = "full"
    HALF = "half"


class TerminalKind(StrEnum):
    """Networked terminals found in classrooms."""

    TEACHER_PC = "teacher_pc"
    INTERACTIVE_DISPLAY = "interactive_display"
    CLOUD_TERMINAL = "cloud_terminal"  # Linux "cloud + terminal" desktop
    STUDENT_DESKTOP = "student_desktop"


#: The platform each vendor's switches run.
PLATFORM_OF_VENDOR: dict[Vendor, Platform] = {
    Vendor.HUAWEI: Platform.HUAWEI_VRP,
    Vendor.H3C: Platform.H3C_COMWARE,
    Vendor.RUIJIE: Platform.RUIJIE_RGOS,
    Vendor.CISCO: Platform.CISCO_IOS,
}

#: Netmiko device_type per platform (collectors and Ansible use the same names).
NETMIKO_DEVICE_TYPE: dict[Platform, str] = {
    Platform.HUAWEI_VRP: "huawei",
    Platform.H3C_COMWARE: "hp_comware",
    Platform.RUIJIE_RGOS: "ruijie_os",
    Platform.CISCO_IOS: "cisco_ios",
}
