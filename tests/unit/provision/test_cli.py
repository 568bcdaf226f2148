"""``netops provision`` through Typer's runner, with a fake Ansible and a fake reader."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from typer.testing import CliRunner

from collectors.cli.models import ConfigResult
from collectors.cli.platforms import platform_for
from netops.cli import app
from netops.cli import provision_run as cli
from netops.inventory import Inventory
from netops.monitoring.targets import PollTarget
from netops.provision import context
from netops.provision.audit import AuditNote, SchoolVerdict
from netops.provision.intent import DeviceIntent, school_intent
from netops.provision.models import RunRequest
from netops.provision.runner import FakeRunner, stats_event, task_event
from netops.provision.services import services_for
from netops.provision.settings import ProvisionSettings
from netops.settings import get_settings

DOWN: set[str] = set()


def script(request: RunRequest) -> Iterable[dict[str, Any]]:
    for host in request.hosts:
        if host in DOWN:
            yield task_event("runner_on_unreachable", host, msg="connection refused")
        else:
            yield task_event("runner_on_ok", host, changed=True)
    yield stats_event(
        changed=[h for h in request.hosts if h not in DOWN],
        unreachable=[h for h in request.hosts if h in DOWN],
    )


@pytest.fixture
def env(
    small_inventory_master: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, list[str]]]:
    """The small inventory, no lab, a fake runner; records the audits asked for."""
    monkeypatch.setenv("NETOPS_INVENTORY", str(small_inventory_master))
    monkeypatch.setenv("NETOPS_STATE_PATH", str(tmp_path / "state.sqlite"))
    monkeypatch.setenv("NETOPS_LAB_DIR", str(tmp_path / "no-lab"))
    monkeypatch.setenv("NETOPS_SNMP__COMMUNITY", "bureau-community-1")
    monkeypatch.setattr(
        context,
        "provision_settings",
        lambda settings: ProvisionSettings(switch_password=SecretStr("switch-pass-1")),
    )
    monkeypatch.setattr(cli, "AnsibleRunner", lambda **kwargs: FakeRunner(script))
    audits: dict[str, list[str]] = {"scopes": []}

    def audit(settings: object, inventory: object, scope: str) -> AuditNote:
        audits["scopes"].append(scope)
        return AuditNote(audit_id=7, schools=[SchoolVerdict(school="xy-0002", bucket="compliant")])

    monkeypatch.setattr(cli, "audit_after_provision", audit)
    DOWN.clear()
    yield audits
    DOWN.clear()


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["provision", *args])


def test_school_provisions_then_audits(env: dict[str, list[str]]) -> None:
    result = run("school", "xy-0002")
    assert result.exit_code == 0, result.output
    assert "provisioning school xy-0002" in result.output
    assert "xy-0002-r06-t1" in result.output and "changed" in result.output
    assert "run directory:" in result.output
    assert "audit 7: xy-0002 compliant" in result.output
    assert env["scopes"] == ["school xy-0002"]


def test_check_mode_says_would_change_and_does_not_audit(env: dict[str, list[str]]) -> None:
    result = run("school", "xy-0002", "--check", "--diff")
    assert result.exit_code == 0, result.output
    assert "would change" in result.output
    assert env["scopes"] == []


def test_a_failed_host_exits_1_and_is_named(env: dict[str, list[str]]) -> None:
    DOWN.add("xy-0002-sw01")
    result = run("school", "xy-0002", "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["failed_hosts"] == ["xy-0002-sw01"]
    assert data["ok"] is False
    assert env["scopes"] == []


def test_bad_limit_is_explained(env: dict[str, list[str]]) -> None:
    result = run("school", "xy-0002", "--limit", "nothing-*")
    assert result.exit_code == 1
    assert "matches no host of school xy-0002" in result.output


def test_county_stops_and_says_why(env: dict[str, list[str]]) -> None:
    DOWN.update({"xy-0001-core01", "xy-0002-sw01"})
    result = run("county", "xingyi", "--batch", "4", "--max-fail-percent", "25")
    assert result.exit_code == 1
    assert "2 failed (50 %)" in result.output
    assert "more than the 25 % allowed" in result.output
    assert "not attempted: xy-0005, xy-0006, xy-0007, xy-0008" in result.output


def test_county_within_max_fail_goes_on(env: dict[str, list[str]]) -> None:
    DOWN.add("xy-0002-sw01")
    result = run("county", "xingyi", "--batch", "4", "--max-fail-percent", "25", "--json")
    assert result.exit_code == 1  # a school failed: not ok, but every batch ran
    data = json.loads(result.output)
    assert len(data["batches"]) == 2 and data["not_attempted"] == []


class Reader:
    async def read_config(self, target: PollTarget) -> ConfigResult:
        return ConfigResult(device=target.device, ok=False, reason="connection refused")


def test_verify_exits_1_when_a_switch_cannot_be_read(
    env: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "config_reader", lambda clock, login: Reader())
    result = run("verify", "xy-0002")
    assert result.exit_code == 1
    assert "xy-0002-sw01: not verified: connection refused" in result.output
    assert "school xy-0002: 1 switch(es) not verified (unreachable?)" in result.output


def render_vrp(device: DeviceIntent, community: bool = True) -> str:
    """A VRP running configuration in which ``device`` is exactly as intended."""
    lines = [f"sysname {device.hostname}", "#"]
    lines += [f"info-center loghost {s}" for s in device.services.syslog_servers]
    lines.append("vlan batch " + " ".join(str(v.id) for v in device.vlans))
    for vlan in device.vlans:
        lines += ["#", f"vlan {vlan.id}", f" name {vlan.name}"]
    for interface in device.vlan_interfaces:
        address = interface.address
        lines += ["#", f"interface Vlanif{interface.vlan}"]
        lines.append(f" ip address {address.ip} {address.netmask}")
    for port in device.ports:
        lines += ["#", f"interface {port.name}", f" description {port.description}"]
        if port.link_type == "trunk":
            vlans = " ".join(map(str, port.allowed_vlans))
            lines += [" port link-type trunk", f" port trunk allow-pass vlan {vlans}"]
        else:
            lines += [" port link-type access", f" port default vlan {port.pvid}"]
        if port.speed_mbps:
            lines += [" undo negotiation auto", f" speed {port.speed_mbps}"]
    lines += ["#", "snmp-agent", "snmp-agent sys-info version v2c"]
    if community:
        lines.append("snmp-agent community read cipher %^%#x%^%#")
    lines += [f"ntp-service unicast-server {s}" for s in device.services.ntp_servers]
    return "\n".join([*lines, "return", ""])


class RenderingReader:
    """Answers with the intended configuration of each switch, optionally spoilt."""

    def __init__(self, inventory: Inventory, spoil: str = "") -> None:
        services = services_for(get_settings(), inventory)
        self.devices = {
            d.hostname: d
            for s in inventory.schools
            for d in school_intent(inventory, s, services).devices
        }
        self.spoil = spoil

    async def read_config(self, target: PollTarget) -> ConfigResult:
        text = render_vrp(self.devices[target.device])
        if self.spoil:
            text = text.replace(self.spoil, f"{self.spoil} was changed")
        config = platform_for("huawei_vrp").parse_config(text)
        return ConfigResult(device=target.device, ok=True, config=config)


def test_verify_exits_0_when_every_switch_is_as_intended(
    env: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch, inventory: Inventory
) -> None:
    reader = RenderingReader(inventory)
    monkeypatch.setattr(cli, "config_reader", lambda clock, login: reader)
    result = run("verify", "xy-0002")
    assert result.exit_code == 0, result.output
    assert "school xy-0002: 1 switch(es) as intended" in result.output


def test_verify_reports_drift_line_by_line_and_exits_1(
    env: dict[str, list[str]], monkeypatch: pytest.MonkeyPatch, inventory: Inventory
) -> None:
    room = inventory.schools["xy-0002"].rooms[2]
    terminal = room.terminals[0]
    reader = RenderingReader(inventory, spoil=f"description {room.name} {terminal.hostname}")
    monkeypatch.setattr(cli, "config_reader", lambda clock, login: reader)
    result = run("verify", "xy-0002", "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["clean"] is False
    (drift,) = data["devices"][0]["drift"]
    assert drift["subject"] == (
        f"{terminal.port} (room {room.id} {room.name}, terminal {terminal.hostname})"
    )
    assert drift["message"] == (
        f"description is '{room.name} {terminal.hostname} was changed',"
        f" intended '{room.name} {terminal.hostname}'"
    )
