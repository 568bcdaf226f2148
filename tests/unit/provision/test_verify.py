"""Drift between intent and running configuration, in words; verify with a fake reader."""

from __future__ import annotations

import asyncio
from ipaddress import IPv4Address, IPv4Interface

from collectors.cli.models import ConfigResult
from collectors.cli.platforms import platform_for
from netops.inventory.choices import Platform
from netops.monitoring.targets import PollTarget
from netops.provision.drift import device_drift
from netops.provision.intent import (
    DeviceIntent,
    PortIntent,
    SchoolIntent,
    Services,
    VlanIntent,
    VlanInterfaceIntent,
)
from netops.provision.running import parse_running
from netops.provision.verify import compare, verify_school
from tests.unit.provision.samples import COMWARE, VRP

SERVICES = Services(
    ntp_servers=(IPv4Address("10.64.0.10"), IPv4Address("10.64.0.11")),
    syslog_servers=(IPv4Address("10.64.0.12"),),
)


def access(name: str, room: str, terminal: str) -> PortIntent:
    return PortIntent(
        name=name,
        purpose=f"room {room}, terminal {terminal}",
        description=f"{room.split(' ', 1)[1]} {terminal}",
        link_type="access",
        pvid=100,
    )


def intent(platform: Platform, hostname: str, ports: list[PortIntent]) -> DeviceIntent:
    return DeviceIntent(
        hostname=hostname,
        platform=platform,
        school=hostname[:7],
        vlans=(VlanIntent(id=10, name="mgmt"), VlanIntent(id=100, name="classrooms")),
        vlan_interfaces=(
            VlanInterfaceIntent(
                vlan=10, address=IPv4Interface("10.65.1.17/28"), purpose="management address"
            ),
        ),
        ports=tuple(ports),
        services=SERVICES,
    )


VRP_INTENT = intent(
    Platform.HUAWEI_VRP,
    "xy-0002-sw01",
    [
        access("GigabitEthernet0/0/1", "r01 Grade 1 Class 1", "xy-0002-r01-t1"),
        access("GigabitEthernet0/0/2", "r02 Grade 1 Class 2", "xy-0002-r02-t1"),
        PortIntent(
            name="GigabitEthernet0/0/9",
            purpose="uplink to xy-agg01 XGigabitEthernet0/0/2",
            description="uplink xy-agg01 XGigabitEthernet0/0/2",
            link_type="trunk",
            allowed_vlans=(10, 100),
            speed_mbps=1000,
        ),
    ],
)


def read(platform: Platform, text: str, device: str = "sw") -> ConfigResult:
    config = platform_for(platform.value).parse_config(text)
    return ConfigResult(device=device, ok=True, config=config)


def lines(platform: Platform, text: str, wanted: DeviceIntent) -> list[str]:
    result = read(platform, text)
    assert result.config is not None
    return [str(d) for d in device_drift(wanted, result.config.interfaces, parse_running(text))]


def test_a_vrp_switch_with_one_wrong_description_and_old_servers() -> None:
    assert lines(Platform.HUAWEI_VRP, VRP, VRP_INTENT) == [
        "xy-0002-sw01: NTP: server 10.64.0.10 is missing",
        "xy-0002-sw01: GigabitEthernet0/0/2 (room r02 Grade 1 Class 2, terminal xy-0002-r02-t1):"
        " description is 'old text', intended 'Grade 1 Class 2 xy-0002-r02-t1'",
    ]


def test_an_unconfigured_switch_says_everything_it_lacks() -> None:
    text = "#\nsysname HUAWEI\n#\ninterface GigabitEthernet0/0/1\n shutdown\n#\nreturn\n"
    wanted = VRP_INTENT.model_copy(update={"ports": VRP_INTENT.ports[:1]})
    assert lines(Platform.HUAWEI_VRP, text, wanted) == [
        "xy-0002-sw01: hostname: sysname is 'HUAWEI', intended 'xy-0002-sw01'",
        "xy-0002-sw01: VLAN 10: missing (intended 'mgmt')",
        "xy-0002-sw01: VLAN 100: missing (intended 'classrooms')",
        "xy-0002-sw01: management address (VLAN 10 interface): no VLAN interface,"
        " intended 10.65.1.17/28",
        "xy-0002-sw01: SNMP: the agent is not configured, intended v2c",
        "xy-0002-sw01: NTP: server 10.64.0.10 is missing",
        "xy-0002-sw01: NTP: server 10.64.0.11 is missing",
        "xy-0002-sw01: syslog: loghost 10.64.0.12 is missing",
        "xy-0002-sw01: GigabitEthernet0/0/1 (room r01 Grade 1 Class 1, terminal xy-0002-r01-t1):"
        " description is not set, intended 'Grade 1 Class 1 xy-0002-r01-t1'",
        "xy-0002-sw01: GigabitEthernet0/0/1 (room r01 Grade 1 Class 1, terminal xy-0002-r01-t1):"
        " link type is not set (device default), intended access",
        "xy-0002-sw01: GigabitEthernet0/0/1 (room r01 Grade 1 Class 1, terminal xy-0002-r01-t1):"
        " access VLAN is 1, intended 100",
        "xy-0002-sw01: GigabitEthernet0/0/1 (room r01 Grade 1 Class 1, terminal xy-0002-r01-t1):"
        " is shut down, intended up (undo shutdown)",
    ]


def test_comware_defaults_and_extras() -> None:
    wanted = intent(
        Platform.H3C_COMWARE,
        "xy-0003-sw01",
        [
            access("GigabitEthernet1/0/1", "r01 Grade 1 Class 1", "xy-0003-r01-t1"),
            PortIntent(
                name="GigabitEthernet1/0/28",
                purpose="uplink to xy-agg01 XGigabitEthernet0/0/3",
                description="uplink xy-agg01 XGigabitEthernet0/0/3",
                link_type="trunk",
                allowed_vlans=(10, 100),
            ),
            access("GigabitEthernet1/0/2", "r02 Grade 1 Class 2", "xy-0003-r02-t1"),
        ],
    ).model_copy(
        update={
            "vlan_interfaces": (
                VlanInterfaceIntent(
                    vlan=10, address=IPv4Interface("10.65.1.34/28"), purpose="management address"
                ),
            )
        }
    )
    assert lines(Platform.H3C_COMWARE, COMWARE, wanted) == [
        "xy-0003-sw01: VLAN 300: exists but is not in the school's plan (remove it or add it)",
        "xy-0003-sw01: management address (VLAN 10 interface): 10.65.1.33/28,"
        " intended 10.65.1.34/28",
        "xy-0003-sw01: SNMP: the agent speaks v3, intended v2c",
        "xy-0003-sw01: NTP: server 10.64.0.10 is missing",
        "xy-0003-sw01: NTP: server 10.9.9.9 is not one of the bureau's (remove it)",
        "xy-0003-sw01: GigabitEthernet1/0/28 (uplink to xy-agg01 XGigabitEthernet0/0/3):"
        " trunk allows VLANs 10, 11, 100, intended 10, 100",
        "xy-0003-sw01: GigabitEthernet1/0/2 (room r02 Grade 1 Class 2, terminal xy-0003-r02-t1):"
        " the switch has no such port (wrong model or port name in the inventory?)",
    ]


class FakeReader:
    """Configurations by host; anything else is refused."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.asked: list[str] = []

    async def read_config(self, target: PollTarget) -> ConfigResult:
        self.asked.append(target.device)
        text = self.texts.get(target.device)
        if text is None:
            reason = f"connection refused by {target.host}:{target.ssh_port} (SSH not listening)"
            return ConfigResult(device=target.device, ok=False, reason=reason)
        return read(Platform.HUAWEI_VRP, text, target.device)


def target(device: str) -> PollTarget:
    return PollTarget(
        device=device, vendor="huawei", platform="huawei_vrp", host="127.0.0.1", ports=[]
    )


def test_verify_reads_every_switch_and_never_counts_unread_as_clean() -> None:
    second = VRP_INTENT.model_copy(update={"hostname": "xy-0002-sw02"})
    third = VRP_INTENT.model_copy(update={"hostname": "xy-0002-sw03"})
    school = SchoolIntent(school="xy-0002", devices=(VRP_INTENT, second, third))
    reader = FakeReader({"xy-0002-sw01": VRP})
    targets = {"xy-0002-sw01": target("xy-0002-sw01"), "xy-0002-sw02": target("xy-0002-sw02")}
    report = asyncio.run(verify_school(school, targets, reader))
    assert reader.asked == ["xy-0002-sw01", "xy-0002-sw02"]
    assert not report.clean
    assert [v.device for v in report.unread] == ["xy-0002-sw02", "xy-0002-sw03"]
    assert "connection refused" in (report.unread[0].reason or "")
    assert "no address" in (report.unread[1].reason or "")
    assert len(report.drift) == 2


def test_a_switch_as_intended_is_clean() -> None:
    fixed = VRP.replace("description old text", "description Grade 1 Class 2 xy-0002-r02-t1")
    fixed = fixed.replace(
        "ntp-service unicast-server 10.64.0.11",
        "ntp-service unicast-server 10.64.0.10\nntp-service unicast-server 10.64.0.11",
    )
    verdict = compare(VRP_INTENT, read(Platform.HUAWEI_VRP, fixed))
    assert verdict.clean, verdict.drift
    school = SchoolIntent(school="xy-0002", devices=(VRP_INTENT,))
    report = asyncio.run(
        verify_school(
            school, {"xy-0002-sw01": target("xy-0002-sw01")}, FakeReader({"xy-0002-sw01": fixed})
        )
    )
    assert report.clean
