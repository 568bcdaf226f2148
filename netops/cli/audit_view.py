"""Rich rendering of audits for ``netops audit``: counts, reasons, diffs, one school."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

from netops.compliance.diff import AuditDiff, Change
from netops.compliance.models import Audit, Bucket, BucketCounts, Finding, SchoolResult
from netops.observe.models import OpticsTrend, UplinkLoad

STYLE = {
    Bucket.COMPLIANT: "green",
    Bucket.NON_COMPLIANT: "red",
    Bucket.NOT_MONITORED: "yellow",
}
LABEL = {
    Bucket.COMPLIANT: "compliant",
    Bucket.NON_COMPLIANT: "non-compliant",
    Bucket.NOT_MONITORED: "not monitored",
}


def bucket(value: Bucket | None) -> str:
    """A coloured bucket label ('-' for none)."""
    if value is None:
        return "-"
    return f"[{STYLE[value]}]{LABEL[value]}[/{STYLE[value]}]"


def _cells(counts: BucketCounts) -> list[str]:
    return [str(counts.schools[b]) for b in Bucket] + [str(counts.rooms[b]) for b in Bucket]


def counts_table(audit: Audit) -> Table:
    """Schools and rooms per bucket, one row per county and a total."""
    table = Table(title=f"audit {audit.id} of {audit.scope} at {audit.time:%Y-%m-%d %H:%M:%S} UTC")
    table.add_column("county")
    for what in ("schools", "rooms"):
        for b in Bucket:
            table.add_column(f"{what}\n{LABEL[b]}", justify="right", style=STYLE[b])
    for county, counts in sorted(audit.counts().items()):
        table.add_row(county, *_cells(counts))
    table.add_section()
    table.add_row("[bold]total[/bold]", *_cells(audit.total))
    return table


def top_reasons(audit: Audit, limit: int = 10) -> list[tuple[str, int, str]]:
    """The most frequent finding codes (schools' uplink reasons and rooms' reasons)."""
    seen: Counter[str] = Counter()
    example: dict[str, str] = {}
    for school in audit.schools:
        found = [f for f in school.findings if not f.code.startswith("rooms_")]
        found += [f for room in school.rooms for f in room.findings]
        for finding in found:
            seen[finding.code] += 1
            example.setdefault(finding.code, f"{school.school}: {finding.message}")
    return [(code, n, example[code]) for code, n in seen.most_common(limit)]


def reasons_table(reasons: list[tuple[str, int, str]]) -> Table:
    """Top reasons with a count and one example."""
    table = Table("reason", "count", "example", title="top reasons")
    for code, n, text in reasons:
        table.add_row(code, str(n), text)
    return table


def _first(findings: Iterable[Finding]) -> str:
    return next((f.message for f in findings), "")


def _change_row(change: Change) -> list[str]:
    why = _first(change.reasons) or (
        "resolved: " + _first(change.resolved) if change.resolved else ""
    )
    return [
        change.school,
        change.room or "",
        change.name,
        f"{bucket(change.old)} -> {bucket(change.new)}",
        why,
    ]


def print_diff(console: Console, result: AuditDiff, limit: int = 50) -> None:
    """Schools and rooms that changed bucket, with the reason."""
    console.print(
        f"audit {result.a} ({result.a_time:%Y-%m-%d %H:%M} UTC) -> audit {result.b}"
        f" ({result.b_time:%Y-%m-%d %H:%M} UTC): {len(result.schools)} school(s),"
        f" {len(result.rooms)} room(s) changed bucket"
    )
    for title, changes in (("schools", result.schools), ("rooms", result.rooms)):
        if not changes:
            continue
        table = Table("school", "room", "name", "bucket", "why", title=title)
        for change in changes[:limit]:
            table.add_row(*_change_row(change))
        console.print(table)
        if len(changes) > limit:
            console.print(f"... and {len(changes) - limit} more (use --json for all)")


def _mbps(bps: float | None) -> str:
    return "-" if bps is None else f"{bps / 1e6:,.1f} Mb/s"


def print_school(console: Console, audit: Audit, school: SchoolResult) -> None:
    """One school explained: verdict, uplink, findings, warnings and every room."""
    console.print(
        f"[bold]{school.name}[/bold] ({school.school}, {school.county}, {school.school_type},"
        f" {school.students:,} students, {school.classrooms} rooms): {bucket(school.bucket)}"
        f"  [dim](audit {audit.id}, {audit.time:%Y-%m-%d %H:%M} UTC)[/dim]"
    )
    rx = "-" if school.uplink_rx_dbm is None else f"{school.uplink_rx_dbm:.1f} dBm"
    speed = "-" if school.uplink_speed_mbps is None else f"{school.uplink_speed_mbps} Mb/s"
    contracted = "-" if school.contracted_mbps is None else f"{school.contracted_mbps} Mb/s"
    console.print(
        f"uplink {school.uplink_device} {school.uplink_port}: {bucket(school.uplink_bucket)},"
        f" negotiated {speed}, rx {rx}, contracted {contracted}, p95 {_mbps(school.p95_bps)}"
    )
    for finding in school.findings:
        console.print(f"  [{STYLE[finding.bucket]}]{finding.code}[/]: {finding.message}")
    for warning in school.warnings:
        console.print(f"  [magenta]warning {warning.code}[/magenta]: {warning.message}")
    table = Table("room", "name", "terminal", "port", "speed", "duplex", "bucket", "reason")
    for room in school.rooms:
        table.add_row(
            room.room,
            room.name,
            room.terminal or "-",
            f"{room.device} {room.port}" if room.device else "-",
            "-" if room.speed_mbps is None else str(room.speed_mbps),
            room.duplex or "-",
            bucket(room.bucket),
            "; ".join(f.message for f in room.findings),
        )
    console.print(table)


def print_capacity(
    console: Console, load: UplinkLoad | None, trend: OpticsTrend | None, contracted: int | None
) -> None:
    """The uplink's traffic percentile and receive power trend, read now."""
    if load is None or load.samples == 0:
        console.print("capacity now: no traffic samples in the last hour")
    else:
        share = (
            f" ({load.peak_bps / (contracted * 1e6):.0%} of {contracted} Mb/s)"
            if contracted and load.peak_bps is not None
            else ""
        )
        console.print(
            f"capacity now: p95 over the last {load.window_s / 3600:g} h in {_mbps(load.in_bps)},"
            f" out {_mbps(load.out_bps)}{share}, {load.samples} samples"
        )
    if trend is not None:
        slope = "-" if trend.slope_db_per_day is None else f"{trend.slope_db_per_day:+.2f} dB/day"
        console.print(
            f"optics now: rx {trend.latest_dbm:.1f} dBm on {trend.device} {trend.port},"
            f" trend {slope} over {trend.samples} points"
        )
