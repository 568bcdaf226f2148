"""The snmprec data file of one device: static records, and references to live values.

A static record is ``<oid>|<tag>|<value>``; a live one is
``<oid>|<tag>:netopslab|<field>,<ifIndex>``, computed at each request by the variation
module from the lab state. Records are sorted by OID, as snmpsim requires.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from netops.inventory.choices import Vendor
from netops.lab.snmp import vendors
from netops.lab.snmp.oids import (
    DOT3_STATS_ENTRY,
    ENT_ALIAS_MAPPING_ID,
    ENT_CLASS_CHASSIS,
    ENT_CLASS_PORT,
    ENT_PHYSICAL_ENTRY,
    HH3C_TRANSCEIVER_ENTRY,
    HW_OPTICAL_ENTRY,
    IF_ENTRY,
    IF_NUMBER,
    IF_TYPE_ETHERNET,
    IFX_ENTRY,
    SYS_CONTACT,
    SYS_DESCR,
    SYS_LOCATION,
    SYS_NAME,
    SYS_OBJECT_ID,
    SYS_SERVICES,
    SYS_UPTIME,
    VARIATION_MODULE,
    Col,
    Field,
    Tag,
)
from netops.lab.state import DeviceState, PortState

Record = tuple[tuple[int, ...], str]

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ./:_@-]*[A-Za-z0-9./_-]|[A-Za-z0-9]?")
#: sysServices: layers 2 and 3 (RFC 3418 sums 2^(layer-1)).
SYS_SERVICES_SWITCH = 6
IF_MTU = 1500
CONTACT = "Qianxinan education network NOC"


def _oid(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _static(oid: str, tag: str, value: str | int) -> Record:
    if tag == Tag.OCTETS and isinstance(value, str) and not _PLAIN.fullmatch(value):
        # Anything beyond plain ASCII (CR/LF in sysDescr, UTF-8 aliases) goes as hex.
        return _oid(oid), f"{oid}|{Tag.OCTETS_HEX}|{value.encode().hex()}"
    return _oid(oid), f"{oid}|{tag}|{value}"


def _live(oid: str, tag: str, field: Field, index: int = 0) -> Record:
    return _oid(oid), f"{oid}|{tag}:{VARIATION_MODULE}|{field.value},{index}"


def _system(device: DeviceState, port_count: int) -> Iterator[Record]:
    ident = vendors.identity(device.vendor, device.model)
    place = "/".join(p for p in ("Qianxinan", device.county, device.school) if p)
    yield _static(SYS_DESCR, Tag.OCTETS, ident.sys_descr)
    yield _static(SYS_OBJECT_ID, Tag.OID, ident.sys_object_id)
    yield _live(SYS_UPTIME, Tag.TIMETICKS, Field.UPTIME)
    yield _static(SYS_CONTACT, Tag.OCTETS, CONTACT)
    yield _static(SYS_NAME, Tag.OCTETS, device.hostname)
    yield _static(SYS_LOCATION, Tag.OCTETS, f"{place} ({device.role})")
    yield _static(SYS_SERVICES, Tag.INTEGER, SYS_SERVICES_SWITCH)
    yield _static(IF_NUMBER, Tag.INTEGER, port_count)


def _interfaces(port: PortState, mac: bytes) -> Iterator[Record]:
    i = port.if_index

    def col(entry: str, column: int) -> str:
        return f"{entry}.{column}.{i}"

    yield _static(col(IF_ENTRY, Col.IF_INDEX), Tag.INTEGER, i)
    yield _static(col(IF_ENTRY, Col.IF_DESCR), Tag.OCTETS, port.name)
    yield _static(col(IF_ENTRY, Col.IF_TYPE), Tag.INTEGER, IF_TYPE_ETHERNET)
    yield _static(col(IF_ENTRY, Col.IF_MTU), Tag.INTEGER, IF_MTU)
    yield _live(col(IF_ENTRY, Col.IF_SPEED), Tag.GAUGE32, Field.SPEED, i)
    yield _static(col(IF_ENTRY, Col.IF_PHYS_ADDRESS), Tag.OCTETS_HEX, mac.hex())
    yield _live(col(IF_ENTRY, Col.IF_ADMIN_STATUS), Tag.INTEGER, Field.ADMIN, i)
    yield _live(col(IF_ENTRY, Col.IF_OPER_STATUS), Tag.INTEGER, Field.OPER, i)
    yield _live(col(IF_ENTRY, Col.IF_LAST_CHANGE), Tag.TIMETICKS, Field.LAST_CHANGE, i)
    yield _live(col(IF_ENTRY, Col.IF_IN_OCTETS), Tag.COUNTER32, Field.IN_OCTETS, i)
    yield _live(col(IF_ENTRY, Col.IF_IN_DISCARDS), Tag.COUNTER32, Field.IN_DISCARDS, i)
    yield _live(col(IF_ENTRY, Col.IF_IN_ERRORS), Tag.COUNTER32, Field.IN_ERRORS, i)
    yield _live(col(IF_ENTRY, Col.IF_OUT_OCTETS), Tag.COUNTER32, Field.OUT_OCTETS, i)
    yield _live(col(IF_ENTRY, Col.IF_OUT_DISCARDS), Tag.COUNTER32, Field.OUT_DISCARDS, i)
    yield _live(col(IF_ENTRY, Col.IF_OUT_ERRORS), Tag.COUNTER32, Field.OUT_ERRORS, i)
    yield _static(col(IFX_ENTRY, Col.IFX_NAME), Tag.OCTETS, port.name)
    yield _live(col(IFX_ENTRY, Col.IFX_HC_IN_OCTETS), Tag.COUNTER64, Field.HC_IN_OCTETS, i)
    yield _live(col(IFX_ENTRY, Col.IFX_HC_OUT_OCTETS), Tag.COUNTER64, Field.HC_OUT_OCTETS, i)
    yield _live(col(IFX_ENTRY, Col.IFX_HIGH_SPEED), Tag.GAUGE32, Field.HIGH_SPEED, i)
    yield _live(col(IFX_ENTRY, Col.IFX_ALIAS), Tag.OCTETS, Field.ALIAS, i)
    yield _static(col(DOT3_STATS_ENTRY, Col.DOT3_INDEX), Tag.INTEGER, i)
    yield _live(col(DOT3_STATS_ENTRY, Col.DOT3_DUPLEX_STATUS), Tag.INTEGER, Field.DUPLEX, i)


def huawei_ent_index(position: int) -> int:
    """entPhysicalIndex of the Huawei port at ``position`` (0-based panel order)."""
    return vendors.HUAWEI_FIRST_PORT_ENT_INDEX + position


def _huawei_entities(device: DeviceState, ports: Sequence[PortState]) -> Iterator[Record]:
    chassis = vendors.HUAWEI_CHASSIS_ENT_INDEX
    yield _static(f"{ENT_PHYSICAL_ENTRY}.{Col.ENT_DESCR}.{chassis}", Tag.OCTETS, device.model)
    yield _static(f"{ENT_PHYSICAL_ENTRY}.{Col.ENT_CONTAINED_IN}.{chassis}", Tag.INTEGER, 0)
    yield _static(f"{ENT_PHYSICAL_ENTRY}.{Col.ENT_CLASS}.{chassis}", Tag.INTEGER, ENT_CLASS_CHASSIS)
    yield _static(f"{ENT_PHYSICAL_ENTRY}.{Col.ENT_NAME}.{chassis}", Tag.OCTETS, device.model)
    for position, port in enumerate(ports):
        ent = huawei_ent_index(position)
        yield _static(f"{ENT_PHYSICAL_ENTRY}.{Col.ENT_DESCR}.{ent}", Tag.OCTETS, port.name)
        yield _static(f"{ENT_PHYSICAL_ENTRY}.{Col.ENT_CONTAINED_IN}.{ent}", Tag.INTEGER, chassis)
        yield _static(f"{ENT_PHYSICAL_ENTRY}.{Col.ENT_CLASS}.{ent}", Tag.INTEGER, ENT_CLASS_PORT)
        yield _static(f"{ENT_PHYSICAL_ENTRY}.{Col.ENT_NAME}.{ent}", Tag.OCTETS, port.name)
        # entAliasMappingIdentifier.<entPhysicalIndex>.<logical 0> = ifIndex.<n>: how
        # collectors (LibreNMS, Observium) tie an optic back to its interface.
        yield _static(
            f"{ENT_ALIAS_MAPPING_ID}.{ent}.0", Tag.OID, f"{IF_ENTRY}.{Col.IF_INDEX}.{port.if_index}"
        )
        if port.medium == "fiber":
            i = port.if_index
            yield _live(
                f"{HW_OPTICAL_ENTRY}.{Col.HW_RX_POWER}.{ent}", Tag.INTEGER, Field.RX_POWER, i
            )
            yield _live(
                f"{HW_OPTICAL_ENTRY}.{Col.HW_TX_POWER}.{ent}", Tag.INTEGER, Field.TX_POWER, i
            )


def _h3c_transceivers(ports: Sequence[PortState]) -> Iterator[Record]:
    for port in ports:
        if port.medium == "fiber":
            i = port.if_index
            yield _live(
                f"{HH3C_TRANSCEIVER_ENTRY}.{Col.HH3C_TX_POWER}.{i}", Tag.INTEGER, Field.TX_POWER, i
            )
            yield _live(
                f"{HH3C_TRANSCEIVER_ENTRY}.{Col.HH3C_RX_POWER}.{i}", Tag.INTEGER, Field.RX_POWER, i
            )


def device_records(device: DeviceState, ports: Sequence[PortState]) -> str:
    """The whole snmprec text of ``device`` with its ``ports`` (in ifIndex order)."""
    mac = vendors.base_mac(device.vendor, device.hostname)
    records: list[Record] = list(_system(device, len(ports)))
    for port in ports:
        records.extend(_interfaces(port, mac))
    if device.vendor == Vendor.HUAWEI:
        records.extend(_huawei_entities(device, ports))
    elif device.vendor == Vendor.H3C:
        records.extend(_h3c_transceivers(ports))
    records.sort()
    return "".join(line + "\n" for _, line in records)
