"""One SNMP poll cycle of a lab: wall time, varbinds/s, client CPU per varbind vs net-snmp.

Starts a lab with scope "all" when no --dir is given (or reuses the one in --dir), polls
every device with SnmpCollector once per client (``auto``: v2c on the fast codec, v3 on
pysnmp; ``pysnmp``: everything on pysnmp), cold (discovery) then warm, asks the same v2c
agents the same OIDs with net-snmp's snmpget (CPU of the children via getrusage), then
polls again with 20 % of the devices down (device-down faults, cleared afterwards).

    .venv/bin/python bench/poll_cycle.py [--dir DIR] [--scope all] [--clients auto,pysnmp]
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from collectors.snmp import SnmpCollector
from netops.clock import SystemClock
from netops.inventory import load_inventory
from netops.lab.faults import FaultKind
from netops.lab.lab import clear_faults, inject_fault, up
from netops.lab.labfile import read_lab_file
from netops.lab.seed import Scope
from netops.lab.targets import lab_targets
from netops.monitoring.results import DevicePoll
from netops.monitoring.targets import PollTarget
from netops.settings import PROJECT_ROOT

GOAL_S, GOAL_RATIO = 60.0, 5.0


def cycle(
    collector: SnmpCollector, targets: list[PollTarget]
) -> tuple[list[DevicePoll], float, float]:
    """Poll once: (results, wall s, client CPU s)."""

    async def go() -> list[DevicePoll]:
        try:
            return await collector.poll(targets)
        finally:
            collector.close()

    wall, cpu = time.perf_counter(), time.process_time()
    results = asyncio.run(go())
    return results, time.perf_counter() - wall, time.process_time() - cpu


def netsnmp_cpu_per_varbind(
    collector: SnmpCollector, targets: list[PollTarget], devices: int
) -> float:
    """snmpget of the OIDs the collector asks (cached ifIndexes), v2c devices; CPU s/varbind."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    varbinds = 0
    v2c = [t for t in targets if t.snmp is not None and t.snmp.version == "v2c"]
    for target in v2c[:: max(1, len(v2c) // devices)] if devices else v2c:
        cache = collector._caches.get(target.device)
        if cache is None or target.snmp is None or target.snmp.version != "v2c":
            continue
        community = target.snmp.community.get_secret_value() if target.snmp.community else ""
        wanted = collector._oids(target, cache)
        for start in range(0, len(wanted), 60):
            chunk = wanted[start : start + 60]
            command = ["snmpget", "-v2c", "-c", community, "-t", "1", "-r", "1", "-On", "-Oq"]
            subprocess.run(
                [*command, f"{target.host}:{target.snmp_port}", *chunk],
                capture_output=True,
                check=False,
            )
            varbinds += len(chunk)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used / max(varbinds, 1)


def report(label: str, results: list[DevicePoll], wall: float, cpu: float) -> float:
    """Print one cycle's figures; returns client CPU per varbind."""
    varbinds = sum(r.varbinds for r in results)
    failed = sum(1 for r in results if not r.ok)
    per = cpu / max(varbinds, 1)
    print(
        f"{label}: {len(results)} devices ({failed} failed), {varbinds} varbinds, "
        f"{wall:.1f} s wall ({'ok' if wall < GOAL_S else 'OVER'} vs {GOAL_S:.0f} s), "
        f"{varbinds / wall:,.0f} varbinds/s, client CPU {per * 1e6:.0f} us/varbind"
    )
    return per


def main() -> None:
    """Run the bench."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--scope", default="all")
    parser.add_argument("--clients", default="auto,pysnmp", help="comma-separated: auto, pysnmp")
    parser.add_argument(
        "--netsnmp-devices", type=int, default=200, help="v2c devices asked by snmpget (0: all)"
    )
    parser.add_argument(
        "--v2c-only", action="store_true", help="poll only v2c devices (the fast path alone)"
    )
    args = parser.parse_args()
    inventory = load_inventory(PROJECT_ROOT / "inventories" / "qianxinan")
    directory = args.dir or Path(tempfile.mkdtemp(prefix="poll-cycle-"))
    if read_lab_file(directory) is None:
        up(inventory, Scope.parse(args.scope), directory)
    targets = lab_targets(inventory, directory)
    if args.v2c_only:
        targets = [t for t in targets if t.snmp is not None and t.snmp.version == "v2c"]
    collectors = {
        client: SnmpCollector(SystemClock(), client=client) for client in args.clients.split(",")
    }
    ours = {}
    for client, collector in collectors.items():
        report(f"{client} cold (discovery)", *cycle(collector, targets))
        ours[client] = report(f"{client} warm", *cycle(collector, targets))
    first = next(iter(collectors.values()))
    theirs = netsnmp_cpu_per_varbind(first, targets, args.netsnmp_devices)
    print(f"net-snmp snmpget: {theirs * 1e6:.0f} us/varbind")
    for client, per in ours.items():
        verdict = "ok" if per / theirs <= GOAL_RATIO else "OVER"
        print(f"{client}: ratio {per / theirs:.2f}x ({verdict} vs {GOAL_RATIO:.0f}x)")
    down = [t.device for t in targets[::5]]
    try:
        for device in down:
            inject_fault(inventory, directory, FaultKind.DEVICE_DOWN, device)
        for client, collector in collectors.items():
            report(f"{client} 20% down", *cycle(collector, targets))
    finally:
        clear_faults(directory)


if __name__ == "__main__":
    main()
