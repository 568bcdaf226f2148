"""Compliance audits: "gigabit to school, 100M to desktop", judged from the store.

Modules: ``models`` (Bucket, Finding, RoomResult, SchoolResult, Audit), ``settings``
(thresholds), ``rules`` (uplink and room checks), ``capacity`` (warnings), ``engine``
(``run_audit``), ``store`` (``AuditRepository``), ``diff``, ``service`` (``audit_now``).
``netops.settings`` imports :mod:`netops.compliance.settings`, so this package imports
nothing eagerly; ``audit_now`` is loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netops.compliance.service import audit_now

__all__ = ["audit_now"]


def __getattr__(name: str) -> Any:
    if name == "audit_now":
        from netops.compliance.service import audit_now  # noqa: PLC0415 (import cycle)

        return audit_now
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
