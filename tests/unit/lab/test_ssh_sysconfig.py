"""The simulators' device-wide configuration: what provisioning pushes, kept and shown back."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from netops.lab.ssh.switch import SwitchShell
from netops.lab.state import LabState
from netops.vlans import vlan_ids, vlan_text
from tests.unit.lab.switches import comware, two_switches, vrp

VRP_PORTS = ("GigabitEthernet0/0/1", "GigabitEthernet0/0/2", "XGigabitEthernet0/0/1")
COMWARE_PORTS = ("GigabitEthernet1/0/1", "GigabitEthernet1/0/2", "Ten-GigabitEthernet1/0/25")
SECRET = "s3cret-Community"


@pytest.fixture
def state(tmp_path: Path) -> LabState:
    return two_switches(tmp_path / "state.sqlite", VRP_PORTS, COMWARE_PORTS)


def run(shell: SwitchShell, *lines: str) -> list[str]:
    """Answer each line in turn; every output line, errors included."""

    async def go() -> list[str]:
        out: list[str] = []
        for line in lines:
            out += await shell.answer(line)
        return out

    return asyncio.run(go())


def test_vlan_lists_parse_and_print_like_the_devices() -> None:
    assert vlan_ids("10 100 200 to 202") == [10, 100, 200, 201, 202]
    assert vlan_text([100, 10, 11, 12]) == "10 to 12 100"
    with pytest.raises(ValueError, match="4095"):
        vlan_ids("4095")


def test_vrp_takes_the_school_configuration_and_shows_it_in_order(state: LabState) -> None:
    shell = vrp(state)
    errors = run(
        shell,
        "system-view",
        "sysname school-sw",
        "vlan batch 10 100",
        "vlan 10",
        "name mgmt",
        "interface Vlanif10",
        "ip address 10.65.1.1 255.255.255.240",
        "interface GigabitEthernet0/0/1",
        "description r01 Senior 1 Class 1",
        "port link-type access",
        "port default vlan 100",
        "interface XGE0/0/1",
        "port link-type trunk",
        "port trunk allow-pass vlan 10 100",
        f"snmp-agent community read cipher {SECRET}",
        "snmp-agent sys-info location Xingyi",
        "snmp-agent sys-info version v2c v3",
        "snmp-agent group v3 netops privacy",
        "snmp-agent usm-user v3 netops netops authentication-mode sha AUTHKEY1"
        " privacy-mode aes128 PRIVKEY1",
        "ntp-service unicast-server 10.64.0.10",
        "info-center loghost 10.64.0.20",
        "return",
    )
    assert errors == ["Enter system view, return user view with Ctrl+Z."]
    assert shell.prompt() == "<school-sw>"
    config = run(shell, "display current-configuration")
    text = "\n".join(config)
    assert "sysname school-sw\n#\ninfo-center loghost 10.64.0.20\n#\nvlan batch 10 100\n" in text
    vlanif = "interface Vlanif10\n ip address 10.65.1.1 255.255.255.240"
    assert f"vlan 10\n name mgmt\n#\n{vlanif}" in text
    assert (
        "interface GigabitEthernet0/0/1\n description r01 Senior 1 Class 1\n"
        " port link-type access\n port default vlan 100\n#" in text
    )
    assert " port link-type trunk\n port trunk allow-pass vlan 10 100\n#" in text
    assert "#\ninterface NULL0\n#\nsnmp-agent\nsnmp-agent community read cipher %^%#" in text
    assert "ntp-service unicast-server 10.64.0.10\n#\nreturn" in text
    assert SECRET not in text and "AUTHKEY1" not in text and "PRIVKEY1" not in text
    # One state, two views: the port row (ifAlias, PVID) carries what the CLI set.
    port = state.port("hw1", "GigabitEthernet0/0/1")
    assert (port.alias, port.pvid) == ("r01 Senior 1 Class 1", 100)


def test_vrp_undo_forms_remove_what_was_set(state: LabState) -> None:
    shell = vrp(state)
    run(
        shell,
        "system-view",
        "vlan batch 10 20 to 22",
        "interface Vlanif20",
        "ip address 10.0.0.1 24",
        "interface XGigabitEthernet0/0/1",
        "port link-type trunk",
        "port trunk allow-pass vlan 10 20",
        "undo port trunk allow-pass vlan 20",
        f"snmp-agent community read {SECRET}",
        "ntp-service unicast-server 10.64.0.10",
        "info-center loghost 10.64.0.20",
    )
    text = "\n".join(run(shell, "display current-configuration"))
    assert "vlan batch 10 20 to 22" in text and "ip address 10.0.0.1 255.255.255.0" in text
    assert "port trunk allow-pass vlan 10\n" in text
    run(
        shell,
        "undo vlan batch 21 to 22",
        "undo interface Vlanif20",
        f"undo snmp-agent community {SECRET}",
        "undo ntp-service unicast-server 10.64.0.10",
        "undo info-center loghost 10.64.0.20",
        "interface XGigabitEthernet0/0/1",
        "undo port link-type",
    )
    text = "\n".join(run(shell, "display current-configuration"))
    assert "vlan batch 10 20\n" in text
    for gone in ("Vlanif20", "community", "ntp-service", "loghost", "allow-pass"):
        assert gone not in text


def test_comware_takes_the_school_configuration_and_shows_it_in_order(state: LabState) -> None:
    shell = comware(state)
    errors = run(
        shell,
        "system-view",
        "sysname school-sw",
        "vlan 100",
        "name classrooms",
        "quit",
        "interface Vlan-interface100",
        "ip address 10.65.64.1 25",
        "interface GigabitEthernet1/0/1",
        "description r01 Senior 1 Class 1",
        "port access vlan 100",
        "interface Ten-GigabitEthernet1/0/25",
        "port link-type trunk",
        "port trunk permit vlan 1 10 100",
        f"snmp-agent community read simple {SECRET}",
        "snmp-agent usm-user v3 netops netops simple authentication-mode sha AUTHKEY1"
        " privacy-mode aes128 PRIVKEY1",
        "ntp-service unicast-server 10.64.0.10",
        "info-center loghost 10.64.0.20",
        "save force",
    )
    assert errors[0] == "System View: return to User View with Ctrl+Z."
    assert errors[-1].startswith("Saved the current configuration")
    assert shell.prompt() == "[school-sw]"
    text = "\n".join(run(shell, "display current-configuration"))
    assert (
        "#\n sysname school-sw\n#\n info-center loghost 10.64.0.20\n"
        "#\n ntp-service unicast-server 10.64.0.10\n#\nvlan 1\n#\nvlan 100\n name classrooms\n"
        "#\ninterface Vlan-interface100\n ip address 10.65.64.1 255.255.255.128\n" in text
    )
    assert " port link-type trunk\n port trunk permit vlan 1 10 100\n" in text
    assert " snmp-agent community read cipher $c$3$" in text
    assert " snmp-agent usm-user v3 netops netops cipher authentication-mode sha $c$3$" in text
    assert SECRET not in text and "AUTHKEY1" not in text
    saved = (state.path.parent / "saved" / "h3c1.cfg").read_text(encoding="utf-8")
    assert "ip address 10.65.64.1 255.255.255.128" in saved


def test_system_commands_leave_a_sub_view_and_errors_point_at_the_word(state: LabState) -> None:
    shell = vrp(state)
    run(shell, "system-view", "interface GE0/0/1")
    assert run(shell, "ntp-service unicast-server 10.1.1.1") == []
    assert shell.prompt() == "[hw1]"
    run(shell, "interface GE0/0/1")
    wrong = run(shell, "ip address 10.0.0.1 24")
    assert wrong[-1] == "Error: Unrecognized command found at '^' position."
    run(shell, "interface Vlanif5")
    refused = run(shell, "ip address 10.0.0.300 24")[-1]
    assert refused.endswith("Wrong parameter found at '^' position.")
    assert shell.prompt() == "[hw1-Vlanif5]"
    run(shell, "interface GE0/0/1", "port link-type access")
    assert run(shell, "port trunk allow-pass vlan 10")[-1].startswith("Error: Unrecognized")


def test_display_this_shows_the_view(state: LabState) -> None:
    shell = comware(state)
    run(shell, "system-view", "vlan 10", "name mgmt")
    assert run(shell, "display this") == ["#", "vlan 10", " name mgmt", "#", "return"]
    run(shell, "interface Vlan-interface10", "ip address 10.0.0.1 255.255.255.0")
    assert run(shell, "display this")[1:3] == [
        "interface Vlan-interface10",
        " ip address 10.0.0.1 255.255.255.0",
    ]
