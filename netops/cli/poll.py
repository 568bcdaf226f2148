"""``netops poll once`` and ``netops serve``: the monitoring pipeline from the command line."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from netops.cli.outages import outage_sinks
from netops.cli.output import console, errors, load_or_exit

if TYPE_CHECKING:
    from netops.inventory.inventory import Inventory
    from netops.monitoring.results import CycleSummary, DevicePoll
    from netops.monitoring.targets import PollTarget
    from netops.service.cycle import CycleRunner, Sink
    from netops.settings import Settings

# The collectors, the store and the service load inside the commands: importing netops.cli
# must stay cheap (``netops --help``, the TUI's start).

app = typer.Typer(help="Poll the network: one cycle now.", no_args_is_help=True)


def resolve_targets(
    inventory: Inventory, settings: Settings, scope: str | None = None
) -> list[PollTarget]:
    """The devices to poll: the lab's (when running, or asked for) or the real addresses."""
    from netops.lab.labfile import read_lab_file  # noqa: PLC0415 (lazy: see above)
    from netops.lab.scope import Scope  # noqa: PLC0415
    from netops.lab.targets import lab_targets  # noqa: PLC0415
    from netops.monitoring.targets import SnmpCredentials, inventory_targets  # noqa: PLC0415

    snmp = settings.snmp
    lab = read_lab_file(settings.lab_dir)
    if snmp.targets == "lab" or (snmp.targets == "auto" and lab is not None):
        targets = lab_targets(inventory, settings.lab_dir)
    else:
        credentials = SnmpCredentials(
            version=snmp.version,
            community=snmp.community,
            user=snmp.v3_user,
            auth_key=snmp.v3_auth_key,
            priv_key=snmp.v3_priv_key,
            auth_protocol=snmp.v3_auth_protocol,
        )
        targets = inventory_targets(inventory, credentials)
    if scope:
        wanted = Scope.parse(scope)
        schools = {s.id for s in wanted.schools(inventory)}
        counties = {inventory.schools[s].county for s in schools}
        targets = [
            t
            for t in targets
            if t.school in schools
            or (t.school is None and (t.county in counties or t.county is None))
        ]
    return targets


def make_runner(
    inventory: Inventory, settings: Settings, scope: str | None, sinks: Sequence[Sink]
) -> CycleRunner:
    """A cycle runner with the configured collector."""
    from netops.clock import SystemClock  # noqa: PLC0415 (lazy: see above)
    from netops.monitoring.collector import create  # noqa: PLC0415
    from netops.service.cycle import CycleRunner  # noqa: PLC0415

    snmp = settings.snmp
    collector = create(
        snmp.collector,
        clock=SystemClock(),
        concurrency=snmp.concurrency,
        timeout_s=snmp.timeout_s,
        retries=snmp.retries,
        **({"client": snmp.client} if snmp.collector == "snmp" else {}),
    )
    targets = resolve_targets(inventory, settings, scope)
    return CycleRunner(collector, lambda: targets, sinks, SystemClock())


class _Keep:
    """A sink that keeps the last cycle's results (for printing)."""

    polls: Sequence[DevicePoll] = ()

    def write_cycle(self, polls: Sequence[DevicePoll], summary: CycleSummary) -> None:
        self.polls = polls


ScopeOption = Annotated[
    str | None, typer.Option(help="all, county NAME or schools N (default: every target).")
]


@app.command("once")
def once(
    scope: ScopeOption = None, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """Run one poll cycle and print its summary (devices ok/failed, varbinds, duration)."""
    import asyncio  # noqa: PLC0415 (lazy: see above)

    from rich.table import Table  # noqa: PLC0415

    from netops.monitoring.collector import UnknownCollectorError  # noqa: PLC0415
    from netops.settings import get_settings  # noqa: PLC0415

    settings = get_settings()
    inventory = load_or_exit(None)
    keep = _Keep()
    try:
        sinks = [keep, *store_sinks(settings), *outage_sinks(settings, inventory)]
        runner = make_runner(inventory, settings, scope, sinks)
    except (UnknownCollectorError, ValueError, KeyError) as exc:
        errors.print(str(exc))
        raise typer.Exit(1) from None
    summary = runner.run(asyncio.run)
    assert summary is not None  # nothing else runs a cycle in this process
    if as_json:
        typer.echo(summary.model_dump_json(indent=2))
    else:
        table = Table("devices", "ok", "failed", "varbinds", "duration", title="poll cycle")
        table.add_row(
            str(summary.devices),
            str(summary.ok),
            str(summary.failed),
            f"{summary.varbinds:,}",
            f"{summary.duration_s:.1f} s",
        )
        console.print(table)
        for device, reason in list(summary.failures.items())[:20]:
            console.print(f"  [red]{device}[/red]: {reason}")
    if summary.devices == 0:
        raise typer.Exit(1)


def store_sinks(settings: Settings) -> list[Sink]:
    """The InfluxDB store as a sink, when one is configured or the lab runs one."""
    from netops.clock import SystemClock  # noqa: PLC0415 (lazy: see above)
    from netops.store.connect import open_store, setup  # noqa: PLC0415
    from netops.store.errors import StoreError, StoreUnavailableError  # noqa: PLC0415
    from netops.store.sink import StoreSink  # noqa: PLC0415

    try:
        setup(settings)
    except StoreUnavailableError as exc:
        errors.print(f"InfluxDB is not answering ({exc}): points go to the spool")
    except StoreError as exc:
        errors.print(f"no store: {exc}")
        return []
    return [StoreSink(open_store(settings, SystemClock()))]


def serve(scope: ScopeOption = None) -> None:
    """Poll on schedule, audit nightly, refresh statistics; stop on SIGINT/SIGTERM."""
    from netops.compliance.service import nightly_audit  # noqa: PLC0415 (lazy: see above)
    from netops.service.scheduler import Service  # noqa: PLC0415
    from netops.settings import get_settings  # noqa: PLC0415

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = get_settings()
    inventory = load_or_exit(None)
    sinks = [*store_sinks(settings), *outage_sinks(settings, inventory)]
    runner = make_runner(inventory, settings, scope, sinks)
    console.print(
        f"netops serve: {len(runner.targets())} devices every"
        f" {settings.schedule.poll_interval_s:.0f} s; Ctrl+C stops"
    )
    Service(runner, settings.schedule, audit=nightly_audit(settings, inventory)).run_forever()
    console.print(f"netops serve: stopped ({runner.skipped} cycle(s) skipped)")
