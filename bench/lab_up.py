"""The whole lab at prefecture scale: cold and warm ``netops lab up``, and its memory.

Cold: a new lab directory (no snmpsim index cache, no SSH host key, no InfluxDB
data). Warm: ``down`` then ``up`` again in the same directory. Memory is the sum of
the resident sizes of every process the lab started, read from /proc right after
``up`` (the SNMP responders grow as devices are polled: see bench/lab_snmp.py).

Targets (issue 5): full prefecture up in under 2 minutes and under 2 GiB in all.

    .venv/bin/python bench/lab_up.py [--scope all] [--dir DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netops.lab.labfile import read_lab_file

TARGET_SECONDS = 120.0
TARGET_MIB = 2048.0


def netops(*args: str) -> float:
    """Run the netops CLI of this virtualenv; returns the wall time in seconds."""
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "netops"), *args], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def rss_mib(directory: Path) -> tuple[float, int]:
    """Resident memory of every process of the lab, in MiB, and how many there are."""
    lab = read_lab_file(directory)
    assert lab is not None, "the lab is not up"
    total_kib = 0
    for record in lab.processes:
        status = Path(f"/proc/{record.pid}/status").read_text()
        total_kib += int(
            next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
        )
    return total_kib / 1024, len(lab.processes)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", default="all")
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    directory = args.dir or Path(tempfile.mkdtemp(prefix="netops-lab-bench-"))
    shutil.rmtree(directory, ignore_errors=True)
    try:
        cold = netops("lab", "up", "--scope", args.scope, "--dir", str(directory))
        memory, count = rss_mib(directory)
        netops("lab", "down", "--dir", str(directory))
        warm = netops("lab", "up", "--scope", args.scope, "--dir", str(directory))
    finally:
        netops("lab", "down", "--dir", str(directory))
    ok = max(cold, warm) < TARGET_SECONDS and memory < TARGET_MIB
    print(f"scope: {args.scope}")
    print(f"cold up (new directory): {cold:6.1f} s   (target < {TARGET_SECONDS:.0f} s)")
    print(f"warm up (same directory): {warm:6.1f} s")
    print(f"memory after up: {memory:6.0f} MiB in {count} processes (target < {TARGET_MIB:.0f})")
    print("OK" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
