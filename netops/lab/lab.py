"""Bring the lab up and down, report on it, and inject faults into it.

``up`` seeds the device state from the inventory, writes the SNMP agents' data,
starts the snmpsim responders, the SSH simulator and a private InfluxDB, and
records every process in ``lab.json`` as soon as it starts, so ``down`` stops
exactly what was started even after a failed or interrupted ``up``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, SecretStr

from netops.inventory.inventory import Inventory
from netops.lab import faults as lab_faults
from netops.lab import processes
from netops.lab.faults import FaultKind
from netops.lab.influx import InfluxError, InfluxServer, ping
from netops.lab.labfile import (
    LAB_FILE,
    LabCredentials,
    LabFile,
    load_or_create_credentials,
    read_lab_file,
)
from netops.lab.seed import Scope, seed_state
from netops.lab.snmp.agents import start_agents, stop_agents, write_data
from netops.lab.snmp.plan import SnmpPlan, V3Credentials
from netops.lab.snmp.probe import answers
from netops.lab.ssh import launch as ssh_launch
from netops.lab.ssh.server import Credentials as SshCredentials
from netops.lab.ssh.server import servable
from netops.lab.state import LabState
from netops.lab.terminals import TERMINALS_DIR, terminal_roots
from netops.monitoring.settings import SnmpAuthProtocol

Progress = Callable[[str], None]


class LabError(RuntimeError):
    """The lab cannot do what was asked (already running elsewhere, not running, ...)."""


class PieceStatus(BaseModel):
    """One running piece of the lab and whether it is healthy."""

    name: str
    pid: int
    alive: bool
    answering: bool
    detail: str = ""


class LabStatus(BaseModel):
    """What ``netops lab status`` reports."""

    directory: Path
    scope: str
    devices: int
    healthy: bool
    pieces: list[PieceStatus]
    faults: list[str]
    influx_url: str | None = None


def _quiet(_: str) -> None:
    return None


def up(
    inventory: Inventory,
    scope: Scope,
    directory: Path,
    *,
    snmp_processes: int = 2,
    v3_share: float = 0.1,
    v3_auth_protocol: SnmpAuthProtocol = "SHA",
    progress: Progress = _quiet,
) -> LabFile:
    """Start the lab for ``scope``; a healthy lab of the same scope is left as it is.

    A new lab directory's v3 devices authenticate with ``v3_auth_protocol`` (the
    settings' ``snmp.v3_auth_protocol``: the lab answers as the network is configured).

    Raises:
        LabError: a lab of another scope runs in ``directory``.
    """
    directory = directory.resolve()
    current = read_lab_file(directory)
    if current is not None:
        if status(directory).healthy:
            if current.scope != str(scope):
                raise LabError(
                    f"a lab of scope '{current.scope}' runs in {directory};"
                    " run `netops lab down` first"
                )
            progress("already running")
            return current
        progress("cleaning up a lab that is not healthy")
        down(directory)
    directory.mkdir(parents=True, exist_ok=True)
    credentials = load_or_create_credentials(directory, v3_auth_protocol)
    progress(f"seeding the state of {scope}")
    state = LabState(directory / "state.sqlite")
    devices, ports = seed_state(inventory, scope)
    state.load(devices, ports)
    lab = LabFile(
        directory=directory,
        scope=str(scope),
        inventory=inventory.root.resolve(),
        started=datetime.now(UTC),
        state=state.path,
        devices=len(devices),
    )
    lab.save()
    try:
        _start_snmp(lab, state, credentials, snmp_processes, v3_share, progress)
        _start_ssh(lab, state, credentials, progress)
        terminal_roots(inventory, scope, directory)
        lab.terminals = directory / TERMINALS_DIR
        progress("starting InfluxDB")
        lab.influx = InfluxServer(directory / "influxdb").start()
        lab.processes.append(lab.influx.process)
        lab.save()
    except BaseException:
        down(directory)
        raise
    finally:
        state.close()
    progress(f"lab up: {len(devices)} devices")
    return lab


def _start_snmp(
    lab: LabFile,
    state: LabState,
    credentials: LabCredentials,
    count: int,
    v3_share: float,
    progress: Progress,
) -> None:
    progress("writing SNMP agent data")
    plan = write_data(
        lab.directory, state, v3_share=v3_share, processes=count, v3_user=credentials.snmp_v3_user
    )
    lab.snmp_plan = plan.save()
    progress(f"starting {count} SNMP responder(s)")
    v3 = V3Credentials(
        user=credentials.snmp_v3_user,
        auth_key=credentials.snmp_v3_auth_key,
        priv_key=credentials.snmp_v3_priv_key,
        auth_protocol=credentials.snmp_v3_auth_protocol,
    )
    lab.processes += start_agents(plan, credentials=v3)
    lab.save()


def _start_ssh(
    lab: LabFile, state: LabState, credentials: LabCredentials, progress: Progress
) -> None:
    hosts = servable(state)
    if not hosts:
        return
    progress(f"starting the SSH simulator ({len(hosts)} devices)")
    ssh_dir = lab.directory / "ssh"
    ports = dict(zip(hosts, processes.free_ports(len(hosts)), strict=True))
    lab.ssh_ports = ssh_launch.write_ports(ssh_dir / "ports.json", ports)
    login = ssh_launch.write_credentials(
        ssh_dir / "credentials.yaml",
        SshCredentials(
            username=credentials.ssh_username,
            password=SecretStr(credentials.ssh_password.get_secret_value()),
        ),
    )
    argv = ssh_launch.command(state.path, lab.ssh_ports, ssh_dir / "host_key", login)
    record = processes.spawn("ssh-simulator", argv, ssh_dir / "ssh.log")
    lab.processes.append(record)
    lab.save()
    ssh_launch.wait_ready(record)


def down(directory: Path) -> list[str]:
    """Stop every process the lab started; returns the names of those that were running."""
    lab = read_lab_file(directory)
    if lab is None:
        return []
    stopped = []
    snmp = [r for r in lab.processes if r.name.startswith("snmp")]
    if snmp:
        stopped += [r.name for r in snmp if processes.alive(r)]
        stop_agents(snmp)
    for record in lab.processes:
        if record in snmp:
            continue
        if record.name == "influxd" and lab.influx is not None:
            InfluxServer.from_record(lab.influx).pause(False)  # a frozen server cannot stop
        if processes.stop(record):
            stopped.append(record.name)
    (lab.directory / LAB_FILE).unlink(missing_ok=True)
    return stopped


def require(directory: Path) -> LabFile:
    """The running lab in ``directory``.

    Raises:
        LabError: no lab was started there.
    """
    lab = read_lab_file(directory)
    if lab is None:
        raise LabError(f"no lab in {directory}; start one with `netops lab up`")
    return lab


def status(directory: Path) -> LabStatus:
    """Every piece of the lab: alive, and answering on its port.

    Raises:
        LabError: no lab was started in ``directory``.
    """
    lab = require(directory)
    plan = SnmpPlan.load(lab.snmp_plan) if lab.snmp_plan and lab.snmp_plan.is_file() else None
    pieces = [_piece(lab, plan, record) for record in lab.processes]
    state = LabState(lab.state)
    try:
        active = [f"{f['kind']} {f['target']} {f['detail']}".strip() for f in state.faults()]
    finally:
        state.close()
    return LabStatus(
        directory=lab.directory,
        scope=lab.scope,
        devices=lab.devices,
        healthy=bool(pieces) and all(p.alive and p.answering for p in pieces),
        pieces=pieces,
        faults=active,
        influx_url=lab.influx.url if lab.influx else None,
    )


def _piece(lab: LabFile, plan: SnmpPlan | None, record: processes.ProcessRecord) -> PieceStatus:
    alive = processes.alive(record)
    answering, detail = False, "not running"
    if alive and record.name == "influxd" and lab.influx is not None:
        try:
            detail = f"{lab.influx.url} (InfluxDB {ping(lab.influx.url, timeout=1.0)})"
            answering = True
        except InfluxError as exc:
            detail = f"{lab.influx.url}: {exc}"
    elif alive and record.name == "ssh-simulator" and lab.ssh_ports is not None:
        ports = ssh_launch.load_ports(lab.ssh_ports)
        answering = _tcp_answers(next(iter(ports.values())))
        detail = f"{len(ports)} devices on TCP ports {min(ports.values())}-{max(ports.values())}"
    elif alive and plan is not None:
        answering, detail = _snmp_piece(plan, record.name)
    return PieceStatus(
        name=record.name, pid=record.pid, alive=alive, answering=answering, detail=detail
    )


def _snmp_piece(plan: SnmpPlan, name: str) -> tuple[bool, str]:
    process = next((p for p in plan.processes if name in (p.name, f"snmp-{p.name}")), None)
    if process is None:
        return True, ""
    v2c = [d for d in plan.devices if d.process == name and d.community]
    detail = f"udp/{process.port}, {len(process.devices)} devices"
    if not v2c:
        return True, detail
    # A powered-off device (device-down fault) does not answer: ask a powered one.
    return answers(process.port, community=v2c[0].community or ""), detail


def _tcp_answers(port: int) -> bool:
    try:
        processes.wait_tcp(port, timeout=1.0)
    except TimeoutError:
        return False
    return True


def inject_fault(
    inventory: Inventory, directory: Path, kind: FaultKind, target: str, value: str | None = None
) -> str:
    """Apply a fault to the running lab; returns a one-line description."""
    lab = require(directory)
    state = LabState(lab.state)
    try:
        if kind is FaultKind.INFLUX_DOWN:
            if lab.influx is None:
                raise LabError("this lab runs no InfluxDB")
            InfluxServer.from_record(lab.influx).pause(True)
            state.record_fault(kind.value, "influxdb", "", "[]")
            return f"{kind} influxdb: {lab.influx.url} frozen (clients time out)"
        lab_faults.inject(inventory, state, kind, target, value)
        applied = state.faults()[-1]
        return f"{kind} {target} {applied['detail']}".strip()
    finally:
        state.close()


def clear_faults(directory: Path) -> int:
    """Undo every fault of the running lab; returns how many."""
    lab = require(directory)
    state = LabState(lab.state)
    try:
        if lab.influx is not None and any(
            f["kind"] == FaultKind.INFLUX_DOWN for f in state.faults()
        ):
            InfluxServer.from_record(lab.influx).pause(False)
        return lab_faults.clear(state)
    finally:
        state.close()
