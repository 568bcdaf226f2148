"""Blast radius from the committed prefecture: who each failure cuts off."""

from __future__ import annotations

from netops.outages.topology import Topology, link_id


def test_the_core_cuts_off_the_whole_prefecture(topology: Topology) -> None:
    blast = topology.blast("qxn-core01")
    assert len(blast.schools) == 1718
    assert blast.classrooms == 10663
    assert blast.students == 979768  # the published figures (domain.md)


def test_an_aggregation_switch_cuts_off_its_schools(topology: Topology) -> None:
    blast = topology.blast("xy-agg01")
    behind = sorted(s.id for s in topology.schools.values() if s.uplink.b.device == "xy-agg01")
    assert blast.schools == behind and len(behind) == 48
    assert blast.classrooms == sum(len(topology.schools[s].rooms) for s in behind) == 731
    assert blast.students == sum(topology.schools[s].students for s in behind) == 79990
    # its uplink to the core cuts off the same schools
    assert topology.blast("xy-agg01:100GE0/0/1") == blast


def test_a_school_switch_and_its_uplink_cut_off_the_school(topology: Topology) -> None:
    school = topology.schools["xy-0001"]
    for node in ("xy-0001-core01", link_id(school.uplink)):
        blast = topology.blast(node)
        assert blast.schools == ["xy-0001"]
        assert (
            (blast.classrooms, blast.students)
            == (81, 9036)
            == (
                len(school.rooms),
                school.students,
            )
        )


def test_an_access_switch_cuts_off_the_rooms_it_serves(topology: Topology) -> None:
    school = topology.schools["xy-0001"]
    served = [r for r in school.rooms if any(t.switch == "xy-0001-access01" for t in r.terminals)]
    blast = topology.blast("xy-0001-access01")
    assert blast.schools == ["xy-0001"]
    assert blast.classrooms == len(served) == 12
    assert blast.students == round(9036 * 12 / 81) == 1339
    trunk = next(t for t in school.trunks if t.a.device == "xy-0001-access01")
    assert topology.blast(link_id(trunk)) == blast


def test_dependencies_run_up_to_the_core(topology: Topology) -> None:
    school = topology.schools["xy-0001"]
    trunk = next(t for t in school.trunks if t.a.device == "xy-0001-access01")
    assert list(topology.ancestors("xy-0001-access01")) == [
        link_id(trunk),
        "xy-0001-core01",
        link_id(school.uplink),
        "xy-agg01",
        "xy-agg01:100GE0/0/1",
        "qxn-core01",
    ]
    assert topology.nodes["xy-agg01"].describe() == "aggregation switch xy-agg01"
    assert topology.nodes[link_id(school.uplink)].describe() == (
        "school uplink xy-0001-core01 TenGigabitEthernet 0/25 <-> xy-agg01 XGigabitEthernet0/0/1"
    )
