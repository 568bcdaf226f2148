"""The SSH CLI simulators, driven by real netmiko 4.8 (huawei, hp_comware) over real SSH."""

from __future__ import annotations

import asyncio
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from netmiko import (
    BaseConnection,
    ConnectHandler,
    NetmikoAuthenticationException,
    NetmikoTimeoutException,
)
from netmiko.utilities import get_structured_data_textfsm

from netops.inventory import load_inventory
from netops.lab import processes
from netops.lab.seed import Scope, seed_state
from netops.lab.ssh import (
    Credentials,
    VrpShell,
    command,
    servable,
    wait_ready,
    write_credentials,
    write_ports,
)
from netops.lab.state import LabState
from netops.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

USERNAME, PASSWORD = "netops", "lab-Secret-42"
#: Netmiko's device_type per platform; textfsm needs the ntc-templates platform name.
DEVICE_TYPE = {"huawei_vrp": "huawei", "h3c_comware": "hp_comware"}
TEXTFSM_TYPE = {"huawei_vrp": "huawei_vrp", "h3c_comware": "hp_comware"}
#: How each platform's short interface names look, for `interface X` in tests.
SHORT = {"GigabitEthernet": "GE", "XGigabitEthernet": "XGE", "Ten-GigabitEthernet": "XGE"}
ROLES = ["school_core", "school_access", "aggregation", "prefecture_core"]
TIMINGS: dict[str, float] = {}


@dataclass(frozen=True)
class Device:
    """A simulated switch the tests talk to."""

    hostname: str
    platform: str
    port: int
    fiber: str  # a lit fiber port (has optics)
    spare: str  # a port nothing is plugged into (free to configure)


@dataclass(frozen=True)
class Lab:
    """A seeded state and the running simulator process."""

    state: LabState
    devices: dict[str, Device]  # by platform
    record: processes.ProcessRecord
    ports: dict[str, int]  # every served device

    def another(self, platform: str) -> Device:
        """A device of ``platform`` that the shared sessions do not use."""
        used = self.devices[platform].hostname
        for device in self.state.devices():
            if device.platform == platform and device.hostname != used:
                return Device(device.hostname, platform, self.ports[device.hostname], "", "")
        raise AssertionError(f"only one {platform} device in the lab")


def _free_ports(count: int) -> list[int]:
    ports: list[int] = []
    while len(ports) < count:
        port = processes.free_port()
        if port not in ports:
            ports.append(port)
    return ports


def _pick(state: LabState, platform: str, ports: dict[str, int]) -> Device:
    # School switches first: the S-series boxes netmiko's drivers are written for.
    devices = sorted(state.devices(), key=lambda d: ROLES.index(d.role))
    for device in devices:
        if device.platform != platform:
            continue
        lit = [p for p in state.ports(device.hostname) if p.rx_dbm is not None]
        spare = [
            p
            for p in state.ports(device.hostname)
            if not p.link_up and p.name.startswith("GigabitEthernet")
        ]
        if lit and spare:
            return Device(
                device.hostname, platform, ports[device.hostname], lit[0].name, spare[-1].name
            )
    raise AssertionError(f"no {platform} device with optics and a spare port in the lab")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """Five schools with their Huawei and H3C switches, served by one simulator process."""
    root = tmp_path_factory.mktemp("ssh-lab")
    inventory = load_inventory(PROJECT_ROOT / "inventories" / "qianxinan")
    state = LabState(root / "state.db")
    state.load(*seed_state(inventory, Scope.parse("schools 5")))
    hosts = servable(state)
    ports = dict(zip(hosts, _free_ports(len(hosts)), strict=True))
    argv = command(
        root / "state.db",
        write_ports(root / "ssh-ports.json", ports),
        root / "ssh_host_ed25519_key",
        write_credentials(
            root / "ssh-login.yaml", Credentials(username=USERNAME, password=PASSWORD)
        ),
    )
    record = processes.spawn("ssh-sim", argv, root / "ssh-sim.log")
    try:
        wait_ready(record, timeout=30)
        devices = {p: _pick(state, p, ports) for p in DEVICE_TYPE}
        yield Lab(state, devices, record, ports)
    finally:
        processes.stop(record)
        state.close()
        if TIMINGS:
            print("\nSSH simulator timings (s):", {k: round(v, 3) for k, v in TIMINGS.items()})


def _connect(device: Device, device_type: str | None = None, **kwargs: Any) -> BaseConnection:
    return ConnectHandler(
        device_type=device_type or DEVICE_TYPE[device.platform],
        host="127.0.0.1",
        port=device.port,
        username=USERNAME,
        password=PASSWORD,
        **kwargs,
    )


@pytest.fixture(scope="module")
def sessions(lab: Lab) -> Iterator[dict[str, BaseConnection]]:
    """One long session per platform for tests that need no fresh login.

    Closing a VRP session costs ~2.5 s (netmiko's exit checks wait for silence), so
    tests share these.
    """
    opened = {platform: _connect(device) for platform, device in lab.devices.items()}
    yield opened
    for conn in opened.values():
        conn.disconnect()


def _short(name: str) -> str:
    for full, short in SHORT.items():
        if name.startswith(full) and name[len(full)].isdigit():
            return short + name[len(full) :]
    return name


def _run(conn: BaseConnection, command: str, **kwargs: Any) -> str:
    """send_command, as text."""
    output = conn.send_command(command, **kwargs)
    assert isinstance(output, str)
    return output


def _configure(conn: BaseConnection, lines: list[str]) -> str:
    """Config lines one by one, each answered by a view prompt (quicker than send_config_set,
    whose VRP driver idles about 2 s per mode check)."""
    view = rf"\[{re.escape(conn.base_prompt)}\S*\]"
    output = [_run(conn, "system-view", expect_string=view)]
    output += [_run(conn, line, expect_string=view) for line in lines]
    output.append(_run(conn, "return", expect_string=rf"<{re.escape(conn.base_prompt)}>"))
    return "\n".join(output)


def _timed(key: str, started: float) -> None:
    TIMINGS[key] = max(TIMINGS.get(key, 0.0), time.monotonic() - started)


PLATFORMS = pytest.mark.parametrize("platform", list(DEVICE_TYPE))


@pytest.fixture
def textfsm(monkeypatch: pytest.MonkeyPatch) -> None:
    """Point netmiko at ntc-templates directly: its lookup via importlib warns on Python 3.11."""
    monkeypatch.setenv("NET_TEXTFSM", str(files("ntc_templates") / "templates"))


@PLATFORMS
@pytest.mark.usefixtures("textfsm")
def test_display_version(lab: Lab, platform: str) -> None:
    """Login, paging off and `display version` work with the stock netmiko driver."""
    device = lab.devices[platform]
    started = time.monotonic()
    with _connect(device) as conn:
        _timed(f"connect {platform}", started)
        started = time.monotonic()
        output = _run(conn, "display version")
        _timed(f"send_command {platform}", started)
        assert conn.base_prompt == device.hostname
    model = lab.state.device(device.hostname).model
    assert f"{model} " in output and "uptime is" in output
    if platform == "huawei_vrp":
        parsed = get_structured_data_textfsm(
            output, platform="huawei_vrp", command="display version"
        )
        assert isinstance(parsed, list) and parsed[0]["model"].startswith(model)


@PLATFORMS
@pytest.mark.usefixtures("textfsm")
def test_interface_brief_parses_with_ntc_templates(lab: Lab, platform: str) -> None:
    """`display interface brief` parses with ntc-templates; rows follow the state."""
    device = lab.devices[platform]
    lab.state.update_port(device.hostname, device.spare, admin_up=False)
    try:
        with _connect(device, TEXTFSM_TYPE[platform]) as conn:
            rows = conn.send_command("display interface brief", use_textfsm=True)
    finally:
        lab.state.update_port(device.hostname, device.spare, admin_up=True)
    assert isinstance(rows, list)
    by_name = {row["interface"]: row for row in rows}
    ports = lab.state.ports(device.hostname)
    if platform == "huawei_vrp":
        assert {p.name for p in ports} <= set(by_name)
        assert by_name[device.fiber]["phy"] == "up"
        assert by_name[device.spare]["phy"] == "*down"
    else:
        bridge = [row for row in rows if row["type"]]
        assert len(bridge) == len(ports)
        assert by_name[_short(device.fiber)]["link"] == "UP"
        assert by_name[_short(device.spare)]["link"] == "ADM"


@PLATFORMS
@pytest.mark.usefixtures("textfsm")
def test_display_interface_parses_with_ntc_templates(
    lab: Lab, sessions: dict[str, BaseConnection], platform: str
) -> None:
    """`display interface X` shows state, description, speed and duplex where templates look."""
    device, conn = lab.devices[platform], sessions[platform]
    port = lab.state.port(device.hostname, device.fiber)
    command = f"display interface {device.fiber}"
    rows = get_structured_data_textfsm(
        _run(conn, command), platform=TEXTFSM_TYPE[platform], command=command
    )
    assert isinstance(rows, list) and len(rows) == 1
    row = rows[0]
    assert row["interface"] == device.fiber
    if platform == "huawei_vrp":
        assert (row["link_status"].split()[0], row["protocol_status"]) == ("UP", "UP")
        assert (row["speed"], row["duplex"]) == (str(port.oper_mbps), "FULL")
        assert row["interface_description"] == port.alias
    else:
        assert (row["line_status"], row["protocol_status"]) == ("UP", "UP")
        assert (row["speed"], row["duplex"]) == (f"{port.oper_mbps}Mbps-speed", "full-duplex")
        assert row["description"] == port.alias


@PLATFORMS
def test_config_reaches_state_and_next_session(lab: Lab, platform: str) -> None:
    """send_config_set writes description and shutdown to the state; a new session shows them."""
    device = lab.devices[platform]
    description = f"lab test {platform}"
    with _connect(device) as conn:
        started = time.monotonic()
        conn.send_config_set(
            [f"interface {_short(device.spare)}", f"description {description}", "shutdown"]
        )
        _timed(f"send_config_set {platform}", started)
    port = lab.state.port(device.hostname, device.spare)
    assert (port.admin_up, port.alias) == (False, description)
    with _connect(device) as conn:
        config = _run(conn, "display current-configuration")
        this = _configure(conn, [f"interface {device.spare}", "display this"])
        _configure(conn, [f"interface {device.spare}", "undo shutdown", "undo description"])
    block = config.split(f"interface {device.spare}\n", 1)[1].split("#", 1)[0]
    assert f" description {description}\n" in block and " shutdown\n" in block
    assert f" description {description}" in this
    port = lab.state.port(device.hostname, device.spare)
    assert (port.admin_up, port.alias) == (True, "")


@PLATFORMS
def test_speed_duplex_and_vlan(
    lab: Lab, sessions: dict[str, BaseConnection], platform: str
) -> None:
    """Speed, duplex and access VLAN land in the state (what SNMP reports) and the config."""
    device, conn = lab.devices[platform], sessions[platform]
    vlan_command = "port default vlan 100" if platform == "huawei_vrp" else "port access vlan 100"
    _configure(
        conn,
        [
            f"interface {device.spare}",
            "port link-type access",
            vlan_command,
            "speed 100",
            "duplex half",
        ],
    )
    config = _run(conn, f"display current-configuration interface {device.spare}")
    _configure(conn, [f"interface {device.spare}", "undo speed", "undo duplex"])
    port = lab.state.port(device.hostname, device.spare)
    assert (port.pvid, port.speed_mbps, port.duplex) == (100, None, None)
    assert " speed 100\n" in config and " duplex half\n" in config
    assert f" {vlan_command}" in config


@PLATFORMS
def test_save_config(lab: Lab, sessions: dict[str, BaseConnection], platform: str) -> None:
    """save_config() answers the device's questions; the state records the save."""
    device, conn = lab.devices[platform], sessions[platform]
    before = time.time()
    output = conn.save_config()
    if platform == "h3c_comware":  # netmiko saves from system view (its enable()) and stays
        _run(conn, "return", expect_string=rf"<{device.hostname}>")
    saved = _run(conn, "display saved-configuration")
    assert "successfully" in output
    saved_epoch = lab.state.device(device.hostname).saved_epoch
    assert saved_epoch is not None and saved_epoch >= before
    assert f"sysname {device.hostname}" in saved


@PLATFORMS
def test_transceiver_follows_state(
    lab: Lab, sessions: dict[str, BaseConnection], platform: str
) -> None:
    """Optical powers in dBm are the state's, read anew on every command."""
    device, conn = lab.devices[platform], sessions[platform]
    lab.state.update_port(device.hostname, device.fiber, rx_dbm=-12.34, tx_dbm=-2.5)

    def cmd(port: str) -> str:
        if platform == "huawei_vrp":
            return f"display transceiver interface {port} verbose"
        return f"display transceiver diagnosis interface {_short(port)}"

    output = _run(conn, cmd(device.fiber))
    absent = _run(conn, cmd(device.spare))
    if platform == "huawei_vrp":
        assert "RX Power(dBM)                          :-12.34" in output
        assert "TX Power(dBM)                          :-2.50" in output
    else:
        readings = output.splitlines()[3].split()
        assert readings[3:5] == ["-12.34", "-2.50"]
    assert "absent" in absent or "not present" in absent


@PLATFORMS
def test_unknown_command_error(sessions: dict[str, BaseConnection], platform: str) -> None:
    """A typo gets the caret and the message the real device prints."""
    output = _run(sessions[platform], "dispaly version")
    assert "Unrecognized command found at '^' position." in output
    assert output.lstrip(" ").startswith("^")


@PLATFORMS
def test_wrong_password_is_an_auth_error(lab: Lab, platform: str) -> None:
    """A bad password fails the way netmiko reports it for real gear."""
    device = lab.devices[platform]
    with pytest.raises(NetmikoAuthenticationException):
        ConnectHandler(
            device_type=DEVICE_TYPE[platform],
            host="127.0.0.1",
            port=device.port,
            username=USERNAME,
            password="wrong",
        )


@PLATFORMS
def test_powered_off_device_does_not_answer(lab: Lab, platform: str) -> None:
    """powered=0 drops connections at once; sessions end; power back, it answers again."""
    device = lab.another(platform)  # its sessions end: not the shared ones
    with _connect(device) as conn:
        lab.state.update_device(device.hostname, powered=False)
        try:
            time.sleep(1.0)  # the simulator checks power twice a second
            assert not conn.is_alive()
            started = time.monotonic()
            with pytest.raises(NetmikoTimeoutException):
                _connect(device, conn_timeout=5)
            assert time.monotonic() - started < 3
        finally:
            lab.state.update_device(device.hostname, powered=True)
    with _connect(device) as conn:
        assert conn.find_prompt() == f"<{device.hostname}>"


@PLATFORMS
def test_slow_device_answers_late(
    lab: Lab, sessions: dict[str, BaseConnection], platform: str
) -> None:
    """slow_ms delays each answer (netmiko's send_command waits for two: prompt, command)."""
    device, conn = lab.devices[platform], sessions[platform]
    started = time.monotonic()
    _run(conn, "display version")
    normal = time.monotonic() - started
    lab.state.update_device(device.hostname, slow_ms=400)
    try:
        started = time.monotonic()
        _run(conn, "display version", read_timeout=20)
        slow = time.monotonic() - started
    finally:
        lab.state.update_device(device.hostname, slow_ms=0)
    assert slow >= normal + 0.4


@PLATFORMS
def test_interface_names_as_engineers_type_them(
    lab: Lab, sessions: dict[str, BaseConnection], platform: str
) -> None:
    """Full names, short forms, prefixes and `TYPE NUMBER` all reach the same port."""
    device, conn = lab.devices[platform], sessions[platform]
    kind = "GigabitEthernet"  # _pick chose a GE port
    number = device.spare.removeprefix(kind)
    for typed in (device.spare, _short(device.spare), f"gi{number}", f"{kind} {number}"):
        output = _configure(conn, [f"int {typed}", f"desc via {typed}"])
        assert "Error" not in output and "%" not in output
        assert lab.state.port(device.hostname, device.spare).alias == f"via {typed}"
    _configure(conn, [f"interface {device.spare}", "undo description"])


class _Terminal:
    """A scripted keyboard and a screen, for a shell without SSH."""

    def __init__(self, typed: list[str]) -> None:
        self.typed = typed
        self.screen: list[str] = []

    async def read(self) -> str:
        return self.typed.pop(0) if self.typed else ""

    def write(self, text: str) -> None:
        self.screen.append(text)


def test_paging_and_line_editing(lab: Lab) -> None:
    """Without paging off, long output stops at ---- More ----; Backspace edits the echo."""
    device = lab.devices["huawei_vrp"]
    terminal = _Terminal(
        [
            "display current-configuration\r",
            " ",
            "q",
            "dis ver\x7f\x7f\x7f",
            "version\r\n",
            "quit\r",
        ]
    )
    asyncio.run(VrpShell(lab.state, device.hostname, terminal).run())
    screen = "".join(terminal.screen)
    assert screen.count("  ---- More ----") == 2 and "\x1b[16D" in screen
    assert f"<{device.hostname}>dis ver\b \b\b \b\b \bversion\r\nHuawei Versatile" in screen
    assert screen.endswith(f"<{device.hostname}>quit\r\n")


def test_login_from_environment(lab: Lab, tmp_path: Path) -> None:
    """Without --credentials the process takes the login from NETOPS_LAB_SSH_*."""
    device = lab.devices["h3c_comware"]
    port = _free_ports(1)[0]
    argv = command(
        lab.state.path,
        write_ports(tmp_path / "ports.json", {device.hostname: port}),
        tmp_path / "host_key",
    )
    env = {"NETOPS_LAB_SSH_USERNAME": "env-user", "NETOPS_LAB_SSH_PASSWORD": "env-Secret-7"}
    record = processes.spawn("ssh-sim-env", argv, tmp_path / "sim.log", env=env)
    try:
        wait_ready(record, timeout=30)
        with ConnectHandler(
            device_type="hp_comware",
            host="127.0.0.1",
            port=port,
            username="env-user",
            password="env-Secret-7",
        ) as conn:
            assert conn.find_prompt() == f"<{device.hostname}>"
    finally:
        processes.stop(record)


def test_bad_login_file_is_refused_without_quoting_it(tmp_path: Path) -> None:
    """A login file without a username stops the process (exit 2); the password is not shown."""
    login = tmp_path / "login.yaml"
    login.write_text("password: never-Shown-9\n")
    result = subprocess.run(
        command(
            tmp_path / "state.db",
            write_ports(tmp_path / "ports.json", {}),
            tmp_path / "host_key",
            login,
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "never-Shown-9" not in result.stdout + result.stderr
    assert "expected a username and a password" in result.stderr


def test_timings_are_reasonable(lab: Lab) -> None:
    """Connect and send_command are fast; send_config_set pays netmiko's own waits."""
    if not TIMINGS:
        pytest.skip("run with the other tests of this module")
    for key, seconds in TIMINGS.items():
        limit = 20.0 if key.startswith("send_config_set") else 3.0
        assert seconds < limit, key
