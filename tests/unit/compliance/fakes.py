"""A fake InfluxDB for audits: rows of a healthy network built from an inventory."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from netops.inventory.generator import GeneratorOptions, generate
from netops.inventory.inventory import Inventory

NOW = datetime(2025, 3, 10, 2, 30, tzinfo=UTC)
MAX_AGE_S = 180.0
Key = tuple[str, str]


@cache
def small_inventory() -> Inventory:
    """Ten generated schools, in memory (no legacy gear: a clean baseline)."""
    options = GeneratorOptions(
        seed=7,
        schools=10,
        legacy_uplink_share=0.0,
        legacy_switch_share=0.0,
        legacy_terminal_share=0.0,
    )
    made = generate(options)
    return Inventory(
        root=Path("/nonexistent"),
        prefecture=made.prefecture,
        counties={c.id: c for c in made.counties},
        schools={s.id: s for s in made.schools},
    )


@dataclass
class FakeInflux:
    """Answers the queries of ``read_snapshot`` from editable rows; records every query."""

    inventory: Inventory
    when: datetime = NOW
    interface: dict[Key, dict[str, Any]] = field(default_factory=dict)
    optics: dict[Key, dict[str, Any]] = field(default_factory=dict)
    device: dict[str, dict[str, Any]] = field(default_factory=dict)
    loads: dict[Key, dict[str, Any]] = field(default_factory=dict)
    trends: list[dict[str, Any]] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        epoch = int(self.when.timestamp()) - 30
        for school in self.inventory.schools.values():
            link = school.uplink
            ports = [
                (link.a.device, link.a.port, "uplink"),
                (link.b.device, link.b.port, "aggregation"),
            ]
            ports += [(t.switch, t.port, "access") for room in school.rooms for t in room.terminals]
            for device, port, role in ports:
                self.interface[(device, port)] = {
                    "measurement": "interface", "device": device, "port": port, "role": role,
                    "county": school.county, "school": school.id if role != "aggregation" else "",
                    "time": epoch, "admin_up": 1, "oper_up": 1,
                    "speed_mbps": 1000 if role != "access" else 100, "duplex": "full",
                }  # fmt: skip
                self.device.setdefault(
                    device, {"device": device, "time": epoch, "reachable": 1, "reason": None}
                )
                if role != "access":
                    self.optics[(device, port)] = {
                        "device": device, "port": port, "time": epoch, "rx_dbm": -5.0,
                        "tx_dbm": -2.0,
                    }  # fmt: skip

    def set_port(self, device: str, port: str, **fields: Any) -> None:
        """Change fields of a port's last ``interface`` point."""
        self.interface[(device, port)].update(fields)

    def __call__(self, influxql: str) -> list[dict[str, Any]]:
        self.queries.append(influxql)
        if "percentile(" in influxql:
            return list(self.loads.values())
        if "mean(rx_dbm)" in influxql:
            return list(self.trends)
        if "FROM interface " in influxql:
            return list(self.interface.values())
        if "FROM optics " in influxql:
            return list(self.optics.values())
        if "FROM device " in influxql:
            return list(self.device.values())
        raise AssertionError(f"unexpected query {influxql}")
