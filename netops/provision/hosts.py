"""Which Ansible hosts a school run touches, and the ``--limit`` that names them."""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatchcase

from netops.inventory.ansible import group_name
from netops.inventory.choices import Platform
from netops.inventory.inventory import Inventory
from netops.inventory.models import SchoolFile
from netops.provision.constants import PROVISIONED_PLATFORMS

#: Ansible pattern that leaves out switches no role provisions (they would only fail).
UNSUPPORTED = ":".join(
    f"!{group_name('platform', p)}" for p in Platform if p not in PROVISIONED_PLATFORMS
)


class HostSelectionError(ValueError):
    """A school, county or ``--limit`` names nothing provisionable."""


def school_of(inventory: Inventory, school_id: str) -> SchoolFile:
    """The school with that id.

    Raises:
        HostSelectionError: no such school (with the nearest ids).
    """
    school = inventory.schools.get(school_id)
    if school is None:
        near = sorted(
            s for s in inventory.schools if s.split("-")[0] == school_id.split("-", maxsplit=1)[0]
        )
        hint = f"; ids look like {', '.join(near[:3])}" if near else ""
        raise HostSelectionError(f"no school {school_id!r} in the inventory{hint}")
    return school


def schools_of_county(inventory: Inventory, county_id: str) -> list[SchoolFile]:
    """The county's schools, in id order.

    Raises:
        HostSelectionError: no such county (listing the counties), or it has no schools.
    """
    if county_id not in inventory.counties:
        known = ", ".join(inventory.counties)
        raise HostSelectionError(f"no county {county_id!r}; counties: {known}")
    schools = sorted(inventory.schools_in(county_id), key=lambda s: s.id)
    if not schools:
        raise HostSelectionError(f"county {county_id!r} has no schools")
    return schools


def switches(school: SchoolFile) -> list[str]:
    """The school's switches the playbook provisions (platforms it has a role for)."""
    return [d.hostname for d in school.devices if d.platform in PROVISIONED_PLATFORMS]


def unsupported_switches(school: SchoolFile) -> list[str]:
    """The school's switches no role provisions (``hostname (platform)``)."""
    return [
        f"{d.hostname} ({d.platform.value})"
        for d in school.devices
        if d.platform not in PROVISIONED_PLATFORMS
    ]


def terminals(school: SchoolFile) -> list[str]:
    """The school's classroom terminals."""
    return [t.hostname for room in school.rooms for t in room.terminals]


def school_hosts(school: SchoolFile) -> list[str]:
    """Every host a run of the school touches: its switches, then its terminals."""
    return [*switches(school), *terminals(school)]


def select(school: SchoolFile, patterns: Sequence[str]) -> list[str]:
    """The school's hosts matching any pattern (host names, globs, ``switches``, ``terminals``).

    Raises:
        HostSelectionError: a pattern matches none of the school's hosts.
    """
    every = school_hosts(school)
    groups = {"switches": switches(school), "terminals": terminals(school)}
    chosen: list[str] = []
    for pattern in patterns:
        matched = groups.get(pattern) or [h for h in every if fnmatchcase(h, pattern)]
        if not matched:
            raise HostSelectionError(
                f"--limit {pattern!r} matches no host of school {school.id}; its hosts: "
                + ", ".join(every)
            )
        chosen += [h for h in matched if h not in chosen]
    return [h for h in every if h in chosen]


def split_patterns(text: str | None) -> list[str]:
    """``a,b c`` -> ``["a", "b", "c"]``."""
    return [part for part in (text or "").replace(",", " ").split() if part]


def school_limit(school: SchoolFile, hosts: Sequence[str] | None = None) -> str:
    """The Ansible ``--limit``: exactly ``hosts``, or the school less unsupported switches."""
    return schools_limit([school], hosts)


def schools_limit(schools: Sequence[SchoolFile], hosts: Sequence[str] | None = None) -> str:
    """The Ansible ``--limit`` of several schools (a county batch), or exactly ``hosts``."""
    if hosts:
        return ",".join(hosts)
    groups = [group_name("school", s.id) for s in schools]
    return ":".join([*groups, UNSUPPORTED] if UNSUPPORTED else groups)
