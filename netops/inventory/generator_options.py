"""The generator's knobs, apart from the generator.

``netops inventory generate`` shows their defaults in its help, so the command line
imports this light module, not the generator (start-up time).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

#: Schools of the published prefecture (``generator.PUBLISHED`` has every figure).
PUBLISHED_SCHOOLS: Final = 1718


@dataclass(frozen=True)
class GeneratorOptions:
    """Knobs of the generator; the defaults build the published prefecture."""

    seed: int = 2020
    schools: int = PUBLISHED_SCHOOLS
    legacy_uplink_share: float = 0.03
    """Schools whose fiber uplink still runs at 100 Mb/s."""
    legacy_switch_share: float = 0.04
    """Schools whose access ports are 100M Fast Ethernet."""
    legacy_terminal_share: float = 0.02
    """Terminals with an old NIC (10 Mb/s, or 100 Mb/s half duplex)."""
