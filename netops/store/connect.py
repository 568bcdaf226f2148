"""From settings to a Store: the URL (or the lab's InfluxDB), credentials, writer, spool."""

from __future__ import annotations

from netops.clock import Clock
from netops.lab.labfile import read_lab_file
from netops.settings import Settings
from netops.store.errors import StoreError
from netops.store.retention import RetentionPlan, setup_database
from netops.store.spool import Spool
from netops.store.store import Store
from netops.store.transport import Credentials
from netops.store.writer import AutoWriter, Target


def resolve_url(settings: Settings) -> str:
    """``influx.url``, or the URL of the lab's InfluxDB from the lab file.

    Raises:
        StoreError: no URL set and no lab InfluxDB recorded.
    """
    if settings.influx.url:
        return settings.influx.url.rstrip("/")
    lab = read_lab_file(settings.lab_dir)
    if lab is None or lab.influx is None:
        raise StoreError(
            f"no InfluxDB: set NETOPS_INFLUX__URL or start the lab (no lab InfluxDB in "
            f"{settings.lab_dir})"
        )
    return lab.influx.url


def credentials(settings: Settings) -> Credentials:
    """The credentials of the settings (secrets revealed only here)."""
    influx = settings.influx
    return Credentials(
        username=influx.username,
        password=influx.password.get_secret_value() if influx.password else None,
        token=influx.token.get_secret_value() if influx.token else None,
    )


def target(settings: Settings) -> Target:
    """Where to write, from the settings."""
    influx = settings.influx
    return Target(
        url=resolve_url(settings),
        database=influx.database,
        retention_policy=influx.raw_policy,
        credentials=credentials(settings),
        org=influx.org,
        bucket=influx.bucket,
        timeout_s=influx.timeout_s,
    )


def retention_plan(settings: Settings) -> RetentionPlan:
    """Policies and continuous queries of the settings."""
    influx = settings.influx
    return RetentionPlan(
        database=influx.database,
        raw_policy=influx.raw_policy,
        raw_retention=influx.raw_retention,
        long_policy=influx.long_policy,
        long_retention=influx.long_retention,
        every=influx.downsample_every,
    )


def setup(settings: Settings) -> None:
    """Create the database, retention policies and continuous queries (idempotent)."""
    where = target(settings)
    setup_database(
        where.url, retention_plan(settings), credentials=where.credentials, timeout=where.timeout_s
    )


def open_store(settings: Settings, clock: Clock | None = None) -> Store:
    """A Store on the settings' InfluxDB and spool; works while InfluxDB is down."""
    influx = settings.influx
    return Store(
        AutoWriter(target(settings), influx.api),
        Spool(influx.spool_path),
        batch_size=influx.batch_size,
        flush_interval_s=influx.flush_interval_s,
        clock=clock,
    )
