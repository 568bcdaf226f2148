"""The netops.school.config diff rules (the collection's plugin_utils/config_diff.py, no device)."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest

from netops.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

SOURCE = (
    PROJECT_ROOT
    / "playbooks/collections/ansible_collections/netops/school/plugins/plugin_utils/config_diff.py"
)


@pytest.fixture(scope="module")
def diff() -> ModuleType:
    spec = importlib.util.spec_from_file_location("netops_config_diff", SOURCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


RUNNING_VRP = """!Software Version V200R019C10SPC500
!Last configuration was saved at 2024-05-01 08:30:00+08:00
#
sysname sw1
#
vlan batch 10 100
#
interface GigabitEthernet0/0/1
 description old
 port link-type access
 port default vlan 100
 shutdown
#
snmp-agent
snmp-agent community read cipher %^%#abc+def%^%#
#
return
"""


def test_only_missing_lines_are_typed_block_by_block(diff: ModuleType) -> None:
    candidate = """#
sysname sw1
vlan batch 10 100
#
interface GigabitEthernet0/0/1
 description Room 1
 port link-type access
 port default vlan 100
 undo shutdown
#
interface GigabitEthernet0/0/2
 undo shutdown
#
ntp-service unicast-server 10.64.0.10
"""
    assert diff.missing_lines(candidate, RUNNING_VRP) == [
        "interface GigabitEthernet0/0/1",
        " description Room 1",
        " undo shutdown",
        "interface GigabitEthernet0/0/2",
        "ntp-service unicast-server 10.64.0.10",
    ]


def test_secrets_match_cipher_text_and_are_masked(diff: ModuleType) -> None:
    secrets = diff.Secrets(values=("Sch00l-Comm",), cipher=r"%\^%#.*%\^%#")
    line = "snmp-agent community read cipher Sch00l-Comm"
    assert diff.missing_lines(line, RUNNING_VRP, secrets) == []
    rotate = diff.Secrets(values=secrets.values, cipher=secrets.cipher, always=True)
    assert diff.missing_lines(line, RUNNING_VRP, rotate) == [line]
    assert secrets.mask(line) == "snmp-agent community read cipher ********"
    # Comware: typed `simple`, shown `cipher`, global commands indented.
    comware = diff.Secrets(values=("Sch00l-Comm",), cipher=r"\$c\$\d\$\S+")
    running = "#\n snmp-agent\n snmp-agent community read cipher $c$3$Zm9v\n#\nreturn\n"
    typed = "snmp-agent\nsnmp-agent community read simple Sch00l-Comm\n"
    assert diff.missing_lines(typed, running, comware) == []


def test_comware_global_lines_are_top_level_and_saves_ignore_comments(diff: ModuleType) -> None:
    running = "#\n version 7.1.070\n#\n sysname sw2\n#\ninterface Vlan-interface10\n#\nreturn"
    assert [b.line for b in diff.parse(running)] == [
        "version 7.1.070",
        "sysname sw2",
        "interface Vlan-interface10",
    ]
    assert diff.missing_lines("sysname sw2\ninterface Vlan-interface10\n", running) == []
    assert not diff.unsaved(RUNNING_VRP, RUNNING_VRP.replace("2024-05-01", "2024-06-01"))
    assert diff.unsaved(RUNNING_VRP, RUNNING_VRP.replace(" shutdown\n", ""))
