"""Poll targets for the lab: the same devices and ports, at the lab's ports on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr

from netops.inventory.inventory import Inventory
from netops.lab.lab import require
from netops.lab.labfile import CREDENTIALS_FILE, LabCredentials
from netops.lab.processes import LOCALHOST
from netops.lab.seed import Scope, places_in_scope
from netops.lab.snmp.plan import SnmpPlan
from netops.lab.ssh.launch import load_ports
from netops.monitoring.targets import PollTarget, SnmpCredentials, monitored_ports


def lab_targets(inventory: Inventory, directory: Path) -> list[PollTarget]:
    """Every device of the running lab in ``directory`` as a poll target."""
    lab = require(directory)
    if lab.snmp_plan is None:
        return []
    plan = SnmpPlan.load(lab.snmp_plan)
    ssh = load_ports(lab.ssh_ports) if lab.ssh_ports else {}
    login = LabCredentials.model_validate_json(
        (lab.directory / CREDENTIALS_FILE).read_text(encoding="utf-8")
    )
    ports = monitored_ports(inventory)
    targets = []
    for place in places_in_scope(inventory, Scope.parse(lab.scope)):
        device = place.device
        agent = plan.device(device.hostname)
        if agent.community is not None:
            snmp = SnmpCredentials(version="v2c", community=SecretStr(agent.community))
        else:
            snmp = SnmpCredentials(
                version="v3",
                user=login.snmp_v3_user,
                auth_key=login.snmp_v3_auth_key,
                priv_key=login.snmp_v3_priv_key,
                auth_protocol=login.snmp_v3_auth_protocol,
                context=agent.context or "",
            )
        targets.append(
            PollTarget(
                device=device.hostname,
                vendor=device.vendor.value,
                platform=device.platform.value,
                county=place.county,
                school=place.school,
                host=LOCALHOST,
                snmp_port=agent.port,
                ssh_port=ssh.get(device.hostname, 22),
                snmp=snmp,
                ports=ports.get(device.hostname, []),
            )
        )
    return targets
