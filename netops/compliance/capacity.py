"""Capacity warnings: uplinks that run hot ("saturated") and optics that fade
("optics_degrading"), flagged before users complain. Warnings never change a bucket.
"""

from __future__ import annotations

from netops.compliance.models import Bucket, Finding
from netops.compliance.settings import CapacityThresholds, ComplianceThresholds
from netops.inventory.models import SchoolFile
from netops.observe.models import OpticsTrend, Snapshot, UplinkLoad

SATURATED = "saturated"
OPTICS_DEGRADING = "optics_degrading"


def _mbps(bps: float) -> str:
    return f"{bps / 1e6:,.0f} Mb/s"


def uplink_p95(school: SchoolFile, snapshot: Snapshot) -> UplinkLoad | None:
    """The school end's traffic percentile (the aggregation end's if the school's is missing)."""
    link = school.uplink
    return snapshot.loads.get((link.a.device, link.a.port)) or snapshot.loads.get(
        (link.b.device, link.b.port)
    )


def saturation(school: SchoolFile, load: UplinkLoad | None, c: CapacityThresholds) -> list[Finding]:
    """A "saturated" warning when the 95th percentile exceeds the share of the contracted rate."""
    if load is None or load.samples < c.min_samples or load.peak_bps is None:
        return []
    contracted = school.uplink.contracted_mbps
    share = load.peak_bps / (contracted * 1e6)
    if share <= c.saturation_share:
        return []
    direction = "upstream" if (load.out_bps or 0) >= (load.in_bps or 0) else "downstream"
    if school.uplink.a.device != load.device:  # the aggregation end sees the school's mirror
        direction = "downstream" if direction == "upstream" else "upstream"
    message = (
        f"uplink {load.port} on {load.device} ran at {_mbps(load.peak_bps)} {direction} at the"
        f" 95th percentile over the last {load.window_s / 3600:g} h, {share:.0%} of the"
        f" contracted {contracted} Mb/s (warning above {c.saturation_share:.0%}): find what"
        " fills it (live lessons, updates, cameras) and plan an upgrade with the bureau"
    )
    subject = f"{load.device} {load.port}"
    return [Finding(code=SATURATED, subject=subject, message=message, bucket=Bucket.COMPLIANT)]


def _fading(trend: OpticsTrend, t: ComplianceThresholds, c: CapacityThresholds) -> str | None:
    margin = trend.latest_dbm - t.rx_floor_dbm
    if margin < 0:
        return None  # already below the floor: a finding, not a warning
    if margin < c.optics_margin_db:
        return (
            f"receive power {trend.latest_dbm:.1f} dBm is only {margin:.1f} dB above the floor"
            f" {t.rx_floor_dbm:.1f} dBm"
        )
    slope = trend.slope_db_per_day
    if slope is None or slope >= 0 or trend.samples < c.optics_min_samples:
        return None
    days = margin / -slope
    if days > c.optics_horizon_days:
        return None
    hours = (trend.last - trend.first).total_seconds() / 3600
    return (
        f"receive power fell {-slope:.2f} dB/day over the last {hours:.0f} h (now"
        f" {trend.latest_dbm:.1f} dBm); at this rate it reaches the floor"
        f" {t.rx_floor_dbm:.1f} dBm in {days:.0f} days"
    )


def degrading_optics(
    school: SchoolFile, snapshot: Snapshot, t: ComplianceThresholds, c: CapacityThresholds
) -> list[Finding]:
    """An "optics_degrading" warning per uplink end whose receive power heads for the floor."""
    out: list[Finding] = []
    for end in (school.uplink.a, school.uplink.b):
        trend = snapshot.optics.get((end.device, end.port))
        if trend is None:
            continue
        why = _fading(trend, t, c)
        if why is None:
            continue
        message = (
            f"{end.device} {end.port}: {why}: clean the connectors and check the fiber and the"
            " far end's module before the link drops"
        )
        subject = f"{end.device} {end.port}"
        out.append(
            Finding(
                code=OPTICS_DEGRADING, subject=subject, message=message, bucket=Bucket.COMPLIANT
            )
        )
    return out
