"""Reading the device-wide part of VRP and Comware running configurations."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Interface

from netops.provision.running import parse_running, vlan_list
from tests.unit.provision.samples import COMWARE, VRP


def test_vlan_lists_expand_ranges() -> None:
    assert vlan_list("10 100 200 to 202") == {10, 100, 200, 201, 202}
    assert vlan_list("all") == set()


def test_vrp() -> None:
    state = parse_running(VRP)
    assert state.sysname == "xy-0002-sw01"
    assert state.vlans == {10: "mgmt", 100: "classrooms"}
    assert state.vlan_addresses == {10: IPv4Interface("10.65.1.17/28")}
    assert state.trunk_vlans == {"GigabitEthernet0/0/9": {10, 100}}
    assert state.snmp_agent and state.snmp_communities == ["read"]
    assert state.snmp_versions == {"v2c"}
    assert state.ntp_servers == [IPv4Address("10.64.0.11")]
    assert state.loghosts == [IPv4Address("10.64.0.12")]


def test_comware_indents_global_lines() -> None:
    state = parse_running(COMWARE)
    assert state.sysname == "xy-0003-sw01"
    assert state.vlans == {1: "", 10: "mgmt", 100: "classrooms", 300: ""}
    assert state.vlan_addresses == {10: IPv4Interface("10.65.1.33/28")}
    assert state.trunk_vlans == {"GigabitEthernet1/0/28": {1, 10, 11, 100}}
    assert state.snmp_users == ["netops"] and state.snmp_versions == {"v3"}
    assert state.ntp_servers == [IPv4Address("10.64.0.11"), IPv4Address("10.9.9.9")]


def test_an_empty_configuration_states_nothing() -> None:
    state = parse_running("#\nreturn\n")
    assert state.sysname is None and not state.vlans and not state.snmp_agent


def test_a_vlan_interface_without_address() -> None:
    state = parse_running("interface Vlanif10\n#\n")
    assert state.vlan_addresses == {10: None}
