"""The bureau's servers school switches use (NTP, syslog) and their SNMP flavour.

The servers are the inventory's (``services:`` of the prefecture file), the same the
inventory plugin hands the playbook as ``netops_bureau``. SNMP's version and v3 user are
netops' settings (they travel to the playbook in ``netops_secrets``).
"""

from __future__ import annotations

from netops.inventory.inventory import Inventory
from netops.provision.intent import Services
from netops.settings import Settings

#: The SNMPv3 user the playbooks create when the settings name none.
DEFAULT_V3_USER = "netops"


def services_for(settings: Settings, inventory: Inventory) -> Services:
    """The services every school switch is set up for (no servers if the inventory has none)."""
    bureau = inventory.prefecture.services
    snmp = settings.snmp
    return Services(
        ntp_servers=tuple(bureau.ntp_servers) if bureau else (),
        syslog_servers=tuple(bureau.syslog_servers) if bureau else (),
        snmp_version=snmp.version,
        snmp_v3_user=snmp.v3_user or DEFAULT_V3_USER,
    )
