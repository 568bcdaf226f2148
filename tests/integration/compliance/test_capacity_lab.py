"""Capacity warnings against the session lab: a load fault fills a school's uplink, the
polls store its counters, the audit's 95th percentile flags it "saturated".

The test writes to an InfluxDB database of its own on the lab's server: the loaded
samples stay in the window for an hour and must not reach other tests' audits.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from netops.compliance.capacity import SATURATED
from netops.lab.faults import FaultKind
from netops.lab.lab import inject_fault
from tests.integration.compliance.cycles import LabCycles, lab_schools, lab_settings
from tests.integration.conftest import RunningLab

pytestmark = [pytest.mark.integration, pytest.mark.slow]
#: Seconds between the test's polls.
SPACING_S = 6.0


def test_a_loaded_uplink_is_saturated_and_the_report_counts_it(
    clean_lab: RunningLab, tmp_path: Path
) -> None:
    settings = lab_settings(clean_lab, tmp_path)
    settings = settings.model_copy(
        update={"influx": settings.influx.model_copy(update={"database": "capacity_test"})}
    )
    cycles = LabCycles(clean_lab, settings)
    schools = [s for s in lab_schools(clean_lab) if s.uplink.configured_mbps >= 1000]
    loaded, quiet = schools[0], schools[1:]
    assert quiet, "the lab needs two gigabit schools"
    inject_fault(clean_lab.inventory, clean_lab.directory, FaultKind.LOAD, loaded.id, "95")
    # Three rate samples at least (the rule's minimum): four polls of the counters, spaced
    # so that a poll's own duration (its points carry the cycle's time) is small beside
    # the interval, as with the service's minute.
    for n in range(4):
        if n:
            time.sleep(SPACING_S)
        assert cycles.poll().failures == {}
    audit = cycles.audit(f"county {loaded.county}")
    result = audit.school(loaded.id)
    assert result is not None
    [warning] = [w for w in result.warnings if w.code == SATURATED]
    contracted = loaded.uplink.contracted_mbps
    assert f"of the contracted {contracted} Mb/s" in warning.message
    share = re.search(r"(\d+)% of the contracted", warning.message)
    assert share is not None
    # 95 % of a gigabit, over the contracted rate (timing jitter of the polls aside).
    assert int(share[1]) == pytest.approx(95 * 1000 / contracted, abs=10)
    assert loaded.uplink.a.device in warning.subject
    # The traffic model's own schools stay well below the line.
    for school in quiet:
        other = audit.school(school.id)
        assert other is not None and SATURATED not in {w.code for w in other.warnings}
    report = cycles.report()
    assert report.totals.saturated_schools == 1
    [busy] = report.totals.busiest
    assert busy.school == loaded.id and busy.message == warning.message
