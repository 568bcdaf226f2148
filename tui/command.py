"""``netops tui``: the command the CLI finds through the ``netops.commands`` entry point.

Kept light (Textual is imported only when the command runs), so ``netops --help``
does not pay for the TUI.
"""

from __future__ import annotations

from typing import Annotated

import typer


def command(
    refresh: Annotated[
        float, typer.Option("--refresh", min=0.0, help="Seconds between refreshes (0: never).")
    ] = 5.0,
    stale_after: Annotated[
        float,
        typer.Option(
            "--stale-after", min=1.0, help="Poll intervals after which the data is stale."
        ),
    ] = 3.0,
) -> None:
    """The NOC's live terminal UI: outages, compliance, schools (reads, never polls)."""
    from netops.settings import get_settings  # noqa: PLC0415 (lazy: see the module doc)
    from tui.app import NocApp  # noqa: PLC0415
    from tui.live import LiveSource  # noqa: PLC0415

    source = LiveSource(get_settings())
    try:
        NocApp(source, refresh_s=refresh, stale_after=stale_after).run()
    finally:
        source.close()
