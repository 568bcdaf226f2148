"""Optical power units per vendor MIB, converted to dBm.

Facts (cited in docs/collectors-snmp.md): HUAWEI-ENTITY-EXTENT-MIB V3.05 says 0.01 dBm,
older revisions and some firmware say uW (LibreNMS' vrp discovery converts values >= 0
with uw_to_dbm; Observium reads negative values as 0.01 dBm); both report -1 when the
module cannot measure. H3C hh3cTransceiverCur*Power is 0.01 dBm, 2147483647 = unavailable.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

from collectors.snmp.transport import Value

HuaweiUnit = Literal["auto", "centi-dbm", "uw"]
UNAVAILABLE = {-1, 2147483647, -2147483648}


def centi_dbm(raw: Value) -> float | None:
    """0.01 dBm (H3C, current Huawei) to dBm; None when missing or unavailable."""
    if not isinstance(raw, int) or raw in UNAVAILABLE:
        return None
    return raw / 100


def uw_to_dbm(raw: Value) -> float | None:
    """Microwatts to dBm; 0 uW (no light) has no dBm value, so None."""
    if not isinstance(raw, int) or raw in UNAVAILABLE or raw <= 0:
        return None
    return round(10 * math.log10(raw / 1000), 2)


def huawei_unit(values: Iterable[Value], declared: HuaweiUnit = "auto") -> HuaweiUnit:
    """The unit a Huawei device uses, judged once from all its optic values of a poll.

    Any negative reading (other than -1) can only be 0.01 dBm; a device whose every
    reading is non-negative reports uW (receive power above 0 dBm is implausible on
    access and aggregation optics).
    """
    if declared != "auto":
        return declared
    readings = [v for v in values if isinstance(v, int) and v not in UNAVAILABLE]
    if not readings or any(v < 0 for v in readings):
        return "centi-dbm"
    return "uw"


def huawei_dbm(raw: Value, unit: HuaweiUnit) -> float | None:
    """A Huawei hwEntityOptical*Power value in dBm, given the device's unit."""
    return uw_to_dbm(raw) if unit == "uw" else centi_dbm(raw)
