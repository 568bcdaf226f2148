"""ansible-runner and the real playbook against the lab's SSH switches and terminal roots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from netmiko import ConnectHandler
from typer.testing import CliRunner

from netops.cli import app
from netops.lab.faults import FaultKind
from netops.lab.lab import inject_fault
from netops.lab.labfile import read_lab_file
from netops.lab.ssh.launch import load_ports
from netops.provision import hosts
from netops.provision.models import HostStatus
from netops.provision.provisioner import RunOptions
from tests.integration.provision.conftest import ProvisionLab

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _every_file(lab: ProvisionLab) -> bytes:
    return b"".join(p.read_bytes() for p in lab.runs_dir.rglob("*") if p.is_file())


@pytest.mark.parametrize("school", ["xy-0002", "xy-0003"])  # VRP, Comware
def test_check_then_first_run_changes_then_second_changes_nothing(
    provision_lab: ProvisionLab, school: str
) -> None:
    provisioner = provision_lab.provisioner()
    everyone = hosts.school_hosts(provision_lab.inventory.schools[school])
    before = provision_lab.verify(school)
    assert before.drift and not before.unread

    checked = provisioner.school(school, RunOptions(check=True, diff=True))
    assert checked.ok, checked
    assert sorted(checked.changed_hosts) == sorted(everyone)
    switch = next(h for h in checked.hosts if h.host == everyone[0])
    assert switch.diff and "vlan 10\n name mgmt" in switch.diff[0]
    after_check = provision_lab.verify(school)
    assert [str(d) for d in after_check.drift] == [str(d) for d in before.drift]

    first = provisioner.school(school)
    assert first.ok, first
    assert sorted(first.changed_hosts) == sorted(everyone)

    second = provisioner.school(school)
    assert second.ok, second
    assert second.changed_hosts == []
    assert {h.status for h in second.hosts} == {HostStatus.OK}

    report = provision_lab.verify(school)
    assert report.clean, [str(d) for d in report.drift]
    assert first.leaks == second.leaks == checked.leaks == []


def test_verify_finds_a_drift_made_through_the_cli(clean_provision_lab: ProvisionLab) -> None:
    lab = clean_provision_lab
    school = lab.inventory.schools["xy-0004"]
    switch = school.devices[0]
    room = school.rooms[1]
    terminal = room.terminals[0]
    provisioner = lab.provisioner()
    assert provisioner.school(school.id, RunOptions(limit=("switches",))).ok
    assert lab.verify(school.id).clean

    lab_file = read_lab_file(lab.directory)
    assert lab_file is not None and lab_file.ssh_ports is not None
    port = load_ports(lab_file.ssh_ports)[switch.hostname]
    session = ConnectHandler(
        device_type="huawei",
        host="127.0.0.1",
        port=port,
        username=lab.login.username,
        password=lab.login.password.get_secret_value(),
    )
    try:
        session.send_config_set(
            [f"interface {terminal.port}", "description spare", "quit", "undo vlan 10"]
        )
    finally:
        session.disconnect()

    report = lab.verify(school.id)
    assert [str(d) for d in report.drift] == [
        f"{switch.hostname}: VLAN 10: missing (intended 'mgmt')",
        f"{switch.hostname}: {terminal.port} (room {room.id} {room.name}, terminal"
        f" {terminal.hostname}): description is 'spare', intended"
        f" '{room.name} {terminal.hostname}'",
    ]
    fixed = provisioner.school(school.id, RunOptions(limit=(switch.hostname,)))
    assert fixed.changed_hosts == [switch.hostname]
    assert lab.verify(school.id).clean


def test_a_device_down_fails_that_host_only_and_the_batch_continues(
    clean_provision_lab: ProvisionLab,
) -> None:
    lab = clean_provision_lab
    inject_fault(lab.inventory, lab.directory, FaultKind.DEVICE_DOWN, "xy-0005-sw01")
    provisioner = lab.provisioner()
    switches = RunOptions(limit=("switches",))

    within = provisioner.county("xingyi", 2, 50, switches)
    assert [b.schools for b in within.batches][2] == ["xy-0005", "xy-0006"]
    assert within.not_attempted == [] and within.stop_reason is None
    failed = [h for b in within.batches for h in b.result.failed_hosts]
    assert failed == ["xy-0005-sw01"]
    third = {h.host: h for h in within.batches[2].result.hosts}
    assert third["xy-0005-sw01"].status in (HostStatus.UNREACHABLE, HostStatus.FAILED)
    assert third["xy-0005-sw01"].reason
    assert third["xy-0006-sw01"].status in (HostStatus.OK, HostStatus.CHANGED)
    assert within.batches[3].result.ok  # the run went on after the failing batch

    beyond = provisioner.county("xingyi", 2, 25, switches)
    assert len(beyond.batches) == 3 and beyond.batches[2].stopped
    assert beyond.not_attempted == ["xy-0007", "xy-0008"]
    assert beyond.stop_reason is not None and "more than the 25 % allowed" in beyond.stop_reason


def test_no_secret_in_any_file_of_any_run(provision_lab: ProvisionLab) -> None:
    """Runs above wrote artifacts, events, summaries: none holds a secret."""
    provision_lab.provisioner().school("xy-0008", RunOptions(check=True, diff=True))
    everything = _every_file(provision_lab)
    assert list(provision_lab.runs_dir.rglob("job_events"))
    for value in provision_lab.secrets.values():
        assert value.encode() not in everything
    assert not list(provision_lab.runs_dir.rglob("env"))  # suppress_env_files


def test_the_commands_on_the_lab(
    provision_lab: ProvisionLab, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``netops provision school`` and ``verify`` find the lab, its login and its schools."""
    monkeypatch.setenv("NETOPS_INVENTORY", str(provision_lab.inventory_root))
    monkeypatch.setenv("NETOPS_LAB_DIR", str(provision_lab.directory))
    monkeypatch.setenv("NETOPS_STATE_PATH", str(tmp_path / "state.sqlite"))
    community = provision_lab.secrets.snmp_community
    assert community is not None
    monkeypatch.setenv("NETOPS_SNMP__COMMUNITY", community.get_secret_value())
    runner = CliRunner()
    pushed = runner.invoke(app, ["provision", "school", "xy-0006", "--limit", "switches", "--json"])
    assert pushed.exit_code == 0, pushed.output
    result = json.loads(pushed.output)
    assert result["ok"] and [h["host"] for h in result["hosts"]] == ["xy-0006-sw01"]
    assert Path(result["run_dir"]).parent == tmp_path / "runs"
    verified = runner.invoke(app, ["provision", "verify", "xy-0006"])
    assert verified.exit_code == 0, verified.output
    assert "school xy-0006: 1 switch(es) as intended" in verified.output
    outside = runner.invoke(app, ["provision", "school", "xr-0001"])
    assert outside.exit_code == 1
    assert "is not in the lab" in outside.output
