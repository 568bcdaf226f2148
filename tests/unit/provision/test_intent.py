"""The intended state of a school's switches, from the inventory."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv4Interface

import pytest

from netops.inventory import Inventory
from netops.inventory.ansible import switch_intent
from netops.provision.hosts import HostSelectionError
from netops.provision.intent import Services, school_intent

SERVICES = Services(ntp_servers=(IPv4Address("10.64.0.10"),))


def test_a_single_switch_school(inventory: Inventory) -> None:
    intent = school_intent(inventory, "xy-0002", SERVICES)
    (device,) = intent.devices
    school = inventory.schools["xy-0002"]
    assert device.hostname == "xy-0002-sw01" and device.services == SERVICES
    assert [(v.id, v.name) for v in device.vlans] == [(10, "mgmt"), (100, "classrooms")]
    mgmt = device.vlan_interfaces[0]
    assert (mgmt.vlan, mgmt.purpose) == (10, "management address")
    assert mgmt.address == IPv4Interface(f"{school.devices[0].mgmt_ip}/28")
    uplink = device.port(school.uplink.a.port)
    assert uplink is not None
    assert uplink.link_type == "trunk" and uplink.allowed_vlans == (10, 100)
    assert uplink.purpose == f"uplink to {school.uplink.b.device} {school.uplink.b.port}"
    assert uplink.speed_mbps == school.uplink.configured_mbps


def test_every_terminal_gets_an_access_port_named_after_its_room(inventory: Inventory) -> None:
    school = inventory.schools["xy-0002"]
    (device,) = school_intent(inventory, "xy-0002", SERVICES).devices
    for room in school.rooms:
        for terminal in room.terminals:
            port = device.port(terminal.port)
            assert port is not None
            assert port.link_type == "access" and port.pvid == school.addressing.terminal_vlan
            assert port.description == f"{room.name} {terminal.hostname}"
            assert port.purpose == f"room {room.id} {room.name}, terminal {terminal.hostname}"


def test_the_core_holds_the_terminals_gateway_and_trunks(inventory: Inventory) -> None:
    intent = school_intent(inventory, "xy-0001", SERVICES)
    core = intent.devices[0]
    school = inventory.schools["xy-0001"]
    assert [i.purpose for i in core.vlan_interfaces] == ["management address", "terminals' gateway"]
    gateway = core.vlan_interfaces[1].address
    assert gateway.ip == school.addressing.terminal_subnet.network_address + 1
    trunks = [p for p in core.ports if p.purpose.startswith("trunk to")]
    assert len(trunks) == len(school.trunks)
    access = intent.devices[1]
    assert len(access.vlan_interfaces) == 1  # an access switch: management only


def test_intent_is_what_the_playbook_renders(inventory: Inventory) -> None:
    """One derivation: the host variables the templates use."""
    school = inventory.schools["xy-0003"]
    (device,) = school_intent(inventory, "xy-0003", SERVICES).devices
    variables = switch_intent(school, school.devices[0])
    assert [p.name for p in device.ports] == [p["name"] for p in variables["netops_ports"]]
    assert [p.description for p in device.ports] == [
        p["description"] for p in variables["netops_ports"]
    ]


def test_switches_without_a_role_are_listed_not_checked(inventory: Inventory) -> None:
    intent = school_intent(inventory, "xy-0007", SERVICES)
    assert intent.devices == ()
    assert intent.not_provisioned == tuple(d.hostname for d in inventory.schools["xy-0007"].devices)


def test_unknown_school(inventory: Inventory) -> None:
    with pytest.raises(HostSelectionError):
        school_intent(inventory, "nowhere", SERVICES)
