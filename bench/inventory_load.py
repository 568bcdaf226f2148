"""Loading and validating the whole prefecture against bare YAML parsing of the same files.

Target (issue 4): netops' load + validation costs at most 2x parsing every file with
PyYAML's C loader (libyaml). Both run in this process, on the same files, alternating,
and the median of several rounds is reported. Also measured: the load every command
does, through the inventory cache (``netops.inventory.cache``) when no file changed.

    .venv/bin/python bench/inventory_load.py [--rounds 5] [--inventory DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from netops.inventory import load_inventory
from netops.inventory.cache import load_cached
from netops.inventory.stats import inventory_stats
from netops.settings import get_settings

TARGET_RATIO = 2.0


def bare_parse(files: list[Path]) -> None:
    """The baseline: read and parse every file with the C loader, nothing else."""
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--inventory", type=Path, default=get_settings().inventory)
    args = parser.parse_args()
    files = sorted(args.inventory.rglob("*.yaml"))
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    stats = inventory_stats(load_inventory(args.inventory))  # warm the page cache
    baseline, netops = [], []
    for _ in range(args.rounds):
        baseline.append(timed(lambda: bare_parse(files)))
        netops.append(timed(lambda: load_inventory(args.inventory)))
    with tempfile.TemporaryDirectory() as directory:
        cache = Path(directory)
        load_cached(args.inventory, cache)  # kept once
        cached = [timed(lambda: load_cached(args.inventory, cache)) for _ in range(args.rounds)]
    base, ours = statistics.median(baseline), statistics.median(netops)
    ratio = ours / base
    print(
        f"inventory: {args.inventory} ({len(files)} files, {size_mb:.1f} MB;"
        f" {stats.schools} schools, {stats.rooms} rooms, {stats.terminals} terminals)"
    )
    print(f"rounds: {args.rounds} (median)")
    print(f"bare yaml.load (CSafeLoader): {base:.3f} s")
    print(f"netops load + validate:       {ours:.3f} s")
    print(f"netops load, files unchanged: {statistics.median(cached):.3f} s (inventory cache)")
    print(
        f"ratio: {ratio:.2f}x (target <= {TARGET_RATIO}x) -> "
        f"{'OK' if ratio <= TARGET_RATIO else 'OVER TARGET'}"
    )
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
