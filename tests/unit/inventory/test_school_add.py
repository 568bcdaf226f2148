"""``netops school add``: no collisions, the inventory stays valid, failures write nothing."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner, Result

from netops.cli import app
from netops.inventory import load_inventory

runner = CliRunner()


def add(root: Path, *extra: str, name: str = "Maling New Primary School") -> Result:
    return runner.invoke(
        app,
        [
            "school",
            "add",
            str(root),
            "--county",
            "xingyi",
            "--name",
            name,
            "--type",
            "primary",
            "--rooms",
            "14",
            "--students",
            "620",
            *extra,
        ],
    )


def test_add_writes_a_school_that_keeps_the_inventory_valid(small_inventory: Path) -> None:
    before = load_inventory(small_inventory)
    taken_subnets = {s.addressing.terminal_subnet for s in before.schools.values()}
    taken_ports = {(s.uplink.b.device, s.uplink.b.port) for s in before.schools.values()}

    result = add(small_inventory, "--live-classroom", "--vendor", "h3c")

    assert result.exit_code == 0, result.output
    after = load_inventory(small_inventory)
    (new_id,) = set(after.schools) - set(before.schools)
    school = after.schools[new_id]
    assert (small_inventory / "xingyi" / f"{new_id}.yaml").is_file()
    assert new_id in result.output and str(school.addressing.terminal_subnet) in result.output
    assert school.addressing.terminal_subnet not in taken_subnets
    assert (school.uplink.b.device, school.uplink.b.port) not in taken_ports
    assert len(school.rooms) == 14 and school.flags.live_classroom
    assert all(d.vendor == "h3c" for d in school.devices)
    assert school.addressing.mgmt_subnet.subnet_of(after.counties["xingyi"].supernet)


def test_two_adds_get_different_ids_subnets_and_vlans(small_inventory: Path) -> None:
    assert add(small_inventory, name="A").exit_code == 0
    assert add(small_inventory, name="B").exit_code == 0
    inventory = load_inventory(small_inventory)
    a, b = (next(s for s in inventory.schools.values() if s.name == n) for n in "AB")
    assert a.id != b.id
    assert not a.addressing.terminal_subnet.overlaps(b.addressing.terminal_subnet)
    assert not a.addressing.mgmt_subnet.overlaps(b.addressing.mgmt_subnet)
    assert a.uplink.vlan != b.uplink.vlan
    assert {d.hostname for d in a.devices}.isdisjoint(d.hostname for d in b.devices)


def test_dry_run_prints_yaml_and_writes_nothing(small_inventory: Path) -> None:
    before = sorted(small_inventory.rglob("*.yaml"))
    result = add(small_inventory, "--dry-run")
    assert result.exit_code == 0, result.output
    document = yaml.safe_load(result.output)
    assert document["schema_version"] == 1 and document["county"] == "xingyi"
    assert sorted(small_inventory.rglob("*.yaml")) == before


def test_unknown_county_is_a_clear_error(small_inventory: Path) -> None:
    result = runner.invoke(
        app,
        [
            "school",
            "add",
            str(small_inventory),
            "--county",
            "atlantis",
            "--name",
            "X",
            "--type",
            "primary",
            "--rooms",
            "3",
            "--students",
            "10",
        ],
    )
    assert result.exit_code == 1
    assert "atlantis" in result.output and "xingyi" in result.output


def test_full_aggregation_switch_is_reported_and_nothing_written(small_inventory: Path) -> None:
    county_file = small_inventory / "ceheng" / "county.yaml"
    county = yaml.safe_load(county_file.read_text())
    county["aggregation"] = county["aggregation"][:1]
    county["uplinks"] = county["uplinks"][:1]
    county_file.write_text(yaml.safe_dump(county, sort_keys=False))
    before = sorted(small_inventory.rglob("*.yaml"))
    for n in range(60):
        result = runner.invoke(
            app,
            [
                "school",
                "add",
                str(small_inventory),
                "--county",
                "ceheng",
                "--name",
                f"S{n}",
                "--type",
                "teaching_point",
                "--rooms",
                "1",
                "--students",
                "20",
            ],
        )
        if result.exit_code:
            break
    assert result.exit_code == 1
    assert "no free aggregation port" in result.output
    added = len(sorted(small_inventory.rglob("*.yaml"))) - len(before)
    assert added == n  # every add before the failure wrote exactly one file
    load_inventory(small_inventory)  # and the inventory is still valid


def test_add_to_an_invalid_inventory_reports_its_errors(small_inventory: Path) -> None:
    victim = next((small_inventory / "xingyi").glob("xy-*.yaml"))
    victim.write_text(victim.read_text().replace("students:", "pupils:"))
    result = add(small_inventory)
    assert result.exit_code == 1
    assert victim.name in result.output and "pupils" in result.output
