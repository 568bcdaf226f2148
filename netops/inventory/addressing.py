"""The address and VLAN plan (netaddr): what is free, and the next thing to hand out.

Layout (docs/addressing.md): the prefecture supernet is cut into /16s; the first
is the prefecture's own, county *i* (in prefecture order) owns /16 number *i+1*.
Inside a county /16 the first /24 holds the aggregation switches, school
management /28s come from the rest of the first /18 and terminal subnets, sized
to the school's terminals, from the remaining three quarters.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from ipaddress import IPv4Address, IPv4Network

from netaddr import IPNetwork, IPSet

from netops.inventory.constants import (
    COUNTY_INFRA_PREFIXLEN,
    COUNTY_PREFIXLEN,
    MGMT_POOL_PREFIXLEN,
    SCHOOL_MGMT_PREFIXLEN,
    SCHOOL_TERMINAL_MIN_PREFIXLEN,
    TERMINAL_HEADROOM,
    UPLINK_VLAN_FIRST,
    UPLINK_VLAN_LAST,
)


class PlanExhaustedError(RuntimeError):
    """A pool has no room left for what was asked."""


def county_supernet(prefecture: IPv4Network, index: int) -> IPv4Network:
    """The /16 of the county at ``index`` (0-based, prefecture order)."""
    return list(prefecture.subnets(new_prefix=COUNTY_PREFIXLEN))[index + 1]


def prefecture_infra(prefecture: IPv4Network) -> IPv4Network:
    """The prefecture's own /16 (core switches)."""
    return next(prefecture.subnets(new_prefix=COUNTY_PREFIXLEN))


def county_infra(supernet: IPv4Network) -> IPv4Network:
    """The /24 of a county's aggregation switches."""
    return next(supernet.subnets(new_prefix=COUNTY_INFRA_PREFIXLEN))


def host(subnet: IPv4Network, index: int) -> IPv4Address:
    """The ``index``-th host address of ``subnet`` (1 = first usable)."""
    address = subnet.network_address + index
    if index < 1 or address >= subnet.broadcast_address:
        raise PlanExhaustedError(f"{subnet} has no host number {index}")
    return address


def terminal_prefixlen(terminals: int) -> int:
    """Smallest prefix that holds the gateway, the terminals and the headroom."""
    needed = terminals + TERMINAL_HEADROOM + 3  # network, gateway, broadcast
    return min(SCHOOL_TERMINAL_MIN_PREFIXLEN, 32 - math.ceil(math.log2(needed)))


class CountyPlan:
    """Free subnets and VLANs of one county; never hands out one in use."""

    def __init__(
        self,
        supernet: IPv4Network,
        used_subnets: Iterable[IPv4Network] = (),
        used_vlans: Iterable[int] = (),
    ) -> None:
        county = IPNetwork(str(supernet))
        mgmt_pool = next(county.subnet(MGMT_POOL_PREFIXLEN))
        infra = next(county.subnet(COUNTY_INFRA_PREFIXLEN))
        used = IPSet(str(subnet) for subnet in used_subnets)
        self.supernet = supernet
        self._mgmt_free = IPSet([mgmt_pool]) - IPSet([infra]) - used
        self._terminal_free = IPSet([county]) - IPSet([mgmt_pool]) - used
        self._used_vlans = set(used_vlans)

    def next_mgmt_subnet(self) -> IPv4Network:
        """The lowest free school management subnet."""
        return self._take(self._mgmt_free, SCHOOL_MGMT_PREFIXLEN, "management")

    def next_terminal_subnet(self, terminals: int) -> IPv4Network:
        """The lowest free terminal subnet big enough for ``terminals``."""
        return self._take(self._terminal_free, terminal_prefixlen(terminals), "terminal")

    def next_uplink_vlan(self) -> int:
        """The lowest interconnect VLAN not used in the county."""
        for vlan in range(UPLINK_VLAN_FIRST, UPLINK_VLAN_LAST + 1):
            if vlan not in self._used_vlans:
                self._used_vlans.add(vlan)
                return vlan
        raise PlanExhaustedError(f"no free uplink VLAN left in {self.supernet}")

    def _take(self, free: IPSet, prefixlen: int, pool: str) -> IPv4Network:
        for cidr in free.iter_cidrs():
            if cidr.prefixlen <= prefixlen:
                chosen = next(cidr.subnet(prefixlen))
                free.remove(chosen)
                return IPv4Network(str(chosen))
        raise PlanExhaustedError(f"the {pool} pool of {self.supernet} has no free /{prefixlen}")
