"""Root causes: which failing device or link explains the others.

Every failing node (a device down for N polls, a link down or held by flap
damping) is attributed to the topmost failing node above it in the tree. A link
whose downstream switch is itself down is that switch's failure (one outage,
the device). A new root waits while a switch above it, or at either end of it,
is missing polls but not yet down: the next polls decide which one is the cause.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from netops.outages.models import OutageKind
from netops.outages.observe import DeviceState, LinkState
from netops.outages.settings import OutageSettings
from netops.outages.topology import Topology


@dataclass
class Finding:
    """A root cause this cycle and what is down because of it."""

    root: str
    kind: OutageKind
    started: datetime
    suppressed: list[str] = field(default_factory=list)
    missed: int = 0
    detail: str | None = None
    """The last poll's reason (devices)."""
    flapping: bool = False
    changes: int = 0
    waiting: bool = False
    """A switch above or beside it is missing polls: not opened yet."""


@dataclass
class Analysis:
    """Roots and the nodes they explain."""

    findings: dict[str, Finding]
    failed: set[str]
    root_of: dict[str, str]


def analyse(
    topology: Topology,
    devices: dict[str, DeviceState],
    links: dict[str, LinkState],
    settings: OutageSettings,
    at: datetime,
) -> Analysis:
    """Group the failing devices and links under their root causes."""
    down = {d for d, s in devices.items() if s.missed >= settings.missed_polls}
    pending = {d for d, s in devices.items() if s.missed < settings.missed_polls}
    failed = {d for d in down if d in topology.nodes}
    failed |= {k for k, s in links.items() if s.held(settings) and k in topology.nodes}
    root_of = {node: _root(topology, node, failed, down) for node in failed}
    findings: dict[str, Finding] = {}
    for node in sorted(failed):
        root = root_of[node]
        if root not in findings:
            findings[root] = _finding(topology, root, devices, links, pending, at)
        if node != root:
            findings[root].suppressed.append(node)
    return Analysis(findings, failed, root_of)


def _root(topology: Topology, node: str, failed: set[str], down: set[str]) -> str:
    top = node
    for above in topology.ancestors(node):
        if above in failed:
            top = above
    ends = topology.ends(top)
    if ends is not None and ends[0] in down:
        return ends[0]  # the link is down because its downstream switch is
    return top


def _finding(
    topology: Topology,
    root: str,
    devices: dict[str, DeviceState],
    links: dict[str, LinkState],
    pending: set[str],
    at: datetime,
) -> Finding:
    watch = set(topology.ancestors(root)) | set(topology.ends(root) or ())
    waiting = bool(watch & pending)
    if topology.nodes[root].is_link:
        link = links[root]
        return Finding(
            root,
            OutageKind.LINK_DOWN,
            link.since or at,
            flapping=link.flapping,
            changes=len(link.changes),
            waiting=waiting,
        )
    device = devices[root]
    return Finding(
        root,
        OutageKind.DEVICE_DOWN,
        device.first_missed,
        missed=device.missed,
        detail=device.reason,
        waiting=waiting,
    )
