"""The generator: published figures, determinism, realistic skew, legacy gear."""

from __future__ import annotations

import filecmp
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netops.cli import app
from netops.inventory import load_inventory
from netops.inventory.choices import Duplex, SchoolType
from netops.inventory.generator import PUBLISHED, GeneratorOptions, Prefecture, generate
from netops.inventory.stats import inventory_stats
from netops.settings import PROJECT_ROOT

COMMITTED = PROJECT_ROOT / "inventories" / "qianxinan"
runner = CliRunner()


@pytest.fixture(scope="module")
def full() -> Prefecture:
    return generate()


def test_full_prefecture_reproduces_the_published_figures(full: Prefecture) -> None:
    schools = full.schools
    assert len(full.counties) == 9
    assert len(schools) == PUBLISHED.schools == 1718
    assert sum(len(s.rooms) for s in schools) >= 10_663
    assert sum(s.students for s in schools) == 979_768
    assert sum(s.flags.live_classroom for s in schools) == 108
    assert sum(s.flags.wisdom_campus for s in schools) == 329
    assert sum(s.flags.pilot for s in schools) == 20
    flagship = next(s for s in schools if s.name == "Xingyi No. 1 Middle School")
    assert flagship.flags.pilot


def test_sizes_are_skewed_and_xingyi_is_largest(full: Prefecture) -> None:
    schools = full.schools
    per_county = Counter(s.county for s in schools)
    assert per_county.most_common(1)[0][0] == "xingyi"
    points = [s for s in schools if s.type is SchoolType.TEACHING_POINT]
    assert len(points) > len(schools) // 4
    assert all(1 <= len(s.rooms) <= 3 for s in points)
    big = [s for s in schools if len(s.rooms) >= 60]
    assert big, "county middle schools with 60+ rooms exist"
    assert all(s.type is SchoolType.SENIOR_HIGH for s in big)


def test_legacy_share_follows_the_options() -> None:
    none = generate(
        GeneratorOptions(
            schools=200, legacy_uplink_share=0, legacy_terminal_share=0, legacy_switch_share=0
        )
    )
    some = generate(
        GeneratorOptions(schools=200, legacy_uplink_share=0.2, legacy_terminal_share=0.1)
    )

    def slow_uplinks(p: Prefecture) -> int:
        return sum(s.uplink.configured_mbps < 1000 for s in p.schools)

    def old_nics(p: Prefecture) -> int:
        return sum(
            t.nic_mbps < 100 or t.nic_duplex is Duplex.HALF
            for s in p.schools
            for r in s.rooms
            for t in r.terminals
        )

    assert slow_uplinks(none) == 0 and old_nics(none) == 0
    assert 20 <= slow_uplinks(some) <= 60
    assert old_nics(some) > 50


def test_scaled_prefecture_is_valid(small_inventory_master: Path) -> None:
    inventory = load_inventory(small_inventory_master)
    stats = inventory_stats(inventory)
    assert stats.counties == 9
    assert stats.schools == 40
    assert stats.pilot_schools >= 1


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        result = runner.invoke(
            app,
            [
                "inventory",
                "generate",
                "--seed",
                "11",
                "--schools",
                "60",
                "--out",
                str(tmp_path / name),
            ],
        )
        assert result.exit_code == 0, result.output
    compare = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert len(files) == 60 + 9 + 1
    match, mismatch, errors = filecmp.cmpfiles(
        tmp_path / "a", tmp_path / "b", [str(f) for f in files], shallow=False
    )
    assert not mismatch and not errors and len(match) == len(files)
    assert not compare.left_only and not compare.right_only


def test_other_seed_gives_other_files(tmp_path: Path) -> None:
    for seed in ("11", "12"):
        runner.invoke(
            app,
            [
                "inventory",
                "generate",
                "--seed",
                seed,
                "--schools",
                "30",
                "--out",
                str(tmp_path / seed),
            ],
        )
    a = (tmp_path / "11" / "xingyi" / "xy-0005.yaml").read_text()
    b = (tmp_path / "12" / "xingyi" / "xy-0005.yaml").read_text()
    assert a != b


def test_generate_refuses_to_overwrite_without_force(small_inventory: Path) -> None:
    before = sorted(small_inventory.rglob("*.yaml"))
    result = runner.invoke(
        app, ["inventory", "generate", "--out", str(small_inventory), "--schools", "20"]
    )
    assert result.exit_code == 1
    assert "--force" in result.output
    assert sorted(small_inventory.rglob("*.yaml")) == before


@pytest.mark.slow
def test_committed_prefecture_is_what_the_default_seed_generates(tmp_path: Path) -> None:
    out = tmp_path / "qianxinan"
    result = runner.invoke(app, ["inventory", "generate", "--out", str(out)])
    assert result.exit_code == 0, result.output
    ours = sorted(str(p.relative_to(out)) for p in out.rglob("*.yaml"))
    committed = sorted(str(p.relative_to(COMMITTED)) for p in COMMITTED.rglob("*.yaml"))
    assert ours == committed
    _, mismatch, errors = filecmp.cmpfiles(out, COMMITTED, ours, shallow=False)
    assert mismatch == [] and errors == []
