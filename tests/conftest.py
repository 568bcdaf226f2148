"""Shared fixtures: small generated inventories, copied fresh for each test that edits one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from netops.inventory.generator import GeneratorOptions, generate
from netops.inventory.writer import write_files


@pytest.fixture(scope="session", autouse=True)
def _private_state(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the suite's state database, spool and inventory cache out of the user's home.

    Set in the environment, so the ``netops`` processes tests start inherit it too; a
    test that needs its own (a restart, a fresh database) sets the variable itself.
    """
    home = tmp_path_factory.mktemp("netops-state")
    names = {
        "NETOPS_STATE_PATH": str(home / "state.sqlite"),
        "NETOPS_INFLUX__SPOOL_PATH": str(home / "spool.sqlite"),
        "NETOPS_INVENTORY_CACHE": str(home / "inventory-cache"),
    }
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(names)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


#: A small prefecture: every county, every school type, a few of each flag.
SMALL_SCHOOLS = 40


@pytest.fixture(scope="session")
def small_inventory_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated inventory, written once per session; never edit it."""
    root = tmp_path_factory.mktemp("inventory") / "qianxinan"
    prefecture = generate(GeneratorOptions(seed=7, schools=SMALL_SCHOOLS))
    write_files(root, prefecture.prefecture, prefecture.counties, prefecture.schools)
    return root


@pytest.fixture
def small_inventory(small_inventory_master: Path, tmp_path: Path) -> Path:
    """A private copy of the small inventory that a test may break."""
    root = tmp_path / "qianxinan"
    shutil.copytree(small_inventory_master, root)
    return root
