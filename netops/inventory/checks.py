"""Rules that span objects or files: references, uniqueness, the address plan.

Each check yields :class:`InventoryIssue` with the field path of the offending
value; lines are filled in later, only when there are issues to show.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from ipaddress import IPv4Address, IPv4Network
from pathlib import Path

from netops.inventory.catalog import HardwareModel, model_named
from netops.inventory.choices import PLATFORM_OF_VENDOR
from netops.inventory.errors import InventoryIssue, Loc, format_loc
from netops.inventory.inventory import Inventory
from netops.inventory.models import Device, Link, PrefectureFile, SchoolFile, Vlan


class _Seen:
    """First place each value was seen, to report duplicates naming both places."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.first: dict[object, tuple[Path, Loc]] = {}

    def add(self, value: object, file: Path, loc: Loc) -> InventoryIssue | None:
        first = self.first.setdefault(value, (file, loc))
        if first == (file, loc):
            return None
        where = first[0].name if first[0] != file else "this file"
        return InventoryIssue(
            file,
            loc,
            f"duplicate {self.what} {value} (already used at {where}: {format_loc(first[1])});"
            f" expected a unique {self.what}",
        )


def check_devices(devices: list[Device], file: Path, base: Loc) -> Iterator[InventoryIssue]:
    """Each device names a known model of its vendor and its vendor's platform."""
    for i, device in enumerate(devices):
        model = model_named(device.model)
        if model is None:
            yield InventoryIssue(
                file,
                (*base, i, "model"),
                f"unknown hardware model {device.model!r}; expected"
                " one listed in netops/inventory/catalog.py",
            )
        elif model.vendor is not device.vendor:
            yield InventoryIssue(
                file,
                (*base, i, "model"),
                f"model {device.model} is made by {model.vendor}, not {device.vendor}",
            )
        expected = PLATFORM_OF_VENDOR[device.vendor]
        if device.platform is not expected:
            yield InventoryIssue(
                file,
                (*base, i, "platform"),
                f"{device.vendor} switches run {expected}, not {device.platform}",
            )
        for j, port in enumerate(device.ports):
            if model is not None and port.name not in model.ports:
                yield _no_such_port(file, (*base, i, "ports", j, "name"), device, model, port.name)


def _no_such_port(
    file: Path, loc: Loc, device: Device, model: HardwareModel, port: str
) -> InventoryIssue:
    names = list(model.ports)
    return InventoryIssue(
        file,
        loc,
        f"port {port!r} does not exist on {device.hostname} ({model.name}); expected one of"
        f" {names[0]} .. {names[-1]}",
    )


class PortBook:
    """Which ports exist and which are taken, across the whole inventory."""

    def __init__(self, devices: dict[str, Device]) -> None:
        self.devices = devices
        self.taken = _Seen("port")

    def use(
        self,
        file: Path,
        loc: Loc,
        device_name: str,
        port: str,
        *,
        allowed: set[str],
        device_field: str = "device",
    ) -> Iterator[InventoryIssue]:
        """Check that ``device_name`` is one of ``allowed`` and has a free ``port``.

        ``loc`` is the path of the port field; ``device_field`` names its sibling
        that holds the device.
        """
        device = self.devices.get(device_name)
        if device is None or device_name not in allowed:
            exists = "is not a device here" if device is not None else "does not exist"
            yield InventoryIssue(
                file,
                (*loc[:-1], device_field),
                f"device {device_name!r} {exists}; expected one of {sorted(allowed)[:8]}",
            )
            return
        model = model_named(device.model)
        if model is None:
            return  # reported by check_devices
        if port not in model.ports:
            yield _no_such_port(file, loc, device, model, port)
            return
        issue = self.taken.add(f"{device_name} {port}", file, loc)
        if issue is not None:
            yield issue


def check_link(
    link: Link, file: Path, loc: Loc, book: PortBook, *, a_side: set[str], b_side: set[str]
) -> Iterator[InventoryIssue]:
    """Both ends of a link exist, are free, and the link is not faster than its ports."""
    yield from book.use(file, (*loc, "a", "port"), link.a.device, link.a.port, allowed=a_side)
    yield from book.use(file, (*loc, "b", "port"), link.b.device, link.b.port, allowed=b_side)
    if link.configured_mbps > link.contracted_mbps * 10:
        yield InventoryIssue(
            file,
            (*loc, "configured_mbps"),
            f"configured {link.configured_mbps} Mb/s is far above the contracted"
            f" {link.contracted_mbps} Mb/s; expected at most 10x",
        )


def _in_subnet(
    file: Path, loc: Loc, ip: IPv4Address, subnet: IPv4Network, name: str
) -> Iterator[InventoryIssue]:
    if ip not in subnet:
        yield InventoryIssue(file, loc, f"{ip} is outside the {name} subnet {subnet}")
    elif subnet.prefixlen < 31 and ip in (subnet.network_address, subnet.broadcast_address):
        yield InventoryIssue(
            file, loc, f"{ip} is the network or broadcast address of {subnet}; expected a host"
        )


def check_school(school: SchoolFile, file: Path, book: PortBook) -> Iterator[InventoryIssue]:
    """Rules inside one school file."""
    if file.stem != school.id:
        yield InventoryIssue(
            file,
            ("id",),
            f"id {school.id!r} must match the file name {file.name!r}; expected {file.stem!r}",
        )
    if file.parent.name != school.county:
        yield InventoryIssue(
            file,
            ("county",),
            f"county {school.county!r} does not match the directory; expected {file.parent.name!r}",
        )
    yield from _school_vlans(school, file)
    yield from check_devices(school.devices, file, ("devices",))
    own = {d.hostname for d in school.devices}
    addressing = school.addressing
    for i, device in enumerate(school.devices):
        yield from _in_subnet(
            file, ("devices", i, "mgmt_ip"), device.mgmt_ip, addressing.mgmt_subnet, "management"
        )
    for i, trunk in enumerate(school.trunks):
        yield from check_link(trunk, file, ("trunks", i), book, a_side=own, b_side=own)
    for r, room in enumerate(school.rooms):
        for t, terminal in enumerate(room.terminals):
            loc: Loc = ("rooms", r, "terminals", t)
            yield from _in_subnet(
                file, (*loc, "ip"), terminal.ip, addressing.terminal_subnet, "terminal"
            )
            yield from book.use(
                file,
                (*loc, "port"),
                terminal.switch,
                terminal.port,
                allowed=own,
                device_field="switch",
            )


def _school_vlans(school: SchoolFile, file: Path) -> Iterator[InventoryIssue]:
    ids, names = _Seen("VLAN ID"), _Seen("VLAN name")
    by_id: dict[int, Vlan] = {}
    for i, vlan in enumerate(school.vlans):
        for issue in (
            ids.add(vlan.id, file, ("vlans", i, "id")),
            names.add(vlan.name, file, ("vlans", i, "name")),
        ):
            if issue is not None:
                yield issue
        by_id.setdefault(vlan.id, vlan)
    a = school.addressing
    for field, vlan_id, subnet in (
        ("mgmt_vlan", a.mgmt_vlan, a.mgmt_subnet),
        ("terminal_vlan", a.terminal_vlan, a.terminal_subnet),
    ):
        declared = by_id.get(vlan_id)
        if declared is None:
            yield InventoryIssue(
                file, ("addressing", field), f"VLAN {vlan_id} is not declared under vlans"
            )
        elif declared.subnet != subnet:
            yield InventoryIssue(
                file,
                ("addressing", field),
                f"VLAN {vlan_id} carries {declared.subnet}, but addressing says {subnet}",
            )
    if a.mgmt_subnet.overlaps(a.terminal_subnet):
        yield InventoryIssue(
            file,
            ("addressing", "terminal_subnet"),
            f"{a.terminal_subnet} overlaps the management subnet {a.mgmt_subnet}",
        )


def check_unique_names_and_addresses(inventory: Inventory) -> Iterator[InventoryIssue]:
    """Hostnames and IP addresses are unique across the prefecture."""
    hostnames, ips = _Seen("hostname"), _Seen("IP address")
    for file, loc, device in _all_devices(inventory):
        yield from _some(
            hostnames.add(device.hostname, file, (*loc, "hostname")),
            ips.add(device.mgmt_ip, file, (*loc, "mgmt_ip")),
        )
    for school in inventory.schools.values():
        file = inventory.school_file(school.id)
        for r, room in enumerate(school.rooms):
            for t, terminal in enumerate(room.terminals):
                loc = ("rooms", r, "terminals", t)
                yield from _some(
                    hostnames.add(terminal.hostname, file, (*loc, "hostname")),
                    ips.add(terminal.ip, file, (*loc, "ip")),
                )


def _all_devices(inventory: Inventory) -> Iterator[tuple[Path, Loc, Device]]:
    prefecture_file = inventory.root / "prefecture.yaml"
    for i, device in enumerate(inventory.prefecture.core):
        yield prefecture_file, ("core", i), device
    for county in inventory.counties.values():
        for i, device in enumerate(county.aggregation):
            yield inventory.county_file(county.id), ("aggregation", i), device
    for school in inventory.schools.values():
        for i, device in enumerate(school.devices):
            yield inventory.school_file(school.id), ("devices", i), device


def _some(*issues: InventoryIssue | None) -> Iterator[InventoryIssue]:
    return (issue for issue in issues if issue is not None)


def check_plan(inventory: Inventory) -> Iterator[InventoryIssue]:
    """Supernets nest, school subnets sit in their county and never overlap."""
    prefecture: PrefectureFile = inventory.prefecture
    prefecture_file = inventory.root / "prefecture.yaml"
    yield from check_devices(prefecture.core, prefecture_file, ("core",))
    subnets: list[tuple[IPv4Network, Path, Loc]] = []
    for county in inventory.counties.values():
        file = inventory.county_file(county.id)
        yield from check_devices(county.aggregation, file, ("aggregation",))
        if not county.supernet.subnet_of(prefecture.supernet):
            yield InventoryIssue(
                file,
                ("supernet",),
                f"{county.supernet} is outside the prefecture supernet {prefecture.supernet}",
            )
        subnets.append((county.supernet, file, ("supernet",)))
        for i, device in enumerate(county.aggregation):
            yield from _in_subnet(
                file, ("aggregation", i, "mgmt_ip"), device.mgmt_ip, county.supernet, "county"
            )
    yield from _overlaps(subnets)
    for county in inventory.counties.values():
        school_subnets = []
        for school in inventory.schools_in(county.id):
            file = inventory.school_file(school.id)
            for field in ("mgmt_subnet", "terminal_subnet"):
                subnet: IPv4Network = getattr(school.addressing, field)
                loc: Loc = ("addressing", field)
                if not subnet.subnet_of(county.supernet):
                    yield InventoryIssue(
                        file,
                        loc,
                        f"{subnet} is outside the supernet {county.supernet} of county {county.id}",
                    )
                school_subnets.append((subnet, file, loc))
        yield from _overlaps(school_subnets)


def _overlaps(subnets: Iterable[tuple[IPv4Network, Path, Loc]]) -> Iterator[InventoryIssue]:
    ordered = sorted(subnets, key=lambda item: (item[0].network_address, -item[0].prefixlen))
    reach: tuple[IPv4Network, Path, Loc] | None = None
    for item in ordered:
        if reach is not None and item[0].network_address <= reach[0].broadcast_address:
            yield InventoryIssue(
                item[1],
                item[2],
                f"{item[0]} overlaps {reach[0]} of"
                f" {reach[1].name}; expected subnets that do not overlap",
            )
        if reach is None or item[0].broadcast_address > reach[0].broadcast_address:
            reach = item


def check_topology(inventory: Inventory, book: PortBook) -> Iterator[InventoryIssue]:
    """Aggregation uplinks reach the core; each school uplinks to its own county."""
    core = {d.hostname for d in inventory.prefecture.core}
    for county in inventory.counties.values():
        file = inventory.county_file(county.id)
        aggregation = {d.hostname for d in county.aggregation}
        for i, link in enumerate(county.uplinks):
            yield from check_link(link, file, ("uplinks", i), book, a_side=aggregation, b_side=core)
    for county in inventory.counties.values():
        aggregation = {d.hostname for d in county.aggregation}
        vlans = _Seen("uplink VLAN")
        for school in inventory.schools_in(county.id):
            file = inventory.school_file(school.id)
            own = {d.hostname for d in school.devices}
            yield from check_link(
                school.uplink, file, ("uplink",), book, a_side=own, b_side=aggregation
            )
            if school.uplink.vlan is not None:
                yield from _some(vlans.add(school.uplink.vlan, file, ("uplink", "vlan")))


def check_counties(inventory: Inventory) -> Iterator[InventoryIssue]:
    """Each county's id matches its directory and its prefecture listing."""
    for county in inventory.counties.values():
        file: Path = inventory.county_file(county.id)
        if file.parent.name != county.id:
            yield InventoryIssue(
                file,
                ("id",),
                f"id {county.id!r} does not match the directory; expected {file.parent.name!r}",
            )


def check_inventory(inventory: Inventory) -> list[InventoryIssue]:
    """Every cross-object rule, over the whole inventory."""
    book = PortBook(inventory.devices)
    issues: list[InventoryIssue] = [*check_counties(inventory), *check_plan(inventory)]
    issues += check_unique_names_and_addresses(inventory)
    for school in inventory.schools.values():
        issues += check_school(school, inventory.school_file(school.id), book)
    issues += check_topology(inventory, book)
    return issues
