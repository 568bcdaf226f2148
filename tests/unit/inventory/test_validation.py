"""Inventory validation: each error names its file, line, field path and what was expected.

Every test breaks a private copy of the small generated inventory in one way and checks
what ``load_inventory`` reports; expected lines are found in the text the test wrote.
"""

from __future__ import annotations

import shutil
from ipaddress import IPv4Network
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from netops.cli import app
from netops.inventory import InventoryError, InventoryIssue, load_inventory
from netops.inventory.catalog import MODELS
from netops.inventory.choices import PLATFORM_OF_VENDOR, Platform, Vendor
from netops.inventory.models import CountyFile, Terminal

Doc = dict[str, Any]
Loc = tuple[str | int, ...]
ELSEWHERE = "192.0.2.10"  # TEST-NET-1: outside every subnet of the plan
T0: Loc = ("rooms", 0, "terminals", 0)


@pytest.fixture
def root(small_inventory: Path) -> Path:
    return small_inventory


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: object) -> str:
    """Write ``data`` back as block YAML; returns the text written."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")
    return text


def entry(key: str | int, value: object) -> str:
    """How ``key: value`` reads in the YAML that :func:`write` writes."""
    return yaml.safe_dump({key: value}, allow_unicode=True, width=1000).strip()


def line_of(text: str, needle: str, after: int = 0) -> int:
    """1-based number of the first line after line ``after`` that reads ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number > after and line.strip().removeprefix("- ") == needle:
            return number
    raise AssertionError(f"{needle!r} is not in the text after line {after}")


def counties(root: Path) -> list[str]:
    return list(read(root / "prefecture.yaml")["counties"])


def two_schools(root: Path) -> tuple[Path, Path]:
    """The first two schools of the first county with two; loaded in this order."""
    for county in counties(root):
        found = sorted(p for p in (root / county).glob("*.yaml") if p.name != "county.yaml")
        if len(found) >= 2:
            return found[0], found[1]
    raise AssertionError("no county has two schools")


def terminal(doc: Doc, n: int) -> tuple[Doc, Loc]:
    """The ``n``-th terminal of a school document, with its field path."""
    rooms = enumerate(doc.get("rooms", []))
    r, t = [(r, t) for r, room in rooms for t in range(len(room.get("terminals", [])))][n]
    found: Doc = doc["rooms"][r]["terminals"][t]
    return found, ("rooms", r, "terminals", t)


def move_mgmt(doc: Doc, subnet: IPv4Network, *, top: bool = False) -> None:
    """Give a school another management subnet: addressing, its VLAN and every switch."""
    old, doc["addressing"]["mgmt_subnet"] = doc["addressing"]["mgmt_subnet"], str(subnet)
    for vlan in doc["vlans"]:
        vlan["subnet"] = str(subnet) if vlan["subnet"] == old else vlan["subnet"]
    for n, device in enumerate(doc["devices"]):
        offset = subnet.num_addresses - 2 - n if top else n + 1
        device["mgmt_ip"] = str(subnet.network_address + offset)


def issues(root: Path) -> list[InventoryIssue]:
    with pytest.raises(InventoryError) as caught:
        load_inventory(root)
    return caught.value.issues


def dotted(loc: Loc) -> str:
    path = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc)
    return path.lstrip(".") or "<document>"


def expect(issue: InventoryIssue, file: Path, line: int, loc: Loc, *words: str) -> None:
    """The issue names ``file:line`` and the field path, and its message says ``words``."""
    assert (issue.file, issue.line, issue.loc) == (file, line, loc), str(issue)
    for word in words:
        assert word in issue.message, str(issue)
    assert str(issue) == f"{file}:{line}: {dotted(loc)}: {issue.message}"


def only(root: Path, file: Path, loc: Loc, line: int | str, *words: str) -> None:
    """The inventory has exactly one issue, at ``line`` (or the line reading it)."""
    found = issues(root)
    assert len(found) == 1, "\n".join(map(str, found))
    if isinstance(line, str):
        line = line_of(file.read_text(encoding="utf-8"), line)
    expect(found[0], file, line, loc, *words)


# --- One field of one file -------------------------------------------------------------

COUNTY_FIELDS = ", ".join(CountyFile.model_fields)
TERMINAL_FIELDS = ", ".join(Terminal.model_fields)


def named_values(root: Path) -> dict[str, str]:
    """Values the table below names in braces, read from the inventory."""
    (first, second), listed = two_schools(root), counties(root)
    doc, own = read(first), read(first.parent / "county.yaml")
    after = read(root / listed[listed.index(own["id"]) + 1] / "county.yaml")
    mgmt, terms = (IPv4Network(doc["addressing"][f"{k}_subnet"]) for k in ("mgmt", "terminal"))
    switch = next(d for d in doc["devices"] if d["hostname"] == terminal(doc, 0)[0]["switch"])
    ports, vendor = list(MODELS[switch["model"]].ports), Vendor(doc["devices"][0]["vendor"])
    return {
        **{"stem": first.stem, "dir": own["id"], "next": after["id"], "vendor": vendor},
        **{"mgmt": str(mgmt), "bcast": str(mgmt[-1]), "terms": str(terms), "net": str(terms[0])},
        **{"switch": switch["hostname"], "model": switch["model"], "first": ports[0]},
        **{"last": ports[-1], "os": PLATFORM_OF_VENDOR[vendor]},
        "own_agg": own["aggregation"][0]["hostname"],
        "os2": next(p for p in Platform if p is not PLATFORM_OF_VENDOR[vendor]),
        "agg": after["aggregation"][0]["hostname"],
        "core": read(root / "prefecture.yaml")["core"][0]["hostname"],
        "sw": read(second)["devices"][0]["hostname"],
        "own_sw": min(d["hostname"] for d in doc["devices"]),
        "dev0": doc["devices"][0]["hostname"],
    }


IN_USE = " is the network or broadcast address of "
NOT_HERE = " is not a device here; expected one of ["
NO_PORT = "port 'Gi9/99' does not exist on "


@pytest.mark.parametrize(
    ("kind", "loc", "value", "words"),
    [
        ("school", ("students",), "many", ["Input should be a valid integer (got 'many')"]),
        ("school", ("flags", "pilot"), "yes", ["Input should be a valid boolean (got 'yes')"]),
        ("school", ("addressing", "mgmt_vlan"), 5000, ["less than or equal to 4094 (got 5000)"]),
        ("school", ("type",), "college", ["Input should be 'teaching_point', 'kind", "'college'"]),
        ("school", ("devices", 0, "colour"), "red", ["unknown field 'colour'; expected one of:"]),
        ("school", (*T0, "colour"), "red", [f"'colour'; expected one of: {TERMINAL_FIELDS}"]),
        ("school", ("id",), "zz-01", ["id 'zz-01' must match the file name", "expected '{stem}'"]),
        ("school", ("devices", 0, "model"), "XS-1", ["unknown hardware model 'XS-1'; expected"]),
        ("school", ("devices", 0, "mgmt_ip"), ELSEWHERE, [" is outside the management subnet "]),
        ("school", (*T0, "ip"), ELSEWHERE, [f"{ELSEWHERE} is outside the terminal subnet 10."]),
        ("school", ("devices", 0, "mgmt_ip"), "{bcast}", [IN_USE + "{mgmt}; expected a host"]),
        ("school", (*T0, "ip"), "{net}", [IN_USE + "{terms}; expected a host"]),
        ("school", (*T0, "port"), "Gi9/99", [NO_PORT + "{switch} ({model})", "{first} .. {last}"]),
        ("school", ("devices", 0, "platform"), "{os2}", ["{vendor} switches run {os}, not {os2}"]),
        ("school", (*T0, "switch"), "no-sw", ["device 'no-sw' does not exist; expected one of"]),
        ("school", (*T0, "switch"), "{sw}", ["device '{sw}'" + NOT_HERE, "'{own_sw}'"]),
        ("school", ("uplink", "b", "port"), "Gi9/99", [NO_PORT, "; expected one of "]),
        ("school", ("devices", 0, "ports", 0, "name"), "Gi9/99", [NO_PORT + "{dev0} ("]),
        ("school", ("uplink", "b", "device"), "{agg}", ["'{agg}'" + NOT_HERE + "'{own_agg}'"]),
        ("school", ("uplink", "b", "device"), "{core}", ["'{core}'" + NOT_HERE + "'{own_agg}'"]),
        ("county", ("mayor",), "x", [f"unknown field 'mayor'; expected one of: {COUNTY_FIELDS}"]),
        ("county", ("schema_version",), 2, ["unsupported schema_version 2; expected 1"]),
        ("county", ("schema_version",), "1", ["unsupported schema_version '1'; expected 1"]),
        ("county", ("schema_version",), True, ["unsupported schema_version True; expected 1"]),
        ("county", ("id",), "nowhere", ["id 'nowhere' does not match the directory; expected"]),
        ("county", ("id",), "{next}", ["'{next}' does not match the directory; expected '{dir}'"]),
    ],
)
def test_a_bad_value_is_reported_at_its_field(
    root: Path, kind: str, loc: Loc, value: object, words: list[str]
) -> None:
    names = named_values(root)
    path = two_schools(root)[0]
    path = path if kind == "school" else path.parent / "county.yaml"
    value = value.format(**names) if isinstance(value, str) else value  # {next}: hides none
    doc = parent = read(path)
    for key in loc[:-1]:  # setdefault: flags are left out of the file when all false
        parent = parent[key] if isinstance(key, int) else parent.setdefault(key, {})
    parent[loc[-1]] = value
    write(path, doc)
    only(root, path, loc, entry(loc[-1], value), *(w.format(**names) for w in words))


def test_missing_required_fields_point_at_the_object_that_lacks_them(root: Path) -> None:
    first, second = two_schools(root)
    write(first, {k: v for k, v in read(first).items() if k != "students"})
    doc = read(second)
    del doc["devices"][0]["mgmt_ip"]
    text = write(second, doc)
    found = issues(root)
    assert len(found) == 2, "\n".join(map(str, found))
    expect(found[0], first, 1, ("students",), "missing required field")
    line = line_of(text, entry("hostname", doc["devices"][0]["hostname"]))
    expect(found[1], second, line, ("devices", 0, "mgmt_ip"), "missing required field")


@pytest.mark.parametrize(
    ("broken", "problem"),
    [
        ("students: 1: 2", "mapping values are not allowed"),
        ('students: "9', "found unexpected end of stream"),
    ],
)
def test_yaml_syntax_error_reports_its_line(root: Path, broken: str, problem: str) -> None:
    school = two_schools(root)[0]  # an unclosed quote is reported where it opens, not at EOF
    lines = school.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, start=1) if line.startswith("students:"))
    lines[number - 1] = broken
    school.write_text("\n".join(lines) + "\n", encoding="utf-8")
    only(root, school, (), number, f"invalid YAML: {problem}")


def test_top_level_must_be_a_mapping(root: Path) -> None:
    school = two_schools(root)[0]
    write(school, ["a list", "not a school"])
    only(root, school, (), 1, "expected a mapping of fields at the top level, got list")


# --- Unique hostnames, addresses, VLANs, ports and school ids --------------------------


@pytest.mark.parametrize(("field", "across"), [("hostname", 0), ("ip", 0), ("hostname", 1)])
def test_duplicate_terminal_hostname_or_ip(root: Path, field: str, across: int) -> None:
    first, second = two_schools(root)
    path, doc = (second, read(second)) if across else (first, read(first))
    taken, taken_loc = terminal(read(first), 0)
    term, loc = terminal(doc, 1 - across)  # in the same school, the second terminal
    term[field] = taken[field]
    text, needle = write(path, doc), entry(field, taken[field])
    line = line_of(text, needle, after=0 if across else line_of(text, needle))
    what, where = {"hostname": "hostname", "ip": "IP address"}[field], first.name * across
    message = f"duplicate {what} {taken[field]} (already used at {where or 'this file'}:"
    only(root, path, (*loc, field), line, message, f"{dotted((*taken_loc, field))}); expected")


@pytest.mark.parametrize(("field", "what"), [("id", "VLAN ID"), ("name", "VLAN name")])
def test_duplicate_vlan(root: Path, field: str, what: str) -> None:
    school = two_schools(root)[0]
    doc = read(school)
    extra = {"id": 4000, "name": "voice", "subnet": "192.0.2.0/24"}
    extra[field] = doc["vlans"][0][field]
    doc["vlans"].append(extra)
    text = write(school, doc)
    needle = entry(field, extra[field])
    line = line_of(text, needle, after=line_of(text, needle, after=line_of(text, "vlans:")))
    message = f"duplicate {what} {extra[field]} (already used at this file: vlans[0].{field})"
    only(root, school, ("vlans", 2, field), line, message, f"; expected a unique {what}")


def test_duplicate_ip_across_schools_names_the_other_file(root: Path) -> None:
    first, second = two_schools(root)
    taken, doc = read(first)["devices"][0]["mgmt_ip"], read(second)
    doc["devices"][0]["mgmt_ip"] = taken
    line, loc = line_of(write(second, doc), f"mgmt_ip: {taken}"), ("devices", 0, "mgmt_ip")
    found = issues(root)
    assert len(found) == 2, "\n".join(map(str, found))  # a duplicate, so off its own subnet
    duplicate = next(i for i in found if "duplicate" in i.message)
    where = f"(already used at {first.name}: devices[0].mgmt_ip)"
    expect(duplicate, second, line, loc, f"duplicate IP address {taken} {where}")
    other = next(i for i in found if i is not duplicate)
    expect(other, second, line, loc, f"{taken} is outside the management subnet")


def test_duplicate_school_id(root: Path) -> None:
    original, listed = two_schools(root)[0], counties(root)
    later = listed[listed.index(original.parent.name) + 1]  # loaded after the original
    copy = root / later / original.name
    shutil.copy(original, copy)
    message = f"duplicate school id {original.stem} (also {original})"
    only(root, copy, ("id",), f"id: {original.stem}", message)


def test_terminal_on_a_port_already_taken(root: Path) -> None:
    school = two_schools(root)[0]
    doc = read(school)
    (first, first_loc), (second, loc) = terminal(doc, 0), terminal(doc, 1)
    second["switch"], second["port"] = first["switch"], first["port"]
    text = write(school, doc)
    own = line_of(text, entry("hostname", second["hostname"]))
    line = line_of(text, entry("port", first["port"]), after=own)
    message = f"duplicate port {first['switch']} {first['port']} (already used at this file:"
    only(root, school, (*loc, "port"), line, message, dotted((*first_loc, "port")))


def uplink_b_line(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return line_of(text, needle, after=line_of(text, "b:", after=line_of(text, "uplink:")))


def test_uplink_to_an_aggregation_port_another_school_uses(root: Path) -> None:
    first, second = two_schools(root)
    taken = read(first)["uplink"]["b"]
    doc = read(second)
    doc["uplink"]["b"] = taken
    write(second, doc)
    line = uplink_b_line(second, f"port: {taken['port']}")
    message = f"duplicate port {taken['device']} {taken['port']} (already used at {first.name}:"
    only(root, second, ("uplink", "b", "port"), line, message, "uplink.b.port); expected")


# --- The address plan and the hardware -------------------------------------------------


def test_school_subnet_outside_its_county_supernet(root: Path) -> None:
    school = two_schools(root)[0]
    county = read(school.parent / "county.yaml")
    prefecture = IPv4Network(read(root / "prefecture.yaml")["supernet"])
    outside = IPv4Network(f"{prefecture[-16]}/28")  # the plan gives this /28 to no county
    assert not outside.overlaps(IPv4Network(county["supernet"]))
    doc = read(school)
    move_mgmt(doc, outside)
    write(school, doc)
    message = f"{outside} is outside the supernet {county['supernet']} of county {county['id']}"
    only(root, school, ("addressing", "mgmt_subnet"), f"mgmt_subnet: {outside}", message)


def test_overlapping_subnets_of_two_schools_name_the_other_file(root: Path) -> None:
    first, second = two_schools(root)
    taken = IPv4Network(read(first)["addressing"]["mgmt_subnet"])
    doc = read(second)
    move_mgmt(doc, taken, top=True)  # switches at the top: no address is used twice
    write(second, doc)
    message = f"{taken} overlaps {taken} of {first.name}; expected subnets that do not overlap"
    only(root, second, ("addressing", "mgmt_subnet"), f"mgmt_subnet: {taken}", message)


def test_model_of_another_vendor(root: Path) -> None:
    school = two_schools(root)[0]
    doc = read(school)
    device = doc["devices"][0]
    vendor = Vendor(device["vendor"])
    other = next(v for v in Vendor if v is not vendor)  # vendor and platform agree, model not
    device["vendor"], device["platform"] = other.value, PLATFORM_OF_VENDOR[other].value
    write(school, doc)
    message = f"model {device['model']} is made by {vendor}, not {other}"
    only(root, school, ("devices", 0, "model"), f"model: {device['model']}", message)


# --- Files and directories -------------------------------------------------------------


def test_school_county_must_match_its_directory(root: Path) -> None:
    school = two_schools(root)[0]
    other = next(c for c in counties(root) if c != school.parent.name)
    text = write(school, read(school) | {"county": other})
    found = [i for i in issues(root) if (i.file, i.loc) == (school, ("county",))]
    assert len(found) == 1
    message = f"county '{other}' does not match the directory; expected '{school.parent.name}'"
    expect(found[0], school, line_of(text, f"county: {other}"), ("county",), message)


def test_county_directory_not_listed_in_the_prefecture(root: Path) -> None:
    doc = read(root / "prefecture.yaml")
    unlisted = doc["counties"].pop()
    write(root / "prefecture.yaml", doc)
    message = f"county directory '{unlisted}' is not listed under counties in prefecture.yaml"
    only(root, root / unlisted / "county.yaml", ("id",), f"id: {unlisted}", message)


def test_listed_county_missing(root: Path) -> None:
    listed = counties(root)
    shutil.rmtree(root / listed[-1])
    text = (root / "prefecture.yaml").read_text(encoding="utf-8")
    line = line_of(text, listed[-1], after=line_of(text, "counties:"))
    message = f"county '{listed[-1]}' has no {root / listed[-1] / 'county.yaml'}"
    only(root, root / "prefecture.yaml", ("counties", len(listed) - 1), line, message)


# --- Every error at once, and the command line -----------------------------------------


def break_three_files(root: Path) -> set[tuple[Path, int, Loc]]:
    """Break a county and two schools, each so it cannot load; where each issue must be."""
    first, second = two_schools(root)
    county = first.parent / "county.yaml"
    county_text = write(county, read(county) | {"mayor": "nobody"})
    first_text = write(first, read(first) | {"students": "many"})
    second_text = second.read_text(encoding="utf-8") + "rooms: [\n"  # unclosed at the end
    second.write_text(second_text, encoding="utf-8")
    return {
        (county, line_of(county_text, "mayor: nobody"), ("mayor",)),
        (first, line_of(first_text, "students: many"), ("students",)),
        (second, line_of(second_text, "rooms: ["), ()),
    }


def test_every_load_error_is_reported_at_once(root: Path) -> None:
    expected = break_three_files(root)
    assert {(i.file, i.line, i.loc) for i in issues(root)} == expected


def test_every_check_error_is_reported_at_once(root: Path) -> None:
    first, second = two_schools(root)
    county = first.parent / "county.yaml"
    vendor = Vendor(read(second)["devices"][0]["vendor"])
    wrong_os = next(p for p in Platform if p is not PLATFORM_OF_VENDOR[vendor]).value
    expected = set()
    for path, devices, field, value in (
        (county, "aggregation", "mgmt_ip", "10.0.0.1"),  # outside the county
        (first, "devices", "mgmt_ip", ELSEWHERE),
        (second, "devices", "platform", wrong_os),
    ):
        doc = read(path)
        doc[devices][0][field] = value
        expected.add((path, line_of(write(path, doc), f"{field}: {value}"), (devices, 0, field)))
    assert {(i.file, i.line, i.loc) for i in issues(root)} == expected


def test_cli_validate_prints_a_one_line_summary(root: Path) -> None:
    wide = {"COLUMNS": "1000"}  # rich wraps at the terminal width, 80 when not a terminal
    result = CliRunner().invoke(app, ["inventory", "validate", str(root)], env=wide)
    assert result.exit_code == 0, result.output
    schools = len(list(root.glob("*/*-*.yaml")))
    assert len(result.stdout.splitlines()) == 1, result.output
    assert result.stdout.startswith(f"inventory valid: {root}: "), result.output
    assert f" {len(counties(root))} counties, {schools} schools, " in result.stdout


def test_cli_validate_prints_every_error(root: Path) -> None:
    expected = break_three_files(root)
    result = CliRunner().invoke(app, ["inventory", "validate", str(root)])
    assert result.exit_code == 1, result.output
    *errors, summary = result.stderr.splitlines()
    assert summary == "inventory invalid: 3 error(s)", result.output
    printed = sorted(line.split(": ", 2)[:2] for line in errors)
    assert printed == sorted([f"{file}:{line}", dotted(loc)] for file, line, loc in expected)
