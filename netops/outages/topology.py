"""What depends on what, from the inventory, and what each failure cuts off.

The prefecture is a tree: core -> (aggregation uplink) -> county aggregation switch
-> (school uplink) -> school switch -> (trunk) -> access switch. Devices and links
are both nodes; a link is named by its downstream (school-side) end, ``device:port``.
A node's blast radius is everything below it: whole schools when their uplink or
school switch is below, else the rooms whose terminals hang on the switches below.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from netops.inventory.choices import Role
from netops.inventory.inventory import Inventory
from netops.inventory.models import Link, SchoolFile
from netops.outages.models import BlastRadius


class LinkRole(StrEnum):
    """Where a link sits in the tree."""

    CORE = "core"  # county aggregation <-> prefecture core
    UPLINK = "uplink"  # school switch <-> county aggregation ("gigabit to school")
    TRUNK = "trunk"  # access switch <-> school switch


#: Words for each device role, as an engineer says them.
ROLE_WORDS: dict[Role, str] = {
    Role.PREFECTURE_CORE: "prefecture core switch",
    Role.AGGREGATION: "aggregation switch",
    Role.SCHOOL_CORE: "school switch",
    Role.SCHOOL_ACCESS: "access switch",
}
LINK_WORDS: dict[LinkRole, str] = {
    LinkRole.CORE: "aggregation uplink",
    LinkRole.UPLINK: "school uplink",
    LinkRole.TRUNK: "trunk",
}


def link_id(link: Link) -> str:
    """A link's node name: its downstream end, ``device:port``."""
    return f"{link.a.device}:{link.a.port}"


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """A device or link of the tree, where it is and what it is."""

    name: str
    county: str | None
    school: str | None
    role: Role | None = None  # devices
    link: Link | None = None  # links
    link_role: LinkRole | None = None

    @property
    def is_link(self) -> bool:
        """A cable rather than a switch."""
        return self.link is not None

    def describe(self) -> str:
        """``aggregation switch xy-agg01``, ``school uplink xy-0001-core01 Gi0/1 <-> ...``."""
        if self.link is not None and self.link_role is not None:
            a, b = self.link.a, self.link.b
            return f"{LINK_WORDS[self.link_role]} {a.device} {a.port} <-> {b.device} {b.port}"
        assert self.role is not None
        return f"{ROLE_WORDS[self.role]} {self.name}"


@dataclass
class Topology:
    """The dependency tree of one inventory, with blast radii (computed once each)."""

    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    ports: dict[tuple[str, str], str] = field(default_factory=dict)
    """(device, port) -> the link plugged into it (both ends)."""
    schools: dict[str, SchoolFile] = field(default_factory=dict)
    _blast: dict[str, BlastRadius] = field(default_factory=dict, repr=False)

    @classmethod
    def from_inventory(cls, inventory: Inventory) -> Topology:
        """Build the tree of every device and link of the inventory."""
        topo = cls(schools=dict(inventory.schools))
        for place in inventory.places():
            device = place.device
            topo.nodes[device.hostname] = NodeInfo(
                device.hostname, place.county, place.school, role=device.role
            )
        for county in inventory.counties.values():
            for link in county.uplinks:
                topo._add_link(link, LinkRole.CORE, county.id, None)
        for school in inventory.schools.values():
            topo._add_link(school.uplink, LinkRole.UPLINK, school.county, school.id)
            for trunk in school.trunks:
                topo._add_link(trunk, LinkRole.TRUNK, school.county, school.id)
            core = school.uplink.a.device
            for device in school.devices:  # a switch without a trunk hangs on the core
                if device.hostname != core:
                    topo._attach(device.hostname, core)
        return topo

    def _add_link(self, link: Link, role: LinkRole, county: str | None, school: str | None) -> None:
        name = link_id(link)
        self.nodes[name] = NodeInfo(name, county, school, link=link, link_role=role)
        self.ports[(link.a.device, link.a.port)] = name
        self.ports[(link.b.device, link.b.port)] = name
        self._attach(name, link.b.device)
        self._attach(link.a.device, name)

    def _attach(self, child: str, parent: str) -> None:
        if child in self.parent or child == parent:
            return  # first path wins (a second uplink is redundancy, not a dependency)
        self.parent[child] = parent
        self.children.setdefault(parent, []).append(child)

    def ancestors(self, node: str) -> Iterator[str]:
        """The nodes ``node`` depends on, nearest first."""
        seen = {node}
        current = self.parent.get(node)
        while current is not None and current not in seen:
            yield current
            seen.add(current)
            current = self.parent.get(current)

    def subtree(self, node: str) -> set[str]:
        """``node`` and everything that depends on it."""
        found, stack = {node}, [node]
        while stack:
            for child in self.children.get(stack.pop(), []):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found

    def blast(self, node: str) -> BlastRadius:
        """Schools, rooms and students cut off when ``node`` fails."""
        if node not in self._blast:
            self._blast[node] = self._compute_blast(node)
        return self._blast[node]

    def _compute_blast(self, node: str) -> BlastRadius:
        below = self.subtree(node)
        schools: list[str] = []
        rooms = students = 0
        touched = {self.nodes[n].school for n in below if n in self.nodes} - {None}
        for school_id in sorted(s for s in touched if s is not None):
            school = self.schools[school_id]
            if link_id(school.uplink) in below or school.uplink.a.device in below:
                cut, total = len(school.rooms), len(school.rooms)
            else:
                total = len(school.rooms)
                cut = sum(
                    1
                    for room in school.rooms
                    if room.terminals and any(t.switch in below for t in room.terminals)
                )
            if cut == 0 and total > 0:
                continue
            schools.append(school_id)
            rooms += cut
            students += school.students if cut == total else round(school.students * cut / total)
        return BlastRadius(schools=schools, classrooms=rooms, students=students)

    def ends(self, node: str) -> tuple[str, str] | None:
        """A link's devices (downstream, upstream); None for a device."""
        link = self.nodes[node].link if node in self.nodes else None
        return (link.a.device, link.b.device) if link is not None else None
