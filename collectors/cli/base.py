"""The CLI workflow every platform shares; a platform module changes commands and parsing."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import ClassVar

import textfsm  # type: ignore[import-untyped]

from collectors.cli.models import InterfaceConfig, RunningConfig
from collectors.cli.session import NTC_TEMPLATES, CliError, Session
from netops.monitoring.results import PortReading, PortRole
from netops.monitoring.targets import TargetPort

#: Our templates, for outputs ntc-templates has none for.
OWN_TEMPLATES = files("collectors.cli") / "templates"
CONFIG_TEMPLATE = "vrp_comware_current_configuration_interfaces.textfsm"
_ERROR = re.compile(r"^\s*Error:|% (Unrecognized|Wrong|Incomplete)", re.MULTILINE)
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class PortStatus:
    """One row of the interface brief."""

    admin_up: bool | None
    oper_up: bool | None
    speed_mbps: int | None = None
    duplex: str | None = None


@cache
def _template(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


def parse_textfsm(template: Traversable, text: str) -> list[dict[str, str]]:
    """Rows of ``text`` as ``template`` reads them (keys lower-case)."""
    fsm = textfsm.TextFSM(io.StringIO(_template(str(template))))
    try:
        rows: list[dict[str, str]] = fsm.ParseTextToDicts(text)
    except textfsm.TextFSMError as exc:
        raise CliError(f"could not parse the device's output: {exc}") from exc
    return [{key.lower(): value for key, value in row.items()} for row in rows]


def dbm(value: str) -> float | None:
    """A power reading in dBm, or None when the field is empty."""
    return float(value) if _NUMBER.match(value.strip()) else None


class Platform:
    """One CLI platform: how to ask a device for its ports and configuration."""

    name: ClassVar[str]
    device_type: ClassVar[str]  # netmiko's
    brief_command: ClassVar[str] = "display interface brief"
    brief_template: ClassVar[str]  # an ntc-templates file
    config_command: ClassVar[str] = "display current-configuration"
    transceiver_template: ClassVar[str]  # one of ours
    #: Roles whose ports have optics (terminal ports are copper: no command for them).
    FIBER_ROLES: ClassVar[frozenset[PortRole]] = frozenset(
        {PortRole.UPLINK, PortRole.AGGREGATION, PortRole.TRUNK, PortRole.CORE}
    )

    def transceiver_command(self, port: str) -> str:
        """The command that shows one port's module readings."""
        raise NotImplementedError

    def parse_brief(self, text: str) -> dict[str, PortStatus]:
        """Full port name -> its brief row."""
        raise NotImplementedError

    def parse_transceiver(self, text: str) -> tuple[float | None, float | None]:
        """(rx dBm, tx dBm) of one port; (None, None) without a module."""
        rows = parse_textfsm(OWN_TEMPLATES / self.transceiver_template, text)
        if not rows:
            return None, None
        return dbm(rows[0]["rx_power"]), dbm(rows[0]["tx_power"])

    def parse_config(self, text: str) -> RunningConfig:
        """The configuration text and its interfaces."""
        interfaces = {}
        for row in parse_textfsm(OWN_TEMPLATES / CONFIG_TEMPLATE, text):
            interfaces[row["interface"]] = InterfaceConfig(
                name=row["interface"],
                description=row["description"] or None,
                shutdown=bool(row["shutdown"]),
                speed=row["speed"] or None,
                duplex=row["duplex"] or None,
                link_type=row["link_type"] or None,
                pvid=int(row["pvid"]) if row["pvid"] else None,
            )
        return RunningConfig(text=text, interfaces=interfaces)

    def ntc_rows(self, text: str) -> list[dict[str, str]]:
        """The brief parsed with its ntc-templates template."""
        return parse_textfsm(NTC_TEMPLATES / self.brief_template, text)

    def read_ports(self, session: Session, ports: Sequence[TargetPort]) -> list[PortReading]:
        """Brief for every port, then module readings of the ports that carry fiber."""
        brief = self.parse_brief(self._display(session, self.brief_command))
        readings = []
        for port in ports:
            status = brief.get(port.name)
            rx = tx = None
            if status is not None and port.role in self.FIBER_ROLES:
                rx, tx = self.parse_transceiver(
                    self._display(session, self.transceiver_command(port.name))
                )
            readings.append(
                PortReading(
                    port=port.name,
                    role=port.role,
                    admin_up=status.admin_up if status else None,
                    oper_up=status.oper_up if status else None,
                    speed_mbps=status.speed_mbps if status else None,
                    duplex=status.duplex if status else None,
                    rx_dbm=rx,
                    tx_dbm=tx,
                )
            )
        return readings

    def read_config(self, session: Session) -> RunningConfig:
        """The running configuration, parsed."""
        return self.parse_config(self._display(session, self.config_command))

    @staticmethod
    def _display(session: Session, command: str) -> str:
        output = session.send_command(command)
        if _ERROR.search(output):
            raise CliError(f"the device refused {command!r}: {output.strip().splitlines()[-1]}")
        return output
