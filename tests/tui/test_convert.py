"""tui.convert: netops' audits and outages into the TUI's view models (no I/O, no app)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from netops.compliance.diff import diff
from netops.compliance.models import Audit, Bucket, Finding, RoomResult, SchoolResult
from netops.compliance.settings import ComplianceThresholds
from netops.outages.models import BlastRadius, Outage, OutageKind
from tui.convert import (
    compliance_data,
    outage_row,
    port_rows,
    school_states,
    schools_up,
    touches,
    uplinks,
)
from tui.models import (
    COMPLIANT,
    NON_COMPLIANT,
    NOT_MONITORED,
    Directory,
    SchoolInfo,
    TerminalInfo,
)

T0 = datetime(2020, 3, 1, 22, 30, tzinfo=UTC)
FAIL = Finding(code="uplink_speed", subject="s1", message="uplink negotiated 100 Mb/s")
NO_DATA = Finding(
    code="no_data", subject="s3", message="no fresh poll data", bucket=Bucket.NOT_MONITORED
)
WARN = Finding(code="optics_degrading", subject="s2", message="rx -24.1 dBm, falling")


def room(room_id: str, bucket: Bucket, *findings: Finding) -> RoomResult:
    return RoomResult(
        room=room_id,
        name=f"Room {room_id}",
        terminal=f"t-{room_id}",
        device="acc-1",
        port=f"Gi0/{room_id}",
        bucket=bucket,
        findings=list(findings),
    )


def school(
    sid: str,
    bucket: Bucket,
    *findings: Finding,
    rooms: tuple[RoomResult, ...] = (),
    **uplink: object,
) -> SchoolResult:
    return SchoolResult(
        school=sid,
        county="xingyi",
        school_type="primary",
        name=f"School {sid}",
        students=300,
        classrooms=6,
        bucket=bucket,
        uplink_bucket=bucket,
        findings=list(findings),
        rooms=list(rooms),
        **uplink,
    )


def audit(audit_id: int | None, hours: int, *schools: SchoolResult) -> Audit:
    return Audit(
        id=audit_id,
        time=T0 + timedelta(hours=hours),
        scope="all",
        thresholds=ComplianceThresholds(),
        schools=list(schools),
    )


def directory() -> Directory:
    infos = {
        sid: SchoolInfo(
            sid,
            f"School {sid}",
            "xingyi",
            "primary",
            300,
            2,
            uplink_device=f"sw-{sid}",
            uplink_port="Gi0/1",
            terminals=(
                TerminalInfo("1", "Room 1", f"t-{sid}-1", f"acc-{sid}", "Gi0/1"),
                TerminalInfo("2", "Room 2", f"t-{sid}-2", f"acc-{sid}", "Gi0/2"),
            ),
        )
        for sid in ("s1", "s2", "s3")
    }
    return Directory({"xingyi": "Xingyi"}, infos, {})


OLDER = audit(
    1,
    0,
    school("s1", Bucket.COMPLIANT, rooms=(room("1", Bucket.COMPLIANT),)),
    school("s2", Bucket.NON_COMPLIANT, FAIL),
    school("s3", Bucket.NOT_MONITORED, NO_DATA),
    school("gone", Bucket.COMPLIANT),
)
NEWER = audit(
    2,
    24,
    school(
        "s1",
        Bucket.NON_COMPLIANT,
        FAIL,
        rooms=(room("1", Bucket.NON_COMPLIANT, FAIL), room("2", Bucket.COMPLIANT)),
    ),
    school(
        "s2",
        Bucket.COMPLIANT,
        warnings=[WARN],
        p95_bps=870e6,
        contracted_mbps=1000,
        uplink_rx_dbm=-24.1,
    ),
    school("s3", Bucket.NOT_MONITORED, NO_DATA, p95_bps=100e6, contracted_mbps=1000),
)


def test_no_audit_is_empty_compliance() -> None:
    data = compliance_data(None, None)
    assert data.audit_time is None and not data.rows and not data.changes


def test_failing_schools_and_rooms_with_their_reasons() -> None:
    data = compliance_data(NEWER, None)
    assert data.audit_id == "2" and data.previous_time is None
    assert [(r.key, r.bucket) for r in data.rows] == [
        ("s1", NON_COMPLIANT),
        ("s1/1", NON_COMPLIANT),
        ("s3", NOT_MONITORED),
    ]
    assert data.rows[0].reasons == ("uplink negotiated 100 Mb/s",)
    assert all(r.change == "" for r in data.rows)  # nothing to compare with
    assert not data.changes


def test_changes_are_those_of_audit_diff() -> None:
    data = compliance_data(NEWER, OLDER)
    expected = diff(OLDER, NEWER)
    assert {(c.school, c.room, c.before, c.after) for c in data.changes} == {
        (c.school, c.room, str(c.old) if c.old else None, str(c.new) if c.new else None)
        for c in [*expected.schools, *expected.rooms]
    }
    # In the newer audit's order, a school before its rooms; a school gone comes last.
    assert [(c.school, c.room) for c in data.changes] == [
        ("s1", None),
        ("s1", "1"),
        ("s1", "2"),
        ("s2", None),
        ("gone", None),
    ]
    by_key = {(c.school, c.room): c for c in data.changes}
    assert by_key["s1", None].reason == "uplink negotiated 100 Mb/s"
    assert by_key["s2", None].reason == "fixed"  # a warning is no failure
    assert by_key["gone", None].after is None  # shown as "(absent)"
    assert by_key["s1", "2"].before is None


def test_change_column_says_new_or_what_it_was() -> None:
    rows = {r.key: r for r in compliance_data(NEWER, OLDER).rows}
    assert rows["s1"].change == "new"  # was compliant
    assert rows["s1/1"].change == "new"
    assert rows["s3"].change == ""  # not monitored both times
    worse = audit(3, 48, school("s2", Bucket.NOT_MONITORED, NO_DATA))
    rows = {r.key: r for r in compliance_data(worse, OLDER).rows}
    assert rows["s2"].change == "was non-compliant"


def test_school_states_absent_from_the_audit_are_not_monitored() -> None:
    states = school_states(directory(), NEWER, {"s1": True, "s2": False})
    assert [(st.school, st.bucket, st.up) for st in states] == [
        ("s1", NON_COMPLIANT, True),
        ("s2", COMPLIANT, False),
        ("s3", NOT_MONITORED, None),
    ]
    assert {st.bucket for st in school_states(directory(), None, {})} == {NOT_MONITORED}


def test_nothing_observed_says_nothing_of_up_or_ports() -> None:
    assert schools_up(directory(), None) == {"s1": None, "s2": None, "s3": None}
    ports = port_rows(directory(), "s1", None, NEWER.school("s1"))
    assert [(p.room, p.oper_up, p.speed_mbps, p.bucket) for p in ports] == [
        ("1", None, None, NON_COMPLIANT),
        ("2", None, None, COMPLIANT),
    ]
    assert {p.bucket for p in port_rows(directory(), "s2", None, None)} == {NOT_MONITORED}


def test_busiest_and_degrading_uplinks() -> None:
    busiest, degrading = uplinks(NEWER)
    assert [(u.school, round(u.value, 2)) for u in busiest] == [("s2", 0.87), ("s3", 0.1)]
    assert "p95 870 of 1000 Mb/s (87%)" in busiest[0].detail
    assert [(u.school, u.detail, u.value) for u in degrading] == [
        ("s2", "rx -24.1 dBm, falling", -24.1)
    ]
    assert uplinks(None) == ((), ())


def test_outage_row_counts_its_blast_radius() -> None:
    outage = Outage(
        id=7,
        kind=OutageKind.DEVICE_DOWN,
        root="agg-xingyi-1",
        county="xingyi",
        started=T0,
        teaching_hours=True,
        blast=BlastRadius(schools=["s1", "s2"], classrooms=12, students=640),
    )
    row = outage_row(outage)
    assert (row.id, row.kind, row.schools, row.classrooms, row.students) == (
        "7",
        "device_down",
        2,
        12,
        640,
    )
    assert row.is_open and row.teaching_hours and row.school is None
    assert touches(outage, "s2") and not touches(outage, "s3")
    assert touches(row, "s1") is False  # a row knows only its own school
