"""A Huawei and an H3C switch in a lab state, and their shells without a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from netops.lab.ssh.comware import ComwareShell
from netops.lab.ssh.vrp import VrpShell
from netops.lab.state import DeviceState, LabState, PortState


class FakeIO:
    """No terminal: the tests call ``answer`` directly."""

    async def read(self) -> str:
        return ""

    def write(self, text: str) -> None:
        return None


def two_switches(path: Path, vrp_ports: Sequence[str], comware_ports: Sequence[str]) -> LabState:
    """``hw1`` (VRP) and ``h3c1`` (Comware) with copper gigabit ports of these names."""
    lab = LabState(path)
    devices = [
        DeviceState(
            hostname=name,
            vendor=vendor,
            platform=platform,
            model=model,
            mgmt_ip="10.0.0.1",
            role="school_core",
            boot_epoch=1_700_000_000.0,
        )
        for name, vendor, platform, model in (
            ("hw1", "huawei", "huawei_vrp", "S5735-S24T4X"),
            ("h3c1", "h3c", "h3c_comware", "S5130S-28S-EI"),
        )
    ]
    ports = [
        PortState(hostname=host, if_index=i, name=name, medium="copper", max_mbps=1000)
        for host, names in (("hw1", vrp_ports), ("h3c1", comware_ports))
        for i, name in enumerate(names, start=1)
    ]
    lab.load(devices, ports)
    return lab


def vrp(state: LabState) -> VrpShell:
    """The VRP switch's shell."""
    return VrpShell(state, "hw1", FakeIO(), state.path.parent / "saved")


def comware(state: LabState) -> ComwareShell:
    """The Comware switch's shell."""
    return ComwareShell(state, "h3c1", FakeIO(), state.path.parent / "saved")
