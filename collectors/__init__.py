"""Collectors: SNMP (pysnmp) and CLI (netmiko) pollers that feed netops."""
