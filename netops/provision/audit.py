"""The audit after a provisioning run, when ``netops.compliance`` offers ``audit_now``.

Provisioning does not depend on compliance: the function is looked up at run time, and
an audit that cannot run (no store, no data yet) is a note, never a failed provision.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from netops.inventory.inventory import Inventory
from netops.settings import Settings
from netops.store.errors import StoreError

log = logging.getLogger(__name__)


class SchoolVerdict(BaseModel):
    """One school in the audit: its bucket and the first reason it is not compliant."""

    model_config = ConfigDict(frozen=True)

    school: str
    bucket: str
    reason: str | None = None


class AuditNote(BaseModel):
    """What the post-provisioning audit said, or why it did not run."""

    model_config = ConfigDict(frozen=True)

    audit_id: int | None = None
    schools: list[SchoolVerdict] = Field(default_factory=list)
    error: str | None = None


def _audit_function() -> Callable[..., Any] | None:
    try:
        module = importlib.import_module("netops.compliance")
    except ImportError:
        return None
    function = getattr(module, "audit_now", None)
    return function if callable(function) else None


def audit_after_provision(settings: Settings, inventory: Inventory, scope: str) -> AuditNote | None:
    """Audit ``scope`` (``school ID`` or ``county NAME``) now; None without an audit function."""
    audit_now = _audit_function()
    if audit_now is None:
        return None
    try:
        audit = audit_now(settings, inventory, scope)
    except (StoreError, LookupError, ValueError, OSError) as exc:
        log.info("audit after provisioning %s did not run: %s", scope, exc)
        return AuditNote(error=str(exc) or type(exc).__name__)
    verdicts = []
    for school in getattr(audit, "schools", []):
        findings = getattr(school, "findings", [])
        reason = str(findings[0].message) if findings else None
        verdicts.append(
            SchoolVerdict(school=school.school, bucket=str(school.bucket), reason=reason)
        )
    return AuditNote(audit_id=getattr(audit, "id", None), schools=verdicts)
