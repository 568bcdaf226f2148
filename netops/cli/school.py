"""``netops school add``: allocate and write a new school."""

from __future__ import annotations

from typing import Annotated

import typer

from netops.cli.output import InventoryPath, console, errors, load_or_exit, report_invalid
from netops.inventory.choices import SchoolType, Vendor

# SchoolType and Vendor are option types (light enums); the rest of the inventory loads
# inside the command: importing netops.cli must stay cheap (``netops --help``, the TUI).

app = typer.Typer(help="Schools: add a new one to the inventory.", no_args_is_help=True)


@app.command()
def add(
    county: Annotated[str, typer.Option(help="County id, e.g. xingyi.")],
    name: Annotated[str, typer.Option(help="School name (English/pinyin).")],
    school_type: Annotated[SchoolType, typer.Option("--type", help="School type.")],
    rooms: Annotated[int, typer.Option(min=1, max=200, help="Teaching classes + function rooms.")],
    students: Annotated[int, typer.Option(min=0, help="Enrolled students.")],
    path: InventoryPath = None,
    name_zh: Annotated[str, typer.Option(help="Chinese name.")] = "",
    vendor: Annotated[Vendor, typer.Option(help="Switch vendor.")] = Vendor.HUAWEI,
    live_classroom: Annotated[bool, typer.Option(help="Streams live lessons.")] = False,
    wisdom_campus: Annotated[bool, typer.Option(help="Has wisdom campus services.")] = False,
    pilot: Annotated[bool, typer.Option(help="Is a pilot school.")] = False,
    dry_run: Annotated[bool, typer.Option(help="Print the YAML; write nothing.")] = False,
) -> None:
    """Allocate subnets, VLANs, hostnames and an aggregation port; write the school's YAML."""
    from netops.inventory import InventoryError  # noqa: PLC0415 (lazy: see above)
    from netops.inventory.addressing import PlanExhaustedError  # noqa: PLC0415
    from netops.inventory.models import SchoolFlags  # noqa: PLC0415
    from netops.inventory.new_school import NewSchool, add_school  # noqa: PLC0415
    from netops.inventory.writer import document  # noqa: PLC0415

    inventory = load_or_exit(path)
    request = NewSchool(
        county=county,
        name=name,
        name_zh=name_zh,
        type=school_type,
        rooms=rooms,
        students=students,
        vendor=vendor,
        flags=SchoolFlags(live_classroom=live_classroom, wisdom_campus=wisdom_campus, pilot=pilot),
    )
    try:
        added = add_school(inventory, request, write=not dry_run)
    except (KeyError, PlanExhaustedError) as exc:
        errors.print(f"cannot add the school: {exc.args[0]}")
        raise typer.Exit(1) from None
    except InventoryError as exc:
        report_invalid(exc)
        raise typer.Exit(1) from None
    school = added.school
    if dry_run:
        typer.echo(document(school), nl=False)
        return
    a = school.addressing
    console.print(
        f"added {school.id} {school.name!r} to {school.county}: {added.path}\n"
        f"  management {a.mgmt_subnet} (VLAN {a.mgmt_vlan}),"
        f" terminals {a.terminal_subnet} (VLAN {a.terminal_vlan})\n"
        f"  uplink {school.uplink.a.device} {school.uplink.a.port} ->"
        f" {school.uplink.b.device} {school.uplink.b.port} (VLAN {school.uplink.vlan})\n"
        f"  {len(school.devices)} switch(es), {len(school.rooms)} rooms"
    )
