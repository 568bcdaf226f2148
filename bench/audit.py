"""Auditing the whole prefecture from the store, with InfluxDB's share shown apart.

Target (issue 7): reading the store and auditing every school (1,718 schools, 10,663
rooms, 2,528 devices) takes under 10 s on this machine. Needs a lab of scope ``all``
polled at least once (twice or more gives the capacity queries rates to work on):

    .venv/bin/netops lab up --scope all --dir /tmp/auditbench
    NETOPS_LAB_DIR=/tmp/auditbench NETOPS_INFLUX__SPOOL_PATH=/tmp/auditbench/spool.sqlite \\
        .venv/bin/netops poll once
    NETOPS_LAB_DIR=/tmp/auditbench .venv/bin/python bench/audit.py [--rounds 3]
    .venv/bin/netops lab down --dir /tmp/auditbench

Each round reads a snapshot (five InfluxQL queries), audits it and saves the audit in
a scratch state database; the median round is reported.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from netops.clock import SystemClock
from netops.compliance.engine import run_audit
from netops.compliance.models import Bucket
from netops.compliance.service import snapshot_for
from netops.compliance.store import AuditRepository
from netops.inventory import Inventory, load_inventory
from netops.observe.source import store_query
from netops.settings import get_settings
from netops.state.db import open_state

TARGET_S = 10.0


def one_round(inventory: Inventory, max_age_s: float | None, state: Path) -> dict[str, float]:
    settings = get_settings()
    if max_age_s is not None:
        settings.observe.fresh_polls = max_age_s / settings.schedule.poll_interval_s
    clock = SystemClock()
    started = time.perf_counter()
    snapshot = snapshot_for(settings, store_query(settings), clock)
    read = time.perf_counter()
    audit = run_audit(inventory, snapshot, settings.compliance, "all", clock, settings.capacity)
    judged = time.perf_counter()
    db = open_state(state)
    AuditRepository(db).save(audit)
    db.close()
    saved = time.perf_counter()
    total = audit.total
    return {
        "queries": snapshot.stats.queries,
        "rows": snapshot.stats.rows,
        "query_s": snapshot.stats.query_s,
        "build_s": (read - started) - snapshot.stats.query_s,
        "audit_s": judged - read,
        "save_s": saved - judged,
        "total_s": saved - started,
        "ports": len(snapshot.ports),
        "devices": len(snapshot.devices),
        "schools": len(audit.schools),
        "rooms": sum(total.rooms.values()),
        "compliant": total.schools[Bucket.COMPLIANT],
        "non_compliant": total.schools[Bucket.NON_COMPLIANT],
        "not_monitored": total.schools[Bucket.NOT_MONITORED],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--max-age-s", type=float, default=None, help="Freshness (default: 3 poll intervals)."
    )
    args = parser.parse_args()
    load_started = time.perf_counter()
    inventory = load_inventory(get_settings().inventory)
    load_s = time.perf_counter() - load_started
    with tempfile.TemporaryDirectory() as scratch:
        rounds = [
            one_round(inventory, args.max_age_s, Path(scratch) / f"state-{i}.sqlite")
            for i in range(args.rounds)
        ]
    median = sorted(rounds, key=lambda r: r["total_s"])[len(rounds) // 2]
    print(f"inventory load (not counted, done once per process): {load_s:.2f} s")
    print(
        f"snapshot: {median['devices']:.0f} devices, {median['ports']:.0f} ports,"
        f" {median['queries']:.0f} queries, {median['rows']:,.0f} rows"
    )
    print(
        f"audit: {median['schools']:.0f} schools, {median['rooms']:.0f} rooms:"
        f" {median['compliant']:.0f} compliant, {median['non_compliant']:.0f} non-compliant,"
        f" {median['not_monitored']:.0f} not monitored"
    )
    print(f"median of {len(rounds)} rounds:")
    for key in ("query_s", "build_s", "audit_s", "save_s", "total_s"):
        print(f"  {key:8} {median[key]:6.2f} s")
    spread = [r["total_s"] for r in rounds]
    each = ", ".join(f"{t:.2f}" for t in spread)
    print(f"  rounds   {each} s (stdev {statistics.pstdev(spread):.2f})")
    ok = median["total_s"] < TARGET_S
    print(f"target < {TARGET_S:.0f} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
