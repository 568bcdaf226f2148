"""Open outages as audit findings: a school cut off by an outage is not compliant.

The outage tracker (``netops.outages``) knows what the snapshot cannot always show: a
school switch may still answer (out of band, or the lab) and report its uplink up while
the county aggregation switch it hangs on is down. A school in the blast radius of an
open outage gets a finding naming that outage: ``uplink_outage`` when the whole school
is cut off (the root is its uplink, its school switch, or above them),
``access_outage`` when only some of its rooms are (an access switch or its trunk).
"""

from __future__ import annotations

from collections.abc import Iterable

from netops.compliance.models import Bucket, Finding
from netops.inventory.models import SchoolFile
from netops.outages.models import Outage
from netops.outages.topology import link_id

UPLINK_OUTAGE = "uplink_outage"
ACCESS_OUTAGE = "access_outage"


def by_school(outages: Iterable[Outage]) -> dict[str, list[Outage]]:
    """School id -> the open outages whose blast radius touches it (oldest first)."""
    found: dict[str, list[Outage]] = {}
    for outage in sorted(outages, key=lambda o: (o.started, o.id or 0)):
        if not outage.is_open:
            continue
        for school in outage.blast.schools:
            found.setdefault(school, []).append(outage)
    return found


def cuts_whole_school(school: SchoolFile, outage: Outage) -> bool:
    """The outage's root is the school's uplink, its school switch, or above them."""
    if outage.school is None:
        return True  # the core, an aggregation switch or its uplink
    return outage.school == school.id and outage.root in (
        school.uplink.a.device,
        link_id(school.uplink),
    )


def outage_finding(school: SchoolFile, outage: Outage) -> Finding:
    """A non-compliant finding that names the outage, its root cause and since when."""
    whole = cuts_whole_school(school, outage)
    cut = "cut off" if whole else f"{outage.blast.classrooms} of {len(school.rooms)} rooms cut off"
    flapping = " (flapping)" if outage.flapping else ""
    message = (
        f"{cut} by open outage {outage.id}{flapping} since {outage.started:%Y-%m-%d %H:%M} UTC:"
        f" {outage.reason}: fix that root cause first (`netops outages --open`)"
    )
    return Finding(
        code=UPLINK_OUTAGE if whole else ACCESS_OUTAGE,
        subject=outage.root,
        message=message,
        bucket=Bucket.NON_COMPLIANT,
    )
