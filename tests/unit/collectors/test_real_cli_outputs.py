"""The CLI parsers on outputs laid out as real VRP and Comware switches print them.

Fixtures: tests/fixtures/cli/ (sources in its README.md, facts in docs/real-devices.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from collectors.cli import platform_for
from collectors.cli.base import PortStatus
from collectors.cli.h3c_comware import is_port, long_name
from collectors.cli.huawei_vrp import bare_name
from collectors.cli.session import FakeSession
from netops.monitoring.results import PortRole
from netops.monitoring.targets import TargetPort

FIXTURES = Path(__file__).parents[2] / "fixtures" / "cli"
VRP = platform_for("huawei_vrp")
COMWARE = platform_for("h3c_comware")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_vrp_trunk_members_are_ports_under_their_bare_names() -> None:
    ports = VRP.parse_brief(fixture("vrp_brief_eth_trunk.txt"))
    assert ports["Eth-Trunk1"] == PortStatus(admin_up=True, oper_up=True)
    assert ports["XGigabitEthernet0/0/1"] == PortStatus(admin_up=True, oper_up=True)
    # "GigabitEthernet1/0/0(10G)": the suffix says how fast the port runs, not its name.
    assert ports["GigabitEthernet1/0/0"] == PortStatus(admin_up=True, oper_up=True)
    assert ports["GigabitEthernet1/0/1"] == PortStatus(admin_up=False, oper_up=False)
    assert not any("(" in name for name in ports)
    assert ports["MEth0/0/1"].oper_up is True
    assert ports["Vlanif1"].oper_up is True


def test_vrp_loopback_standby_and_virtual_ports() -> None:
    ports = VRP.parse_brief(fixture("vrp_brief_ar_virtual.txt"))
    assert ports["GigabitEthernet0/0/2"] == PortStatus(admin_up=True, oper_up=True)  # up(l)
    assert ports["GigabitEthernet0/0/1"] == PortStatus(admin_up=True, oper_up=False)  # ^down
    assert ports["GigabitEthernet0/0/5"] == PortStatus(admin_up=True, oper_up=True)  # (v)
    assert ports["Vlanif100"] == PortStatus(admin_up=True, oper_up=False)


@pytest.mark.parametrize(
    ("brief", "bare"),
    [
        ("GigabitEthernet15/1/0(10G)", "GigabitEthernet15/1/0"),
        ("GigabitEthernet0/0/5(v)", "GigabitEthernet0/0/5"),
        ("100GE1/0/1", "100GE1/0/1"),
    ],
)
def test_vrp_bare_names(brief: str, bare: str) -> None:
    assert bare_name(brief) == bare


def test_comware7_layer3_uplink_in_route_mode_keeps_its_state() -> None:
    ports = COMWARE.parse_brief(fixture("comware7_brief_route_uplink.txt"))
    # "port link-mode route" puts an uplink in the route-mode table: no speed, no duplex.
    assert ports["Ten-GigabitEthernet1/0/49"] == PortStatus(True, True, None, None)
    assert ports["Ten-GigabitEthernet1/0/50"] == PortStatus(True, False, None, None)
    assert ports["M-GigabitEthernet0/0/0"] == PortStatus(False, False, None, None)
    for logical in ("InLoop0", "NULL0", "REG0", "Vlan1", "Vlan-interface1"):
        assert logical not in ports


def test_comware7_bridge_aggregation_and_access_ports() -> None:
    ports = COMWARE.parse_brief(fixture("comware7_brief_route_uplink.txt"))
    assert ports["Bridge-Aggregation1"] == PortStatus(True, True, 20_000, "full")
    assert ports["GigabitEthernet1/0/1"] == PortStatus(True, True, 1000, "full")
    assert ports["GigabitEthernet1/0/2"] == PortStatus(True, True, 100, "half")
    assert ports["GigabitEthernet1/0/3"] == PortStatus(True, False, None, None)
    assert ports["GigabitEthernet1/0/4"] == PortStatus(False, False, None, None)
    assert ports["Ten-GigabitEthernet1/0/51"] == PortStatus(True, True, 10_000, "full")


def test_comware5_headers_and_rows() -> None:
    ports = COMWARE.parse_brief(fixture("comware5_brief.txt"))
    assert ports["GigabitEthernet1/0/1"] == PortStatus(True, True, 100, "full")
    assert ports["GigabitEthernet1/0/2"] == PortStatus(True, False, None, None)
    assert ports["GigabitEthernet1/0/3"] == PortStatus(True, True, 10, "half")
    assert ports["GigabitEthernet1/0/28"] == PortStatus(True, True, 1000, "full")
    assert "Vlan1" not in ports and "NULL0" not in ports


@pytest.mark.parametrize(
    ("short", "full", "port"),
    [
        ("BAGG10", "Bridge-Aggregation10", True),
        ("RAGG1", "Route-Aggregation1", True),
        ("M-GE0/0/0", "M-GigabitEthernet0/0/0", True),
        ("XGE0/0/10", "Ten-GigabitEthernet0/0/10", True),
        ("Vlan1", "Vlan1", False),
        ("InLoop0", "InLoop0", False),
    ],
)
def test_comware_short_names(short: str, full: str, port: bool) -> None:
    assert long_name(short) == full
    assert is_port(short) is port


def test_vrp_multi_lane_module_reads_lane_0() -> None:
    rx, tx = VRP.parse_transceiver(fixture("vrp_transceiver_100ge_lanes.txt"))
    # Lane 0 carries the light of a single-lambda 100G module; the others read -40.00.
    assert (rx, tx) == (-4.12, 1.97)


def test_comware_poll_reports_layer3_uplink_and_aggregation() -> None:
    brief = fixture("comware7_brief_route_uplink.txt")
    session = FakeSession({"display interface brief": brief})
    ports = [
        TargetPort(name="Ten-GigabitEthernet1/0/49", role=PortRole.ACCESS),
        TargetPort(name="Bridge-Aggregation1", role=PortRole.ACCESS),
    ]
    uplink, bagg = COMWARE.read_ports(session, ports)
    assert (uplink.oper_up, uplink.speed_mbps) == (True, None)
    assert (bagg.oper_up, bagg.speed_mbps, bagg.duplex) == (True, 20_000, "full")
