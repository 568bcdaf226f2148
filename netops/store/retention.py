"""Retention policies and downsampling continuous queries (InfluxQL, works on 1.6).

Raw points live in the default policy (e.g. 30 days); continuous queries write
hourly figures into a long policy (e.g. 400 days) for the bureau's statistics.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from netops.store.influxql import qualified, quote_identifier
from netops.store.points import DEVICE, INTERFACE
from netops.store.transport import Credentials, query

log = logging.getLogger(__name__)

#: measurement -> the SELECT list of its hourly figures.
_DOWNSAMPLED = {
    INTERFACE: (
        "last(in_octets) AS in_octets, last(out_octets) AS out_octets, "
        "last(in_errors) AS in_errors, last(out_errors) AS out_errors, "
        "last(in_discards) AS in_discards, last(out_discards) AS out_discards, "
        "mean(oper_up) AS oper_up_ratio, min(oper_up) AS oper_up_min, "
        "min(speed_mbps) AS speed_mbps_min, count(oper_up) AS samples"
    ),
    DEVICE: (
        "mean(reachable) AS reachable_ratio, mean(poll_duration_s) AS poll_duration_s, "
        "max(uptime_s) AS uptime_s, count(reachable) AS samples"
    ),
}


@dataclass(frozen=True)
class RetentionPlan:
    """Names and durations of the policies and the downsampling interval."""

    database: str = "netops"
    raw_policy: str = "raw"
    raw_retention: str = "30d"
    long_policy: str = "long"
    long_retention: str = "400d"
    every: str = "1h"

    def cq_name(self, measurement: str) -> str:
        """Name of the continuous query downsampling ``measurement``."""
        return f"cq_{measurement}_{self.every}"

    def target(self, measurement: str) -> str:
        """Measurement the downsampled points go to, e.g. ``interface_1h``."""
        return f"{measurement}_{self.every}"

    def continuous_queries(self) -> dict[str, str]:
        """CQ name -> its CREATE statement."""
        db = quote_identifier(self.database)
        statements = {}
        for measurement, select in _DOWNSAMPLED.items():
            name = self.cq_name(measurement)
            into = qualified(self.database, self.long_policy, self.target(measurement))
            source = qualified(self.database, self.raw_policy, measurement)
            statements[name] = (
                f"CREATE CONTINUOUS QUERY {quote_identifier(name)} ON {db} BEGIN "
                f"SELECT {select} INTO {into} FROM {source} "
                f"GROUP BY time({self.every}), * END"
            )
        return statements


def setup_database(
    url: str,
    plan: RetentionPlan,
    *,
    credentials: Credentials | None = None,
    timeout: float = 10.0,
) -> None:
    """Create the database, both policies (raw the default) and the CQs; idempotent.

    Existing policies get the planned durations; existing CQs are replaced.

    Raises:
        StoreUnavailableError: no answer.
        StoreQueryError: a statement was refused (e.g. no admin rights).
    """

    def run(statement: str) -> list[dict[str, object]]:
        return query(url, statement, credentials=credentials, timeout=timeout)

    db = quote_identifier(plan.database)
    run(f"CREATE DATABASE {db}")
    existing = {str(row["name"]) for row in run(f"SHOW RETENTION POLICIES ON {db}")}
    for name, duration, default in (
        (plan.raw_policy, plan.raw_retention, " DEFAULT"),
        (plan.long_policy, plan.long_retention, ""),
    ):
        verb = "ALTER" if name in existing else "CREATE"
        replication = "" if verb == "ALTER" else " REPLICATION 1"
        run(
            f"{verb} RETENTION POLICY {quote_identifier(name)} ON {db} DURATION {duration}"
            f"{replication}{default}"
        )
    cqs = {
        str(row["name"])
        for row in run("SHOW CONTINUOUS QUERIES")
        if row.get("measurement") == plan.database
    }
    for name, statement in plan.continuous_queries().items():
        if name in cqs:
            run(f"DROP CONTINUOUS QUERY {quote_identifier(name)} ON {db}")
        run(statement)
    log.info(
        "InfluxDB %s: policies %s (%s, default) and %s (%s), %d continuous queries",
        plan.database,
        plan.raw_policy,
        plan.raw_retention,
        plan.long_policy,
        plan.long_retention,
        len(cqs | set(plan.continuous_queries())),
    )
