"""``netops audit run|diff|show``: compliance audits from the command line."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from netops.cli.output import console, errors, load_or_exit

if TYPE_CHECKING:
    from netops.compliance.models import Audit
    from netops.compliance.store import AuditRepository
    from netops.settings import Settings

# The compliance engine, the store and rich tables load inside the commands: importing
# netops.cli must stay cheap (``netops --help``, the TUI's start).

app = typer.Typer(
    help="Compliance audits: gigabit to school, 100M to desktop.", no_args_is_help=True
)
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def _repository(settings: Settings) -> AuditRepository:
    from netops.compliance.store import AuditRepository  # noqa: PLC0415 (lazy: see above)
    from netops.state.db import open_state  # noqa: PLC0415

    return AuditRepository(open_state(settings.state_path))


def _fail(message: str) -> typer.Exit:
    errors.print(message, markup=False)
    return typer.Exit(1)


@app.command("run")
def run(
    scope: Annotated[
        str, typer.Option(help="all, 'county NAME' or 'school ID'.", show_default=True)
    ] = "all",
    as_json: JsonOption = False,
) -> None:
    """Audit from the store, save the audit, print counts per county and the top reasons."""
    from netops.cli.audit_view import counts_table, reasons_table, top_reasons  # noqa: PLC0415
    from netops.compliance.scope import ScopeError  # noqa: PLC0415
    from netops.compliance.service import audit_now  # noqa: PLC0415
    from netops.settings import get_settings  # noqa: PLC0415
    from netops.store.errors import StoreError  # noqa: PLC0415

    settings = get_settings()
    inventory = load_or_exit(None)
    try:
        audit = audit_now(settings, inventory, scope)
    except ScopeError as exc:
        raise _fail(str(exc)) from None
    except StoreError as exc:
        raise _fail(f"cannot read the store: {exc}") from None
    reasons = top_reasons(audit)
    if as_json:
        header = json.loads(audit.header().model_dump_json())
        header["total"] = json.loads(audit.total.model_dump_json())
        header["top_reasons"] = [{"code": c, "count": n, "example": e} for c, n, e in reasons]
        typer.echo(json.dumps(header, indent=2))
        return
    console.print(counts_table(audit))
    if reasons:
        console.print(reasons_table(reasons))
    console.print(f"saved as audit {audit.id} in {settings.state_path}")


def _load(repo: AuditRepository, audit_id: int) -> Audit:
    from netops.compliance.store import AuditNotFoundError  # noqa: PLC0415 (lazy: see above)

    try:
        return repo.load(audit_id)
    except AuditNotFoundError as exc:
        raise _fail(f"{exc.args[0]}: see the ids with `netops audit diff` after two runs") from None


def _pair(repo: AuditRepository, a: int | None, b: int | None) -> tuple[Audit, Audit]:
    if a is not None and b is not None:
        return _load(repo, a), _load(repo, b)
    if a is not None:
        first = _load(repo, a)  # exits when there is no audit a
        latest = repo.latest()
        assert latest is not None  # audit a exists
        return first, latest
    newer = repo.latest()
    older = repo.previous(newer.id) if newer is not None and newer.id is not None else None
    if newer is None or older is None:
        raise _fail("fewer than two audits saved: run `netops audit run` (twice) first")
    return older, newer


@app.command("diff")
def diff(
    a: Annotated[
        int | None, typer.Argument(help="Older audit id (default: the one before B).")
    ] = None,
    b: Annotated[int | None, typer.Argument(help="Newer audit id (default: the latest).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Which schools and rooms changed bucket between two audits, and why."""
    from netops.cli.audit_view import print_diff  # noqa: PLC0415 (lazy: see above)
    from netops.compliance.diff import diff as diff_audits  # noqa: PLC0415
    from netops.settings import get_settings  # noqa: PLC0415

    repo = _repository(get_settings())
    older, newer = _pair(repo, a, b)
    result = diff_audits(older, newer)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
    else:
        print_diff(console, result)


def _live_capacity(settings: Settings, device: str, port: str, contracted: int | None) -> None:
    from netops.cli.audit_view import print_capacity  # noqa: PLC0415 (lazy: see above)
    from netops.clock import SystemClock  # noqa: PLC0415
    from netops.observe.history import optics_history, optics_trend, uplink_load  # noqa: PLC0415
    from netops.observe.source import store_query  # noqa: PLC0415
    from netops.store.errors import StoreError  # noqa: PLC0415

    try:
        query = store_query(settings)
        now = SystemClock().now()
        window = settings.capacity.window_s
        load = uplink_load(query, device, port, now, window)
        since = now - timedelta(seconds=settings.capacity.optics_window_s)
        trend = optics_trend(optics_history(query, device, port, since, now), device, port)
    except StoreError as exc:
        console.print(f"capacity now: the store does not answer ({exc})")
        return
    print_capacity(console, load, trend, contracted)


@app.command("show")
def show(
    school: Annotated[str, typer.Argument(help="School id, e.g. xy-0001.")],
    as_json: JsonOption = False,
    live: Annotated[bool, typer.Option(help="Also read the uplink's capacity now.")] = True,
) -> None:
    """Explain one school from the latest audit that covered it: uplink, rooms, reasons."""
    from netops.cli.audit_view import print_school  # noqa: PLC0415 (lazy: see above)
    from netops.settings import get_settings  # noqa: PLC0415

    settings = get_settings()
    repo = _repository(settings)
    audit_id = repo.latest_with(school)
    if audit_id is None:
        raise _fail(f"no saved audit covers school {school!r}: run `netops audit run` first")
    audit = _load(repo, audit_id)
    result = audit.school(school)
    assert result is not None  # latest_with found it
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    print_school(console, audit, result)
    if live and result.uplink_device and result.uplink_port:
        _live_capacity(settings, result.uplink_device, result.uplink_port, result.contracted_mbps)
