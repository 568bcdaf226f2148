"""The session lab fixture gives targets for every device, reachable as the lab file says."""

from __future__ import annotations

import pytest

from netops.lab.lab import status
from netops.monitoring.results import PortRole
from tests.integration.conftest import RunningLab

pytestmark = pytest.mark.integration


def test_session_lab_is_healthy_and_has_targets(lab: RunningLab) -> None:
    assert status(lab.directory).healthy
    hosts = {t.device for t in lab.targets}
    assert len(hosts) == lab.file.devices
    versions = {t.snmp.version for t in lab.targets if t.snmp}
    assert versions == {"v2c", "v3"}
    school = next(iter(lab.inventory.schools.values()))
    core = lab.target(school.uplink.a.device)
    assert any(p.role is PortRole.UPLINK and p.name == school.uplink.a.port for p in core.ports)
    assert all(t.host == "127.0.0.1" for t in lab.targets)
