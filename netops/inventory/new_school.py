"""Add a school: allocate from the plan, build its file, validate, then write it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from netops.inventory.allocate import SchoolAllocator
from netops.inventory.builder import SchoolSpec, build_school
from netops.inventory.checks import check_inventory
from netops.inventory.choices import SchoolType, Vendor
from netops.inventory.errors import InventoryError
from netops.inventory.inventory import Inventory
from netops.inventory.models import SchoolFile, SchoolFlags
from netops.inventory.school_rooms import room_specs
from netops.inventory.writer import document, school_path, write_atomic
from netops.inventory.yaml_source import resolve_lines


@dataclass(frozen=True)
class NewSchool:
    """What an engineer asks for."""

    county: str
    name: str
    type: SchoolType
    rooms: int
    students: int
    vendor: Vendor = Vendor.HUAWEI
    name_zh: str = ""
    flags: SchoolFlags = field(default_factory=SchoolFlags)


@dataclass(frozen=True)
class AddedSchool:
    """The school as written, and where."""

    school: SchoolFile
    path: Path


def add_school(inventory: Inventory, request: NewSchool, *, write: bool = True) -> AddedSchool:
    """Allocate the next free id, subnets, VLANs and aggregation port; validate; write.

    The inventory is checked with the new school in it before anything is written,
    so a failed add leaves the files as they were.

    Raises:
        KeyError: the county does not exist.
        PlanExhaustedError: the county has no free subnet, VLAN or aggregation port.
        InventoryError: the new school would make the inventory invalid.
    """
    county = inventory.counties.get(request.county)
    if county is None:
        raise KeyError(
            f"no county {request.county!r}; expected one of {', '.join(inventory.counties)}"
        )
    allocator = SchoolAllocator(county, inventory.schools_in(county.id))
    rooms = room_specs(request.type, request.rooms, live=request.flags.live_classroom)
    spec = SchoolSpec(
        id=allocator.next_school_id(),
        name=request.name,
        name_zh=request.name_zh,
        county=county.id,
        type=request.type,
        students=request.students,
        rooms=rooms,
        vendor=request.vendor,
        flags=request.flags,
    )
    school = build_school(spec, allocator.allocate(sum(r.terminals for r in rooms)))
    path = school_path(inventory.root, school)
    inventory.schools[school.id] = school
    inventory.files[f"school:{school.id}"] = path
    issues = check_inventory(inventory)
    if issues:
        del inventory.schools[school.id]
        del inventory.files[f"school:{school.id}"]
        raise InventoryError(resolve_lines(issues))
    if write:
        write_atomic(path, document(school))
    return AddedSchool(school, path)
