"""School: uplink charts, rooms and their ports, open outages, last audit."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Label

from tui.format import age, bucket, flag, local, number, short_port, when
from tui.models import NocSnapshot, SchoolDetail
from tui.screens.base import NocScreen
from tui.widgets.charts import OpticsChart, TrafficChart
from tui.widgets.kept_table import KeptTable, Row

PORT_COLUMNS = (
    ("Room", 16),
    ("Terminal", 15),
    ("Switch", 17),
    ("Port", 20),
    ("Status", 6),
    ("Speed", 9),
    ("Duplex", 6),
    ("Bucket", 13),
)
OUTAGE_COLUMNS = (
    ("Root cause", 24),
    ("Kind", 12),
    ("Since", 11),
    ("For", 14),
    ("Classrooms", 10),
    ("Students", 9),
)


class SchoolScreen(NocScreen):
    """One school, pushed over the screen it was opened from (Escape goes back)."""

    TITLE_TEXT = "School"
    AUTO_FOCUS = "#ports"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back")]

    def __init__(self, school_id: str) -> None:
        super().__init__()
        self.school_id = school_id
        self.detail: SchoolDetail | None = None

    def body(self) -> ComposeResult:
        """Summary, charts, ports, outages."""
        yield Label("Loading…", id="school-title")
        yield Label("", id="school-audit")
        with Horizontal(id="charts"):
            yield TrafficChart(id="traffic")
            yield OpticsChart(id="optics")
        yield KeptTable(id="ports")
        yield Label("", id="school-outages-title")
        yield KeptTable(id="school-outages", classes="small")

    def on_mount(self) -> None:
        """Columns, then load."""
        self.query_one("#ports", KeptTable).set_columns(PORT_COLUMNS)
        self.query_one("#school-outages", KeptTable).set_columns(OUTAGE_COLUMNS)
        super().on_mount()
        self.load()

    def draw(self, snapshot: NocSnapshot) -> None:
        """Every refresh: load the school again (in a thread)."""
        self.load()

    @work(thread=True, exclusive=True, group="school")
    def load(self) -> None:
        """Read the school's detail in a thread, then show it."""
        detail = self.noc.source.school(self.school_id)
        self.app.call_from_thread(self.show, detail)

    def show(self, detail: SchoolDetail | None) -> None:
        """Show the detail (UI thread)."""
        title = self.query_one("#school-title", Label)
        if detail is None:
            title.update(f"[red]unknown school {self.school_id!r}[/red]")
            return
        self.detail = detail
        info = detail.info
        self.sub_title = f"School · {info.name}"
        uplink = Text.assemble(
            (f"{info.name}", "bold"),
            f" ({info.id}) · {detail.county_name} · {info.type.replace('_', ' ')} · "
            f"{info.students:,} students · {info.rooms} rooms\nuplink {info.uplink_device} "
            f"{info.uplink_port} ",
            flag(detail.uplink_up),
            f" {detail.uplink_speed_mbps or '?'} Mb/s of {info.uplink_mbps}",
            f" · rx {detail.uplink_rx_dbm:.1f} dBm" if detail.uplink_rx_dbm is not None else "",
        )
        title.update(uplink)
        audit = Text.assemble(
            f"audit {local(detail.audit_time)}: ",
            bucket(detail.bucket),
            (" · " + "; ".join(detail.findings)) if detail.findings else "",
            (" · warnings: " + ", ".join(detail.warnings), "yellow") if detail.warnings else "",
        )
        self.query_one("#school-audit", Label).update(audit)
        now = self.noc.clock.now()
        self.query_one(TrafficChart).show(now, detail.traffic)
        self.query_one(OpticsChart).show(now, detail.optics)
        self.query_one("#ports", KeptTable).show_rows(self._ports(detail))
        self._outages(detail)

    @staticmethod
    def _ports(detail: SchoolDetail) -> list[Row]:
        rows: list[Row] = []
        for p in detail.ports:
            speed = f"{p.speed_mbps} Mb/s" if p.speed_mbps else "—"
            rows.append(
                (
                    p.terminal,
                    [
                        p.room_name or p.room,
                        p.terminal,
                        p.device,
                        p.port,
                        flag(p.oper_up),
                        Text(speed, style="red" if p.speed_mbps and p.speed_mbps < 100 else ""),
                        Text(p.duplex or "—", style="red" if p.duplex == "half" else ""),
                        bucket(p.bucket),
                    ],
                )
            )
        return rows

    def _outages(self, detail: SchoolDetail) -> None:
        now = self.noc.clock.now()
        open_ = [o for o in detail.outages if o.is_open]
        self.query_one("#school-outages-title", Label).update(
            f"Outages: {len(open_)} open, {len(detail.outages) - len(open_)} closed"
        )
        rows: list[Row] = [
            (
                o.id,
                [
                    Text(short_port(o.root), style="bold red" if o.is_open else "dim"),
                    o.kind.replace("_", " "),
                    when(o.started, now),
                    age((o.ended or now) - o.started) + ("" if o.is_open else " (closed)"),
                    number(o.classrooms),
                    number(o.students),
                ],
            )
            for o in detail.outages
        ]
        self.query_one("#school-outages", KeptTable).show_rows(rows)
