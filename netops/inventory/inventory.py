"""The loaded inventory: prefecture, counties and schools, with lookups."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from netops.inventory.models import (
    CountyFile,
    Device,
    Link,
    PrefectureFile,
    SchoolFile,
    Terminal,
)


@dataclass(frozen=True, slots=True)
class DevicePlace:
    """Where a device sits: its county and school (None above the school level)."""

    device: Device
    county: str | None
    school: str | None


@dataclass
class Inventory:
    """Every file of one prefecture, validated; the single source of truth."""

    root: Path
    prefecture: PrefectureFile
    counties: dict[str, CountyFile]
    schools: dict[str, SchoolFile]
    files: dict[str, Path] = field(default_factory=dict)
    """Source file of each county (key ``county:<id>``) and school (``school:<id>``)."""

    def schools_in(self, county_id: str) -> list[SchoolFile]:
        """Schools of one county, in id order."""
        return [s for s in self.schools.values() if s.county == county_id]

    def school_file(self, school_id: str) -> Path:
        """Where the school's YAML lives."""
        return self.files.get(f"school:{school_id}") or (
            self.root / self.schools[school_id].county / f"{school_id}.yaml"
        )

    def county_file(self, county_id: str) -> Path:
        """Where the county's YAML lives."""
        return self.files.get(f"county:{county_id}") or (self.root / county_id / "county.yaml")

    def places(self) -> Iterator[DevicePlace]:
        """Every device with its county and school: core, aggregation, schools."""
        for device in self.prefecture.core:
            yield DevicePlace(device, None, None)
        for county in self.counties.values():
            for device in county.aggregation:
                yield DevicePlace(device, county.id, None)
        for school in self.schools.values():
            for device in school.devices:
                yield DevicePlace(device, school.county, school.id)

    @property
    def devices(self) -> dict[str, Device]:
        """Every device by hostname (built on each call: schools may be added)."""
        return {place.device.hostname: place.device for place in self.places()}

    def links(self) -> Iterator[Link]:
        """Every link: aggregation uplinks, school uplinks and school trunks."""
        for county in self.counties.values():
            yield from county.uplinks
        for school in self.schools.values():
            yield school.uplink
            yield from school.trunks

    def terminals(self) -> Iterator[tuple[SchoolFile, Terminal]]:
        """Every terminal with its school."""
        for school in self.schools.values():
            for room in school.rooms:
                for terminal in room.terminals:
                    yield school, terminal
