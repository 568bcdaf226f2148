"""Reversible faults on the lab's devices and ports, seen by SNMP and SSH within a second.

A target is a port (``HOST:PORT``), a device (hostname), a school (id) or a county
(id). Ports expand by kind: a school means its uplink, a county the uplinks of
its aggregation switches to the core, a device every lit port. Device faults
(down, slow, counter reset) take the school's or county's switches. Every change
records the old values, so ``clear`` puts back exactly what the fault changed and
nothing an engineer configured through the CLI meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from netops.inventory.inventory import Inventory
from netops.lab.state import LabState

Port = tuple[str, str]


class FaultKind(StrEnum):
    """The faults the lab can inject."""

    LINK_DOWN = "link-down"
    DEVICE_DOWN = "device-down"
    SPEED = "speed"
    DUPLEX = "duplex"
    OPTICS = "optics"
    COUNTER_RESET = "counter-reset"
    SLOW = "slow"
    LOAD = "load"
    INFLUX_DOWN = "influx-down"


#: Default value of faults that take one.
DEFAULT_VALUE: dict[FaultKind, str] = {
    FaultKind.SPEED: "100",
    FaultKind.DUPLEX: "half",
    FaultKind.OPTICS: "-28.5",
    FaultKind.SLOW: "3000",
    FaultKind.LOAD: "95",
}
PORT_FAULTS = {
    FaultKind.LINK_DOWN,
    FaultKind.SPEED,
    FaultKind.DUPLEX,
    FaultKind.OPTICS,
    FaultKind.LOAD,
}


class FaultError(ValueError):
    """A fault cannot be applied (unknown target, bad value)."""


@dataclass(frozen=True)
class Targets:
    """What a target names, expanded to devices and ports."""

    devices: list[str]
    ports: list[Port]


def peers(inventory: Inventory) -> dict[Port, Port]:
    """Both ends of every link, each mapped to the other."""
    ends: dict[Port, Port] = {}
    for link in inventory.links():
        a, b = (link.a.device, link.a.port), (link.b.device, link.b.port)
        ends[a], ends[b] = b, a
    return ends


def resolve(inventory: Inventory, state: LabState, target: str) -> Targets:
    """Expand ``target`` to the devices and ports a fault acts on.

    Raises:
        FaultError: the target is not in the lab.
    """
    in_lab = {d.hostname: d for d in state.devices()}
    if ":" in target:
        host, port = target.split(":", 1)
        try:
            state.port(host, port)
        except KeyError as exc:
            raise FaultError(str(exc.args[0])) from None
        return Targets([host], [(host, port)])
    if target in in_lab:
        lit = [(p.hostname, p.name) for p in state.ports(target) if p.link_up]
        return Targets([target], lit)
    if target in inventory.schools:
        school = inventory.schools[target]
        devices = [d.hostname for d in school.devices if d.hostname in in_lab]
        if not devices:
            raise FaultError(f"school {target} is not in the lab's scope")
        return Targets(devices, [(school.uplink.a.device, school.uplink.a.port)])
    if target in inventory.counties:
        county = inventory.counties[target]
        devices = [d.hostname for d in county.aggregation if d.hostname in in_lab]
        if not devices:
            raise FaultError(f"county {target} is not in the lab's scope")
        return Targets(devices, [(link.a.device, link.a.port) for link in county.uplinks])
    raise FaultError(
        f"no port, device, school or county {target!r} in the lab (a port is HOST:PORT)"
    )


def _with_peers(ports: Iterable[Port], ends: dict[Port, Port]) -> list[Port]:
    out: list[Port] = []
    for port in ports:
        for end in (port, ends.get(port)):
            if end is not None and end not in out:
                out.append(end)
    return out


def _port_changes(kind: FaultKind, value: str) -> dict[str, Any]:
    if kind is FaultKind.LINK_DOWN:
        return {"link_up": False}
    if kind is FaultKind.DUPLEX:
        if value not in ("half", "full"):
            raise FaultError(f"duplex is half or full, got {value!r}")
        return {"duplex": value}
    try:
        number = float(value)
    except ValueError:
        raise FaultError(f"{kind} needs a number, got {value!r}") from None
    if kind is FaultKind.SPEED:
        if not number.is_integer() or number <= 0:
            raise FaultError(f"speed is a whole number of Mb/s, got {value!r}")
        return {"speed_mbps": int(number)}
    if kind is FaultKind.OPTICS:
        return {"rx_dbm": number}
    if not 0 <= number <= 100:
        raise FaultError(f"load is a share of the link's speed, 0-100 (%), got {value!r}")
    return {"load_pct": number}


def inject(
    inventory: Inventory,
    state: LabState,
    kind: FaultKind,
    target: str,
    value: str | None = None,
    now: float | None = None,
) -> int:
    """Apply a fault; returns its id. ``influx-down`` is the lab's to apply, not this."""
    value = value if value is not None else DEFAULT_VALUE.get(kind, "")
    targets = resolve(inventory, state, target)
    undo: list[dict[str, Any]] = []
    if kind in PORT_FAULTS:
        changes = _port_changes(kind, value)
        ports = targets.ports
        if kind is not FaultKind.OPTICS:  # a cable or a setting has two ends
            ports = _with_peers(ports, peers(inventory))
        in_lab = {d.hostname for d in state.devices()}
        for host, name in ports:
            if host not in in_lab:
                continue
            old = state.port(host, name).model_dump(include=set(changes))
            state.update_port(host, name, **changes)
            undo.append({"port": [host, name], "values": old})
    elif kind in (FaultKind.DEVICE_DOWN, FaultKind.SLOW):
        changes = {"powered": False} if kind is FaultKind.DEVICE_DOWN else {"slow_ms": int(value)}
        for host in targets.devices:
            old = state.device(host).model_dump(include=set(changes))
            state.update_device(host, **changes)
            undo.append({"device": host, "values": old})
    elif kind is FaultKind.COUNTER_RESET:
        for host in targets.devices:  # a reboot cannot be undone; it is only recorded
            state.reboot(host, now)
    else:
        raise FaultError(f"{kind} is applied by the lab itself")
    return state.record_fault(kind.value, target, value, json.dumps(undo))


def clear(state: LabState) -> int:
    """Undo every recorded fault, newest first; returns how many were cleared."""
    faults = state.faults()
    for fault in reversed(faults):
        for step in reversed(json.loads(fault["undo"])):
            if "port" in step:
                state.update_port(*step["port"], **step["values"])
            else:
                state.update_device(step["device"], **step["values"])
        state.forget_fault(int(fault["id"]))
    return len(faults)
