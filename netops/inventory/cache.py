"""A validated inventory kept between runs.

Every ``netops`` command, every Ansible run (the inventory plugin) and the service load
the whole prefecture: 1,700-odd YAML files parsed and validated, about 3 s. When no
file changed since the last load, the validated ``Inventory`` comes back from a pickle
in about 0.5 s, fingerprint included (``bench/inventory_load.py``).

The pickle is known by a fingerprint of everything the result depends on: each YAML
file's path, size, modification and change times and inode, the inventory code
(``netops/inventory``), the versions of netops, pydantic and Python. Only valid
inventories are kept; a broken one is loaded (and reported) afresh every time.
Callers pass the directory (``Settings.inventory_cache``: ``NETOPS_INVENTORY_CACHE``,
default ``~/.cache/netops``, ``0`` for none). It is the user's own (mode 0700): a pickle
is only ever read from there.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import pydantic

from netops import __version__
from netops.inventory.inventory import Inventory
from netops.inventory.loader import load_inventory, paused_gc

#: Pickles kept (several inventories: the prefecture, a lab's, a test's).
KEPT = 4
_SUFFIXES = (".yml", ".yaml")


def fingerprint(root: Path) -> str:
    """A digest that changes whenever a loaded inventory of ``root`` could."""
    digest = hashlib.sha256()
    digest.update(f"{__version__}|{pydantic.VERSION}|{sys.version}\n".encode())
    code = Path(__file__).parent
    for path in sorted(code.glob("*.py")):
        stat = path.stat()
        digest.update(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    root = root.resolve()
    digest.update(f"{root}\n".encode())
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        for name in sorted(files):
            if name.endswith(_SUFFIXES):
                path = Path(directory, name)
                stat = path.stat()
                relative = path.relative_to(root)
                # The clock behind mtime ticks every few ms: two same-size writes in one
                # tick would look alike; ctime and the inode (an editor's rename) differ.
                digest.update(
                    f"{relative}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ctime_ns}"
                    f"|{stat.st_ino}\n".encode()
                )
    return digest.hexdigest()


def load_cached(root: Path, directory: Path | None) -> Inventory:
    """``load_inventory(root)``, from the cache in ``directory`` (None: no cache) when
    nothing changed since it was kept.

    Raises:
        InventoryError: as ``load_inventory``.
    """
    if directory is None:
        return load_inventory(root)
    try:
        path = directory / f"inventory-{fingerprint(Path(root))[:40]}.pickle"
    except OSError:  # a file went away while we looked: the loader will say which
        return load_inventory(root)
    kept = _read(path)
    if kept is not None:
        return kept
    inventory = load_inventory(root)
    _write(path, inventory)
    return inventory


def _read(path: Path) -> Inventory | None:
    try:
        with path.open("rb") as source, paused_gc():
            kept = pickle.load(source)
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or foreign pickle: load afresh, and rewrite it
        return None
    return kept if isinstance(kept, Inventory) else None


def _write(path: Path, inventory: Inventory) -> None:
    """Keep ``inventory`` (best effort: a read-only home only costs the next load)."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(inventory, out, protocol=pickle.HIGHEST_PROTOCOL)
        Path(temporary).replace(path)
    except (OSError, pickle.PicklingError):
        Path(temporary).unlink(missing_ok=True)
        return
    try:
        kept = sorted(
            path.parent.glob("inventory-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in kept[KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        return
