"""provision_school.yml against the lab: a Huawei and an H3C school, switches and terminals.

Runs the real ansible-playbook (plain subprocess) from playbooks/ with the inventory in
lab mode. First run changes, second run changes nothing, check mode changes nothing on
the device, and the simulator shows the intended lines afterwards. Secrets never appear
in Ansible's output.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from netops.inventory import load_inventory
from netops.lab.lab import down, up
from netops.lab.labfile import CREDENTIALS_FILE, LabCredentials
from netops.lab.seed import Scope
from netops.lab.ssh.client import run_command
from netops.lab.ssh.launch import load_ports
from netops.settings import PROJECT_ROOT

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PLAYBOOKS = PROJECT_ROOT / "playbooks"
VENV_BIN = Path(sys.executable).parent
COMMUNITY = "Sch00l-Community-7f3a"
#: xy-0002: H3C Comware; xy-0003: Huawei VRP (the committed prefecture).
COMWARE_SCHOOL, VRP_SCHOOL = "xy-0002", "xy-0003"
_RECAP = re.compile(r"^(\S+)\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


@dataclass(frozen=True)
class Lab:
    """A running lab and how to reach its switches."""

    directory: Path
    login: LabCredentials
    ports: dict[str, int]

    def show(self, device: str, command: str = "display current-configuration") -> str:
        """A command's output on a simulated switch."""
        password = self.login.ssh_password.get_secret_value()
        output = run_command(self.ports[device], self.login.ssh_username, password, command)
        return output.replace("\r\n", "\n")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    directory = tmp_path_factory.mktemp("playbook-lab")
    inventory = load_inventory(PROJECT_ROOT / "inventories" / "qianxinan")
    try:
        lab_file = up(inventory, Scope.parse("schools 3"), directory, snmp_processes=1)
        login = LabCredentials.model_validate_json(
            (directory / CREDENTIALS_FILE).read_text(encoding="utf-8")
        )
        assert lab_file.ssh_ports is not None
        yield Lab(directory, login, load_ports(lab_file.ssh_ports))
    finally:
        down(directory)


@pytest.fixture(scope="module")
def secrets_file(lab: Lab) -> Path:
    path = lab.directory / "secrets.json"
    secrets = {
        "switch_password": lab.login.ssh_password.get_secret_value(),
        "snmp_version": "v2c",
        "snmp_community": COMMUNITY,
    }
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump({"netops_secrets": secrets}, out)
    return path


@dataclass(frozen=True)
class Run:
    """One ansible-playbook run: its output and the recap per host."""

    returncode: int
    output: str
    recap: dict[str, tuple[int, int, int, int]]  # ok, changed, unreachable, failed

    def changed(self) -> int:
        return sum(row[1] for row in self.recap.values())


def playbook(lab: Lab, secrets: Path, limit: str, *options: str) -> Run:
    """``ansible-playbook provision_school.yml`` as docs/playbooks.md says, in lab mode."""
    env = {
        **os.environ,
        "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "ANSIBLE_CONFIG": str(PLAYBOOKS / "ansible.cfg"),
        "ANSIBLE_NOCOLOR": "1",
        "NETOPS_ANSIBLE_LAB": "1",
        "NETOPS_LAB_DIR": str(lab.directory),
    }
    command = [
        str(VENV_BIN / "ansible-playbook"),
        "provision_school.yml",
        "--limit",
        limit,
        "-e",
        f"@{secrets}",
        "--forks",
        "10",
        *options,
    ]
    done = subprocess.run(
        command, cwd=PLAYBOOKS, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    output = done.stdout + done.stderr
    recap = {
        m[1]: (int(m[2]), int(m[3]), int(m[4]), int(m[5])) for m in _RECAP.finditer(done.stdout)
    }
    return Run(done.returncode, output, recap)


@pytest.mark.parametrize(
    ("school", "core", "expected"),
    [
        (
            VRP_SCHOOL,
            "xy-0003-core01",
            [
                "sysname xy-0003-core01",
                "vlan batch 10 100",
                "interface Vlanif10\n ip address 10.65.1.33 255.255.255.240",
                "interface XGigabitEthernet0/0/1\n description uplink xy-agg01"
                " XGigabitEthernet0/0/3\n port link-type trunk",
                " port trunk allow-pass vlan 10 100",
                "snmp-agent community read cipher %^%#",
                "ntp-service unicast-server 10.64.0.10",
                "info-center loghost 10.64.0.20",
            ],
        ),
        (
            COMWARE_SCHOOL,
            "xy-0002-core01",
            [
                " sysname xy-0002-core01",
                "vlan 100\n name classrooms",
                "interface Vlan-interface10\n ip address 10.65.1.17 255.255.255.240",
                " description uplink xy-agg01 XGigabitEthernet0/0/2",
                " port trunk permit vlan 1 10 100",
                " snmp-agent community read cipher $c$3$",
                " ntp-service unicast-server 10.64.0.10",
                " info-center loghost 10.64.0.20",
            ],
        ),
    ],
)
def test_school_switches_converge_and_stay(
    lab: Lab, secrets_file: Path, school: str, core: str, expected: list[str]
) -> None:
    limit = f"school_{school.replace('-', '_')}:&switches"
    before = lab.show(core)

    check = playbook(lab, secrets_file, limit, "--check", "--diff")
    assert check.returncode == 0, check.output
    assert check.changed() == len(check.recap) > 1
    assert "snmp-agent community read" in check.output and "********" in check.output
    assert lab.show(core) == before, "check mode changed the device"

    first = playbook(lab, secrets_file, limit, "--diff")
    assert first.returncode == 0, first.output
    assert first.changed() == len(first.recap)
    running = lab.show(core)
    for line in expected:
        assert line in running, f"{core} lacks {line!r}"
    saved = lab.show(core, "display saved-configuration")
    assert "ntp-service unicast-server 10.64.0.10" in saved

    second = playbook(lab, secrets_file, limit, "-v")
    assert second.returncode == 0, second.output
    assert second.changed() == 0, second.output
    for run in (check, first, second):
        assert COMMUNITY not in run.output
        assert lab.login.ssh_password.get_secret_value() not in run.output


def test_terminals_get_their_files_once(lab: Lab, secrets_file: Path) -> None:
    limit = "school_xy_0002:&terminals:&xy-0002-r0*"  # nine rooms are enough
    root = lab.directory / "terminals" / "xy-0002-r01-t1"
    check = playbook(lab, secrets_file, limit, "--check", "--diff")
    assert check.returncode == 0, check.output
    assert check.changed() == len(check.recap) == 9
    assert not (root / "etc").exists(), "check mode wrote files"

    first = playbook(lab, secrets_file, limit)
    assert first.returncode == 0, first.output
    network = (root / "etc/systemd/network/10-netops.network").read_text(encoding="utf-8")
    assert "Address=10.65.64.130/25" in network and "Gateway=10.65.64.129" in network
    agent = (root / "etc/netops-agent/agent.yaml").read_text(encoding="utf-8")
    assert 'room: "r01 Senior 1 Class 1"' in agent
    assert "NTP=10.64.0.10 10.64.0.11" in (
        root / "etc/systemd/timesyncd.conf.d/10-netops.conf"
    ).read_text(encoding="utf-8")

    second = playbook(lab, secrets_file, limit)
    assert second.returncode == 0 and second.changed() == 0, second.output


def test_a_switch_without_a_role_fails_alone(lab: Lab, secrets_file: Path) -> None:
    run = playbook(lab, secrets_file, "school_xy_0001:&switches")
    assert run.returncode == 2, run.output  # some hosts failed
    assert all(row[3] == 1 for row in run.recap.values()), run.recap
    assert "no school_switch template for platform ruijie_rgos" in run.output
