"""The query function of the settings: InfluxQL against the configured (or lab) InfluxDB."""

from __future__ import annotations

from functools import partial

from netops.observe.influxql import QueryFn
from netops.settings import Settings
from netops.store.connect import credentials, resolve_url
from netops.store.transport import query


def store_query(settings: Settings) -> QueryFn:
    """``netops.store.query`` bound to the settings' URL, database and credentials.

    Raises:
        StoreError: no InfluxDB configured and no lab running.
    """
    return partial(
        query,
        resolve_url(settings),
        database=settings.influx.database,
        credentials=credentials(settings),
        timeout=max(settings.influx.timeout_s, 30.0),
    )
