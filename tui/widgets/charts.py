"""Time-series charts (textual-plotext): an uplink's traffic and its optical power."""

from __future__ import annotations

from datetime import datetime

from textual_plotext import PlotextPlot


def hours_before(now: datetime, times: list[datetime]) -> list[float]:
    """X values: hours relative to now (negative: the past), so the axis needs no dates."""
    return [-(now - t).total_seconds() / 3600 for t in times]


class TrafficChart(PlotextPlot):
    """Uplink in/out in Mb/s over the last hours."""

    def show(self, now: datetime, points: tuple[tuple[datetime, float, float], ...]) -> None:
        """Plot ``(time, in bit/s, out bit/s)`` points."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title("Uplink traffic (Mb/s)")
        plt.xlabel("hours ago")
        if points:
            xs = hours_before(now, [p[0] for p in points])
            plt.plot(xs, [p[1] / 1e6 for p in points], label="in", marker="braille")
            plt.plot(xs, [p[2] / 1e6 for p in points], label="out", marker="braille")
        else:
            plt.title("Uplink traffic: no data")
        self.refresh()


class OpticsChart(PlotextPlot):
    """Uplink optical receive power in dBm, with the module's floor."""

    floor_dbm = -26.0

    def show(self, now: datetime, points: tuple[tuple[datetime, float], ...]) -> None:
        """Plot ``(time, rx dBm)`` points and the floor line."""
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title("Uplink optical rx (dBm)")
        plt.xlabel("hours ago")
        if points:
            xs = hours_before(now, [p[0] for p in points])
            plt.plot(xs, [p[1] for p in points], label="rx", marker="braille")
            plt.horizontal_line(self.floor_dbm, color="red")
        else:
            plt.title("Optical power: no data")
        self.refresh()
