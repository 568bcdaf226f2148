"""The rules: a school uplink (up, >= 1000 Mb/s, fiber, optics in range) and a room
(its terminals' access ports up, >= 100 Mb/s, full duplex), each reason in words an
engineer acts on. Judged only on fresh observations; missing data is "not monitored".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from netops.compliance.models import Bucket, Finding, RoomResult, verdict
from netops.compliance.settings import ComplianceThresholds
from netops.inventory.models import Room, SchoolFile, Terminal
from netops.observe.models import PortObservation, Snapshot

NM = Bucket.NOT_MONITORED


def ago(seconds: float) -> str:
    """A short age: '45 s', '12 min', '3 h', '2 d'."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 172_800:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86_400:.0f} d"


def no_data(code: str, device: str, port: str, snapshot: Snapshot, what: str) -> Finding:
    """A "not monitored" finding that says what the store last knew and what to check."""
    subject = f"{device} {port}"
    last = snapshot.port(device, port)
    seen = (
        f"last data {ago((snapshot.taken_at - last.time).total_seconds())} ago"
        if last is not None
        else "no data in the store"
    )
    poll = snapshot.devices.get(device)
    if poll is not None and poll.fresh and not poll.reachable:
        hint = f"{device} did not answer its last poll ({poll.reason or 'no reason given'})"
        hint += ": check its management path and SNMP credentials"
    elif poll is not None and poll.fresh:
        hint = f"{device} answers but did not report {port}: check the port name in the inventory"
    else:
        hint = f"check that the poller runs and reaches {device}"
    message = (
        f"no fresh data for {what} {subject} ({seen}; fresh means under "
        f"{ago(snapshot.max_age_s)}): {hint}"
    )
    return Finding(code=code, subject=subject, message=message, bucket=NM)


@dataclass
class UplinkCheck:
    """The uplink's verdict, its reasons and what it was judged on."""

    bucket: Bucket
    findings: list[Finding] = field(default_factory=list)
    seen: PortObservation | None = None
    rx_dbm: float | None = None


def _state(seen: PortObservation, where: str, t: ComplianceThresholds) -> list[Finding]:
    subject = f"{seen.device} {seen.port}"
    if seen.admin_up is False:
        msg = f"uplink {where} is shut down (admin down): enable the port if that is not intended"
        return [Finding(code="uplink_admin_down", subject=subject, message=msg)]
    if seen.oper_up is False:
        msg = (
            f"uplink {where} is down: check the fiber, the patch cords and the modules at both"
            " ends, and that the aggregation port is enabled"
        )
        return [Finding(code="uplink_down", subject=subject, message=msg)]
    if seen.oper_up is None:
        msg = f"uplink {where} reported no link state: check the collector's reading of it"
        return [Finding(code="uplink_state_unknown", subject=subject, message=msg, bucket=NM)]
    if seen.speed_mbps is None:
        msg = f"uplink {where} is up but reported no speed: check the collector's reading of it"
        return [Finding(code="uplink_speed_unknown", subject=subject, message=msg, bucket=NM)]
    if seen.speed_mbps < t.uplink_min_mbps:
        msg = (
            f"uplink {where} negotiated {seen.speed_mbps} Mb/s, needs >= {t.uplink_min_mbps}"
            " Mb/s: check the module and the aggregation port's speed setting"
        )
        return [Finding(code="uplink_speed", subject=subject, message=msg)]
    return []


def _power(seen: PortObservation, t: ComplianceThresholds) -> list[Finding]:
    subject = f"{seen.device} {seen.port}"
    out: list[Finding] = []
    rx, tx = seen.rx_dbm, seen.tx_dbm
    if rx is not None and rx < t.rx_floor_dbm:
        msg = (
            f"{subject} receives {rx:.1f} dBm, below the module's floor {t.rx_floor_dbm:.1f} dBm:"
            " clean the connectors, check patch cords and the fiber run for bends or breaks,"
            " then the far end's transmitter"
        )
        out.append(Finding(code="uplink_rx_low", subject=subject, message=msg))
    if rx is not None and rx > t.rx_ceiling_dbm:
        msg = (
            f"{subject} receives {rx:.1f} dBm, above the module's ceiling"
            f" {t.rx_ceiling_dbm:.1f} dBm (receiver overload): add an attenuator or fit a"
            " shorter-reach module at the far end"
        )
        out.append(Finding(code="uplink_rx_high", subject=subject, message=msg))
    if tx is not None and tx < t.tx_floor_dbm:
        msg = (
            f"{subject} transmits {tx:.1f} dBm, below the module's floor {t.tx_floor_dbm:.1f}"
            " dBm: the module is failing, replace it"
        )
        out.append(Finding(code="uplink_tx_low", subject=subject, message=msg))
    if tx is not None and tx > t.tx_ceiling_dbm:
        msg = (
            f"{subject} transmits {tx:.1f} dBm, above {t.tx_ceiling_dbm:.1f} dBm: check the"
            " module type against the link's length"
        )
        out.append(Finding(code="uplink_tx_high", subject=subject, message=msg))
    return out


def _optics(
    ends: list[PortObservation], school: SchoolFile, t: ComplianceThresholds
) -> list[Finding]:
    reporting = [e for e in ends if e.rx_dbm is not None or e.tx_dbm is not None]
    if reporting:
        return [finding for end in reporting for finding in _power(end, t)]
    if not t.require_optics:
        return []
    link = school.uplink
    msg = (
        "neither end of the fiber uplink reports optical power: check that the modules"
        " support digital diagnostics (DDM) and that the collector reads them"
    )
    subject = f"{link.a.device} {link.a.port}"
    return [Finding(code="uplink_optics_unknown", subject=subject, message=msg, bucket=NM)]


def check_uplink(school: SchoolFile, snapshot: Snapshot, t: ComplianceThresholds) -> UplinkCheck:
    """Gigabit to school: the uplink is up, >= the floor, on the right medium, optics in range.

    The school's end is judged first; when the school switch gave no fresh data (an
    uplink that is down often takes the management path with it), the aggregation end.
    """
    link = school.uplink
    findings: list[Finding] = []
    if link.medium.value != t.uplink_medium:
        msg = (
            f"uplink to {link.b.device} {link.b.port} runs on {link.medium.value} per the"
            f" inventory, needs {t.uplink_medium}: plan the {t.uplink_medium} run, or correct"
            " the inventory if it is already laid"
        )
        subject = f"{link.a.device} {link.a.port}"
        findings.append(Finding(code="uplink_medium", subject=subject, message=msg))
    near = snapshot.fresh_port(link.a.device, link.a.port)
    far = snapshot.fresh_port(link.b.device, link.b.port)
    seen = near or far
    if seen is None:
        findings.append(
            no_data("uplink_not_monitored", link.a.device, link.a.port, snapshot, "uplink")
        )
        return UplinkCheck(verdict(findings), findings)
    where = f"{seen.port} on {seen.device}"
    if near is None:
        where += f" (the aggregation end: {link.a.device} gave no fresh data)"
    findings += _state(seen, where, t)
    if link.medium.value == "fiber":
        findings += _optics([e for e in (near, far) if e is not None], school, t)
    rx = next((e.rx_dbm for e in (near, far) if e is not None and e.rx_dbm is not None), None)
    return UplinkCheck(verdict(findings), findings, seen, rx)


def _access(terminal: Terminal, snapshot: Snapshot, t: ComplianceThresholds) -> list[Finding]:
    seen = snapshot.fresh_port(terminal.switch, terminal.port)
    if seen is None:
        what = f"terminal {terminal.hostname} on"
        return [no_data("access_not_monitored", terminal.switch, terminal.port, snapshot, what)]
    subject = f"{seen.device} {seen.port}"
    where = f"terminal {terminal.hostname}'s port {seen.port} on {seen.device}"
    if seen.admin_up is False:
        msg = f"{where} is shut down (admin down): enable it if that is not intended"
        return [Finding(code="access_admin_down", subject=subject, message=msg)]
    if seen.oper_up is False:
        msg = f"{where} is down: check the terminal is powered on and its cable and patch"
        return [Finding(code="access_down", subject=subject, message=msg)]
    if seen.oper_up is None or seen.speed_mbps is None:
        msg = f"{where} reported no link state or speed: check the collector's reading of it"
        return [Finding(code="access_unknown", subject=subject, message=msg, bucket=NM)]
    out: list[Finding] = []
    if seen.speed_mbps < t.access_min_mbps:
        msg = (
            f"{where} runs at {seen.speed_mbps} Mb/s, needs >= {t.access_min_mbps} Mb/s:"
            " check the cable (Cat5e, all four pairs) and the port and NIC speed settings"
        )
        out.append(Finding(code="access_speed", subject=subject, message=msg))
    if t.access_full_duplex and seen.duplex == "half":
        msg = (
            f"{where} runs half duplex, needs full: set the port and the terminal's NIC both"
            " to auto-negotiation (a duplex mismatch)"
        )
        out.append(Finding(code="access_duplex", subject=subject, message=msg))
    elif t.access_full_duplex and seen.duplex != "full":
        msg = f"{where} reported duplex {seen.duplex or 'nothing'}: check the collector's reading"
        out.append(Finding(code="access_duplex_unknown", subject=subject, message=msg, bucket=NM))
    return out


def check_room(
    school: SchoolFile, room: Room, snapshot: Snapshot, t: ComplianceThresholds
) -> RoomResult:
    """100M to desktop: every terminal of the room on a port up, fast enough, full duplex."""
    names = [terminal.hostname for terminal in room.terminals]
    if not room.terminals:
        msg = (
            f"room {room.name} has no networked terminal in the inventory: install one and add"
            f" it to {school.id}'s file"
        )
        finding = Finding(code="no_terminal", subject=f"{school.id} {room.id}", message=msg)
        return RoomResult(
            room=room.id,
            name=room.name,
            terminal=None,
            device=None,
            port=None,
            bucket=Bucket.NON_COMPLIANT,
            findings=[finding],
        )
    per_terminal = [(terminal, _access(terminal, snapshot, t)) for terminal in room.terminals]
    findings = [finding for _, found in per_terminal for finding in found]
    bucket = verdict(findings)
    shown = next(
        (term for term, found in per_terminal if verdict(found) is bucket), room.terminals[0]
    )
    seen = snapshot.fresh_port(shown.switch, shown.port)
    linked = seen is not None and seen.oper_up is True  # a down port's speed is not negotiated
    return RoomResult(
        room=room.id,
        name=room.name,
        terminal=shown.hostname,
        device=shown.switch,
        port=shown.port,
        bucket=bucket,
        findings=findings,
        terminals=names,
        speed_mbps=seen.speed_mbps if seen is not None and linked else None,
        duplex=seen.duplex if seen is not None and linked else None,
    )
