"""The lab's SNMP view: snmpsim responders serving every simulated device from the lab state.

``write_data`` turns the state into snmprec data files and a plan (which device answers
on which 127.0.0.1 UDP port, in which SNMP version); ``start_agents`` runs the
responders and returns once they answer; ``stop_agents`` stops them. Values that change
(status, speed, duplex, alias, counters, optics, uptime) are read from the state at each
request, so a change is visible within a second without a restart. See docs/lab-snmp.md.
"""

from netops.lab.snmp.agents import start_agents, stop_agents, write_data
from netops.lab.snmp.plan import (
    DeviceAgent,
    ResponderProcess,
    SnmpPlan,
    SnmpVersion,
    V3Credentials,
)

__all__ = [
    "DeviceAgent",
    "ResponderProcess",
    "SnmpPlan",
    "SnmpVersion",
    "V3Credentials",
    "start_agents",
    "stop_agents",
    "write_data",
]
