"""``netops service start|stop|status``: the polling service in the background."""

from __future__ import annotations

from typing import Annotated

import typer

from netops.cli.output import console, errors

# The service's modules and the settings load inside the commands: importing netops.cli
# must stay cheap (``netops --help``, the TUI's start).

app = typer.Typer(
    help="Run `netops serve` in the background (the demo's service).", no_args_is_help=True
)


@app.command("start")
def start(
    scope: Annotated[
        str | None, typer.Option(help="all, county NAME or schools N (default: every target).")
    ] = None,
    interval: Annotated[
        float | None, typer.Option(help="Seconds between poll cycles (default: settings).")
    ] = None,
) -> None:
    """Start the service detached; its log goes beside the state database."""
    from netops.service import daemon  # noqa: PLC0415 (lazy: see above)
    from netops.settings import get_settings  # noqa: PLC0415

    directory = daemon.service_dir(get_settings().state_path)
    try:
        record = daemon.start(directory, scope=scope, interval_s=interval)
    except daemon.ServiceError as exc:
        errors.print(str(exc))
        raise typer.Exit(1) from None
    console.print(f"service started: pid {record.process.pid}, log {record.process.log}")


@app.command("stop")
def stop() -> None:
    """Stop the background service after its current cycle."""
    from netops.service import daemon  # noqa: PLC0415 (lazy: see above)
    from netops.settings import get_settings  # noqa: PLC0415

    directory = daemon.service_dir(get_settings().state_path)
    if daemon.stop(directory):
        console.print("service stopped")
    else:
        console.print("no service was running")


@app.command("status")
def status() -> None:
    """Whether the background service runs (exit 1 when it does not)."""
    from netops.lab import processes  # noqa: PLC0415 (lazy: see above)
    from netops.service import daemon  # noqa: PLC0415
    from netops.settings import get_settings  # noqa: PLC0415

    directory = daemon.service_dir(get_settings().state_path)
    record = daemon.read_record(directory)
    if record is None:
        console.print("no service started")
        raise typer.Exit(1)
    if not processes.alive(record.process):
        errors.print(
            f"the service (pid {record.process.pid}) is not running; see {record.process.log}"
        )
        raise typer.Exit(1)
    console.print(
        f"service running: pid {record.process.pid}, scope {record.scope or 'all'},"
        f" log {record.process.log}"
    )
