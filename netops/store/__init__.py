"""The InfluxDB store: poll results as line protocol, written durably through a spool."""

from netops.store.adapter import V2Writer
from netops.store.connect import open_store, resolve_url, setup
from netops.store.errors import (
    StoreError,
    StoreQueryError,
    StoreRejectedError,
    StoreUnavailableError,
)
from netops.store.points import cycle_lines, device_lines, poll_lines, rate_lines
from netops.store.retention import RetentionPlan, setup_database
from netops.store.spool import Spool
from netops.store.store import FlushReport, Store
from netops.store.transport import Credentials, V1Writer, ping, query
from netops.store.writer import (
    AutoWriter,
    FakeWriter,
    Target,
    Writer,
    api_for_version,
    detect_writer,
)

__all__ = [
    "AutoWriter",
    "Credentials",
    "FakeWriter",
    "FlushReport",
    "RetentionPlan",
    "Spool",
    "Store",
    "StoreError",
    "StoreQueryError",
    "StoreRejectedError",
    "StoreUnavailableError",
    "Target",
    "V1Writer",
    "V2Writer",
    "Writer",
    "api_for_version",
    "cycle_lines",
    "detect_writer",
    "device_lines",
    "open_store",
    "ping",
    "poll_lines",
    "query",
    "rate_lines",
    "resolve_url",
    "setup",
    "setup_database",
]
