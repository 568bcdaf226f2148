"""Outage tests: the committed prefecture's topology, a tracker on a temp state DB."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from netops.clock import FixedClock
from netops.inventory import load_inventory
from netops.monitoring.results import DevicePoll, PortReading, PortRole
from netops.outages.detector import OutageTracker
from netops.outages.settings import OutageSettings
from netops.outages.store import OutageRepository
from netops.outages.topology import Topology
from netops.settings import PROJECT_ROOT
from netops.state.db import StateDB, open_state

#: Monday 2 November 2026, 09:00 in Qianxinan (UTC+8): a lesson is on.
MONDAY_0900 = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
SETTINGS = OutageSettings(missed_polls=2, flap_window_s=600, flap_count=3, hold_polls=2)


@pytest.fixture(scope="session")
def topology() -> Topology:
    """The committed Qianxinan prefecture as a dependency tree."""
    return Topology.from_inventory(load_inventory(PROJECT_ROOT / "inventories" / "qianxinan"))


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(MONDAY_0900)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[StateDB]:
    state = open_state(tmp_path / "state.sqlite")
    yield state
    state.close()


@pytest.fixture
def tracker(db: StateDB, topology: Topology) -> OutageTracker:
    return OutageTracker(OutageRepository(db), topology, SETTINGS)


Poll = Callable[..., DevicePoll]


@pytest.fixture
def poll(clock: FixedClock) -> Poll:
    """``poll("xy-agg01", ok=False)``, ``poll("xy-0001-core01", ports={"Gi0/1": False})``."""

    def make(device: str, ok: bool = True, ports: dict[str, bool] | None = None) -> DevicePoll:
        readings = [
            PortReading(port=name, role=PortRole.UPLINK, oper_up=up)
            for name, up in (ports or {}).items()
        ]
        return DevicePoll(
            device=device,
            collector="test",
            time=clock.now(),
            ok=ok,
            reason=None if ok else "no answer within 1 s (2 tries)",
            ports=readings if ok else [],
        )

    return make
