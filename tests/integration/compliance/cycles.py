"""Poll cycles of the session lab into its InfluxDB and the outage tracker, then audit or report.

Shared by the compliance, reports and fault tests: everything runs in-process on the
session's already loaded inventory and lab targets (a ``netops`` process loads the
inventory anew, which costs seconds on a loaded machine).
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Sequence
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from netops.clock import FixedClock, SystemClock
from netops.compliance.models import Audit
from netops.compliance.service import audit_now
from netops.inventory.models import SchoolFile
from netops.monitoring.collector import create
from netops.monitoring.results import CycleSummary, DevicePoll
from netops.monitoring.settings import SnmpSettings
from netops.outages.detector import OutageTracker
from netops.outages.models import Outage
from netops.outages.settings import OutageSettings
from netops.reports.models import CoverageReport, GroupBy
from netops.reports.runner import CoverageRequest, build_coverage
from netops.service.cycle import CycleRunner
from netops.settings import InfluxSettings, Settings
from netops.store.connect import open_store, setup
from netops.store.sink import StoreSink
from netops.timetable import WEEKDAYS, Period, Timetable
from tests.integration.conftest import RunningLab

#: Lessons all day every day (UTC): a test's figures do not depend on when it runs.
ALL_DAY = Timetable(
    timezone="UTC", weekdays=list(WEEKDAYS), periods=[Period(start=time(0), end=time(23, 59))]
)


#: SNMP timeout of the tests' polls: the machine running them may be loaded several times
#: over, and a big switch's first poll (discovery) must fit its budget (5 x timeout x tries).
TIMEOUT_S = 2.0


def lab_settings(lab: RunningLab, directory: Path) -> Settings:
    """The lab's InfluxDB, a state database of the test's own, two missed polls make a device
    down, lessons all day, a patient SNMP timeout."""
    return Settings(
        lab_dir=lab.directory,
        snmp=SnmpSettings(timeout_s=TIMEOUT_S),
        state_path=directory / "state.sqlite",
        influx=InfluxSettings(spool_path=directory / "spool.sqlite"),
        outages=OutageSettings(missed_polls=2),
        timetable=ALL_DAY,
    )


def lab_schools(lab: RunningLab) -> list[SchoolFile]:
    """The schools the lab simulates, in inventory order."""
    hosts = {t.device for t in lab.targets}
    return [s for s in lab.inventory.schools.values() if s.uplink.a.device in hosts]


class LabCycles:
    """Poll cycles of the whole lab, each written to InfluxDB and fed to the outage tracker."""

    def __init__(self, lab: RunningLab, settings: Settings) -> None:
        self.lab = lab
        self.settings = settings
        setup(settings)
        self.tracker = OutageTracker.from_settings(settings, lab.inventory)

    def poll(self) -> CycleSummary:
        """One cycle of every lab device, with the configured collector and timeouts."""
        store = open_store(self.settings, SystemClock())
        snmp = self.settings.snmp
        collector = create(
            snmp.collector,
            clock=SystemClock(),
            concurrency=snmp.concurrency,
            timeout_s=snmp.timeout_s,
            retries=snmp.retries,
        )
        runner = CycleRunner(
            collector, lambda: self.lab.targets, [StoreSink(store), self.tracker], SystemClock()
        )

        def run_then_close(work: Coroutine[Any, Any, list[DevicePoll]]) -> list[DevicePoll]:
            async def main() -> list[DevicePoll]:
                try:
                    return await work
                finally:  # the collector's sockets belong to this loop
                    close = getattr(collector, "close", None)
                    if close is not None:
                        close()

            return asyncio.run(main())

        try:
            summary = runner.run(run_then_close)
        finally:
            store.close()
        assert summary is not None
        return summary

    def open_outages(self) -> list[Outage]:
        """What the tracker has open now, largest blast radius first."""
        return self.tracker.repository.open()

    def audit(self, scope: str = "all") -> Audit:
        """Audit the store now and save it in the state database."""
        return audit_now(self.settings, self.lab.inventory, scope)

    def report(
        self, by: Sequence[GroupBy] = (GroupBy.COUNTY,), now: datetime | None = None
    ) -> CoverageReport:
        """Today's coverage report from what was stored (made at ``now``)."""
        clock = FixedClock(now or datetime.now(UTC))
        return build_coverage(
            self.settings, self.lab.inventory, CoverageRequest(period="day", by=by), clock
        )
