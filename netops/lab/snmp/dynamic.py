"""Runs inside a responder: live values for snmpsim, and each request's fate (answer, late, never).

snmpsim calls ``variate`` for every record whose tag names our variation module
(``<oid>|<tag>:netopslab|<field>,<ifIndex>``); the value comes from the cached lab state
(``live.LabView``). The launcher calls ``admit`` before snmpsim reads a data file for a
request and ``take_action`` when the response is about to leave: a powered-off device,
or a request in an SNMP version the device does not speak, is never answered; a slow
device's response is sent ``slow_ms`` later. snmpsim answers synchronously inside one
event-loop callback, so one "pending action" per process is per request.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from netops.lab.snmp import live
from netops.lab.snmp.oids import VARIATION_MODULE, Field

WRAP32: Final = 2**32
WRAP64: Final = 2**64
GAUGE32_MAX: Final = WRAP32 - 1
#: The pending action meaning "send nothing".
DROP: Final = -1.0
#: securityModel values of SNMP requests (RFC 3411): 1 SNMPv1, 2 SNMPv2c, 3 USM.
V3_SECURITY_MODEL: Final = 3


@dataclass
class _Responder:
    """What this responder process serves, and the fate of the request in hand."""

    view: live.LabView | None = None
    versions: dict[str, str] = field(default_factory=dict)
    pending: float | None = None


_ME = _Responder()


def configure(db_path: Path, versions: dict[str, str]) -> live.LabView:
    """Serve the devices of ``versions`` (hostname -> 'v2c' | 'v3') from ``db_path``."""
    if _ME.view is not None:
        _ME.view.close()
    view = _ME.view = live.LabView(db_path, list(versions))
    _ME.versions = dict(versions)
    view.refresh(force=True)
    return view


# --- snmpsim variation module API (init / variate / shutdown) ----------------------------


def init(**context: Any) -> None:
    """snmpsim start-up hook: the launcher has already configured the view."""


def shutdown(**context: Any) -> None:
    """snmpsim shutdown hook: close the state database."""
    if _ME.view is not None:
        _ME.view.close()


def variate(oid: Any, tag: str, value: str, **context: Any) -> tuple[Any, str, Any]:
    """Value of one ``<field>,<ifIndex>`` record now, or the request's error status."""
    _forget_record_contexts(context)
    if context["setFlag"] or (not context["nextFlag"] and not context["exactMatch"]):
        # A SET, or a GET of an OID that is not in the data file: the agent is read-only.
        return context["origOid"], tag, context["errorStatus"]
    name, index = _parse(value)
    result = live_value(context["dataFile"], name, index, time.time())
    if result is None:
        # For GETNEXT/GETBULK the error status is endOfMib, which makes snmpsim skip to
        # the next record: an absent optic disappears from walks as on real gear.
        return oid, tag, context["errorStatus"]
    return oid, tag, result


def _forget_record_contexts(context: dict[str, Any]) -> None:
    # snmpsim keeps an empty dict per data file and OID (keyed by a pyasn1 OID object)
    # for the module's private use, about 0.6 MB per device once walked; we keep no
    # per-record state, so let it hold one at a time.
    entry = context.get("variationModules", {}).get(VARIATION_MODULE)
    if entry is not None:
        entry[2].clear()


@functools.lru_cache(maxsize=256)
def _parse(value: str) -> tuple[Field, int]:
    name, _, index = value.partition(",")
    return Field(name), int(index or 0)


# --- values -------------------------------------------------------------------------------


_COUNTERS: Final = {
    Field.IN_OCTETS: (live.IN_OCTETS, WRAP32),
    Field.OUT_OCTETS: (live.OUT_OCTETS, WRAP32),
    Field.HC_IN_OCTETS: (live.IN_OCTETS, WRAP64),
    Field.HC_OUT_OCTETS: (live.OUT_OCTETS, WRAP64),
    Field.IN_ERRORS: (live.IN_ERRORS, WRAP32),
    Field.OUT_ERRORS: (live.OUT_ERRORS, WRAP32),
    Field.IN_DISCARDS: (live.IN_DISCARDS, WRAP32),
    Field.OUT_DISCARDS: (live.OUT_DISCARDS, WRAP32),
}


def live_value(data_file: str, name: Field, index: int, now: float) -> int | bytes | None:
    """The current value of ``name`` for port ``index`` of the device in ``data_file``."""
    device = _ME.view.device(data_file) if _ME.view is not None else None
    if device is None:
        return None
    if name is Field.UPTIME:
        return _ticks(now - device.boot)
    port = device.ports.get(index)
    if port is None:
        return None
    counter = _COUNTERS.get(name)
    if counter is not None:
        slot, wrap = counter
        return int(port.counter(slot, now)) % wrap
    return _port_value(port, name, device.boot)


def _port_value(port: live.PortLive, name: Field, boot: float) -> int | bytes | None:
    if name is Field.OPER:
        return 1 if port.oper_up else 2
    if name is Field.ADMIN:
        return 1 if port.admin_up else 2
    if name is Field.HIGH_SPEED:
        return port.speed_mbps
    if name is Field.SPEED:
        return min(port.speed_mbps * 1_000_000, GAUGE32_MAX)
    if name is Field.DUPLEX:
        return port.duplex_status
    if name is Field.ALIAS:
        return port.alias
    if name is Field.LAST_CHANGE:
        return _ticks(port.last_change - boot)
    if name is Field.RX_POWER:
        return port.rx_centi_dbm
    if name is Field.TX_POWER:
        return port.tx_centi_dbm
    return None


def _ticks(seconds: float) -> int:
    """TimeTicks (1/100 s) of a duration; sysUpTime wraps after 497 days like real agents."""
    return int(max(seconds, 0.0) * 100) % WRAP32


# --- request fate -------------------------------------------------------------------------


def admit(data_file: str, security_model: int | None) -> bool:
    """Whether the device of ``data_file`` handles this request; records a drop or a delay."""
    if _ME.view is None:
        return True
    device = _ME.view.device(data_file)
    if device is None:
        return True
    v3 = _ME.versions.get(device.hostname) == "v3"
    if not device.powered or (security_model == V3_SECURITY_MODEL) != v3:
        _ME.pending = DROP
        return False
    if device.slow_ms > 0 and _ME.pending != DROP:
        _ME.pending = max(_ME.pending or 0.0, device.slow_ms / 1000)
    return True


def begin_request() -> None:
    """A datagram arrives: forget the last request's fate and look at the state once."""
    _ME.pending = None
    if _ME.view is not None:
        # Once per request, not per varbind: a committed change shows in the next request.
        _ME.view.refresh()


def reset_action() -> None:
    """Forget the pending action."""
    _ME.pending = None


def take_action() -> float | None:
    """The action for the response being sent: None now, ``DROP``, or a delay in seconds."""
    action, _ME.pending = _ME.pending, None
    return action
