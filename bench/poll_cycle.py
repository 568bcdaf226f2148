"""One SNMP poll cycle of a lab: wall time, varbinds/s, client CPU per varbind vs net-snmp.

Starts a lab with scope "all" when no --dir is given (or reuses the one in --dir), polls
every device with SnmpCollector once per client (``auto``: v2c and v3 on the fast codecs;
``v3-pysnmp``: v2c fast, v3 on pysnmp; ``pysnmp``: everything on pysnmp), cold
(discovery) then warm, then a warm cycle of the SNMPv3 devices alone (v3 CPU per varbind).
net-snmp's snmpget asks the same agents the same OIDs (CPU of the children via
getrusage): v2c, and v3 authPriv (SHA, AES) twice: as typed (each process discovers the
engine and hashes both passwords, 1 MiB each) and primed (``-e`` engine ID, ``-Z``
boots/time and localized keys ``-3k``/``-3K``: no discovery, no hashing, net-snmp's floor
per process). Last, a cycle with 20 % of the devices down (device-down faults, cleared).

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

from collectors.snmp import AutoTransport, SnmpCollector
from collectors.snmp.usm import AUTH_PROTOCOLS, localized_key
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
WALK_ROOT = "1.3.6.1"  # everything a device serves: process start spread thin


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


def _v3_arguments(collector: SnmpCollector, target: PollTarget, primed: bool) -> list[str]:
    """snmpget's SNMPv3 authPriv options; primed: engine, time and localized keys given."""
    creds = target.snmp
    assert creds is not None and creds.auth_key is not None and creds.priv_key is not None
    auth, priv = creds.auth_key.get_secret_value(), creds.priv_key.get_secret_value()
    command = ["-v3", "-l", "authPriv", "-u", creds.user or "", "-a", "SHA", "-x", "AES"]
    command += ["-n", creds.context]
    transport = collector.transport
    engine = (
        transport.fast.engines.get((target.host, target.snmp_port))
        if primed and isinstance(transport, AutoTransport)
        else None
    )
    if engine is None:
        return [*command, "-A", auth, "-X", priv]
    hash_name = AUTH_PROTOCOLS["SHA"].hash_name
    auth_key = localized_key(auth.encode(), engine.engine_id, hash_name).hex()
    priv_key = localized_key(priv.encode(), engine.engine_id, hash_name).hex()
    boots, now = engine.now()
    primed_options = ["-e", engine.engine_id.hex(), "-Z", f"{boots},{now}"]
    return [*command, *primed_options, "-3k", auth_key, "-3K", priv_key]


def netsnmp_cpu_per_varbind(
    collector: SnmpCollector,
    targets: list[PollTarget],
    devices: int,
    version: str = "v2c",
    primed: bool = False,
) -> float:
    """snmpget of the OIDs the collector asks (cached ifIndexes), ``version`` devices; CPU
    s/varbind (inf when none was asked)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    varbinds = failures = 0
    chosen = [t for t in targets if t.snmp is not None and t.snmp.version == version]
    for target in chosen[:: max(1, len(chosen) // devices)] if devices else chosen:
        cache = collector._caches.get(target.device)
        if cache is None or target.snmp is None:
            continue
        if version == "v2c":
            community = target.snmp.community.get_secret_value() if target.snmp.community else ""
            security = ["-v2c", "-c", community]
        else:
            security = _v3_arguments(collector, target, primed)
        wanted = collector._oids(target, cache)
        for start in range(0, len(wanted), 60):
            chunk = wanted[start : start + 60]
            command = ["snmpget", *security, "-t", "1", "-r", "1", "-On", "-Oq"]
            done = subprocess.run(
                [*command, f"{target.host}:{target.snmp_port}", *chunk],
                capture_output=True,
                check=False,
            )
            failures += done.returncode != 0
            varbinds += len(chunk)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if failures:
        print(f"  (net-snmp {version}: {failures} snmpget calls failed)")
    return used / varbinds if varbinds else float("inf")


def netsnmp_walk_cpu_per_varbind(
    collector: SnmpCollector, targets: list[PollTarget], devices: int, version: str
) -> float:
    """snmpbulkwalk of whole devices (60 repetitions a PDU), ``version`` ones, v3 primed:
    one process for hundreds of varbinds, net-snmp's per-varbind floor; CPU s/varbind."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    varbinds = 0
    chosen = [t for t in targets if t.snmp is not None and t.snmp.version == version]
    for target in chosen[: devices or None]:
        assert target.snmp is not None
        if version == "v2c":
            community = target.snmp.community.get_secret_value() if target.snmp.community else ""
            security = ["-v2c", "-c", community]
        else:
            security = _v3_arguments(collector, target, primed=True)
        command = ["snmpbulkwalk", *security, "-t", "1", "-r", "1", "-On", "-Oq", "-Cr60"]
        done = subprocess.run(
            [*command, f"{target.host}:{target.snmp_port}", WALK_ROOT],
            capture_output=True,
            check=False,
        )
        varbinds += done.stdout.count(b"\n")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used / varbinds if varbinds else float("inf")


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
    parser.add_argument(
        "--clients", default="auto,pysnmp", help="comma-separated: auto, v3-pysnmp, pysnmp"
    )
    parser.add_argument(
        "--netsnmp-devices", type=int, default=200, help="devices asked by snmpget (0: all)"
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
    v3 = [t for t in targets if t.snmp is not None and t.snmp.version == "v3"]
    ours, ours_v3 = {}, {}
    for client, collector in collectors.items():
        report(f"{client} cold (discovery)", *cycle(collector, targets))
        ours[client] = report(f"{client} warm", *cycle(collector, targets))
        if v3:
            ours_v3[client] = report(f"{client} warm, v3 devices only", *cycle(collector, v3))
    first = collectors.get("auto") or next(iter(collectors.values()))
    theirs = netsnmp_cpu_per_varbind(first, targets, args.netsnmp_devices)
    floor = netsnmp_walk_cpu_per_varbind(first, targets, 20, "v2c")
    print(f"net-snmp v2c: snmpget {theirs * 1e6:.0f} us/varbind, snmpbulkwalk {floor * 1e6:.1f}")
    for client, per in ours.items():
        verdict = "ok" if per / floor <= GOAL_RATIO else "OVER"
        print(f"{client}: {per / floor:.2f}x net-snmp's floor ({verdict} vs {GOAL_RATIO:.0f}x)")
    if v3:
        typed = netsnmp_cpu_per_varbind(first, v3, args.netsnmp_devices, "v3")
        primed = netsnmp_cpu_per_varbind(first, v3, args.netsnmp_devices, "v3", primed=True)
        floor_v3 = netsnmp_walk_cpu_per_varbind(first, v3, 20, "v3")
        print(
            f"net-snmp v3 authPriv: snmpget as typed {typed * 1e6:.0f} us/varbind, primed "
            f"(-e -Z -3k -3K) {primed * 1e6:.0f}, snmpbulkwalk primed {floor_v3 * 1e6:.1f}"
        )
        for client, per in ours_v3.items():
            verdict = "ok" if per / floor_v3 <= GOAL_RATIO else "OVER"
            print(
                f"{client} v3: {per / floor_v3:.2f}x net-snmp's v3 floor ({verdict} vs "
                f"{GOAL_RATIO:.0f}x), {per / primed:.2f}x snmpget primed"
            )
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
