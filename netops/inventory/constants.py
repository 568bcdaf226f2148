"""Fixed figures of the inventory and of the address plan."""

from __future__ import annotations

from typing import Final

#: Version of the YAML file format; every inventory file carries it.
SCHEMA_VERSION: Final = 1

#: File names inside an inventory directory.
PREFECTURE_FILE: Final = "prefecture.yaml"
COUNTY_FILE: Final = "county.yaml"

# --- Address plan (docs/addressing.md) -------------------------------------
#: Each county owns one /16 of the prefecture supernet, in county order,
#: after the first /16 which is the prefecture's own infrastructure.
COUNTY_PREFIXLEN: Final = 16
#: Inside a county /16: the first /24 is infrastructure (aggregation switches),
#: school management subnets come from the rest of the first /18, and terminal
#: subnets from the upper three quarters.
COUNTY_INFRA_PREFIXLEN: Final = 24
MGMT_POOL_PREFIXLEN: Final = 18
SCHOOL_MGMT_PREFIXLEN: Final = 28
#: Terminal subnets are sized to rooms; never smaller than this.
SCHOOL_TERMINAL_MIN_PREFIXLEN: Final = 27
#: Spare addresses kept in a school's terminal subnet beyond one per terminal.
TERMINAL_HEADROOM: Final = 8

# --- VLAN plan ---------------------------------------------------------------
MGMT_VLAN: Final = 10
TERMINAL_VLAN: Final = 100
#: Interconnect VLANs between a school and its county aggregation switch are
#: unique within a county and come from this range.
UPLINK_VLAN_FIRST: Final = 1001
UPLINK_VLAN_LAST: Final = 3999

# --- Standard ----------------------------------------------------------------
#: "Gigabit to school, 100M to desktop".
SCHOOL_UPLINK_MIN_MBPS: Final = 1000
DESKTOP_MIN_MBPS: Final = 100
