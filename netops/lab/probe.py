"""Ask a few simulated devices over SNMP and SSH: does the lab answer like a network?"""

from __future__ import annotations

import time
from pathlib import Path

import asyncssh
from pydantic import BaseModel

from netops.lab.lab import require
from netops.lab.labfile import CREDENTIALS_FILE, LabCredentials
from netops.lab.snmp.plan import SnmpPlan
from netops.lab.snmp.probe import answers
from netops.lab.ssh.client import run_command
from netops.lab.ssh.launch import load_ports
from netops.lab.state import LabState


class ProbeResult(BaseModel):
    """What one device answered."""

    hostname: str
    snmp: str
    ssh: str
    ok: bool


def _sample(state: LabState, plan: SnmpPlan, ssh_ports: dict[str, int], count: int) -> list[str]:
    # One SNMPv2c, SSH-reachable device per (role, platform): core, aggregation, schools.
    v2c = {agent.hostname for agent in plan.devices if agent.community}
    chosen: dict[tuple[str, str], str] = {}
    for device in state.devices():
        kind = (device.role, device.platform)
        if device.hostname in v2c and device.hostname in ssh_ports and kind not in chosen:
            chosen[kind] = device.hostname
    return list(chosen.values())[:count]


def probe(directory: Path, hosts: list[str] | None = None, count: int = 4) -> list[ProbeResult]:
    """SNMP GET sysDescr and SSH ``display version`` on ``hosts`` (a sample by default)."""
    lab = require(directory)
    plan = SnmpPlan.load(lab.snmp_plan) if lab.snmp_plan else None
    ssh_ports = load_ports(lab.ssh_ports) if lab.ssh_ports else {}
    login = LabCredentials.model_validate_json(
        (lab.directory / CREDENTIALS_FILE).read_text(encoding="utf-8")
    )
    if plan is None:
        return []
    results = []
    if not hosts:
        state = LabState(lab.state)
        try:
            hosts = _sample(state, plan, ssh_ports, count)
        finally:
            state.close()
    for host in hosts:
        agent = plan.device(host)
        if agent.community:
            started = time.perf_counter()
            ok = answers(agent.port, community=agent.community, timeout=2.0)
            snmp = (
                f"v2c udp/{agent.port}: sysDescr in {(time.perf_counter() - started) * 1000:.0f} ms"
                if ok
                else "no answer"
            )
        else:
            ok, snmp = True, f"v3 udp/{agent.port} (context {agent.context})"
        ssh = "no SSH (platform without a simulator)"
        if host in ssh_ports:
            try:
                text = run_command(
                    ssh_ports[host],
                    login.ssh_username,
                    login.ssh_password.get_secret_value(),
                    "display version",
                )
                ssh = next(
                    (line.strip() for line in text.splitlines() if "Version" in line), "answered"
                )
            except (OSError, asyncssh.Error, TimeoutError) as exc:
                ok, ssh = False, f"failed: {exc}"
        results.append(ProbeResult(hostname=host, snmp=snmp, ssh=ssh, ok=ok))
    return results
