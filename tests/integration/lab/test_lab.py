"""``netops lab`` end to end: up, status, every fault seen through SNMP and the CLI, down.

One small lab (four schools, their county's aggregation and the core) runs for the
module; SNMP is read with net-snmp's ``snmpget``, the CLI with real netmiko sessions.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from netmiko import ConnectHandler
from netmiko.exceptions import NetmikoTimeoutException
from typer.testing import CliRunner

from netops.cli import app
from netops.lab import processes
from netops.lab.influx import InfluxError, ping
from netops.lab.labfile import LabFile, read_lab_file
from netops.lab.snmp.plan import SnmpPlan
from netops.lab.ssh.launch import load_ports
from netops.lab.state import LabState, PortState

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(shutil.which("snmpget") is None, reason="net-snmp's snmpget is missing"),
]
runner = CliRunner()
IF_OPER, IF_HIGH_SPEED, DUPLEX = (
    "1.3.6.1.2.1.2.2.1.8",
    "1.3.6.1.2.1.31.1.1.1.15",
    "1.3.6.1.2.1.10.7.2.1.19",
)
SYS_UPTIME, SYS_NAME = "1.3.6.1.2.1.1.3.0", "1.3.6.1.2.1.1.5.0"
HW_RX_POWER = "1.3.6.1.4.1.2011.5.25.31.1.1.3.1.8"
IF_HC_IN_OCTETS = "1.3.6.1.2.1.31.1.1.1.6"
DEVICE_TYPE = {"huawei_vrp": "huawei_vrp", "h3c_comware": "hp_comware"}


@dataclass
class Lab:
    directory: Path
    file: LabFile
    plan: SnmpPlan
    state: LabState
    ssh_ports: dict[str, int]
    login: dict[str, str]

    def cli(self, host: str) -> dict[str, object]:
        device = self.state.device(host)
        return {
            "device_type": DEVICE_TYPE[device.platform],
            "host": "127.0.0.1",
            "port": self.ssh_ports[host],
            "username": self.login["ssh_username"],
            "password": self.login["ssh_password"],
            "conn_timeout": 5,
            "fast_cli": False,
        }

    def snmp(self, host: str, *oids: str, timeout: float = 2.0) -> list[str]:
        agent = self.plan.device(host)
        out = subprocess.run(
            [
                "snmpget",
                "-v2c",
                "-c",
                agent.community or "",
                "-On",
                "-Oqv",
                "-t",
                str(timeout),
                "-r",
                "0",
                f"127.0.0.1:{agent.port}",
                *oids,
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if out.returncode:
            raise TimeoutError(out.stderr.strip())
        return out.stdout.strip().splitlines()

    def uplink_port(self) -> PortState:
        """The VRP aggregation switch's port facing a school (fiber, lit, SNMPv2c)."""
        for device in self.state.devices():
            if device.role == "aggregation" and self.plan.device(device.hostname).community:
                return next(
                    p
                    for p in self.state.ports(device.hostname)
                    if p.link_up
                    and p.medium == "fiber"
                    and p.alias.endswith("uplink")
                    and p.max_mbps <= 25_000
                )
        raise AssertionError("no SNMPv2c aggregation switch in the lab")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    directory = tmp_path_factory.mktemp("lab")
    result = runner.invoke(
        app, ["lab", "up", "--scope", "schools 4", "--dir", str(directory), "--v3-share", "0.2"]
    )
    try:
        assert result.exit_code == 0, result.output
        lab_file = read_lab_file(directory)
        assert lab_file is not None and lab_file.snmp_plan and lab_file.ssh_ports
        login = json.loads((directory / "credentials.json").read_text())
        yield Lab(
            directory,
            lab_file,
            SnmpPlan.load(lab_file.snmp_plan),
            LabState(lab_file.state),
            load_ports(lab_file.ssh_ports),
            login,
        )
    finally:
        runner.invoke(app, ["lab", "fault", "clear", "--dir", str(directory)])
        runner.invoke(app, ["lab", "down", "--dir", str(directory)])


def fault(lab: Lab, *args: str) -> str:
    result = runner.invoke(app, ["lab", "fault", *args, "--dir", str(lab.directory)])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(autouse=True)
def _clear_faults(lab: Lab) -> Iterator[None]:
    yield
    if read_lab_file(lab.directory) is not None:  # the last test takes the lab down
        fault(lab, "clear")


def test_status_reports_every_piece_healthy(lab: Lab) -> None:
    result = runner.invoke(app, ["lab", "status", "--dir", str(lab.directory), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    names = {piece["name"] for piece in report["pieces"]}
    assert {"ssh-simulator", "influxd"} <= names and any(n.startswith("snmp") for n in names)
    assert all(p["alive"] and p["answering"] for p in report["pieces"])
    assert report["devices"] == len(lab.state.devices())


def test_up_twice_is_safe_and_keeps_the_processes(lab: Lab) -> None:
    result = runner.invoke(app, ["lab", "up", "--scope", "schools 4", "--dir", str(lab.directory)])
    assert result.exit_code == 0, result.output
    again = read_lab_file(lab.directory)
    assert again is not None and [r.pid for r in again.processes] == [
        r.pid for r in lab.file.processes
    ]
    other = runner.invoke(app, ["lab", "up", "--scope", "all", "--dir", str(lab.directory)])
    assert other.exit_code == 1 and "lab down" in other.output


def test_lab_answers_snmp_and_ssh(lab: Lab) -> None:
    port = lab.uplink_port()
    assert lab.snmp(port.hostname, SYS_NAME) == [f'"{port.hostname}"']
    with ConnectHandler(**lab.cli(port.hostname)) as conn:
        assert "VRP" in conn.send_command("display version")


def test_probe_shows_snmp_and_ssh_answers(lab: Lab) -> None:
    result = runner.invoke(
        app, ["lab", "probe", "--dir", str(lab.directory)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "sysDescr" in result.output and "Version" in result.output
    host = lab.uplink_port().hostname
    fault(lab, "device-down", host)
    failed = runner.invoke(app, ["lab", "probe", host, "--dir", str(lab.directory)])
    assert failed.exit_code == 1 and "no answer" in failed.output


def test_link_down(lab: Lab) -> None:
    port = lab.uplink_port()
    assert lab.snmp(port.hostname, f"{IF_OPER}.{port.if_index}") == ["1"]
    fault(lab, "link-down", f"{port.hostname}:{port.name}")
    time.sleep(1)
    assert lab.snmp(port.hostname, f"{IF_OPER}.{port.if_index}") == ["2"]
    with ConnectHandler(**lab.cli(port.hostname)) as conn:
        text = str(conn.send_command(f"display interface {port.name}"))
    assert "current state : DOWN" in text


def test_speed(lab: Lab) -> None:
    port = lab.uplink_port()
    fault(lab, "speed", f"{port.hostname}:{port.name}", "100")
    time.sleep(1)
    assert lab.snmp(port.hostname, f"{IF_HIGH_SPEED}.{port.if_index}") == ["100"]
    with ConnectHandler(**lab.cli(port.hostname)) as conn:
        assert "Speed :  100" in conn.send_command(f"display interface {port.name}")


def test_duplex(lab: Lab) -> None:
    port = lab.uplink_port()
    assert lab.snmp(port.hostname, f"{DUPLEX}.{port.if_index}") == ["3"]
    fault(lab, "duplex", f"{port.hostname}:{port.name}", "half")
    time.sleep(1)
    assert lab.snmp(port.hostname, f"{DUPLEX}.{port.if_index}") == ["2"]
    with ConnectHandler(**lab.cli(port.hostname)) as conn:
        assert "Duplex: HALF" in conn.send_command(f"display interface {port.name}")


def test_optics(lab: Lab) -> None:
    port = lab.uplink_port()
    fault(lab, "optics", f"{port.hostname}:{port.name}", "-28.5")
    time.sleep(1)
    names = lab.state.ports(port.hostname)
    position = [p.name for p in names].index(port.name)
    from netops.lab.snmp.records import huawei_ent_index

    assert lab.snmp(port.hostname, f"{HW_RX_POWER}.{huawei_ent_index(position)}") == ["-2850"]
    with ConnectHandler(**lab.cli(port.hostname)) as conn:
        text = conn.send_command(f"display transceiver interface {port.name} verbose")
    assert "-28.50" in text


def test_load(lab: Lab) -> None:
    port = lab.uplink_port()
    fault(lab, "load", f"{port.hostname}:{port.name}", "80")
    time.sleep(1)
    oid = f"{IF_HC_IN_OCTETS}.{port.if_index}"
    first, start = int(lab.snmp(port.hostname, oid)[0]), time.time()
    time.sleep(3)
    second, end = int(lab.snmp(port.hostname, oid)[0]), time.time()
    bps = (second - first) * 8 / (end - start)
    assert bps == pytest.approx(0.8 * port.oper_mbps * 1e6, rel=0.15)  # the GETs' own time
    with ConnectHandler(**lab.cli(port.hostname)) as conn:
        text = str(conn.send_command(f"display interface {port.name}"))
    assert "Input bandwidth utilization  :    80%" in text, text


def test_counter_reset(lab: Lab) -> None:
    host = lab.uplink_port().hostname
    before = int(lab.snmp(host, "-Ot", SYS_UPTIME)[0])  # raw timeticks (1/100 s)
    assert before > 86_400 * 100  # seeded devices have been up for a day or more
    fault(lab, "counter-reset", host)
    time.sleep(1)
    assert int(lab.snmp(host, "-Ot", SYS_UPTIME)[0]) < 30 * 100
    with ConnectHandler(**lab.cli(host)) as conn:
        text = str(conn.send_command("display version"))
    assert re.search(r"uptime is 0 weeks?, 0 days?, 0 hours?", text), text


def test_device_down(lab: Lab) -> None:
    host = lab.uplink_port().hostname
    fault(lab, "device-down", host)
    with pytest.raises(TimeoutError):
        lab.snmp(host, SYS_NAME, timeout=1)
    started = time.monotonic()
    with pytest.raises((NetmikoTimeoutException, OSError, EOFError, ValueError)):
        ConnectHandler(**lab.cli(host))
    assert time.monotonic() - started < 10
    fault(lab, "clear")
    assert lab.snmp(host, SYS_NAME) == [f'"{host}"']


def test_slow(lab: Lab) -> None:
    host = lab.uplink_port().hostname
    fault(lab, "slow", host, "900")  # each answer 0.9 s late (a login is a dozen answers)
    with pytest.raises(TimeoutError):
        lab.snmp(host, SYS_NAME, timeout=0.4)
    started = time.monotonic()
    assert lab.snmp(host, SYS_NAME, timeout=5) == [f'"{host}"']
    assert time.monotonic() - started >= 0.85
    with ConnectHandler(**lab.cli(host)) as conn:
        started = time.monotonic()
        conn.send_command("display version", read_timeout=30)
        assert time.monotonic() - started >= 0.85


def test_influx_down(lab: Lab) -> None:
    assert lab.file.influx is not None
    url = lab.file.influx.url
    fault(lab, "influx-down")
    with pytest.raises(InfluxError):
        ping(url, timeout=1.0)
    status = runner.invoke(app, ["lab", "status", "--dir", str(lab.directory)])
    assert status.exit_code == 1 and "influx-down" in status.output
    fault(lab, "clear")
    assert ping(url, timeout=5.0)


def test_bad_fault_is_a_clear_error(lab: Lab) -> None:
    result = runner.invoke(
        app, ["lab", "fault", "link-down", "atlantis", "--dir", str(lab.directory)]
    )
    assert result.exit_code == 1 and "atlantis" in result.output
    result = runner.invoke(app, ["lab", "fault", "melt", "xy-0001", "--dir", str(lab.directory)])
    assert result.exit_code == 1 and "melt" in result.output


def test_crashed_piece_is_reported_then_down_stops_the_rest(lab: Lab) -> None:
    bystander = processes.spawn("bystander", ["sleep", "60"], lab.directory / "bystander.log")
    snmp = next(r for r in lab.file.processes if r.name.startswith("snmp"))
    processes.stop(snmp)
    result = runner.invoke(app, ["lab", "status", "--dir", str(lab.directory)])
    assert result.exit_code == 1 and "crashed" in result.output
    down = runner.invoke(app, ["lab", "down", "--dir", str(lab.directory)])
    assert down.exit_code == 0, down.output
    assert not any(processes.alive(r) for r in lab.file.processes)
    assert processes.alive(bystander)
    processes.stop(bystander)
    assert read_lab_file(lab.directory) is None
