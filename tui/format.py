"""How values read on screen: times in the prefecture's zone, ages, rates, buckets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from rich.text import Text

from tui.models import BUCKET_LABELS, COMPLIANT, NON_COMPLIANT

#: The prefecture's clock (China Standard Time, no daylight saving).
PREFECTURE_TZ = timezone(timedelta(hours=8), "CST")

#: Rich styles of the three buckets (cells cannot take CSS classes).
BUCKET_STYLES = {COMPLIANT: "green", NON_COMPLIANT: "bold red"}
NOT_MONITORED_STYLE = "yellow"


def local(moment: datetime | None) -> str:
    """``2020-03-02 09:41`` in prefecture time, or an em dash."""
    if moment is None:
        return "—"
    return moment.astimezone(PREFECTURE_TZ).strftime("%Y-%m-%d %H:%M")


def age(delta: timedelta) -> str:
    """``45s``, ``47m``, ``2h13m``, ``3d4h``: how long ago, shortest first."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return f"{seconds}s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes}m"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours}h{minutes:02d}m"
    days, hours = divmod(hours, 24)
    return f"{days}d{hours}h"


def rate(bps: float) -> str:
    """``870 Mb/s``, ``12.5 Mb/s``, ``640 kb/s``."""
    if bps >= 1e9:
        return f"{bps / 1e9:.2f} Gb/s"
    if bps >= 1e8:
        return f"{bps / 1e6:.0f} Mb/s"
    if bps >= 1e6:
        return f"{bps / 1e6:.1f} Mb/s"
    return f"{bps / 1e3:.0f} kb/s"


def bucket(value: str) -> Text:
    """The bucket's words in its colour."""
    return Text(
        BUCKET_LABELS.get(value, value), style=BUCKET_STYLES.get(value, NOT_MONITORED_STYLE)
    )


def number(value: int, style: str = "") -> Text:
    """A right-aligned count with thousands separators, styled when not zero."""
    return Text(f"{value:,}", style=style if value else "dim", justify="right")


def flag(value: bool | None, yes: str = "up", no: str = "down") -> Text:
    """Up/down (or any pair) in green/red; unknown in yellow."""
    if value is None:
        return Text("?", style=NOT_MONITORED_STYLE)
    return Text(yes, style="green") if value else Text(no, style="bold red")


#: Long interface names as engineers abbreviate them (longest first).
_PORT_SHORT = (
    ("TwentyFiveGigE", "Twe"),
    ("TenGigabitEthernet", "Te"),
    ("XGigabitEthernet", "XGE"),
    ("GigabitEthernet", "Gi"),
    ("FastEthernet", "Fa"),
    ("Ten-GigabitEthernet", "XGE"),
)


def short_port(text: str) -> str:
    """``sw01:GigabitEthernet1/0/9`` -> ``sw01:Gi1/0/9`` (also without a device)."""
    for long, short in _PORT_SHORT:
        text = text.replace(long + " ", short).replace(long, short)
    return text


def when(moment: datetime, now: datetime) -> str:
    """``09:37`` today (prefecture time), ``03-01 09:37`` on another day."""
    here, today = moment.astimezone(PREFECTURE_TZ), now.astimezone(PREFECTURE_TZ)
    return here.strftime("%H:%M" if here.date() == today.date() else "%m-%d %H:%M")
