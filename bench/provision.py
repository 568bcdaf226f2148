"""Provisioning 20 schools' switches in the lab: ansible-runner (forks 10, 20) against netmiko.

Each method pushes the same configuration to a fresh lab (the lab is taken down and
brought up again between them, so every push starts from the inventory's seed):

1. ansible-runner, forks 10: the first push (changes), then the same run again
   (nothing changes: what an idempotent re-run costs);
2. ansible-runner, forks 20: the first push;
3. a plain netmiko loop, one switch after the other: connect, ``send_config_set`` of the
   lines Ansible pushed in run 1 (secrets put back), save, disconnect;
4. the same netmiko push in a thread pool of 10 workers;
   then an Ansible ``--check`` over the switches shows netmiko left nothing to change.

Per-host times: Ansible's are the sum of the host's task times (its own work, not the
waits of the linear strategy); netmiko's from connect to disconnect. The time before the
first task (ansible-runner, ansible-playbook, the inventory plugin) is in the total only.
The lab is always taken down, even after a failure.

    .venv/bin/python bench/provision.py [--schools 20] [--dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from netmiko import BaseConnection
from netmiko.ssh_dispatcher import CLASS_MAPPER
from pydantic import SecretStr

from collectors.cli.session import DRIVERS
from netops.clock import SystemClock
from netops.inventory import Inventory, load_inventory
from netops.inventory.choices import NETMIKO_DEVICE_TYPE
from netops.lab.lab import down, up
from netops.lab.labfile import CREDENTIALS_FILE, LabCredentials
from netops.lab.seed import Scope
from netops.lab.ssh.launch import load_ports
from netops.provision.constants import PLAYBOOK, PLAYBOOKS_DIR
from netops.provision.models import RunResult
from netops.provision.provisioner import Provisioner, RunOptions
from netops.provision.runner import AnsibleRunner
from netops.provision.secrets import ProvisionSecrets
from netops.settings import PROJECT_ROOT

MASK = "********"


@dataclass
class Figure:
    """One method: total wall time and per-host times."""

    method: str
    total_s: float
    per_host_s: list[float] = field(default_factory=list)
    changed: int = 0
    failed: int = 0
    startup_s: float | None = None  # Ansible: from the call to the first task

    def row(self) -> str:
        hosts = self.per_host_s or [0.0]
        startup = f"  (first task after {self.startup_s:4.1f} s)" if self.startup_s else ""
        return (
            f"{self.method:<34} {self.total_s:6.1f} s  {len(self.per_host_s):3d} hosts"
            f"  per host median {statistics.median(hosts):5.1f} s, max {max(hosts):5.1f} s"
            f"  changed {self.changed:3d}  failed {self.failed}{startup}"
        )


@dataclass
class Bench:
    """The lab and what every method needs."""

    inventory: Inventory
    directory: Path
    scope: Scope
    work: Path  # run directories go here
    community: SecretStr = field(default_factory=lambda: SecretStr(secrets.token_hex(8)))

    def fresh_lab(self) -> LabCredentials:
        """A lab seeded anew from the inventory (down, then up)."""
        down(self.directory)
        up(self.inventory, self.scope, self.directory, snmp_processes=1)
        return LabCredentials.model_validate_json(
            (self.directory / CREDENTIALS_FILE).read_text(encoding="utf-8")
        )

    def provisioner(self, login: LabCredentials, runs: Path) -> Provisioner:
        runner = AnsibleRunner(
            playbooks_dir=PLAYBOOKS_DIR,
            playbook=PLAYBOOK,
            inventory=self.inventory.root,
            lab_dir=self.directory,
        )
        return Provisioner(
            runner,
            self.inventory,
            ProvisionSecrets(switch_password=login.ssh_password, snmp_community=self.community),
            runs,
            SystemClock(),
            available=frozenset(s.id for s in self.scope.schools(self.inventory)),
        )

    def ansible(
        self, method: str, login: LabCredentials, forks: int, check: bool = False
    ) -> tuple[Figure, RunResult]:
        """One ansible-runner run over every switch of the schools in scope."""
        county = self.scope.schools(self.inventory)[0].county
        runs = Path(tempfile.mkdtemp(prefix="netops-bench-runs-", dir=self.work))
        provisioner = self.provisioner(login, runs)
        started = time.perf_counter()
        outcome = provisioner.county(
            county, 1000, 100, RunOptions(check=check, forks=forks, limit=("switches",))
        )
        total = time.perf_counter() - started
        (batch,) = outcome.batches
        result = batch.result
        first = min((h.started for h in result.hosts if h.started), default=None)
        figure = Figure(
            method,
            total,
            [h.busy_s for h in result.hosts if h.busy_s],
            changed=len(result.changed_hosts),
            failed=len(result.failed_hosts),
            startup_s=(first - result.started).total_seconds() if first else None,
        )
        return figure, result


def pushed_lines(result: RunResult) -> dict[str, list[str]]:
    """The lines Ansible typed into each switch, from the run's job events."""
    assert result.artifacts is not None
    lines: dict[str, list[str]] = {}
    for path in (result.artifacts / "job_events").glob("*.json"):
        event = json.loads(path.read_text(encoding="utf-8"))
        data = event.get("event_data", {})
        commands = (
            (data.get("res") or {}).get("commands") if event["event"] == "runner_on_ok" else None
        )
        if commands:
            lines[data["host"]] = list(commands)
    return lines


def connect(device_type: str, port: int, login: LabCredentials) -> BaseConnection:
    driver: type[BaseConnection] = DRIVERS.get(device_type) or CLASS_MAPPER[device_type]
    return driver(
        device_type=device_type,
        host="127.0.0.1",
        port=port,
        username=login.ssh_username,
        password=login.ssh_password.get_secret_value(),
        use_keys=False,
        allow_agent=False,
    )


def netmiko_push(
    bench: Bench, lines: dict[str, list[str]], login: LabCredentials, workers: int
) -> Figure:
    """Push ``lines`` to every switch with netmiko (``workers`` at a time) and save."""
    ports = load_ports(bench.directory / "ssh" / "ports.json")
    platforms = {d.hostname: d.platform for d in bench.inventory.devices.values()}
    secret = bench.community.get_secret_value()

    def one(host: str) -> float:
        started = time.perf_counter()
        platform = platforms[host]
        session = connect(NETMIKO_DEVICE_TYPE[platform], ports[host], login)
        try:
            session.send_config_set([line.replace(MASK, secret) for line in lines[host]])
            session.save_config()  # VRP: save, answers Y; Comware: save force
        finally:
            session.disconnect()
        return time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        per_host = list(pool.map(one, sorted(lines)))
    method = "netmiko, sequential" if workers == 1 else f"netmiko, {workers} threads"
    return Figure(method, time.perf_counter() - started, per_host, changed=len(per_host))


def run(bench: Bench, say: Callable[[str], None]) -> list[Figure]:
    figures: list[Figure] = []
    login = bench.fresh_lab()
    say("ansible-runner forks 10: first push")
    first, result = bench.ansible("ansible-runner, forks 10", login, 10)
    figures.append(first)
    lines = pushed_lines(result)
    say("ansible-runner forks 10: again (nothing to change)")
    figures.append(bench.ansible("ansible-runner, forks 10, re-run", login, 10)[0])
    login = bench.fresh_lab()
    say("ansible-runner forks 20: first push")
    figures.append(bench.ansible("ansible-runner, forks 20", login, 20)[0])
    for workers in (1, 10):
        login = bench.fresh_lab()
        say(f"netmiko, {workers} worker(s)")
        figures.append(netmiko_push(bench, lines, login, workers))
    say("ansible --check after netmiko: anything left to change?")
    figures.append(bench.ansible("ansible --check after netmiko", login, 10, check=True)[0])
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=20)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="netops-provision-bench-"))
    directory = args.dir or work / "lab"
    inventory = load_inventory(PROJECT_ROOT / "inventories" / "qianxinan")
    bench = Bench(inventory, directory, Scope.parse(f"schools {args.schools}"), work)
    try:
        figures = run(bench, lambda text: print(f"... {text}", file=sys.stderr, flush=True))
    finally:
        down(directory)
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps([f.__dict__ for f in figures], indent=1))
    else:
        print(f"{args.schools} schools of the committed prefecture, their VRP/Comware switches")
        for figure in figures:
            print(figure.row())
    leftover = figures[-1].changed
    print("netmiko left nothing to change" if leftover == 0 else f"{leftover} switch(es) differ")
    return 0 if all(f.failed == 0 for f in figures) and leftover == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
