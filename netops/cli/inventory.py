"""``netops inventory``: validate, stats, generate, schema, ansible."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netops.cli.output import (
    InventoryPath,
    console,
    errors,
    inventory_root,
    load_or_exit,
)
from netops.inventory.generator_options import GeneratorOptions
from netops.paths import PROJECT_ROOT

if TYPE_CHECKING:
    from rich.table import Table

    from netops.inventory.models import PublishedFigures
    from netops.inventory.stats import InventoryStats

# Option defaults come from light modules; the inventory's models, the generator and rich
# tables load inside the commands: importing netops.cli must stay cheap (``netops --help``).

app = typer.Typer(
    help="The source of truth: validate, count, generate, export.", no_args_is_help=True
)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@app.command()
def validate(path: InventoryPath = None) -> None:
    """Check every file; exit 1 listing every error (file:line: field: problem)."""
    from netops.inventory.stats import inventory_stats  # noqa: PLC0415 (lazy: see above)

    with console.status("validating the inventory..."):
        inventory = load_or_exit(path, fresh=True)  # asked to validate: every file, now
    stats = inventory_stats(inventory)
    console.print(
        f"inventory valid: {inventory.root}: {stats.counties} counties, {stats.schools} schools,"
        f" {stats.rooms} rooms, {stats.devices} devices, {stats.terminals} terminals,"
        f" {stats.links} links",
        soft_wrap=True,
    )


@app.command()
def stats(path: InventoryPath = None, as_json: JsonFlag = False) -> None:
    """Totals of the prefecture and per county."""
    from netops.inventory.stats import inventory_stats  # noqa: PLC0415 (lazy: see above)

    inventory = load_or_exit(path)
    figures = inventory_stats(inventory)
    if as_json:
        typer.echo(figures.model_dump_json(indent=2))
        return
    for table in _stats_tables(figures, inventory.prefecture.published):
        console.print(table)


#: Short column headings so the county table fits an 80-column terminal.
HEADINGS = {
    "schools": "schools",
    "rooms": "rooms",
    "teaching_classes": "classes",
    "function_rooms": "func",
    "live_classrooms": "live",
    "wisdom_campuses": "wisdom",
    "pilot_schools": "pilot",
    "students": "students",
    "devices": "devices",
    "terminals": "terms",
}


def _stats_tables(figures: InventoryStats, published: PublishedFigures | None) -> list[Table]:
    from rich import box  # noqa: PLC0415 (lazy: see above)
    from rich.table import Table  # noqa: PLC0415

    from netops.inventory.stats import Totals  # noqa: PLC0415

    totals = Table("figure", "inventory", "published", title="Prefecture", box=box.SIMPLE)
    totals.add_row("counties", str(figures.counties), "9" if published else "")
    for name in Totals.model_fields:
        ours = getattr(figures, name)
        theirs = getattr(published, name, None) if published else None
        mark = "" if theirs is None else (" ✓" if ours >= theirs else " ✗")
        totals.add_row(
            name.replace("_", " "), f"{ours:,}", "" if theirs is None else f"{theirs:,}{mark}"
        )
    counties = Table(
        title="By county (links: --json)",
        box=None,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="bold",
    )
    counties.add_column("county", no_wrap=True)
    for heading in HEADINGS.values():
        counties.add_column(heading, justify="right", no_wrap=True)
    for county, row in figures.by_county.items():
        counties.add_row(county, *(str(getattr(row, name)) for name in HEADINGS))
    return [totals, counties]


@app.command("generate")
def generate_command(
    out: Annotated[Path, typer.Option(help="Directory to write the inventory into.")],
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same files.")
    ] = GeneratorOptions.seed,
    schools: Annotated[
        int, typer.Option(min=9, help="Schools in all (1718 = published).")
    ] = GeneratorOptions.schools,
    legacy_uplink_share: Annotated[
        float, typer.Option(min=0, max=1)
    ] = GeneratorOptions.legacy_uplink_share,
    legacy_switch_share: Annotated[
        float, typer.Option(min=0, max=1)
    ] = GeneratorOptions.legacy_switch_share,
    legacy_terminal_share: Annotated[
        float, typer.Option(min=0, max=1)
    ] = GeneratorOptions.legacy_terminal_share,
    force: Annotated[bool, typer.Option(help="Replace an existing inventory in OUT.")] = False,
) -> None:
    """Generate the synthetic prefecture deterministically."""
    from rich.progress import track  # noqa: PLC0415 (lazy: see above)

    from netops.inventory.generator import generate  # noqa: PLC0415
    from netops.inventory.writer import document, school_path, write_atomic  # noqa: PLC0415

    if out.exists() and any(out.iterdir()):
        if not force:
            errors.print(f"{out} is not empty; pass --force to replace it")
            raise typer.Exit(1)
        shutil.rmtree(out)
    options = GeneratorOptions(
        seed, schools, legacy_uplink_share, legacy_switch_share, legacy_terminal_share
    )
    with console.status("generating the prefecture..."):
        prefecture = generate(options)
    write_atomic(out / "prefecture.yaml", document(prefecture.prefecture))
    for county in prefecture.counties:
        write_atomic(out / county.id / "county.yaml", document(county))
    for school in track(
        prefecture.schools, description="writing schools", console=console, transient=True
    ):
        write_atomic(school_path(out, school), document(school))
    console.print(
        f"wrote {len(prefecture.schools)} schools in"
        f" {len(prefecture.counties)} counties to {out} (seed {seed})"
    )


@app.command()
def schema(
    out: Annotated[Path, typer.Option(help="Directory for the JSON Schema files.")] = PROJECT_ROOT
    / "inventories"
    / "schema",
    check: Annotated[bool, typer.Option(help="Only check; exit 1 when stale.")] = False,
) -> None:
    """Export the JSON Schema of prefecture, county and school files."""
    from netops.inventory.schema import stale_schemas, write_schemas  # noqa: PLC0415 (lazy)

    if check:
        stale = stale_schemas(out)
        if stale:
            errors.print(
                f"stale schema files in {out}: {', '.join(stale)}; run `netops inventory schema`"
            )
            raise typer.Exit(1)
        console.print(f"schemas in {out} are up to date")
        return
    for path in write_schemas(out):
        console.print(f"wrote {path}")


@app.command()
def ansible(
    path: InventoryPath = None,
    terminals: Annotated[bool, typer.Option(help="Include classroom terminals.")] = True,
) -> None:
    """Print the inventory in ``ansible-inventory --list`` JSON form."""
    from netops.inventory.ansible import ansible_inventory  # noqa: PLC0415 (lazy: see above)
    from netops.settings import get_settings  # noqa: PLC0415

    inventory = load_or_exit(path)
    data = ansible_inventory(
        inventory, include_terminals=terminals, user=get_settings().ansible_user
    )
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


__all__ = ["app", "inventory_root"]
