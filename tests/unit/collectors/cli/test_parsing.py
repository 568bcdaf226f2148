"""Parsing of real-format VRP and Comware outputs with ntc-templates and our templates."""

from __future__ import annotations

import pytest

from collectors.cli import InterfaceConfig, platform_for
from collectors.cli.base import PortStatus
from collectors.cli.h3c_comware import long_name, speed_mbps
from tests.unit.collectors.cli import samples

VRP = platform_for("huawei_vrp")
COMWARE = platform_for("h3c_comware")


def test_vrp_brief_states() -> None:
    ports = VRP.parse_brief(samples.VRP_BRIEF)
    assert ports["GigabitEthernet0/0/1"] == PortStatus(admin_up=True, oper_up=True)
    assert ports["GigabitEthernet0/0/2"] == PortStatus(admin_up=False, oper_up=False)
    assert ports["GigabitEthernet0/0/13"] == PortStatus(admin_up=True, oper_up=False)
    assert "NULL0" in ports  # present, but no target asks for it


def test_comware_brief_states_speed_duplex_and_full_names() -> None:
    ports = COMWARE.parse_brief(samples.COMWARE_BRIEF)
    assert ports["GigabitEthernet1/0/1"] == PortStatus(True, True, 1000, "full")
    assert ports["GigabitEthernet1/0/2"] == PortStatus(False, False, None, None)
    assert ports["GigabitEthernet1/0/3"] == PortStatus(True, True, 100, "half")
    assert ports["GigabitEthernet1/0/13"] == PortStatus(True, False, None, None)
    assert ports["Ten-GigabitEthernet1/0/25"] == PortStatus(True, True, 1000, "full")
    assert "NULL0" not in ports  # route-mode rows are not ports


@pytest.mark.parametrize(
    ("short", "full"),
    [
        ("GE1/0/1", "GigabitEthernet1/0/1"),
        ("XGE1/0/25", "Ten-GigabitEthernet1/0/25"),
        ("HGE1/0/49", "HundredGigE1/0/49"),
        ("Vlan-interface1", "Vlan-interface1"),
    ],
)
def test_comware_long_names(short: str, full: str) -> None:
    assert long_name(short) == full


@pytest.mark.parametrize(
    ("text", "mbps"), [("1G(a)", 1000), ("100M", 100), ("10G", 10_000), ("auto", None)]
)
def test_comware_speeds(text: str, mbps: int | None) -> None:
    assert speed_mbps(text) == mbps


def test_transceivers() -> None:
    assert VRP.parse_transceiver(samples.VRP_TRANSCEIVER) == (-3.40, -2.66)
    assert VRP.parse_transceiver(samples.VRP_NO_TRANSCEIVER) == (None, None)
    assert COMWARE.parse_transceiver(samples.COMWARE_TRANSCEIVER) == (-7.27, -2.75)
    assert COMWARE.parse_transceiver(samples.COMWARE_NO_TRANSCEIVER) == (None, None)


def test_vrp_running_config() -> None:
    config = VRP.parse_config(samples.VRP_CONFIG)
    assert config.text == samples.VRP_CONFIG
    assert config.interfaces["GigabitEthernet0/0/1"] == InterfaceConfig(
        name="GigabitEthernet0/0/1", description="xy-0003-r01-t1", link_type="access", pvid=100
    )
    assert config.interfaces["GigabitEthernet0/0/2"] == InterfaceConfig(
        name="GigabitEthernet0/0/2",
        description="Room 101 terminal",
        shutdown=True,
        speed="100",
        duplex="full",
        link_type="access",
        pvid=100,
    )
    assert config.interfaces["GigabitEthernet0/0/3"].pvid == 20
    assert config.interfaces["GigabitEthernet0/0/13"] == InterfaceConfig(
        name="GigabitEthernet0/0/13"
    )
    assert list(config.interfaces)[-1] == "NULL0"


def test_comware_running_config() -> None:
    config = COMWARE.parse_config(samples.COMWARE_CONFIG)
    assert config.interfaces["GigabitEthernet1/0/2"] == InterfaceConfig(
        name="GigabitEthernet1/0/2",
        description="Room 101 terminal",
        shutdown=True,
        speed="100",
        duplex="full",
        pvid=100,
    )
    uplink = config.interfaces["Ten-GigabitEthernet1/0/25"]
    assert (uplink.description, uplink.speed, uplink.link_type, uplink.pvid) == (
        "to xy-0002-core01",
        "1000",
        "trunk",
        20,
    )
    assert len(config.interfaces) == 4
