"""The facts of a port's optical module: powers from the state, the rest stable per port."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from netops.lab.state import PortState

#: Received power when the module sees no light (fiber cut, far end off).
NO_LIGHT_DBM = -40.0


@dataclass(frozen=True)
class Thresholds:
    """Alarm thresholds of a module type: (high, low) per reading."""

    temp: tuple[float, float]
    voltage: tuple[float, float]
    bias: tuple[float, float]
    rx: tuple[float, float]
    tx: tuple[float, float]


@dataclass(frozen=True)
class Module:
    """What the transceiver reports."""

    kind: str
    wavelength_nm: int
    distance_m: int
    serial: str
    temp_c: float
    voltage_v: float
    bias_ma: float
    rx_dbm: float
    tx_dbm: float
    limits: Thresholds


# Single-mode LX/LR modules, the usual school uplink optics (SFP, SFP+, SFP28, QSFP28).
_KINDS = {
    1000: (
        "1000_BASE_LX_SFP",
        Thresholds(temp=(95, -50), voltage=(3.8, 2.81), bias=(80, 3), rx=(-3, -20), tx=(-3, -9.5)),
    ),
    10_000: (
        "10GBASE_LR_SFP",
        Thresholds(
            temp=(75, -5), voltage=(3.63, 2.97), bias=(85, 15), rx=(0.5, -14.4), tx=(0.5, -8.2)
        ),
    ),
    25_000: (
        "25GBASE_LR_SFP",
        Thresholds(temp=(75, -5), voltage=(3.63, 2.97), bias=(85, 15), rx=(2, -14), tx=(2, -7)),
    ),
    100_000: (
        "100GBASE_LR4_QSFP28",
        Thresholds(
            temp=(75, -5), voltage=(3.63, 2.97), bias=(75, 20), rx=(4.5, -10.6), tx=(4.5, -6.5)
        ),
    ),
}


def _fraction(key: str) -> float:
    digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") / 2**32


def module(port: PortState) -> Module | None:
    """The module in the port; None on copper and on an empty fiber cage."""
    if port.medium != "fiber" or (port.rx_dbm is None and port.tx_dbm is None):
        return None
    kind, limits = _KINDS.get(port.max_mbps, _KINDS[1000])
    key = f"{port.hostname}|{port.name}"
    serial = "".join(
        "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"[int(_fraction(key + c) * 34)] for c in "012345678"
    )
    return Module(
        kind=kind,
        wavelength_nm=1310,
        distance_m=10_000,
        serial=f"HA{serial}",
        temp_c=round(28 + 14 * _fraction(key + "temp"), 2),
        voltage_v=round(3.24 + 0.1 * _fraction(key + "volt"), 2),
        bias_ma=round(limits.bias[1] + 6 + 20 * _fraction(key + "bias"), 2),
        rx_dbm=port.rx_dbm if port.rx_dbm is not None else NO_LIGHT_DBM,
        tx_dbm=port.tx_dbm if port.tx_dbm is not None else -2.0,
        limits=limits,
    )
