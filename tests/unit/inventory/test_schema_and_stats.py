"""Committed JSON Schemas are current; statistics count what the inventory holds."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from netops.cli import app
from netops.inventory import load_inventory
from netops.inventory.schema import SCHEMAS, stale_schemas
from netops.inventory.stats import inventory_stats
from netops.settings import PROJECT_ROOT

runner = CliRunner()
SCHEMA_DIR = PROJECT_ROOT / "inventories" / "schema"
TOTAL_KEYS = {
    "counties",
    "schools",
    "rooms",
    "teaching_classes",
    "function_rooms",
    "live_classrooms",
    "wisdom_campuses",
    "pilot_schools",
    "students",
    "devices",
    "terminals",
    "links",
}


def test_committed_schemas_are_up_to_date() -> None:
    assert stale_schemas(SCHEMA_DIR) == [], "run `netops inventory schema` and commit"


def test_schema_check_fails_when_a_schema_is_stale(tmp_path: Path) -> None:
    assert runner.invoke(app, ["inventory", "schema", "--out", str(tmp_path)]).exit_code == 0
    assert (
        runner.invoke(app, ["inventory", "schema", "--out", str(tmp_path), "--check"]).exit_code
        == 0
    )
    school = tmp_path / "school.schema.json"
    data = json.loads(school.read_text())
    del data["properties"]["rooms"]
    school.write_text(json.dumps(data))
    result = runner.invoke(app, ["inventory", "schema", "--out", str(tmp_path), "--check"])
    assert result.exit_code == 1
    assert "school.schema.json" in result.output
    assert set(stale_schemas(tmp_path)) == {"school.schema.json"}


def test_schema_describes_every_file_kind() -> None:
    for name in SCHEMAS:
        schema = json.loads((SCHEMA_DIR / name).read_text())
        assert schema["additionalProperties"] is False
        assert "schema_version" in schema["required"]


def test_stats_json_has_exactly_the_documented_keys(small_inventory_master: Path) -> None:
    result = runner.invoke(app, ["inventory", "stats", str(small_inventory_master), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == TOTAL_KEYS | {"by_county"}
    assert len(data["by_county"]) == data["counties"] == 9
    for key in TOTAL_KEYS - {"counties", "devices", "links"}:
        assert sum(c[key] for c in data["by_county"].values()) == data[key], key
    # The prefecture core is counted in the total, not in a county.
    assert sum(c["devices"] for c in data["by_county"].values()) == data["devices"] - 1


def test_stats_count_rooms_terminals_and_links(small_inventory_master: Path) -> None:
    inventory = load_inventory(small_inventory_master)
    stats = inventory_stats(inventory)
    schools = list(inventory.schools.values())
    assert stats.rooms == sum(len(s.rooms) for s in schools)
    assert stats.teaching_classes + stats.function_rooms == stats.rooms
    assert stats.terminals == sum(len(r.terminals) for s in schools for r in s.rooms)
    assert stats.links == len(list(inventory.links()))
    assert stats.devices == len(inventory.devices)


def test_stats_table_shows_published_figures() -> None:
    result = runner.invoke(app, ["inventory", "stats"])
    assert result.exit_code == 0, result.output
    assert "979,768" in result.output and "10,663" in result.output
    assert "✗" not in result.output


def test_committed_prefecture_matches_the_published_figures() -> None:
    stats = inventory_stats(load_inventory(PROJECT_ROOT / "inventories" / "qianxinan"))
    assert (
        stats.counties,
        stats.schools,
        stats.live_classrooms,
        stats.wisdom_campuses,
        stats.pilot_schools,
        stats.students,
    ) == (9, 1718, 108, 329, 20, 979_768)
    assert stats.rooms >= 10_663
    assert max(stats.by_county.items(), key=lambda kv: kv[1].schools)[0] == "xingyi"
