"""Interface names as the inventory writes them vs as agents report them.

Real agents differ from the inventory in small ways: Huawei S-series agents give the
long name in ifName and ifDescr (``XGigabitEthernet0/0/1``, LibreNMS
tests/snmpsim/vrp_5720.snmprec) while people and CLI outputs write ``GE0/0/1``; CE
switches say ``10GE1/0/1``; H3C writes ``Ten-GigabitEthernet9/0/1`` (comware.snmprec),
Ruijie ``TenGigabitEthernet 0/1`` with a space (ruijie.snmprec). Names are matched
exactly first, then in a canonical form (docs/real-devices.md).
"""

from __future__ import annotations

import re

# Long and short forms of one port type map to one canonical prefix.
_PREFIXES = {
    "fastethernet": "fe",
    "ethernet": "eth",
    "gigabitethernet": "ge",
    "gi": "ge",
    "xgigabitethernet": "xge",
    "ten-gigabitethernet": "xge",
    "tengigabitethernet": "xge",
    "te": "xge",
    "10ge": "xge",  # Huawei CE (VRP 8) names its 10G ports 10GE1/0/1
    "25ge": "25ge",
    "twenty-fivegige": "25ge",
    "40ge": "40ge",
    "fortygige": "40ge",
    "100ge": "100ge",
    "hundredgige": "100ge",
    "eth-trunk": "agg",
    "bridge-aggregation": "agg",
    "route-aggregation": "agg",
    "bagg": "agg",  # Comware's short forms (display interface brief)
    "ragg": "agg",
    "aggregateport": "agg",
    "port-channel": "agg",
    "vlanif": "vlan",
    "vlan-interface": "vlan",
}
_SPLIT = re.compile(r"^([a-z0-9-]*?[a-z-])(\d.*)$")


def canonical(name: str) -> str:
    """A form in which the same port's names from inventory, ifName and ifDescr agree."""
    text = name.replace(" ", "").lower()
    match = _SPLIT.match(text)
    if match is None:
        return text
    prefix, number = match.groups()
    return _PREFIXES.get(prefix, prefix) + number


def match_ports(wanted: list[str], table: dict[int, str]) -> dict[str, int]:
    """Port name -> ifIndex for every wanted name found in an ifName/ifDescr table."""
    by_name = {name: index for index, name in table.items()}
    by_canonical: dict[str, int] = {}
    for if_index, name in table.items():
        by_canonical.setdefault(canonical(name), if_index)
    found = {}
    for name in wanted:
        index: int | None = by_name.get(name)
        if index is None:
            index = by_canonical.get(canonical(name))
        if index is not None:
            found[name] = index
    return found
