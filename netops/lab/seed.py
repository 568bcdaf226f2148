"""The lab's initial state, derived from the inventory: what is plugged in, at what rate.

Every port of every switch in scope gets a row; the ones the inventory connects
(uplinks, trunks, terminals) are lit, with the far end's speed and duplex, an
alias, optical power on fiber and a mean traffic rate from the traffic model.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from netops.inventory.catalog import MODELS
from netops.inventory.choices import Medium, SchoolType, Vendor
from netops.inventory.inventory import DevicePlace, Inventory
from netops.inventory.models import Link, SchoolFile
from netops.lab.scope import Scope as Scope  # noqa: PLC0414 (re-export: its old home)
from netops.lab.state import DeviceState, PortState

#: First ifIndex per vendor (real gear does not start at 1 everywhere).
IF_INDEX_BASE = {Vendor.HUAWEI: 5, Vendor.H3C: 1, Vendor.RUIJIE: 1, Vendor.CISCO: 9}

#: Mean download (to the terminal) and upload rates per terminal, bit/s.
TERMINAL_DOWN_BPS = 2_000_000
TERMINAL_UP_BPS = 300_000
LIVE_UP_BPS = 8_000_000  # a live classroom streams its lesson out
#: School traffic besides terminals (offices, wifi), bit/s per student.
PER_STUDENT_BPS = 4_000
SCHOOL_TYPE_FACTOR = {
    SchoolType.TEACHING_POINT: 0.6,
    SchoolType.KINDERGARTEN: 0.7,
    SchoolType.PRIMARY: 1.0,
    SchoolType.NINE_YEAR: 1.0,
    SchoolType.JUNIOR_MIDDLE: 1.1,
    SchoolType.SENIOR_HIGH: 1.3,
    SchoolType.VOCATIONAL: 1.2,
}


def places_in_scope(inventory: Inventory, scope: Scope) -> list[DevicePlace]:
    """Devices of the schools in scope, their counties' aggregation switches and the core."""
    schools = {s.id for s in scope.schools(inventory)}
    counties = {inventory.schools[s].county for s in schools}
    return [
        p
        for p in inventory.places()
        if (p.school in schools)
        or (p.school is None and (p.county in counties or p.county is None))
    ]


def _jitter(key: str, low: float, high: float) -> float:
    """A stable pseudo-random value in [low, high) for ``key``."""
    digest = int.from_bytes(hashlib.blake2b(key.encode(), digest_size=4).digest(), "big")
    return low + (high - low) * digest / 2**32


@dataclass
class _Wire:
    alias: str
    peer_mbps: int
    peer_duplex: str = "full"
    speed_mbps: int | None = None
    pvid: int = 1
    link_type: str = "access"
    in_bps: float = 0.0
    out_bps: float = 0.0


def _school_wires(school: SchoolFile, wires: dict[tuple[str, str], _Wire]) -> None:
    factor = SCHOOL_TYPE_FACTOR[school.type]
    down = up = school.students * PER_STUDENT_BPS * factor * 0.1
    for room in school.rooms:
        for n, terminal in enumerate(room.terminals):
            live = school.flags.live_classroom and room.name == "Live Classroom" and n == 1
            t_up = LIVE_UP_BPS if live else TERMINAL_UP_BPS * factor
            t_down = TERMINAL_DOWN_BPS * factor
            wires[(terminal.switch, terminal.port)] = _Wire(
                alias=terminal.hostname,
                peer_mbps=terminal.nic_mbps,
                peer_duplex=terminal.nic_duplex.value,
                pvid=school.addressing.terminal_vlan,
                in_bps=t_up,
                out_bps=t_down,
            )
            down, up = down + t_down, up + t_up
    for trunk in school.trunks:
        _link_wires(trunk, wires, f"to {trunk.b.device}", f"to {trunk.a.device}", 0, 0)
    uplink = school.uplink
    _link_wires(
        uplink, wires, f"uplink {uplink.b.device} {uplink.b.port}", f"{school.id} uplink", up, down
    )


def _link_wires(
    link: Link,
    wires: dict[tuple[str, str], _Wire],
    a_alias: str,
    b_alias: str,
    a_out: float,
    a_in: float,
) -> None:
    for end, alias, in_bps, out_bps in (
        (link.a, a_alias, a_in, a_out),
        (link.b, b_alias, a_out, a_in),
    ):
        wires[(end.device, end.port)] = _Wire(
            alias,
            peer_mbps=link.configured_mbps,
            speed_mbps=link.configured_mbps,
            pvid=link.vlan or 1,
            link_type="trunk",
            in_bps=in_bps,
            out_bps=out_bps,
        )


def seed_state(
    inventory: Inventory, scope: Scope, now: float | None = None
) -> tuple[list[DeviceState], list[PortState]]:
    """Device and port rows for the devices in scope."""
    boot = time.time() if now is None else now
    wires: dict[tuple[str, str], _Wire] = {}
    for school in scope.schools(inventory):
        _school_wires(school, wires)
    for county in inventory.counties.values():
        for link in county.uplinks:
            _link_wires(
                link,
                wires,
                f"uplink {link.b.device} {link.b.port}",
                f"{link.a.device} uplink",
                0,
                0,
            )
    devices, ports = [], []
    for place in places_in_scope(inventory, scope):
        d = place.device
        # Devices booted at different times, as in real life: up 1-60 days.
        devices.append(
            DeviceState(
                hostname=d.hostname,
                vendor=d.vendor.value,
                platform=d.platform.value,
                model=d.model,
                mgmt_ip=str(d.mgmt_ip),
                role=d.role.value,
                county=place.county,
                school=place.school,
                boot_epoch=boot - _jitter(d.hostname, 86_400, 60 * 86_400),
            )
        )
        base = IF_INDEX_BASE[d.vendor]
        for offset, port in enumerate(MODELS[d.model].ports.values()):
            wire = wires.get((d.hostname, port.name))
            fiber_lit = port.medium is Medium.FIBER and wire is not None
            key = f"{d.hostname}|{port.name}"
            ports.append(
                PortState(
                    hostname=d.hostname,
                    if_index=base + offset,
                    name=port.name,
                    medium=port.medium.value,
                    max_mbps=port.max_mbps,
                    alias=wire.alias if wire else "",
                    link_up=wire is not None,
                    peer_mbps=wire.peer_mbps if wire else None,
                    peer_duplex=wire.peer_duplex if wire else "full",
                    speed_mbps=wire.speed_mbps if wire else None,
                    link_type=wire.link_type if wire else "access",
                    pvid=wire.pvid if wire else 1,
                    rx_dbm=round(_jitter(key + "rx", -7.5, -3.0), 2) if fiber_lit else None,
                    tx_dbm=round(_jitter(key + "tx", -3.0, -1.0), 2) if fiber_lit else None,
                    in_bps=wire.in_bps if wire else 0.0,
                    out_bps=wire.out_bps if wire else 0.0,
                )
            )
    return devices, ports
