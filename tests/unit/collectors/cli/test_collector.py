"""Platform dispatch, the collector's workflow and error translation, with the Fake session."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from collectors.cli import (
    PLATFORMS,
    CliCollector,
    CliCredentials,
    UnknownPlatformError,
    platform_for,
    read_config,
)
from collectors.cli.session import Failure, FakeSession, Login, Session
from netops.clock import FixedClock
from netops.monitoring.collector import Collector
from netops.monitoring.results import PortRole
from netops.monitoring.targets import PollTarget, TargetPort
from tests.unit.collectors.cli import samples

NOW = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
LOGIN = CliCredentials(username="netops", password=SecretStr("s3cret-pw"))


def _target(platform: str = "h3c_comware", device: str = "xy-0002-access01") -> PollTarget:
    return PollTarget(
        device=device,
        vendor="h3c",
        platform=platform,
        school="xy-0002",
        host="127.0.0.1",
        ssh_port=2201,
        ports=[
            TargetPort(name="GigabitEthernet1/0/1", role=PortRole.ACCESS),
            TargetPort(name="GigabitEthernet1/0/2", role=PortRole.ACCESS),
            TargetPort(name="Ten-GigabitEthernet1/0/25", role=PortRole.UPLINK),
            TargetPort(name="GigabitEthernet1/0/99", role=PortRole.ACCESS),
        ],
    )


def _comware() -> FakeSession:
    return FakeSession(
        outputs={
            "display interface brief": samples.COMWARE_BRIEF,
            "display transceiver diagnosis interface Ten-GigabitEthernet1/0/25": (
                samples.COMWARE_TRANSCEIVER
            ),
            "display current-configuration": samples.COMWARE_CONFIG,
        }
    )


def _collector(fake: FakeSession, concurrency: int = 10) -> CliCollector:
    return CliCollector(
        FixedClock(NOW), LOGIN, concurrency=concurrency, timeout_s=3, connect=fake.connect
    )


def test_platforms_name_their_netmiko_device_type() -> None:
    assert {name: cls.device_type for name, cls in PLATFORMS.items()} == {
        "huawei_vrp": "huawei_vrp",
        "h3c_comware": "hp_comware",
    }
    assert platform_for("huawei_vrp").name == "huawei_vrp"


def test_unknown_platform_lists_supported() -> None:
    with pytest.raises(UnknownPlatformError, match="h3c_comware, huawei_vrp"):
        platform_for("ruijie_rgos")


def test_is_a_collector() -> None:
    assert isinstance(_collector(FakeSession()), Collector)


def test_poll_reads_brief_and_optics_of_fiber_ports_only() -> None:
    fake = _comware()
    [poll] = asyncio.run(_collector(fake).poll([_target()]))
    assert poll.ok, poll.reason
    assert (poll.device, poll.collector, poll.time, poll.school) == (
        "xy-0002-access01",
        "cli",
        NOW,
        "xy-0002",
    )
    ports = {p.port: p for p in poll.ports}
    first, shut = ports["GigabitEthernet1/0/1"], ports["GigabitEthernet1/0/2"]
    assert (first.oper_up, first.admin_up, first.speed_mbps, first.duplex) == (
        True,
        True,
        1000,
        "full",
    )
    assert (shut.oper_up, shut.admin_up) == (False, False)
    uplink = ports["Ten-GigabitEthernet1/0/25"]
    assert (uplink.rx_dbm, uplink.tx_dbm, uplink.role) == (-7.27, -2.75, PortRole.UPLINK)
    assert uplink.in_octets is None  # the CLI collector reads no counters
    assert ports["GigabitEthernet1/0/99"].oper_up is None  # the device has no such port
    # Terminal (copper) ports get no transceiver command.
    assert fake.sent == [
        "display interface brief",
        "display transceiver diagnosis interface Ten-GigabitEthernet1/0/25",
    ]
    assert fake.closed


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        ("auth", "authentication failed for user 'netops' at 127.0.0.1:2201"),
        ("timeout", "connection to 127.0.0.1:2201 timed out after 3 s"),
        ("refused", "connection refused by 127.0.0.1:2201"),
        ("eof", "SSH connection to 127.0.0.1:2201 failed"),
    ],
)
def test_connect_failures_are_results(failure: Failure, words: str) -> None:
    [poll] = asyncio.run(_collector(FakeSession(fail_connect=failure)).poll([_target()]))
    assert not poll.ok
    assert poll.reason is not None
    assert words in poll.reason
    assert "s3cret-pw" not in poll.reason
    assert poll.ports == []


def test_command_timeout_is_a_result_and_the_session_is_closed() -> None:
    fake = FakeSession(fail_command="read-timeout")
    [poll] = asyncio.run(_collector(fake).poll([_target()]))
    assert not poll.ok
    assert "timed out after 3 s waiting for the device's answer" in (poll.reason or "")
    assert fake.closed


def test_refused_command_is_a_result() -> None:
    [poll] = asyncio.run(_collector(FakeSession()).poll([_target()]))
    assert not poll.ok
    assert "the device refused 'display interface brief'" in (poll.reason or "")


def test_unknown_platform_is_a_result() -> None:
    polls = asyncio.run(_collector(_comware()).poll([_target("cisco_ios"), _target()]))
    assert [p.ok for p in polls] == [False, True]
    assert "no CLI support for platform 'cisco_ios'" in (polls[0].reason or "")


def test_read_config() -> None:
    result = read_config(_target(), LOGIN, connect=_comware().connect)
    assert result.ok
    assert result.config is not None
    assert result.config.interfaces["GigabitEthernet1/0/2"].description == "Room 101 terminal"
    failed = asyncio.run(_collector(FakeSession(fail_connect="auth")).read_config(_target()))
    assert (failed.ok, failed.config) == (False, None)
    assert "authentication failed" in (failed.reason or "")


def test_concurrency_is_bounded_and_order_kept() -> None:
    lock = threading.Lock()
    active, peak = 0, 0

    class Slow(FakeSession):
        def connect(self, login: Login) -> Session:
            nonlocal active, peak
            with lock:
                active += 1
                peak = max(peak, active)
            time.sleep(0.05)
            with lock:
                active -= 1
            return super().connect(login)

    slow = Slow(outputs=_comware().outputs)
    targets = [_target(device=f"sw{i}") for i in range(8)]
    polls = asyncio.run(_collector(slow, concurrency=3).poll(targets))
    assert [p.device for p in polls] == [f"sw{i}" for i in range(8)]
    assert all(p.ok for p in polls)
    assert peak == 3
