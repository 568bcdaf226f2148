"""The CLI collector against the lab's SSH simulators (real netmiko, real SSH)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator

import pytest
from netmiko import ConnectHandler
from pydantic import SecretStr

from collectors.cli import CliCollector, CliCredentials, read_config
from collectors.cli.session import Login, Session, connect_netmiko, run_session
from netops.clock import SystemClock
from netops.lab.faults import FaultKind
from netops.lab.lab import inject_fault
from netops.lab.labfile import CREDENTIALS_FILE, LabCredentials
from netops.lab.state import LabState
from netops.monitoring.results import DevicePoll, PortRole
from netops.monitoring.targets import PollTarget
from tests.integration.conftest import RunningLab

pytestmark = pytest.mark.integration

PLATFORMS = ["huawei_vrp", "h3c_comware"]
FIBER = {PortRole.UPLINK, PortRole.AGGREGATION, PortRole.TRUNK, PortRole.CORE}
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def credentials(lab: RunningLab) -> CliCredentials:
    """The lab's SSH login."""
    login = LabCredentials.model_validate_json(
        (lab.directory / CREDENTIALS_FILE).read_text(encoding="utf-8")
    )
    return CliCredentials(username=login.ssh_username, password=login.ssh_password)


@pytest.fixture
def state(lab: RunningLab) -> Iterator[LabState]:
    """The lab's state, closed after the test."""
    opened = LabState(lab.file.state)
    yield opened
    opened.close()


@pytest.fixture(scope="module", autouse=True)
def report_timings() -> Iterator[None]:
    """Print what the module measured (pytest -s shows it)."""
    yield
    if TIMINGS:
        print("\nCLI collector timings (s):", {k: round(v, 2) for k, v in TIMINGS.items()})


def _school_switch(lab: RunningLab, platform: str) -> PollTarget:
    # A school access switch: terminal (copper) ports and a fiber trunk in one poll.
    for target in lab.targets:
        roles = {p.role for p in target.ports}
        if target.platform == platform and roles & FIBER and PortRole.ACCESS in roles:
            return target
    raise AssertionError(f"no {platform} school switch with terminals in the lab")


def _poll(collector: CliCollector, target: PollTarget) -> DevicePoll:
    [result] = asyncio.run(collector.poll([target]))
    return result


def _access(target: PollTarget) -> str:
    return next(p.name for p in target.ports if p.role is PortRole.ACCESS)


def _fiber(state: LabState, target: PollTarget) -> str:
    return next(
        p.name
        for p in target.ports
        if p.role in FIBER and state.port(target.device, p.name).rx_dbm is not None
    )


@pytest.mark.parametrize("platform", PLATFORMS)
def test_poll_matches_lab_state(
    lab: RunningLab, credentials: CliCredentials, state: LabState, platform: str
) -> None:
    target = _school_switch(lab, platform)
    started = time.monotonic()
    poll = _poll(CliCollector(SystemClock(), credentials), target)
    TIMINGS[f"poll {platform} ({len(target.ports)} ports)"] = time.monotonic() - started
    assert poll.ok, poll.reason
    assert len(poll.ports) == len(target.ports)
    for reading in poll.ports:
        truth = state.port(target.device, reading.port)
        assert (reading.oper_up, reading.admin_up) == (truth.oper_up, truth.admin_up)
        if platform == "h3c_comware" and truth.oper_up:
            assert reading.speed_mbps == truth.oper_mbps
            assert reading.duplex == truth.oper_duplex
        if reading.role in FIBER and truth.rx_dbm is not None:
            assert (reading.rx_dbm, reading.tx_dbm) == (truth.rx_dbm, truth.tx_dbm)
    assert any(r.rx_dbm is not None for r in poll.ports)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_link_down_and_optics_faults(
    clean_lab: RunningLab, credentials: CliCredentials, state: LabState, platform: str
) -> None:
    target = _school_switch(clean_lab, platform)
    access, uplink = _access(target), _fiber(state, target)
    inject_fault(
        clean_lab.inventory, clean_lab.directory, FaultKind.LINK_DOWN, f"{target.device}:{access}"
    )
    inject_fault(
        clean_lab.inventory,
        clean_lab.directory,
        FaultKind.OPTICS,
        f"{target.device}:{uplink}",
        "-27.5",
    )
    poll = _poll(CliCollector(SystemClock(), credentials), target)
    assert poll.ok, poll.reason
    ports = {r.port: r for r in poll.ports}
    assert (ports[access].oper_up, ports[access].admin_up) == (False, True)
    assert ports[uplink].rx_dbm == -27.5


def test_wrong_password_is_an_auth_failure(lab: RunningLab, credentials: CliCredentials) -> None:
    wrong = CliCredentials(username=credentials.username, password=SecretStr("not-the-password"))
    poll = _poll(CliCollector(SystemClock(), wrong), _school_switch(lab, "h3c_comware"))
    assert not poll.ok
    assert "authentication failed" in (poll.reason or "")
    assert "not-the-password" not in (poll.reason or "")


def test_device_down_fails_quickly(clean_lab: RunningLab, credentials: CliCredentials) -> None:
    target = _school_switch(clean_lab, "huawei_vrp")
    inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.DEVICE_DOWN, target.device)
    started = time.monotonic()
    poll = _poll(CliCollector(SystemClock(), credentials, timeout_s=5), target)
    TIMINGS["device-down poll"] = time.monotonic() - started
    assert not poll.ok
    assert poll.duration_s < 3
    assert "SSH connection" in (poll.reason or "") or "connection" in (poll.reason or "")


def _spare(state: LabState, target: PollTarget) -> str:
    used = {p.name for p in target.ports}
    return next(
        p.name
        for p in state.ports(target.device)
        if not p.link_up and p.name not in used and p.medium == "copper"
    )


@pytest.mark.parametrize("platform", PLATFORMS)
def test_read_config_sees_state_description(
    lab: RunningLab, credentials: CliCredentials, state: LabState, platform: str
) -> None:
    target = _school_switch(lab, platform)
    port = _spare(state, target)
    state.update_port(target.device, port, alias="set through the state")
    try:
        result = read_config(target, credentials)
    finally:
        state.update_port(target.device, port, alias="")
    assert result.ok, result.reason
    assert result.config is not None
    assert result.config.interfaces[port].description == "set through the state"
    TIMINGS[f"read_config {platform}"] = result.duration_s


@pytest.mark.parametrize("platform", PLATFORMS)
def test_read_config_sees_a_netmiko_config_session(
    lab: RunningLab, credentials: CliCredentials, state: LabState, platform: str
) -> None:
    target = _school_switch(lab, platform)
    port = _spare(state, target)
    device_type = {"huawei_vrp": "huawei_vrp", "h3c_comware": "hp_comware"}[platform]
    login = Login(
        "127.0.0.1", target.ssh_port, credentials.username, credentials.password, device_type
    )
    lines = [f"interface {port}", "description set by netmiko", "shutdown"]

    def configure(session: Session) -> float:
        started = time.monotonic()
        session.send_config(lines)
        return time.monotonic() - started

    try:
        TIMINGS[f"send_config_set {platform} (ours)"] = run_session(
            connect_netmiko, login, configure
        )
        result = read_config(target, credentials)
    finally:
        state.update_port(target.device, port, alias="", admin_up=True)
    assert result.ok, result.reason
    assert result.config is not None
    configured = result.config.interfaces[port]
    assert (configured.description, configured.shutdown) == ("set by netmiko", True)


@pytest.mark.slow
def test_stock_vrp_driver_timing(
    lab: RunningLab, credentials: CliCredentials, state: LabState
) -> None:
    """The 'before' figure: netmiko's stock HuaweiSSH for the same three lines."""
    target = _school_switch(lab, "huawei_vrp")
    port = _spare(state, target)
    conn = ConnectHandler(
        device_type="huawei_vrp",
        host="127.0.0.1",
        port=target.ssh_port,
        username=credentials.username,
        password=credentials.password.get_secret_value(),
    )
    try:
        started = time.monotonic()
        conn.send_config_set([f"interface {port}", "description stock", "shutdown"])
        TIMINGS["send_config_set huawei_vrp (stock)"] = time.monotonic() - started
    finally:
        started = time.monotonic()
        conn.disconnect()
        TIMINGS["disconnect huawei_vrp (stock)"] = time.monotonic() - started
        state.update_port(target.device, port, alias="", admin_up=True)
