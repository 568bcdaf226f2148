"""The outage tracker: missed polls, links, dependencies, flap damping, restarts."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from netops.clock import FixedClock
from netops.monitoring.results import CycleSummary, DevicePoll
from netops.outages.detector import OutageTracker
from netops.outages.models import Outage, OutageKind
from netops.outages.store import OutageRepository
from netops.outages.topology import Topology
from netops.state.db import StateDB, open_state
from tests.unit.outages.conftest import SETTINGS, Poll

UPLINK = "xy-0001-core01:TenGigabitEthernet 0/25"  # the school end of xy-0001's uplink
AGG_PORT = "XGigabitEthernet0/0/1"  # xy-agg01's end of it


def cycle(tracker: OutageTracker, clock: FixedClock, polls: Sequence[DevicePoll]) -> list[Outage]:
    """One poll cycle at the clock's time, then a minute passes."""
    opened = tracker.update(polls, clock.now())
    clock.advance(60)
    return opened


def test_a_device_is_down_after_n_missed_polls_and_back_when_it_answers(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    first_miss = clock.now()
    assert cycle(tracker, clock, [poll("xy-agg01", ok=False)]) == []
    [outage] = cycle(tracker, clock, [poll("xy-agg01", ok=False)])
    assert outage.kind is OutageKind.DEVICE_DOWN and outage.root == "xy-agg01"
    assert outage.started == first_miss and outage.ended is None
    assert (outage.county, outage.school) == ("xingyi", None)
    assert len(outage.blast.schools) == 48 and outage.blast.students == 79990
    assert outage.teaching_hours
    assert outage.reason.startswith(
        "aggregation switch xy-agg01 unreachable for 2 polls (no answer within 1 s (2 tries)):"
        " 48 schools behind it (731 rooms, 79,990 students)"
    )
    back = clock.now()
    assert cycle(tracker, clock, [poll("xy-agg01")]) == []
    stored = tracker.repository.get(outage.id or 0)
    assert stored is not None and stored.ended == back
    assert stored.duration(back + timedelta(hours=1)) == 120.0


def test_one_answer_resets_the_count(tracker: OutageTracker, clock: FixedClock, poll: Poll) -> None:
    for ok in (False, True, False, True, False):
        assert cycle(tracker, clock, [poll("xy-0001-core01", ok=ok)]) == []


def test_state_survives_a_restart(
    tmp_path: Path, topology: Topology, clock: FixedClock, poll: Poll
) -> None:
    path = tmp_path / "state.sqlite"
    for _ in range(2):  # two separate `netops poll once` runs
        db = open_state(path)
        opened = cycle(tracker_on(db, topology), clock, [poll("xy-0002-core01", ok=False)])
        db.close()
    assert [o.root for o in opened] == ["xy-0002-core01"]


def tracker_on(db: StateDB, topology: Topology) -> OutageTracker:
    return OutageTracker(OutageRepository(db), topology, SETTINGS)


def test_a_link_facing_a_device_outside_the_cycle_is_not_judged(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    # the lab, or a scoped poll: xy-agg01's ports to schools that are not polled are dark
    assert cycle(tracker, clock, [poll("xy-agg01", ports={AGG_PORT: False})]) == []


def test_a_link_is_down_on_its_oper_status_seen_at_either_end(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    [outage] = cycle(
        tracker, clock, [poll("xy-agg01", ports={AGG_PORT: False}), poll("xy-0001-core01")]
    )
    assert outage.kind is OutageKind.LINK_DOWN and outage.root == UPLINK
    assert (outage.county, outage.school) == ("xingyi", "xy-0001")
    assert outage.blast.schools == ["xy-0001"]
    assert (outage.blast.classrooms, outage.blast.students) == (81, 9036)
    assert outage.reason.startswith("school uplink xy-0001-core01 TenGigabitEthernet 0/25 <->")
    assert (
        "school xy-0001 (" in outage.reason and "offline: 81 rooms, 9,036 students" in outage.reason
    )
    up = {AGG_PORT: True}
    assert cycle(tracker, clock, [poll("xy-agg01", ports=up), poll("xy-0001-core01")]) == []
    assert tracker.repository.open() == []


def test_schools_behind_a_dead_aggregation_switch_are_one_outage(
    tracker: OutageTracker, clock: FixedClock, poll: Poll, topology: Topology
) -> None:
    behind = [s for s in topology.schools.values() if s.uplink.b.device == "xy-agg01"][:5]

    def polls() -> list[DevicePoll]:
        dead = [poll("xy-agg01", ok=False)] + [poll(s.uplink.a.device, ok=False) for s in behind]
        # the core sees its port to the aggregation switch go down
        return [*dead, poll("qxn-core01", ports={"100GE1/0/1": False})]

    assert cycle(tracker, clock, polls()) == []  # one miss: not yet
    [outage] = cycle(tracker, clock, polls())
    assert outage.root == "xy-agg01" and outage.kind is OutageKind.DEVICE_DOWN
    assert {s.id for s in behind} <= set(outage.blast.schools)
    assert set(outage.suppressed) == {"xy-agg01:100GE0/0/1"} | {s.uplink.a.device for s in behind}
    assert "5 more down behind it" not in outage.reason and "6 more down" in outage.reason


def test_a_dead_aggregation_uplink_is_the_root_of_the_schools_behind_it(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    for _ in range(2):
        opened = cycle(
            tracker,
            clock,
            [
                poll("qxn-core01", ports={"100GE1/0/1": False}),
                poll("xy-agg01"),  # still answering (out-of-band management)
                poll("xy-0001-core01", ok=False),
            ],
        )
    [outage] = opened
    assert outage.root == "xy-agg01:100GE0/0/1" and outage.kind is OutageKind.LINK_DOWN
    assert outage.suppressed == ["xy-0001-core01"]
    assert len(outage.blast.schools) == 48


def test_a_dead_school_switch_and_its_uplink_are_one_device_outage(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    polls = [poll("xy-0001-core01", ok=False), poll("xy-agg01", ports={AGG_PORT: False})]
    assert cycle(tracker, clock, polls) == []  # the link waits for the switch's verdict
    [outage] = cycle(tracker, clock, polls)
    assert outage.root == "xy-0001-core01" and outage.kind is OutageKind.DEVICE_DOWN
    assert outage.suppressed == [UPLINK]


def test_a_link_outage_found_to_be_a_dead_switch_is_merged(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    link_down = poll("xy-agg01", ports={AGG_PORT: False})
    [first] = cycle(tracker, clock, [link_down, poll("xy-0001-core01")])
    start = first.started
    for _ in range(2):
        opened = cycle(tracker, clock, [link_down, poll("xy-0001-core01", ok=False)])
    [outage] = opened
    assert outage.root == "xy-0001-core01" and outage.started == start
    assert tracker.repository.get(first.id or 0) == outage
    assert tracker.repository.between(start, clock.now()) == [outage]


def test_a_flapping_port_is_one_outage_held_until_stable(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    ids: set[int | None] = set()
    for i in range(8):  # down, up, down, up, ...
        port = {AGG_PORT: i % 2 == 1}
        opened = cycle(tracker, clock, [poll("xy-agg01", ports=port), poll("xy-0001-core01")])
        ids |= {o.id for o in opened}
    [outage] = opened
    assert outage.flapping and "flapping" in outage.reason
    assert len(ids) == 1
    up = [poll("xy-agg01", ports={AGG_PORT: True}), poll("xy-0001-core01")]
    assert cycle(tracker, clock, up) == []  # two polls up in a row
    everything = tracker.repository.between(clock.now() - timedelta(hours=1), clock.now())
    assert [o.id for o in everything] == [outage.id]
    assert everything[0].ended is not None


def test_an_outage_outside_teaching_hours(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    clock.advance(5 * 86400)  # Saturday
    for _ in range(2):
        opened = cycle(tracker, clock, [poll("xy-0003-core01", ok=False)])
    assert [o.teaching_hours for o in opened] == [False]


def test_a_broken_database_is_logged_not_raised(
    db: StateDB,
    tracker: OutageTracker,
    clock: FixedClock,
    poll: Poll,
    caplog: pytest.LogCaptureFixture,
) -> None:
    db.close()
    polls = [poll("xy-agg01", ok=False)]
    with caplog.at_level(logging.ERROR):
        tracker.write_cycle(polls, CycleSummary.of(clock.now(), 1.0, polls))
    assert "outages not updated" in caplog.text


def test_between_selects_overlapping_outages(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    start = clock.now()
    for ok in (False, False, True):
        cycle(tracker, clock, [poll("xy-0004-core01", ok=ok)])
    repo = tracker.repository
    assert len(repo.between(start, start + timedelta(seconds=1))) == 1
    assert repo.between(start + timedelta(minutes=2), start + timedelta(hours=1)) == []
    assert repo.between(start - timedelta(hours=1), start) == []
    assert [o.root for o in repo.between(start, clock.now())] == ["xy-0004-core01"]


def test_an_older_outage_below_a_new_root_stays_its_own(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    for _ in range(2):
        opened = cycle(tracker, clock, [poll("xy-0001-core01", ok=False), poll("xy-agg01")])
    [school] = opened
    clock.advance(86400)  # a day later its aggregation switch dies too
    for _ in range(2):
        opened = cycle(
            tracker, clock, [poll("xy-0001-core01", ok=False), poll("xy-agg01", ok=False)]
        )
    assert {o.root for o in opened} == {"xy-0001-core01", "xy-agg01"}
    agg = next(o for o in opened if o.root == "xy-agg01")
    assert agg.suppressed == ["xy-0001-core01"]
    assert next(o for o in opened if o.root == "xy-0001-core01").id == school.id


def test_a_link_waits_while_the_switch_above_misses_polls(
    tracker: OutageTracker, clock: FixedClock, poll: Poll
) -> None:
    polls = [poll("qxn-core01", ports={"100GE1/0/1": False}), poll("xy-agg01", ok=False)]
    assert cycle(tracker, clock, polls) == []  # the aggregation switch may be the cause
    [outage] = cycle(tracker, clock, polls)
    assert outage.root == "xy-agg01" and outage.suppressed == ["xy-agg01:100GE0/0/1"]
