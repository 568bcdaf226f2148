"""The lab's SNMP view at prefecture scale: start-up time, memory and varbinds served per second.

Seeds the lab state for a scope (default: the whole prefecture), writes the data files
and starts the responders cold (empty index cache), measures their memory, drives them
with concurrent net-snmp clients (snmpbulkwalk of MIB-2, and snmpget of 20 OIDs), stops
them, then measures a warm start (same data, cache kept).

Targets (the lab's design): prefecture up < 120 s, responders < 2 GiB in all,
>= 10,000 varbinds/s in all.

    .venv/bin/python bench/lab_snmp.py [--scope all] [--processes 2] [--seconds 20]
        [--clients 4] [--lab-dir DIR]

``NETOPS_LAB_SNMP_FAST=0`` in the environment (inherited by the responders) measures
snmpsim's own data file path and pyasn1's encoding instead of the launcher's fast paths.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from netops.inventory import load_inventory
from netops.lab.processes import ProcessRecord
from netops.lab.seed import Scope, seed_state
from netops.lab.snmp import (
    DeviceAgent,
    SnmpPlan,
    SnmpVersion,
    V3Credentials,
    start_agents,
    stop_agents,
    write_data,
)
from netops.lab.state import LabState
from netops.settings import get_settings

TARGET_UP_S, TARGET_RSS_GIB, TARGET_VARBINDS = 120.0, 2.0, 10_000
CREDENTIALS = V3Credentials(user="netops", auth_key="bench-auth-1", priv_key="bench-priv-1")
COUNTERS = ("1.3.6.1.2.1.31.1.1.1.6", "1.3.6.1.2.1.31.1.1.1.10")


def rss_mib(records: list[ProcessRecord]) -> list[float]:
    """Resident memory of each responder, MiB."""
    sizes = []
    for record in records:
        for line in Path(f"/proc/{record.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def cpu_seconds(records: list[ProcessRecord]) -> float:
    """User + system CPU the responders used so far."""
    ticks = 0
    for record in records:
        fields = Path(f"/proc/{record.pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


Command = Callable[[DeviceAgent], list[str]]


def drive(
    plan: SnmpPlan,
    clients: int,
    seconds: float,
    command: Command,
) -> tuple[float, int, int]:
    """Run ``clients`` loops of ``command`` for ``seconds``: (varbinds/s, requests, failures)."""
    agents = [a for a in plan.devices if a.version is SnmpVersion.V2C]
    cycle = itertools.cycle(agents)
    lock = threading.Lock()
    totals = {"varbinds": 0, "runs": 0, "failures": 0}
    deadline = time.monotonic() + seconds

    def loop() -> None:
        while time.monotonic() < deadline:
            with lock:
                agent = next(cycle)
            done = subprocess.run(command(agent), capture_output=True, text=True, check=False)
            lines = sum(1 for line in done.stdout.splitlines() if line.startswith(".1."))
            with lock:
                totals["varbinds"] += lines
                totals["runs"] += 1
                totals["failures"] += done.returncode != 0

    start = time.monotonic()
    threads = [threading.Thread(target=loop) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    return totals["varbinds"] / elapsed, totals["runs"], totals["failures"]


def bulkwalk(agent: DeviceAgent) -> list[str]:
    """snmpbulkwalk of a whole device's MIB-2, 60 repetitions per request."""
    return [
        "snmpbulkwalk",
        "-v2c",
        "-c",
        agent.community or "",
        "-On",
        "-Oq",
        "-Cr60",
        "-t",
        "5",
        "-r",
        "1",
        f"{agent.host}:{agent.port}",
        "1.3.6.1.2.1",
    ]


def snmpget(state: LabState) -> Command:
    """snmpget of the 64-bit in/out counters of a device's first 10 ports (20 OIDs)."""
    first: dict[str, list[int]] = {}
    for port in state.ports():
        first.setdefault(port.hostname, []).append(port.if_index)

    def command(agent: DeviceAgent) -> list[str]:
        oids = [f"{c}.{i}" for c in COUNTERS for i in first[agent.hostname][:10]]
        return [
            "snmpget",
            "-v2c",
            "-c",
            agent.community or "",
            "-On",
            "-Oq",
            "-t",
            "5",
            "-r",
            "1",
            f"{agent.host}:{agent.port}",
            *oids,
        ]

    return command


def touch_all(plan: SnmpPlan, clients: int = 4) -> tuple[int, int, int]:
    """One GET per v2c device, so every responder has opened every index: (devices, 0, failed)."""
    agents = [a for a in plan.devices if a.version is SnmpVersion.V2C]

    def ask(agent: DeviceAgent) -> bool:
        done = subprocess.run(
            [
                "snmpget",
                "-v2c",
                "-c",
                agent.community or "",
                "-t",
                "5",
                f"{agent.host}:{agent.port}",
                "1.3.6.1.2.1.1.3.0",
            ],
            capture_output=True,
            check=False,
        )
        return done.returncode == 0

    with ThreadPoolExecutor(clients) as pool:
        answers = list(pool.map(ask, agents))
    return len(agents), 0, answers.count(False)


def start(
    lab_dir: Path, state: LabState, processes: int
) -> tuple[SnmpPlan, list[ProcessRecord], float, float]:
    """Write the data and start the responders: (plan, records, write s, start s)."""
    t0 = time.perf_counter()
    plan = write_data(lab_dir, state, processes=processes)
    t1 = time.perf_counter()
    records = start_agents(plan, credentials=CREDENTIALS, timeout=600)
    return plan, records, t1 - t0, time.perf_counter() - t1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", default="all")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--lab-dir", type=Path)
    args = parser.parse_args()
    lab_dir = args.lab_dir or Path(tempfile.mkdtemp(prefix="lab-snmp-"))
    lab_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    inventory = load_inventory(get_settings().inventory)
    devices, ports = seed_state(inventory, Scope.parse(args.scope))
    state = LabState(lab_dir / "state.db")
    state.load(devices, ports)
    seeded = time.perf_counter() - t0
    shutil.rmtree(lab_dir / "snmp" / "cache", ignore_errors=True)
    print(
        f"scope {args.scope}: {len(devices)} devices, {len(ports)} ports;"
        f" {args.processes} responders; lab {lab_dir}"
    )
    print(f"inventory load + seed + state: {seeded:.1f} s")
    plan, records, written, started = start(lab_dir, state, args.processes)
    try:
        print(
            f"cold: write data {written:.1f} s + start responders {started:.1f} s"
            f" = {written + started:.1f} s (target < {TARGET_UP_S:.0f} s)"
        )
        print(f"RSS after start: {' + '.join(f'{m:.0f}' for m in rss_mib(records))} MiB")
        cpu = cpu_seconds(records)
        walk_rate, walks, failed = drive(plan, args.clients, args.seconds, bulkwalk)
        busy = (cpu_seconds(records) - cpu) / args.seconds
        print(
            f"snmpbulkwalk x{args.clients}: {walk_rate:,.0f} varbinds/s ({walks} walks,"
            f" {failed} failed; target >= {TARGET_VARBINDS:,}); responders used"
            f" {busy:.2f} CPU cores, {busy / walk_rate * 1e6:.0f} us per varbind"
        )
        get_rate, gets, failed = drive(plan, args.clients, args.seconds / 2, snmpget(state))
        print(
            f"snmpget x{args.clients} (20 OIDs): {get_rate:,.0f} varbinds/s,"
            f" {gets / (args.seconds / 2):,.0f} requests/s ({failed} failed)"
        )
        touched, _, failed = touch_all(plan)
        sizes = rss_mib(records)
        each = " + ".join(f"{m:.0f}" for m in sizes)
        print(f"every v2c device asked once ({touched} devices, {failed} failed)")
        print(
            f"RSS after load: {each} = {sum(sizes):.0f} MiB"
            f" (target < {TARGET_RSS_GIB * 1024:.0f} MiB)"
        )
    finally:
        stop_agents(records)
    plan, records, written, started = start(lab_dir, state, args.processes)
    stop_agents(records)
    print(
        f"warm: write data {written:.1f} s + start responders {started:.1f} s"
        f" = {written + started:.1f} s"
    )
    state.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
