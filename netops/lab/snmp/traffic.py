"""The time-of-day traffic profile and its closed-form integral.

A port's traffic at time t is ``mean_rate * profile(t)``; the profile is piecewise linear
over the local day (China, UTC+8, no daylight saving): busy during teaching hours
08:00-17:30 with a lunch dip, quiet at night, and its mean over a day is exactly 1, so
the state's ``in_bps``/``out_bps`` stay the daily means. Counters are integrals of the
rate, so ``integral(t1) - integral(t0)`` gives the exact amount between two instants:
any GET at any time sees a consistent, monotonic value without keeping history.
"""

from __future__ import annotations

import bisect
import math
from typing import Final

DAY: Final = 86_400.0
#: Seconds to add to a UNIX time to get China's local time of day.
UTC_OFFSET: Final = 8 * 3600.0

#: (local hour, relative traffic level) corners of the profile, before normalisation.
_CORNERS: Final = (
    (0.0, 0.08),
    (7.0, 0.08),
    (8.0, 1.0),
    (11.75, 1.0),
    (12.25, 0.6),
    (13.75, 0.6),
    (14.25, 1.0),
    (17.5, 1.0),
    (19.0, 0.3),
    (22.0, 0.3),
    (23.0, 0.08),
    (24.0, 0.08),
)


def _build() -> tuple[list[float], list[float], list[float]]:
    xs = [h * 3600.0 for h, _ in _CORNERS]
    ys = [level for _, level in _CORNERS]
    raw = sum((ys[i] + ys[i + 1]) / 2 * (xs[i + 1] - xs[i]) for i in range(len(xs) - 1))
    scale = DAY / raw  # normalise: the integral over one day is DAY, i.e. the mean is 1
    ys = [y * scale for y in ys]
    cumulative = [0.0]
    for i in range(len(xs) - 1):
        cumulative.append(cumulative[-1] + (ys[i] + ys[i + 1]) / 2 * (xs[i + 1] - xs[i]))
    return xs, ys, cumulative


_XS, _YS, _CUM = _build()
#: The busiest level of the profile (the peak hour's rate over the daily mean).
PEAK: Final = max(_YS)


def _segment(second: float) -> int:
    return min(bisect.bisect_right(_XS, second) - 1, len(_XS) - 2)


def profile(t: float) -> float:
    """Traffic level at UNIX time ``t`` (1.0 is the daily mean)."""
    second = (t + UTC_OFFSET) % DAY
    i = _segment(second)
    x0, x1, y0, y1 = _XS[i], _XS[i + 1], _YS[i], _YS[i + 1]
    return y0 + (y1 - y0) * (second - x0) / (x1 - x0)


def integral(t: float) -> float:
    """Integral of the profile from the epoch to ``t``, in profile-seconds.

    ``integral(b) - integral(a)`` is what a port with a mean rate of 1 unit/s moves
    between the instants a and b.
    """
    u = t + UTC_OFFSET
    days = math.floor(u / DAY)
    second = u - days * DAY
    i = _segment(second)
    x0, x1, y0, y1 = _XS[i], _XS[i + 1], _YS[i], _YS[i + 1]
    dx = second - x0
    partial = _CUM[i] + y0 * dx + (y1 - y0) * dx * dx / (2 * (x1 - x0))
    return days * DAY + partial
