"""A small lab, started once per test session, for every test that needs real devices.

Tests that inject faults use ``clean_lab``: every fault is cleared after the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from netops.inventory import Inventory, load_inventory
from netops.lab.lab import clear_faults, down, up
from netops.lab.labfile import LabFile
from netops.lab.seed import Scope
from netops.lab.targets import lab_targets
from netops.monitoring.targets import PollTarget
from netops.settings import PROJECT_ROOT

#: Six schools of Xingyi (Huawei, H3C, Ruijie and Cisco gear), its aggregation, the core.
SESSION_SCOPE = "schools 6"


@dataclass(frozen=True)
class RunningLab:
    """A running lab and what tests need to reach it."""

    directory: Path
    inventory: Inventory
    file: LabFile
    targets: list[PollTarget]

    def target(self, device: str) -> PollTarget:
        """The poll target of one device."""
        return next(t for t in self.targets if t.device == device)


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningLab]:
    """The session's lab (SNMP agents, SSH simulator, InfluxDB), stopped at the end."""
    directory = tmp_path_factory.mktemp("session-lab")
    inventory = load_inventory(PROJECT_ROOT / "inventories" / "qianxinan")
    try:
        lab_file = up(inventory, Scope.parse(SESSION_SCOPE), directory, v3_share=0.2)
        yield RunningLab(directory, inventory, lab_file, lab_targets(inventory, directory))
    finally:
        down(directory)


@pytest.fixture
def clean_lab(lab: RunningLab) -> Iterator[RunningLab]:
    """The session's lab; every fault injected by the test is cleared afterwards."""
    yield lab
    clear_faults(lab.directory)
