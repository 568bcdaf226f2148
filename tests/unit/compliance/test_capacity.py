"""Capacity warnings: saturated uplinks and degrading optics."""

from __future__ import annotations

from datetime import timedelta

from netops.clock import FixedClock
from netops.compliance.engine import run_audit
from netops.compliance.models import Bucket, SchoolResult
from netops.compliance.settings import CapacityThresholds, ComplianceThresholds
from netops.inventory.models import SchoolFile
from netops.observe.snapshot import read_snapshot
from tests.unit.compliance.fakes import MAX_AGE_S, NOW, FakeInflux, small_inventory


def judge(
    store: FakeInflux, school: SchoolFile, capacity: CapacityThresholds | None = None
) -> SchoolResult:
    snapshot = read_snapshot(store, now=NOW, max_age_s=MAX_AGE_S)
    found = run_audit(
        store.inventory,
        snapshot,
        ComplianceThresholds(),
        f"school {school.id}",
        FixedClock(NOW),
        capacity,
    )
    return found.schools[0]


def setup() -> tuple[FakeInflux, SchoolFile]:
    inventory = small_inventory()
    return FakeInflux(inventory), next(iter(inventory.schools.values()))


def load(
    store: FakeInflux, school: SchoolFile, in_bps: float, out_bps: float, samples: int = 60
) -> None:
    a = school.uplink.a
    row = {"device": a.device, "port": a.port, "in_bps": in_bps, "out_bps": out_bps}
    store.loads[(a.device, a.port)] = {**row, "samples": samples}


def test_a_hot_uplink_is_saturated_but_still_compliant() -> None:
    store, school = setup()
    load(store, school, in_bps=850e6, out_bps=40e6)
    got = judge(store, school)
    assert got.bucket is Bucket.COMPLIANT
    [warning] = got.warnings
    assert warning.code == "saturated" and "850 Mb/s downstream" in warning.message
    assert "85% of the contracted 1000 Mb/s" in warning.message
    assert got.p95_bps == 850e6 and got.load_share == 0.85


def test_a_busy_but_not_hot_uplink_has_no_warning() -> None:
    store, school = setup()
    load(store, school, in_bps=700e6, out_bps=790e6)
    assert judge(store, school).warnings == []


def test_too_few_samples_give_no_verdict() -> None:
    store, school = setup()
    load(store, school, in_bps=990e6, out_bps=990e6, samples=2)
    got = judge(store, school)
    assert got.warnings == [] and got.p95_bps is None


def test_the_share_is_a_setting() -> None:
    store, school = setup()
    load(store, school, in_bps=10e6, out_bps=600e6)
    [warning] = judge(store, school, CapacityThresholds(saturation_share=0.5)).warnings
    assert "upstream" in warning.message and "warning above 50%" in warning.message


def trend(store: FakeInflux, school: SchoolFile, values: list[float]) -> None:
    a = school.uplink.a
    start = NOW - timedelta(hours=len(values) / 2)
    store.trends = [
        {
            "device": a.device,
            "port": a.port,
            "time": int((start + timedelta(minutes=30 * i)).timestamp()),
            "rx_dbm": v,
        }
        for i, v in enumerate(values)
    ]


def test_falling_receive_power_is_degrading() -> None:
    store, school = setup()
    trend(store, school, [-10.0, -10.5, -11.0, -11.5, -12.0, -12.5])  # -1 dB/h: floor in hours
    [warning] = judge(store, school).warnings
    assert warning.code == "optics_degrading" and "dB/day" in warning.message
    assert "reaches the floor -20.0 dBm in 0 days" in warning.message


def test_a_small_margin_is_degrading() -> None:
    store, school = setup()
    trend(store, school, [-18.5, -18.5, -18.5, -18.5])
    [warning] = judge(store, school).warnings
    assert "only 1.5 dB above the floor" in warning.message


def test_steady_or_slow_optics_have_no_warning() -> None:
    store, school = setup()
    trend(store, school, [-8.0, -8.0, -8.01, -8.0, -8.0])
    assert judge(store, school).warnings == []


def test_below_the_floor_is_a_finding_not_a_warning() -> None:
    store, school = setup()
    trend(store, school, [-20.0, -21.0, -22.0, -23.0])
    assert judge(store, school).warnings == []
