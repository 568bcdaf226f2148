"""Secrets: how they reach Ansible (a pipe), what the run environment keeps, the leak check."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from netops.clock import FixedClock
from netops.inventory import Inventory
from netops.provision.models import RunRequest
from netops.provision.provisioner import Provisioner
from netops.provision.runner import AnsibleRunner, FakeRunner, stats_event, task_event
from netops.provision.secrets import (
    REDACTED,
    ProvisionSecrets,
    find_leaks,
    safe_environment,
    secret_pipe,
)

SECRETS = ProvisionSecrets(
    switch_password=SecretStr("sw-Password-77"),
    snmp_community=SecretStr('c0mm"unity-x9'),
    snmp_version="v2c",
)


def test_extravars_hold_the_plain_values_under_one_variable() -> None:
    assert SECRETS.extravars() == {
        "netops_secrets": {
            "switch_password": "sw-Password-77",
            "snmp_version": "v2c",
            "snmp_community": 'c0mm"unity-x9',
        }
    }
    assert "sw-Password-77" not in repr(SECRETS)


def test_well_known_and_tiny_values_are_not_searched_for() -> None:
    weak = ProvisionSecrets(switch_password=SecretStr("abc"), snmp_community=SecretStr("public"))
    assert weak.values() == []


def test_the_pipe_serves_each_reader_once_and_leaves_nothing(tmp_path: Path) -> None:
    with secret_pipe(SECRETS.extravars()) as path:
        assert path.stat().st_mode & 0o777 == 0o600
        first = json.loads(path.read_text())
        time.sleep(0.2)  # the pipe notices the first reader has gone
        second = json.loads(path.read_text())  # a later reader gets it again, whole
    assert first == second == SECRETS.extravars()
    assert not path.exists() and not path.parent.exists()


def test_a_pipe_nobody_reads_does_not_hang() -> None:
    with secret_pipe(SECRETS.extravars()) as path:
        assert path.exists()


def test_the_environment_loses_secret_settings_and_values() -> None:
    env = {
        "PATH": "/usr/bin",
        "NETOPS_SNMP__COMMUNITY": "anything",
        "NETOPS_PROVISION__SWITCH_PASSWORD": "anything",
        "NETOPS_INFLUX__TOKEN": "anything",
        "NETOPS_INVENTORY": "/inv",
        "SOME_TOOL_LOGIN": "user:sw-Password-77",
    }
    assert safe_environment(env, SECRETS) == {"PATH": "/usr/bin", "NETOPS_INVENTORY": "/inv"}


def test_the_command_line_names_the_pipe_not_the_secrets(tmp_path: Path) -> None:
    request = RunRequest(label="x", limit="school_xy_0002", check=True, diff=True)
    line = AnsibleRunner.command_line(request, tmp_path / "extravars.json")
    assert line == f"-e @{tmp_path / 'extravars.json'} --check --diff"


def test_the_inventory_source_is_written_to_the_run(tmp_path: Path) -> None:
    runner = AnsibleRunner(tmp_path, "p.yml", inventory=Path("/inv"), lab_dir=Path("/lab"))
    path = runner.inventory_source(tmp_path)
    assert path is not None and path.name == "netops.yml"
    assert path.read_text() == (
        'plugin: netops_inventory\npath: "/inv"\nlab: true\nlab_dir: "/lab"\n'
    )
    assert runner.environment()["ANSIBLE_CONFIG"] == str(tmp_path / "ansible.cfg")
    narrowed = runner.inventory_source(tmp_path, ("xy-0002", "xy-0003"))
    assert narrowed is not None
    assert narrowed.read_text().splitlines()[2] == 'schools: ["xy-0002", "xy-0003"]'


def test_leaks_are_found_in_any_form_and_blanked(tmp_path: Path) -> None:
    (tmp_path / "artifacts" / "run").mkdir(parents=True)
    stdout = tmp_path / "artifacts" / "run" / "stdout"
    stdout.write_text("password sw-Password-77 and again sw-Password-77\n")
    event = tmp_path / "artifacts" / "run" / "1.json"
    event.write_text(json.dumps({"stdout": 'community c0mm"unity-x9'}))
    clean = tmp_path / "summary.json"
    clean.write_text("{}")
    leaks = find_leaks(tmp_path, SECRETS)
    assert [(leak.path.name, leak.occurrences) for leak in leaks] == [("1.json", 1), ("stdout", 2)]
    assert stdout.read_bytes() == b"password " + REDACTED + b" and again " + REDACTED + b"\n"
    assert find_leaks(tmp_path, SECRETS) == []


def _artifact_writer(artifacts: Path, secrets: ProvisionSecrets) -> None:
    """What ansible-runner writes, from what netops hands it (never the secrets)."""
    (artifacts / "command").write_text(json.dumps({"env": {"PATH": "/usr/bin"}}))
    (artifacts / "stdout").write_text("PLAY RECAP\n")


def _script(request: RunRequest) -> Iterable[dict[str, Any]]:
    for host in request.hosts:
        yield task_event("runner_on_ok", host, changed=True)
    yield stats_event(changed=list(request.hosts))


def test_no_secret_in_any_file_of_a_run_directory(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    runner = FakeRunner(_script, write=_artifact_writer)
    provisioner = Provisioner(runner, inventory, SECRETS, tmp_path, clock)
    result = provisioner.school("xy-0002")
    county = provisioner.county("xingyi", 4, 0)
    assert result.leaks == [] and county.ok
    everything = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert b"summary.json" not in everything and everything  # files were written
    for value in SECRETS.values():
        assert value.encode() not in everything


def test_a_leaking_playbook_is_caught_and_blanked(
    inventory: Inventory, tmp_path: Path, clock: FixedClock
) -> None:
    def careless(artifacts: Path, secrets: ProvisionSecrets) -> None:
        password = secrets.extravars()["netops_secrets"]["switch_password"]
        (artifacts / "stdout").write_text(f"ok: [sw01] => password {password}\n")

    runner = FakeRunner(_script, write=careless)
    result = Provisioner(runner, inventory, SECRETS, tmp_path, clock).school("xy-0002")
    assert [p.name for p in result.leaks] == ["stdout"]
    assert b"sw-Password-77" not in (result.leaks[0]).read_bytes()


def test_this_python_runs_the_lab_and_the_network_discovers_its_own(tmp_path: Path) -> None:
    lab = AnsibleRunner(tmp_path, "p.yml", lab_dir=tmp_path)
    assert lab.environment()["ANSIBLE_PYTHON_INTERPRETER"] == sys.executable
    assert "ANSIBLE_PYTHON_INTERPRETER" not in AnsibleRunner(tmp_path, "p.yml").environment()
    chosen = AnsibleRunner(tmp_path, "p.yml", python_interpreter="/usr/bin/python3")
    assert chosen.environment()["ANSIBLE_PYTHON_INTERPRETER"] == "/usr/bin/python3"
    assert lab.environment()["PATH"].startswith(str(Path(sys.executable).parent))
