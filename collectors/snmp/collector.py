"""The SNMP collector: every target's monitored ports, many devices at once, bounded."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Literal

from collectors.snmp import oids
from collectors.snmp.auto import Client, make_transport
from collectors.snmp.base import SnmpError, SnmpTransport, Value
from collectors.snmp.discovery import DeviceCache, Session, discover
from collectors.snmp.optics import HuaweiUnit, centi_dbm, huawei_dbm, huawei_unit
from netops.clock import Clock, SystemClock
from netops.monitoring.results import DevicePoll, PortReading, PortRole
from netops.monitoring.targets import PollTarget, TargetPort

log = logging.getLogger(__name__)

#: Roles whose ports are fiber in this network (uplinks and beyond); access ports serving
#: classroom terminals are copper, so their optics are not asked (two varbinds a port saved).
OPTICS_ROLES = frozenset({PortRole.UPLINK, PortRole.AGGREGATION, PortRole.CORE, PortRole.TRUNK})
DUPLEX: dict[Value, Literal["full", "half", "unknown"]] = {1: "unknown", 2: "half", 3: "full"}
Values = dict[str, Value]
HW_OPTICS = (oids.HW_OPTICAL_RX + ".", oids.HW_OPTICAL_TX + ".")


class SnmpCollector:
    """Polls devices over SNMP v2c/v3: status, speed, duplex, counters and optics per port."""

    name = "snmp"

    def __init__(
        self,
        clock: Clock | None = None,
        *,
        concurrency: int = 64,
        timeout_s: float = 1.0,
        retries: int = 1,
        device_budget_s: float | None = None,
        max_varbinds: int = 60,
        transport: SnmpTransport | None = None,
        client: Client = "auto",
        optics_roles: frozenset[PortRole] = OPTICS_ROLES,
        huawei_optics_unit: HuaweiUnit = "auto",
    ) -> None:
        self.clock = clock or SystemClock()
        self.concurrency = concurrency
        # A dead device fails on its first request (timeout x tries); a slow or big one gets
        # a few requests' worth before it is given up.
        self.budget_s = device_budget_s or timeout_s * (retries + 1) * 5
        self.max_varbinds = max_varbinds
        # Everything on the hand-written codec; client="v3-pysnmp" or "pysnmp" opts into pysnmp.
        self.transport = transport or make_transport(client, timeout_s, retries)
        self.optics_roles = optics_roles
        self.huawei_optics_unit = huawei_optics_unit
        self._caches: dict[str, DeviceCache] = {}

    async def poll(self, targets: Sequence[PollTarget]) -> list[DevicePoll]:
        """Poll every target once, at most ``concurrency`` at a time; results in target order."""
        semaphore = asyncio.Semaphore(self.concurrency)

        async def one(target: PollTarget) -> DevicePoll:
            async with semaphore:
                return await self.poll_device(target)

        return list(await asyncio.gather(*(one(t) for t in targets)))

    def close(self) -> None:
        """Release the transport's sockets (from the loop that polled)."""
        close = getattr(self.transport, "close", None)
        if close is not None:
            close()

    async def poll_device(self, target: PollTarget) -> DevicePoll:
        """One device; any expected failure becomes ``ok=False`` with a reason."""
        started, t0 = self.clock.now(), time.monotonic()
        session = Session(self.transport, target, self.max_varbinds)
        common = {
            "device": target.device,
            "collector": self.name,
            "time": started,
            "county": target.county,
            "school": target.school,
        }
        try:
            async with asyncio.timeout(self.budget_s):
                uptime_s, ports = await self._read(session)
        except SnmpError as exc:
            reason = str(exc)
        except TimeoutError:
            reason = f"timeout after {self.budget_s:g} s (device budget)"
        else:
            return DevicePoll(
                **common,
                ok=True,
                duration_s=time.monotonic() - t0,
                uptime_s=uptime_s,
                varbinds=session.varbinds,
                ports=ports,
            )
        log.info("%s: %s", target.device, reason)
        return DevicePoll(
            **common,
            ok=False,
            reason=reason,
            duration_s=time.monotonic() - t0,
            varbinds=session.varbinds,
        )

    async def _read(self, session: Session) -> tuple[float, list[PortReading]]:
        target = session.target
        cache = self._caches.get(target.device)
        fresh = cache is None
        if cache is None:
            cache = await discover(session)
        while True:
            values = await session.get(self._oids(target, cache))
            uptime = values.get(oids.SYS_UPTIME)
            if not isinstance(uptime, int):
                raise SnmpError("no sysUpTime in the response")
            # A reboot or a renumbering invalidates the ifIndexes: find them again, once.
            if fresh or not (uptime < cache.uptime_ticks or _renumbered(cache, values)):
                break
            log.info("%s: device changed, finding its ifIndexes again", target.device)
            cache, fresh = await discover(session), True
        cache.uptime_ticks = uptime
        self._caches[target.device] = cache
        values.update(await self._legacy(session, cache, values))
        return uptime / 100, self._readings(target.ports, cache, values)

    def _oids(self, target: PollTarget, cache: DeviceCache) -> list[str]:
        wanted = [oids.SYS_UPTIME]
        for port in target.ports:
            index = cache.if_index.get(port.name)
            if index is None:
                continue
            columns: tuple[str, ...] = (cache.name_column, *oids.PORT_COLUMNS)
            if index in cache.legacy:
                columns += oids.LEGACY_COLUMNS
            wanted += [f"{column}.{index}" for column in columns]
            wanted += self._optics_oids(port, index, cache)
        return wanted

    def _optics_oids(self, port: TargetPort, index: int, cache: DeviceCache) -> list[str]:
        if port.role not in self.optics_roles:
            return []
        if cache.vendor == "h3c":
            return [f"{oids.H3C_TRANSCEIVER_RX}.{index}", f"{oids.H3C_TRANSCEIVER_TX}.{index}"]
        entity = cache.ent_by_if.get(index)
        if cache.vendor == "huawei" and entity is not None:
            return [f"{oids.HW_OPTICAL_RX}.{entity}", f"{oids.HW_OPTICAL_TX}.{entity}"]
        return []

    async def _legacy(self, session: Session, cache: DeviceCache, values: Values) -> Values:
        """Ask the 32-bit counters and ifSpeed of ports that just turned out to lack HC ones.

        Also for ports that have HC counters but no ifHighSpeed: without the fallback
        their speed would stay unknown for good.
        """
        missing = [
            index
            for index in cache.if_index.values()
            if index not in cache.legacy
            and (
                _absent(values, oids.IF_HC_IN_OCTETS, index)
                or _absent(values, oids.IF_HIGH_SPEED, index)
            )
        ]
        if not missing:
            return {}
        cache.legacy.update(missing)
        return await session.get(
            [f"{column}.{index}" for index in missing for column in oids.LEGACY_COLUMNS]
        )

    def _readings(
        self, ports: Sequence[TargetPort], cache: DeviceCache, values: Values
    ) -> list[PortReading]:
        unit = huawei_unit(
            (v for k, v in values.items() if k.startswith(HW_OPTICS)),
            self.huawei_optics_unit,
        )
        readings = []
        for port in ports:
            index = cache.if_index.get(port.name)
            if index is None:
                readings.append(PortReading(port=port.name, role=port.role))
                continue
            readings.append(_reading(port, index, cache, values, unit))
        return readings


def _absent(values: Values, column: str, index: int) -> bool:
    """True when the agent was asked ``column.index`` and said noSuchObject/noSuchInstance."""
    key = f"{column}.{index}"
    return key in values and values[key] is None


def _renumbered(cache: DeviceCache, values: Values) -> bool:
    """True when a cached ifIndex now names another interface (or none)."""
    return any(
        values.get(f"{cache.name_column}.{index}") != name for index, name in cache.names.items()
    )


def _reading(
    port: TargetPort, index: int, cache: DeviceCache, values: Values, unit: HuaweiUnit
) -> PortReading:
    def get(column: str) -> int | None:
        value = values.get(f"{column}.{index}")
        return value if isinstance(value, int) else None

    bits: Literal[32, 64] = 64
    in_octets, out_octets = get(oids.IF_HC_IN_OCTETS), get(oids.IF_HC_OUT_OCTETS)
    if in_octets is None and index in cache.legacy:
        in_octets, out_octets, bits = get(oids.IF_IN_OCTETS), get(oids.IF_OUT_OCTETS), 32
    speed = get(oids.IF_HIGH_SPEED)
    if_speed = get(oids.IF_SPEED)
    # A saturated ifSpeed (RFC 2863: 4294967295 for ports faster than 4.29 Gb/s) says
    # only "fast": better unknown than a 10G port reported at 4294 Mb/s.
    if speed is None and if_speed is not None and if_speed != oids.IF_SPEED_SATURATED:
        speed = if_speed // 1_000_000
    admin, oper = get(oids.IF_ADMIN_STATUS), get(oids.IF_OPER_STATUS)
    rx, tx = _optics(index, cache, values, unit)
    return PortReading(
        port=port.name,
        role=port.role,
        if_index=index,
        admin_up=None if admin is None else admin == 1,
        oper_up=None if oper is None else oper == 1,
        speed_mbps=speed,
        duplex=DUPLEX.get(get(oids.DOT3_DUPLEX)),
        in_octets=in_octets,
        out_octets=out_octets,
        counter_bits=bits,
        in_errors=get(oids.IF_IN_ERRORS),
        out_errors=get(oids.IF_OUT_ERRORS),
        in_discards=get(oids.IF_IN_DISCARDS),
        out_discards=get(oids.IF_OUT_DISCARDS),
        rx_dbm=rx,
        tx_dbm=tx,
    )


def _optics(
    index: int, cache: DeviceCache, values: Values, unit: HuaweiUnit
) -> tuple[float | None, float | None]:
    if cache.vendor == "h3c":
        return (
            centi_dbm(values.get(f"{oids.H3C_TRANSCEIVER_RX}.{index}")),
            centi_dbm(values.get(f"{oids.H3C_TRANSCEIVER_TX}.{index}")),
        )
    entity = cache.ent_by_if.get(index)
    if cache.vendor == "huawei" and entity is not None:
        return (
            huawei_dbm(values.get(f"{oids.HW_OPTICAL_RX}.{entity}"), unit),
            huawei_dbm(values.get(f"{oids.HW_OPTICAL_TX}.{entity}"), unit),
        )
    return None, None
