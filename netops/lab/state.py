"""One state per simulated device, shared by its two views (SNMP agent and SSH CLI).

The state lives in one SQLite database (WAL mode) in the lab directory, so the
SNMP responder processes, the SSH simulator and ``netops lab fault`` all see a
change as soon as it is committed. The CLI view writes configuration here
(description, shutdown, speed, duplex, VLAN) to the port rows and the rest of the
configuration (sysname, VLANs, VLAN interfaces, SNMP, NTP, syslog) to
``device_config``; the SNMP view reads it; faults change the physical facts
(link, optics, device power, reboot).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

SCHEMA = """
CREATE TABLE IF NOT EXISTS devices (
    hostname TEXT PRIMARY KEY,
    vendor TEXT NOT NULL,
    platform TEXT NOT NULL,
    model TEXT NOT NULL,
    mgmt_ip TEXT NOT NULL,
    role TEXT NOT NULL,
    county TEXT,
    school TEXT,
    powered INTEGER NOT NULL DEFAULT 1,     -- 0: device-down fault (no answer at all)
    slow_ms INTEGER NOT NULL DEFAULT 0,     -- slow fault: extra answer delay
    boot_epoch REAL NOT NULL,               -- sysUpTime and counters restart here
    saved_epoch REAL                        -- last `save` of the running configuration
);
CREATE TABLE IF NOT EXISTS ports (
    hostname TEXT NOT NULL REFERENCES devices(hostname),
    if_index INTEGER NOT NULL,
    name TEXT NOT NULL,
    medium TEXT NOT NULL,                   -- copper | fiber
    max_mbps INTEGER NOT NULL,
    alias TEXT NOT NULL DEFAULT '',         -- description / ifAlias
    admin_up INTEGER NOT NULL DEFAULT 1,    -- `shutdown` / `undo shutdown`
    link_up INTEGER NOT NULL DEFAULT 0,     -- something is plugged in and lit
    peer_mbps INTEGER,                      -- what the far end can do (NIC, link config)
    peer_duplex TEXT NOT NULL DEFAULT 'full',
    speed_mbps INTEGER,                     -- configured speed; NULL = auto-negotiate
    duplex TEXT,                            -- configured duplex; NULL = auto
    link_type TEXT NOT NULL DEFAULT 'access',
    pvid INTEGER NOT NULL DEFAULT 1,
    rx_dbm REAL,                            -- optical receive power (fiber), NULL on copper
    tx_dbm REAL,
    in_bps REAL NOT NULL DEFAULT 0,         -- mean traffic rates of the traffic model
    out_bps REAL NOT NULL DEFAULT 0,
    load_pct REAL,                          -- load fault: steady share of the speed, both ways
    PRIMARY KEY (hostname, if_index),
    UNIQUE (hostname, name)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS device_config (  -- configuration that is not a port's row
    hostname TEXT NOT NULL REFERENCES devices(hostname),
    section TEXT NOT NULL,                  -- sysname, vlan, vlanif, trunk_vlans, snmp_*, ntp, ...
    key TEXT NOT NULL,                      -- VLAN id, interface, server address, ...
    value TEXT NOT NULL DEFAULT '',         -- secrets only as the device's cipher text
    PRIMARY KEY (hostname, section, key)
);
CREATE TABLE IF NOT EXISTS faults (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    undo TEXT NOT NULL,                     -- JSON: rows and the values to put back
    created REAL NOT NULL
);
"""


class DeviceState(BaseModel):
    """A simulated device as both views see it."""

    model_config = ConfigDict(frozen=True)

    hostname: str
    vendor: str
    platform: str
    model: str
    mgmt_ip: str
    role: str
    county: str | None = None
    school: str | None = None
    powered: bool = True
    slow_ms: int = 0
    boot_epoch: float
    saved_epoch: float | None = None


class PortState(BaseModel):
    """A simulated port; ``oper_up``, ``oper_mbps`` and ``oper_duplex`` are derived."""

    model_config = ConfigDict(frozen=True)

    hostname: str
    if_index: int
    name: str
    medium: str
    max_mbps: int
    alias: str = ""
    admin_up: bool = True
    link_up: bool = False
    peer_mbps: int | None = None
    peer_duplex: str = "full"
    speed_mbps: int | None = None
    duplex: str | None = None
    link_type: str = "access"
    pvid: int = 1
    rx_dbm: float | None = None
    tx_dbm: float | None = None
    in_bps: float = 0.0
    out_bps: float = 0.0
    load_pct: float | None = None

    @property
    def oper_up(self) -> bool:
        """Up when enabled, lit, and both ends agree on a speed."""
        return self.admin_up and self.link_up and self.oper_mbps > 0

    @property
    def oper_mbps(self) -> int:
        """Negotiated speed: the lowest of configuration, port and peer."""
        if not (self.admin_up and self.link_up):
            return 0
        candidates = [self.max_mbps, self.speed_mbps or self.max_mbps]
        if self.peer_mbps:
            candidates.append(self.peer_mbps)
        return min(candidates)

    @property
    def in_rate_bps(self) -> float:
        """What the port receives, as the CLI shows it: a load fault's share of the
        speed, or the traffic model's daily mean."""
        return self._loaded_bps() if self.load_pct is not None else self.in_bps

    @property
    def out_rate_bps(self) -> float:
        """What the port sends (see ``in_rate_bps``)."""
        return self._loaded_bps() if self.load_pct is not None else self.out_bps

    def _loaded_bps(self) -> float:
        return self.oper_mbps * 1e6 * (self.load_pct or 0.0) / 100

    @property
    def oper_duplex(self) -> str:
        """Half when either end is forced to half duplex."""
        if self.duplex == "half" or self.peer_duplex == "half":
            return "half"
        return "full"


DEVICE_FIELDS = set(DeviceState.model_fields) - {"hostname"}
PORT_FIELDS = set(PortState.model_fields) - {"hostname", "if_index", "name"}


class LabState:
    """The lab's state database."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(
            self.path, timeout=30, isolation_level=None, check_same_thread=False
        )
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(SCHEMA)
        self._add_missing_columns()

    def _add_missing_columns(self) -> None:
        """Columns added since a lab's database was made (a lab kept across upgrades)."""
        have = {row[1] for row in self._db.execute("PRAGMA table_info(ports)")}
        if "load_pct" not in have:
            self._db.execute("ALTER TABLE ports ADD COLUMN load_pct REAL")

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def load(self, devices: Iterable[DeviceState], ports: Iterable[PortState]) -> None:
        """Replace the whole state (a fresh lab)."""
        with self._transaction() as db:
            db.execute("DELETE FROM device_config")
            db.execute("DELETE FROM ports")
            db.execute("DELETE FROM devices")
            db.executemany(_insert("devices", DeviceState), (d.model_dump() for d in devices))
            db.executemany(_insert("ports", PortState), (p.model_dump() for p in ports))

    def data_version(self) -> int:
        """Changes whenever another connection commits (cheap cache invalidation)."""
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def devices(self) -> list[DeviceState]:
        """Every device, by hostname."""
        rows = self._db.execute("SELECT * FROM devices ORDER BY hostname")
        return [DeviceState.model_validate(dict(row)) for row in rows]

    def device(self, hostname: str) -> DeviceState:
        """One device.

        Raises:
            KeyError: no such device in the lab.
        """
        row = self._db.execute("SELECT * FROM devices WHERE hostname=?", (hostname,)).fetchone()
        if row is None:
            raise KeyError(f"no device {hostname!r} in the lab")
        return DeviceState.model_validate(dict(row))

    def ports(self, hostname: str | None = None) -> list[PortState]:
        """Ports of one device (or of all), in ifIndex order."""
        if hostname is None:
            rows = self._db.execute("SELECT * FROM ports ORDER BY hostname, if_index")
        else:
            rows = self._db.execute(
                "SELECT * FROM ports WHERE hostname=? ORDER BY if_index", (hostname,)
            )
        return [PortState.model_validate(dict(row)) for row in rows]

    def port(self, hostname: str, name: str) -> PortState:
        """One port by its name.

        Raises:
            KeyError: no such port.
        """
        row = self._db.execute(
            "SELECT * FROM ports WHERE hostname=? AND name=?", (hostname, name)
        ).fetchone()
        if row is None:
            raise KeyError(f"no port {name!r} on {hostname!r}")
        return PortState.model_validate(dict(row))

    def update_device(self, hostname: str, **changes: Any) -> None:
        """Change fields of one device (``powered``, ``slow_ms``, ``boot_epoch``, ...)."""
        self._update("devices", DEVICE_FIELDS, changes, "hostname=?", (hostname,))

    def update_port(self, hostname: str, name: str, **changes: Any) -> None:
        """Change fields of one port (``admin_up``, ``alias``, ``speed_mbps``, ...)."""
        self._update("ports", PORT_FIELDS, changes, "hostname=? AND name=?", (hostname, name))

    def update_ports(self, where: str, args: tuple[Any, ...], **changes: Any) -> int:
        """Change many ports at once; returns how many matched."""
        return self._update("ports", PORT_FIELDS, changes, where, args)

    def config(self, hostname: str) -> dict[str, dict[str, str]]:
        """The device's configuration besides its ports: section -> key -> value."""
        rows = self._db.execute(
            "SELECT section, key, value FROM device_config WHERE hostname=? ORDER BY section, key",
            (hostname,),
        )
        found: dict[str, dict[str, str]] = {}
        for row in rows:
            found.setdefault(row["section"], {})[row["key"]] = row["value"]
        return found

    def set_config(self, hostname: str, section: str, key: str, value: str = "") -> None:
        """Add or replace one configuration item."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO device_config (hostname, section, key, value)"
                " VALUES (?, ?, ?, ?)",
                (hostname, section, key, value),
            )

    def unset_config(self, hostname: str, section: str, key: str | None = None) -> int:
        """Remove one item (or a whole section); returns how many were removed."""
        where, args = "hostname=? AND section=?", [hostname, section]
        if key is not None:
            where, args = f"{where} AND key=?", [*args, key]
        with self._transaction() as db:
            return db.execute(f"DELETE FROM device_config WHERE {where}", args).rowcount

    def record_fault(self, kind: str, target: str, detail: str, undo: str) -> int:
        """Remember an injected fault and how to undo it; returns its id."""
        with self._transaction() as db:
            cursor = db.execute(
                "INSERT INTO faults (kind, target, detail, undo, created) VALUES (?, ?, ?, ?, ?)",
                (kind, target, detail, undo, time.time()),
            )
            return int(cursor.lastrowid or 0)

    def faults(self) -> list[dict[str, Any]]:
        """Active faults, oldest first."""
        return [dict(row) for row in self._db.execute("SELECT * FROM faults ORDER BY id")]

    def forget_fault(self, fault_id: int) -> None:
        """Drop a fault once it has been undone."""
        with self._transaction() as db:
            db.execute("DELETE FROM faults WHERE id=?", (fault_id,))

    def reboot(self, hostname: str, now: float | None = None) -> None:
        """Restart sysUpTime and every counter of the device."""
        self.update_device(hostname, boot_epoch=time.time() if now is None else now)

    def _update(
        self,
        table: str,
        allowed: set[str],
        changes: dict[str, Any],
        where: str,
        args: tuple[Any, ...],
    ) -> int:
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"unknown {table} field(s): {', '.join(sorted(unknown))}")
        if not changes:
            return 0
        assignments = ", ".join(f"{name}=?" for name in changes)
        with self._transaction() as db:
            cursor = db.execute(
                f"UPDATE {table} SET {assignments} WHERE {where}", (*changes.values(), *args)
            )
            if cursor.rowcount == 0:
                raise KeyError(f"nothing in {table} matches {args}")
            return cursor.rowcount


def _insert(table: str, model: type[BaseModel]) -> str:
    names = [name for name, field in model.model_fields.items()]
    columns = ", ".join(names)
    values = ", ".join(f":{name}" for name in names)
    return f"INSERT INTO {table} ({columns}) VALUES ({values})"
