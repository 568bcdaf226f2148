"""Finding a device's ifIndexes (and Huawei's entPhysicalIndex map) once, then caching them."""

from __future__ import annotations

from dataclasses import dataclass, field

from collectors.snmp import oids
from collectors.snmp.names import match_ports
from collectors.snmp.transport import SnmpTransport, Value
from netops.monitoring.targets import PollTarget

MAX_WALK_REQUESTS = 200  # a broken agent that never ends a table must not loop forever


class Session:
    """One device's requests during one poll: the transport, the target, varbinds counted."""

    def __init__(self, transport: SnmpTransport, target: PollTarget, max_varbinds: int) -> None:
        self.transport = transport
        self.target = target
        self.max_varbinds = max_varbinds
        self.varbinds = 0

    async def get(self, wanted: list[str]) -> dict[str, Value]:
        """GET any number of OIDs, packed ``max_varbinds`` per PDU, sequentially.

        Sequential, not concurrent: a switch's agent runs on a small CPU, and the
        cycle's parallelism comes from polling many devices at once.
        """
        values: dict[str, Value] = {}
        for start in range(0, len(wanted), self.max_varbinds):
            chunk = wanted[start : start + self.max_varbinds]
            values.update(await self.transport.get(self.target, chunk))
            self.varbinds += len(chunk)
        return values

    async def walk(self, column: str, repetitions: int = 40) -> dict[int, Value]:
        """Last sub-identifier -> value for a one-index column, by GETBULK."""
        prefix = column + "."
        rows: dict[int, Value] = {}
        cursor = column
        for _ in range(MAX_WALK_REQUESTS):
            varbinds = await self.transport.bulk(self.target, [cursor], repetitions)
            self.varbinds += len(varbinds)
            start = cursor
            for oid, value in varbinds:
                if not oid.startswith(prefix) or value is None:
                    return rows
                rows[int(oid[len(prefix) :].split(".")[0])] = value
                cursor = oid
            if cursor == start:  # nothing new: an empty answer or an agent going in circles
                return rows
        return rows


@dataclass
class DeviceCache:
    """What a device told us once and we keep until it changes (reboot, renumbering)."""

    if_index: dict[str, int]
    """Inventory port name -> ifIndex."""
    names: dict[int, str]
    """ifIndex -> the name the agent reports, checked at every poll."""
    name_column: str
    vendor: str | None
    ent_by_if: dict[int, int] = field(default_factory=dict)
    uptime_ticks: int = 0
    legacy: set[int] = field(default_factory=set)
    """ifIndexes without HC counters / ifHighSpeed (old gear): asked the 32-bit columns."""


def vendor_of(sys_object_id: Value, fallback: str) -> str | None:
    """Vendor by the enterprise arc of sysObjectID, else the inventory's vendor."""
    if isinstance(sys_object_id, str):
        if sys_object_id.startswith(oids.HUAWEI_ARC):
            return "huawei"
        if sys_object_id.startswith(oids.H3C_ARC):
            return "h3c"
    return fallback or None


async def discover(session: Session) -> DeviceCache:
    """Walk ifName (ifDescr on gear without ifXTable) and, for Huawei, the entity aliases."""
    target = session.target
    system = await session.get([oids.SYS_UPTIME, oids.SYS_OBJECT_ID])
    column = oids.IF_NAME
    table = await session.walk(column)
    if not table:
        column = oids.IF_DESCR
        table = await session.walk(column)
    names = {index: str(name) for index, name in table.items()}
    if_index = match_ports([p.name for p in target.ports], names)
    vendor = vendor_of(system.get(oids.SYS_OBJECT_ID), target.vendor)
    cache = DeviceCache(
        if_index=if_index,
        names={i: names[i] for i in if_index.values()},
        name_column=column,
        vendor=vendor,
        uptime_ticks=_int(system.get(oids.SYS_UPTIME)) or 0,
    )
    if vendor == "huawei":
        cache.ent_by_if = await _entity_map(session)
    return cache


async def _entity_map(session: Session) -> dict[int, int]:
    """ifIndex -> entPhysicalIndex from entAliasMappingIdentifier (values ``ifIndex.N``)."""
    mapping: dict[int, int] = {}
    for entity, value in (await session.walk(oids.ENT_ALIAS_MAPPING)).items():
        if isinstance(value, str) and value.startswith(oids.IF_INDEX_COLUMN + "."):
            mapping[int(value.rsplit(".", 1)[1])] = entity
    return mapping


def _int(value: Value) -> int | None:
    return value if isinstance(value, int) else None
