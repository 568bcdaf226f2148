"""The outage tracker: a poll-cycle sink that opens, merges and closes outages.

Its memory (failed polls per device, link states, open outages) is in the state
database, so the service, a restart or separate ``netops poll once`` runs carry on
where the last cycle stopped. One cycle is one transaction.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from netops.monitoring.results import CycleSummary, DevicePoll
from netops.outages.models import Outage
from netops.outages.observe import link_readings, observe_devices, observe_links
from netops.outages.reasons import reason
from netops.outages.rootcause import Analysis, Finding, analyse
from netops.outages.settings import OutageSettings
from netops.outages.store import OutageRepository, OutageWriter
from netops.outages.topology import Topology
from netops.state.db import open_state
from netops.timetable import Timetable

if TYPE_CHECKING:
    from netops.inventory.inventory import Inventory
    from netops.settings import Settings

log = logging.getLogger(__name__)


class OutageTracker:
    """Turns each cycle's device polls into outages with root cause and blast radius."""

    def __init__(
        self,
        repository: OutageRepository,
        topology: Topology,
        settings: OutageSettings | None = None,
        timetable: Timetable | None = None,
    ) -> None:
        self.repository = repository
        self.topology = topology
        self.settings = settings or OutageSettings()
        self.timetable = timetable or Timetable()

    @classmethod
    def from_settings(cls, settings: Settings, inventory: Inventory) -> OutageTracker:
        """A tracker on the state database of the settings (``state_path``)."""
        repository = OutageRepository(open_state(settings.state_path))
        return cls(
            repository, Topology.from_inventory(inventory), settings.outages, settings.timetable
        )

    def write_cycle(self, polls: Sequence[DevicePoll], summary: CycleSummary) -> None:
        """Sink: update outages with one cycle (a database failure is logged, not raised)."""
        try:
            self.update(polls, summary.started)
        except sqlite3.Error:
            log.exception("outages not updated: the state database failed")

    def update(self, polls: Sequence[DevicePoll], at: datetime) -> list[Outage]:
        """Apply one cycle observed at ``at``; returns the open outages afterwards."""
        with self.repository.writer() as writer:
            devices = {d: s for d, s in writer.devices().items() if d in self.topology.nodes}
            links = writer.links()
            observe_devices(devices, polls)
            observe_links(links, link_readings(self.topology, polls), at, self.settings)
            analysis = analyse(self.topology, devices, links, self.settings, at)
            self._reconcile(writer, analysis, at)
            writer.save_devices(devices)
            writer.save_links(links)
            return writer.open_outages()

    def _reconcile(self, writer: OutageWriter, analysis: Analysis, at: datetime) -> None:
        opened = {o.root: o for o in writer.open_outages()}
        merged: set[str] = set()
        for finding in analysis.findings.values():
            merged |= self._apply(writer, finding, opened, analysis, at)
        for root, outage in opened.items():
            if root in merged or root in analysis.findings:
                continue
            if root not in analysis.failed:
                writer.save(self._closed(outage, at))
            elif not outage.teaching_hours and self.timetable.touches_teaching(outage.started, at):
                writer.save(outage.model_copy(update={"teaching_hours": True}))

    def _apply(
        self,
        writer: OutageWriter,
        finding: Finding,
        opened: dict[str, Outage],
        analysis: Analysis,
        at: datetime,
    ) -> set[str]:
        """Open, update or reopen the outage of one root; returns the roots merged into it."""
        window = timedelta(seconds=self.settings.merge_window_s)
        absorbed = [
            o
            for r, o in opened.items()
            if r != finding.root
            and analysis.root_of.get(r) == finding.root
            and o.started >= finding.started - window
        ]
        existing = opened.get(finding.root)
        if existing is None and finding.waiting:
            return set()  # a switch above it may be the cause: the next polls say
        if existing is None:
            flap = timedelta(seconds=self.settings.flap_window_s)
            existing = writer.closed_since(finding.root, at - flap)
        saved = writer.save(self._outage(finding, existing, absorbed, at))
        assert saved.id is not None
        for outage in absorbed:
            assert outage.id is not None
            writer.merge(outage.id, saved.id, at)
            log.info(
                "outage %s (%s) merged into %s (%s)", outage.id, outage.root, saved.id, saved.root
            )
        if existing is None:
            log.info("outage %s opened: %s", saved.id, saved.reason)
        return {o.root for o in absorbed}

    def _outage(
        self, finding: Finding, existing: Outage | None, absorbed: list[Outage], at: datetime
    ) -> Outage:
        info = self.topology.nodes[finding.root]
        started = min(
            [finding.started]
            + [o.started for o in absorbed]
            + ([existing.started] if existing is not None else [])
        )
        teaching = any(o.teaching_hours for o in absorbed) or (
            existing is not None and existing.teaching_hours
        )
        return Outage(
            id=existing.id if existing is not None else None,
            kind=finding.kind,
            root=finding.root,
            county=info.county,
            school=info.school,
            started=started,
            ended=None,
            teaching_hours=teaching or self.timetable.touches_teaching(started, at),
            blast=self.topology.blast(finding.root),
            suppressed=finding.suppressed,
            reason=reason(self.topology, finding, self.settings),
            flapping=finding.flapping
            or (existing is not None and (existing.flapping or existing.ended is not None)),
        )

    def _closed(self, outage: Outage, at: datetime) -> Outage:
        log.info("outage %s closed: %s is back", outage.id, outage.root)
        teaching = outage.teaching_hours or self.timetable.touches_teaching(outage.started, at)
        return outage.model_copy(update={"ended": at, "teaching_hours": teaching})
