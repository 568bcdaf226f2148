"""Outages: root cause, blast radius and teaching hours, from each poll cycle.

``models`` (what readers see), ``topology`` (what depends on what), ``observe``
(failed polls, link states, flaps), ``rootcause`` (which failure explains the
others), ``detector`` (the tracker, a poll-cycle sink), ``store`` (the state DB).
"""

from netops.outages.models import BlastRadius, Outage, OutageKind

__all__ = ["BlastRadius", "Outage", "OutageKind"]
