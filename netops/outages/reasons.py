"""An outage's reason in words an engineer acts on."""

from __future__ import annotations

from netops.inventory.choices import Role
from netops.outages.models import BlastRadius
from netops.outages.rootcause import Finding
from netops.outages.settings import OutageSettings
from netops.outages.topology import Topology


def reason(topology: Topology, finding: Finding, settings: OutageSettings) -> str:
    """``aggregation switch xy-agg01 unreachable for 3 polls: 48 schools behind it (...)``."""
    info = topology.nodes[finding.root]
    what = info.describe()
    if info.is_link:
        state = "down"
        if finding.flapping:
            minutes = settings.flap_window_s / 60
            state = (
                f"flapping ({finding.changes} changes in {minutes:g} min; the outage ends"
                f" after {settings.hold_polls} polls up in a row)"
            )
        head = f"{what} {state}"
    else:
        polls = "poll" if finding.missed == 1 else "polls"
        head = f"{what} unreachable for {finding.missed} {polls}"
        if finding.detail:
            head += f" ({finding.detail})"
    tail = impact(topology, finding.root, topology.blast(finding.root))
    extra = f"; {len(finding.suppressed)} more down behind it" if finding.suppressed else ""
    return f"{head}: {tail}{extra}"


def impact(topology: Topology, root: str, blast: BlastRadius) -> str:
    """``48 schools behind it (2,390 rooms, 301,000 students)`` and the like."""
    figures = f"{blast.classrooms:,} rooms, {blast.students:,} students"
    info = topology.nodes[root]
    if not blast.schools:
        return "no school behind it"
    if len(blast.schools) > 1 or info.role in (Role.PREFECTURE_CORE, Role.AGGREGATION):
        count = len(blast.schools)
        noun = "school" if count == 1 else "schools"
        return f"{count} {noun} behind it ({figures})"
    school = topology.schools[blast.schools[0]]
    whole = blast.classrooms == len(school.rooms)
    scope = "offline" if whole else "partly offline"
    return f"school {school.id} ({school.name}) {scope}: {figures}"
