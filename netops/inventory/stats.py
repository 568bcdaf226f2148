"""Totals of the inventory: the figures the bureau compares with the published ones."""

from __future__ import annotations

from pydantic import BaseModel

from netops.inventory.choices import RoomKind
from netops.inventory.inventory import Inventory
from netops.inventory.models import SchoolFile


class Totals(BaseModel):
    """Counts of one county or of the whole prefecture."""

    schools: int = 0
    rooms: int = 0
    teaching_classes: int = 0
    function_rooms: int = 0
    live_classrooms: int = 0
    wisdom_campuses: int = 0
    pilot_schools: int = 0
    students: int = 0
    devices: int = 0
    terminals: int = 0
    links: int = 0

    def add_school(self, school: SchoolFile) -> None:
        """Count one school, its rooms, devices, terminals and links."""
        self.schools += 1
        self.rooms += len(school.rooms)
        classes = sum(1 for room in school.rooms if room.kind is RoomKind.TEACHING_CLASS)
        self.teaching_classes += classes
        self.function_rooms += len(school.rooms) - classes
        self.live_classrooms += school.flags.live_classroom
        self.wisdom_campuses += school.flags.wisdom_campus
        self.pilot_schools += school.flags.pilot
        self.students += school.students
        self.devices += len(school.devices)
        self.terminals += sum(len(room.terminals) for room in school.rooms)
        self.links += 1 + len(school.trunks)


class InventoryStats(Totals):
    """Prefecture totals, with the per-county breakdown under ``by_county``."""

    counties: int = 0
    by_county: dict[str, Totals] = {}


def inventory_stats(inventory: Inventory) -> InventoryStats:
    """Count everything; devices and links above the school level count in their county."""
    stats = InventoryStats(counties=len(inventory.counties), by_county={})
    stats.devices += len(inventory.prefecture.core)
    for county in inventory.counties.values():
        totals = Totals(devices=len(county.aggregation), links=len(county.uplinks))
        for school in inventory.schools_in(county.id):
            totals.add_school(school)
        stats.by_county[county.id] = totals
        for name in Totals.model_fields:
            setattr(stats, name, getattr(stats, name) + getattr(totals, name))
    return stats
