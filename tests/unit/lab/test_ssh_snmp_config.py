"""The simulators' SNMP configuration, printed exactly as each platform spells it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from netops.lab.ssh.comware import ComwareShell
from netops.lab.ssh.switch import SwitchShell
from netops.lab.ssh.vrp import VrpShell
from netops.lab.state import LabState
from tests.unit.lab.switches import FakeIO, comware, two_switches, vrp

#: Agent, both community kinds, every sys-info item, two groups and two users.
SNMP_COMMANDS = (
    "system-view",
    "snmp-agent",
    "snmp-agent community read simple Read-Comm",
    "snmp-agent community write cipher Write-Comm",
    "snmp-agent sys-info contact noc@school",
    "snmp-agent sys-info location Xingyi",
    "snmp-agent sys-info version v2c v3",
    "snmp-agent group v3 netops privacy",
    "snmp-agent group v3 audit authentication",
    "snmp-agent usm-user v3 netops netops authentication-mode sha AUTHKEY1"
    " privacy-mode aes128 PRIVKEY1",
    "snmp-agent usm-user v3 auditor audit simple authentication-mode md5 AUTHKEY2"
    " privacy-mode des56 PRIVKEY2",
    "ntp-service unicast-server 10.64.0.10",
    "quit",
)


@pytest.fixture
def state(tmp_path: Path) -> LabState:
    return two_switches(
        tmp_path / "state.sqlite", ["GigabitEthernet0/0/1"], ["GigabitEthernet1/0/1"]
    )


def configured(shell: SwitchShell) -> list[str]:
    """``display current-configuration`` after the SNMP commands (which must all be taken)."""

    async def go() -> list[str]:
        out: list[str] = []
        for line in SNMP_COMMANDS:
            out += await shell.answer(line)
        assert out[1:] == []  # only the system-view banner
        return await shell.answer("display current-configuration")

    return asyncio.run(go())


def test_vrp_prints_the_snmp_configuration_exactly(state: LabState) -> None:
    shell = vrp(state)
    assert configured(shell) == [
        "!Software Version V200R019C10SPC500",
        "#",
        "sysname hw1",
        "#",
        "interface GigabitEthernet0/0/1",
        "#",
        "interface NULL0",
        "#",
        "snmp-agent",
        "snmp-agent community write cipher %^%#2S5n1OQmFxFjN9HEOpzsbCGh5p+MituE%^%#",
        "snmp-agent community read cipher %^%#nwM3sKlcewGb44VbBR3CPRi7lHRFUvRM%^%#",
        "snmp-agent sys-info contact noc@school",
        "snmp-agent sys-info location Xingyi",
        "snmp-agent sys-info version v2c v3",
        "snmp-agent group v3 audit authentication",
        "snmp-agent group v3 netops privacy",
        "snmp-agent usm-user v3 auditor audit authentication-mode md5"
        " cipher %^%#eysc9IbJaH6bjwHlfgXbkS8Gp65j9qmx%^%#"
        " privacy-mode des56 cipher %^%#c4Bv7I!ptbGdhzVi9wm6pKbRoIb1vQ6P%^%#",
        "snmp-agent usm-user v3 netops netops authentication-mode sha"
        " cipher %^%#NVeIDFZqSOAmyONqFlift0jiuMXJhF1Y%^%#"
        " privacy-mode aes128 cipher %^%#toLvmRgbiaPm+!0i9lUcLjNqMHkOkur!%^%#",
        "#",
        "ntp-service unicast-server 10.64.0.10",
        "#",
        "return",
    ]


def test_comware_prints_the_snmp_configuration_exactly(state: LabState) -> None:
    shell = comware(state)
    assert configured(shell) == [
        "#",
        " version 7.1.070, Release 6328",
        "#",
        " sysname h3c1",
        "#",
        " ntp-service unicast-server 10.64.0.10",
        "#",
        "vlan 1",
        "#",
        "interface GigabitEthernet1/0/1",
        "#",
        " snmp-agent",
        " snmp-agent community write cipher $c$3$1ey4!B9IZi0V5VJZGPgoSQgBxttEq4ml",
        " snmp-agent community read cipher $c$3$UVbsHFi3B!3PkWkf77b4vuWC4saQJPSX",
        " snmp-agent sys-info contact noc@school",
        " snmp-agent sys-info location Xingyi",
        " snmp-agent sys-info version v2c v3",
        " snmp-agent group v3 audit authentication",
        " snmp-agent group v3 netops privacy",
        " snmp-agent usm-user v3 auditor audit cipher authentication-mode md5"
        " $c$3$04A77N+MzJI6UKJq8C8sqcDnzpWwZ101"
        " privacy-mode des56 $c$3$UzztANTVBwQPQICrV+QnXff++Viy4HNW",
        " snmp-agent usm-user v3 netops netops cipher authentication-mode sha"
        " $c$3$UXygl49bKkbxxuaFG6gcfpN84UQdJYgQ"
        " privacy-mode aes128 $c$3$gOAjyNytrrupioJ82lSRwik1ZYHJp073",
        "#",
        "return",
    ]


@pytest.mark.parametrize("shell_type", [VrpShell, ComwareShell])
def test_no_snmp_lines_without_the_agent(state: LabState, shell_type: type[SwitchShell]) -> None:
    host = "hw1" if shell_type is VrpShell else "h3c1"
    shell = shell_type(state, host, FakeIO(), state.path.parent / "saved")
    text = "\n".join(asyncio.run(shell.answer("display current-configuration")))
    assert "snmp-agent" not in text
