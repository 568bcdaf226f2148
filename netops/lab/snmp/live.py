"""The responder's cached view of the lab state, refreshed when the database changes.

Each responder process keeps the devices it serves in memory and re-reads them only when
``PRAGMA data_version`` (another connection committed) or the database file changes.
The check runs once per request (a PRAGMA and a stat, a few microseconds), so the next
request after a commit sees it; the per-varbind work costs no SQL at all.

Counters are integrals of the traffic profile (``traffic.integral``) from a starting
point: ``base + rate * (integral(now) - integral(since))``. When a port's rates change
(link down, speed or traffic change) the view freezes the value reached so far into
``base`` and starts a new segment, so counters never jump back and do not grow while a
port is down; a new ``boot_epoch`` (reboot, counter reset) restarts them from zero.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from netops.lab.snmp import traffic
from netops.lab.state import PortState

#: Mean frame size used to turn octets into packets (errors and discards), bytes.
MEAN_FRAME: Final = 800.0
#: Counter slots of ``PortLive.rates``/``base``.
IN_OCTETS, OUT_OCTETS, IN_ERRORS, OUT_ERRORS, IN_DISCARDS, OUT_DISCARDS = range(6)
_ZERO: Final = (0.0,) * 6

_DEVICE_COLUMNS = "hostname, powered, slow_ms, boot_epoch"
_PORT_COLUMNS = (
    "hostname, if_index, name, medium, max_mbps, alias, admin_up, link_up, "
    "peer_mbps, peer_duplex, speed_mbps, duplex, rx_dbm, tx_dbm, in_bps, out_bps, load_pct"
)
_PORT_NAMES = tuple(name.strip() for name in _PORT_COLUMNS.split(","))


@dataclass(slots=True)
class PortLive:
    """What the agent reports for one port, and where its counters stand."""

    admin_up: bool
    oper_up: bool
    speed_mbps: int
    duplex_status: int
    alias: bytes
    rx_centi_dbm: int | None
    tx_centi_dbm: int | None
    rates: tuple[float, ...]
    steady: tuple[float, ...] = _ZERO
    """Per-counter rates per real second, whatever the time of day (a load fault)."""
    base: tuple[float, ...] = _ZERO
    since: float = 0.0
    last_change: float = 0.0

    def counter(self, slot: int, now: float) -> float:
        """Value of counter ``slot`` at ``now`` (unwrapped, may exceed 64 bits)."""
        value = self.base[slot]
        if now <= self.since:
            return value
        rate, steady = self.rates[slot], self.steady[slot]
        if rate:
            value += rate * (traffic.integral(now) - traffic.integral(self.since))
        if steady:
            value += steady * (now - self.since)
        return value

    def counters(self, now: float) -> tuple[float, ...]:
        """Every counter at ``now``."""
        return tuple(self.counter(slot, now) for slot in range(len(self.rates)))


@dataclass(slots=True)
class DeviceLive:
    """One simulated device as its agent sees it."""

    hostname: str
    powered: bool
    slow_ms: int
    boot: float
    ports: dict[int, PortLive] = field(default_factory=dict)


def port_live(port: PortState) -> PortLive:
    """The reported values of ``port`` (counters not yet placed in time)."""
    up = port.oper_up
    if up:
        speed, duplex = port.oper_mbps, (3 if port.oper_duplex == "full" else 2)
    else:
        # Real agents keep reporting the configured or nominal speed of a down port.
        speed, duplex = port.speed_mbps or port.max_mbps, 1
    return PortLive(
        admin_up=bool(port.admin_up),
        oper_up=up,
        speed_mbps=speed,
        duplex_status=duplex,
        alias=port.alias.encode(),
        rx_centi_dbm=_centi(port.rx_dbm),
        tx_centi_dbm=_centi(port.tx_dbm),
        rates=_rates(port) if up else _ZERO,
        steady=_steady(port) if up else _ZERO,
    )


def _centi(dbm: float | None) -> int | None:
    return None if dbm is None else round(dbm * 100)


def _steady(port: PortState) -> tuple[float, ...]:
    """A load fault's octets per second both ways (``load_pct`` of the negotiated speed)."""
    if port.load_pct is None:
        return _ZERO
    return (port.in_rate_bps / 8, port.out_rate_bps / 8, 0.0, 0.0, 0.0, 0.0)


def _rates(port: PortState) -> tuple[float, ...]:
    """Per-counter rates in units per profile-second (the profile's daily mean is 1)."""
    if port.load_pct is not None:  # the load fault replaces the traffic model's octets
        port = port.model_copy(update={"in_bps": 0.0, "out_bps": 0.0})
    # A link never carries more than its speed: cap the mean so that the busiest hour
    # of the profile fits, and count what does not fit as output discards.
    capacity = port.oper_mbps * 1e6 / traffic.PEAK
    in_bps, out_bps = min(port.in_bps, capacity), min(port.out_bps, capacity)
    dropped = max(port.out_bps - capacity, 0.0) / 8 / MEAN_FRAME
    in_pkts, out_pkts = in_bps / 8 / MEAN_FRAME, out_bps / 8 / MEAN_FRAME
    # A duplex mismatch (one end forced, the other different) shows as CRC and late
    # collision errors, the classic symptom a NOC looks for.
    mismatch = port.duplex is not None and port.duplex != port.peer_duplex
    return (
        in_bps / 8,
        out_bps / 8,
        in_pkts * 0.01 if mismatch else 0.0,
        out_pkts * 0.002 if mismatch else 0.0,
        in_pkts * 1e-5,
        out_pkts * 2e-5 + dropped,
    )


def carry_over(
    previous: PortLive | None, current: PortLive, boot: float, rebooted: bool, now: float
) -> None:
    """Place ``current``'s counters in time, continuing from ``previous``."""
    if previous is None or rebooted:
        current.base, current.since, current.last_change = _ZERO, boot, boot
        return
    current.last_change = now if previous.oper_up != current.oper_up else previous.last_change
    if previous.rates == current.rates and previous.steady == current.steady:
        current.base, current.since = previous.base, previous.since
    else:
        current.base, current.since = previous.counters(now), now


class LabView:
    """The devices one responder serves, cached from the lab's state database."""

    def __init__(self, db_path: Path, hostnames: list[str]) -> None:
        self.db_path = Path(db_path)
        self._hostnames = json.dumps(sorted(hostnames))
        self._devices: dict[str, DeviceLive] = {}
        self._by_file: dict[str, DeviceLive | None] = {}
        self._rows: dict[str, list[tuple[Any, ...]]] = {}
        self._db: sqlite3.Connection | None = None
        self._inode = -1
        self._version = -1
        self.reloads = 0

    def close(self) -> None:
        """Close the database connection."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def device(self, data_file: str) -> DeviceLive | None:
        """The device a data file (``<hostname>.snmprec``) simulates, as of the last refresh."""
        try:
            return self._by_file[data_file]
        except KeyError:
            name = Path(data_file).name.removesuffix(".snmprec")
            found = self._by_file[data_file] = self._devices.get(name)
            return found

    def refresh(self, force: bool = False) -> None:
        """Re-read the state if it changed since the last look (two cheap system calls)."""
        inode = self.db_path.stat().st_ino
        if self._db is None or inode != self._inode:
            self.close()
            self._db = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
            self._db.execute("PRAGMA query_only=1")
            self._inode, self._version = inode, -1
        version = int(self._db.execute("PRAGMA data_version").fetchone()[0])
        if force or version != self._version:
            self._version = version
            self._reload(time.time())

    def _reload(self, now: float) -> None:
        assert self._db is not None
        where = "WHERE hostname IN (SELECT value FROM json_each(?))"
        devices: dict[str, DeviceLive] = {}
        for hostname, powered, slow_ms, boot in self._db.execute(
            f"SELECT {_DEVICE_COLUMNS} FROM devices {where}", (self._hostnames,)
        ):
            devices[hostname] = DeviceLive(hostname, bool(powered), int(slow_ms), float(boot))
        rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for row in self._db.execute(
            f"SELECT {_PORT_COLUMNS} FROM ports {where} ORDER BY hostname, if_index",
            (self._hostnames,),
        ):
            rows[row[0]].append(row)
        for hostname, device in devices.items():
            self._place_ports(device, rows[hostname], self._devices.get(hostname), now)
        self._devices, self._rows = devices, rows
        self._by_file.clear()
        self.reloads += 1

    def _place_ports(
        self, device: DeviceLive, rows: list[tuple[Any, ...]], old: DeviceLive | None, now: float
    ) -> None:
        rebooted = old is not None and old.boot != device.boot
        if old is not None and not rebooted and self._rows.get(device.hostname) == rows:
            # Nothing changed on this device: rebuilding all 27,000 ports of a responder
            # would cost it a second at each commit; only changed devices are rebuilt.
            device.ports = old.ports
            return
        for row in rows:
            previous = old.ports.get(row[1]) if old is not None else None
            # model_construct: the rows come from the contract's own schema, and the
            # derived oper_* properties are the single definition of a port's state.
            current = port_live(
                PortState.model_construct(**dict(zip(_PORT_NAMES, row, strict=True)))
            )
            carry_over(previous, current, device.boot, rebooted, now)
            device.ports[row[1]] = current
