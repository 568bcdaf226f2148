"""The SNMP collector (pysnmp behind ``collectors.snmp.transport``)."""

from collectors.snmp.collector import SnmpCollector
from collectors.snmp.fake import FakeAgent, FakeTransport
from collectors.snmp.transport import (
    PysnmpTransport,
    SnmpAuthError,
    SnmpError,
    SnmpTimeoutError,
    SnmpTransport,
    Value,
)

__all__ = [
    "FakeAgent",
    "FakeTransport",
    "PysnmpTransport",
    "SnmpAuthError",
    "SnmpCollector",
    "SnmpError",
    "SnmpTimeoutError",
    "SnmpTransport",
    "Value",
]
