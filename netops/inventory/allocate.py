"""Hand out what a new school in a county needs: id, subnets, VLAN, aggregation port."""

from __future__ import annotations

from collections.abc import Iterable

from netops.inventory.addressing import CountyPlan, PlanExhaustedError
from netops.inventory.builder import Allocation
from netops.inventory.catalog import MODELS
from netops.inventory.choices import Medium
from netops.inventory.models import CountyFile, Endpoint, SchoolFile

#: Faster aggregation ports face the prefecture core, never a school.
DOWNLINK_MAX_MBPS = 25_000


class SchoolAllocator:
    """Allocations for new schools of one county, never reusing what is taken."""

    def __init__(self, county: CountyFile, schools: Iterable[SchoolFile] = ()) -> None:
        existing = list(schools)
        self.county = county
        self.plan = CountyPlan(
            county.supernet,
            used_subnets=[s.addressing.mgmt_subnet for s in existing]
            + [s.addressing.terminal_subnet for s in existing],
            used_vlans=[s.uplink.vlan for s in existing if s.uplink.vlan is not None],
        )
        self._used_ports = {(s.uplink.b.device, s.uplink.b.port) for s in existing}
        self._used_ports |= {(link.a.device, link.a.port) for link in county.uplinks}
        suffixes = (school.id.rsplit("-", 1)[-1] for school in existing)
        numbers = [int(suffix) for suffix in suffixes if suffix.isdigit()]
        self._next_number = max(numbers, default=0) + 1

    def next_school_id(self) -> str:
        """``<county code>-<number>``, one past the highest in use."""
        school_id = f"{self.county.code}-{self._next_number:04d}"
        self._next_number += 1
        return school_id

    def allocate(self, terminals: int) -> Allocation:
        """Subnets sized for ``terminals``, the next uplink VLAN and a free aggregation port.

        Raises:
            PlanExhaustedError: when the county has no room left.
        """
        endpoint = self._next_aggregation_port()
        return Allocation(
            mgmt_subnet=self.plan.next_mgmt_subnet(),
            terminal_subnet=self.plan.next_terminal_subnet(terminals),
            uplink_vlan=self.plan.next_uplink_vlan(),
            aggregation=endpoint,
        )

    def _next_aggregation_port(self) -> Endpoint:
        for device in self.county.aggregation:
            model = MODELS.get(device.model)
            ports = model.ports_of(Medium.FIBER) if model else []
            for port in ports:
                key = (device.hostname, port.name)
                if port.max_mbps <= DOWNLINK_MAX_MBPS and key not in self._used_ports:
                    self._used_ports.add(key)
                    return Endpoint(device=device.hostname, port=port.name)
        raise PlanExhaustedError(
            f"county {self.county.id} has no free aggregation port; add an aggregation switch"
            f" to its county.yaml"
        )
