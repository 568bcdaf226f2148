"""The inventory cache: unchanged files load from the pickle, any change loads afresh."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from netops.inventory import InventoryError, load_inventory
from netops.inventory import cache as inventory_cache
from netops.inventory.cache import KEPT, fingerprint, load_cached
from netops.settings import Settings


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count the real loads behind ``load_cached``."""
    seen: list[Path] = []

    def counting(root: Path) -> object:
        seen.append(root)
        return load_inventory(root)

    monkeypatch.setattr(inventory_cache, "load_inventory", counting)
    return seen


def test_an_unchanged_inventory_comes_from_the_cache(
    small_inventory: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = loads(monkeypatch)
    first = load_cached(small_inventory, cache)
    again = load_cached(small_inventory, cache)
    assert seen == [small_inventory]  # loaded once, then read back
    assert again == first and again is not first
    [kept] = cache.glob("inventory-*.pickle")
    assert kept.stat().st_mode & 0o077 == 0 and cache.stat().st_mode & 0o077 == 0


def test_any_change_to_a_file_loads_afresh(
    small_inventory: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = loads(monkeypatch)
    before = load_cached(small_inventory, cache)
    school = next(small_inventory.glob("*/*.yaml"))
    text = school.read_text(encoding="utf-8")
    school.write_text(text.replace("students: ", "students: 1", 1), encoding="utf-8")
    stat = school.stat()  # the same modification time, a different size: still seen
    os.utime(school, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = load_cached(small_inventory, cache)
    assert len(seen) == 2 and after != before


def test_a_broken_inventory_is_never_kept(
    small_inventory: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (small_inventory / "prefecture.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InventoryError, match=r"prefecture\.yaml"):
            load_cached(small_inventory, cache)
    assert not list(cache.glob("inventory-*.pickle"))


def test_a_damaged_pickle_is_loaded_afresh_and_replaced(
    small_inventory: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_cached(small_inventory, cache)
    [kept] = cache.glob("inventory-*.pickle")
    kept.write_bytes(b"not a pickle")
    seen = loads(monkeypatch)
    assert load_cached(small_inventory, cache).root == small_inventory
    assert len(seen) == 1 and kept.read_bytes() != b"not a pickle"


def test_off_and_unwritable_caches_still_load(
    small_inventory: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETOPS_INVENTORY_CACHE", "0")
    off = Settings().inventory_cache
    assert off is None
    seen = loads(monkeypatch)
    load_cached(small_inventory, off)
    load_cached(small_inventory, off)
    assert len(seen) == 2
    blocked = tmp_path / "file"
    blocked.write_text("")
    unwritable = blocked / "cache"  # a file where the directory goes
    assert load_cached(small_inventory, unwritable).root == small_inventory
    monkeypatch.setenv("NETOPS_INVENTORY_CACHE", str(tmp_path / "elsewhere"))
    assert Settings().inventory_cache == tmp_path / "elsewhere"


def test_only_the_newest_pickles_are_kept(
    small_inventory: Path, cache: Path, tmp_path: Path
) -> None:
    roots = []
    for n in range(KEPT + 2):
        root = tmp_path / f"copy{n}" / "qianxinan"
        shutil.copytree(small_inventory, root)  # another root: another fingerprint
        roots.append(root)
        load_cached(root, cache)
    assert len(list(cache.glob("inventory-*.pickle"))) == KEPT
    assert len({fingerprint(r) for r in roots}) == len(roots)
