"""The one module that imports influxdb-client: line protocol and the v2 write API.

Its exceptions (``ApiException``, urllib3's) are translated here into store errors.
"""

# influxdb-client ships partial annotations; its untyped calls stay in this module.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import urllib3
from influxdb_client.client.influxdb_client import InfluxDBClient
from influxdb_client.client.write.point import Point
from influxdb_client.client.write_api import SYNCHRONOUS
from influxdb_client.domain.write_precision import WritePrecision
from influxdb_client.rest import ApiException

from netops.store.errors import StoreUnavailableError
from netops.store.transport import raise_for_write_status

FieldValue = bool | int | float | str
#: ``transport.PRECISION`` in influxdb-client's terms.
_PRECISION: WritePrecision = WritePrecision.S  # type: ignore[assignment]  # a str constant


def to_line(
    measurement: str,
    tags: Mapping[str, str | None],
    fields: Mapping[str, FieldValue | None],
    time: datetime,
) -> str:
    """One line of line protocol ("" when no field has a value).

    None and empty tags, and None fields, are left out; a naive ``time`` is UTC.
    """
    point = Point(measurement)
    for key, value in sorted(tags.items()):
        if value:
            point.tag(key, value)
    for key, field in fields.items():
        if field is not None:
            point.field(key, field)
    stamp = time if time.tzinfo is not None else time.replace(tzinfo=UTC)
    point.time(stamp.astimezone(UTC), _PRECISION)
    return str(point.to_line_protocol())


class V2Writer:
    """Writes through influxdb-client's synchronous WriteApi (``/api/v2/write``).

    For 2.x/3.x give ``token``, ``org``, ``bucket``; for 1.8+ the bucket is
    ``database/retention_policy`` and the token ``user:password``.
    """

    def __init__(
        self,
        url: str,
        bucket: str,
        *,
        org: str = "-",
        token: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self.url = url
        self.bucket = bucket
        self.org = org
        # retries=False: the store's spool is the retry; the client must not block on its own.
        self._client = InfluxDBClient(
            url=url, token=token or "", org=org, timeout=int(timeout * 1000), retries=False
        )
        self._api = self._client.write_api(write_options=SYNCHRONOUS)

    def write(self, lines: list[str]) -> None:
        """Write the lines in one request.

        Raises:
            StoreUnavailableError: no answer, timeout, 5xx, 401/403/404.
            StoreRejectedError: 400/422, the lines are bad.
        """
        if not lines:
            return
        where = f"{self.url}/api/v2/write"
        try:
            self._api.write(
                bucket=self.bucket, org=self.org, record=lines, write_precision=_PRECISION
            )
        except ApiException as err:
            body = err.body if isinstance(err.body, bytes) else str(err.body or "").encode()
            raise_for_write_status(int(err.status or 0), body, where)
            raise StoreUnavailableError(f"{where}: {err.status} {err.reason}") from err
        except (urllib3.exceptions.HTTPError, OSError) as err:
            raise StoreUnavailableError(f"{where}: no answer ({err})") from err

    def close(self) -> None:
        """Release the client's connection pool."""
        self._api.close()
        self._client.close()
