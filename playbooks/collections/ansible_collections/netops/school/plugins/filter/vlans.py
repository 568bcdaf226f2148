"""netops.school.vlan_list: a VLAN list as VRP and Comware print it (``10 to 12 100``)."""

from __future__ import annotations

DOCUMENTATION = r"""
name: vlan_list
short_description: Print VLAN ids as the switches do (ranges as "A to B")
description:
  - "[10, 11, 12, 100] -> '10 to 12 100'."
positional: _input
options:
  _input:
    description: VLAN ids.
    type: list
    elements: int
    required: true
"""


def vlan_list(ids):
    """[10, 11, 12, 100] -> ``10 to 12 100``."""
    runs = []
    for vlan in sorted({int(v) for v in ids}):
        if runs and vlan == runs[-1][-1] + 1:
            runs[-1].append(vlan)
        else:
            runs.append([vlan])
    return " ".join(str(r[0]) if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs)


class FilterModule:
    """The collection's filters."""

    def filters(self):
        return {"vlan_list": vlan_list}
