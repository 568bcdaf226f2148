"""The SNMP collector: v2c and v3 on ``collectors.snmp.fast``, pysnmp (``transport``) on request."""

from collectors.snmp.auto import AutoTransport
from collectors.snmp.collector import SnmpCollector
from collectors.snmp.fake import FakeAgent, FakeTransport
from collectors.snmp.fast import FastTransport
from collectors.snmp.transport import (
    PysnmpTransport,
    SnmpAuthError,
    SnmpError,
    SnmpTimeoutError,
    SnmpTransport,
    Value,
)

__all__ = [
    "AutoTransport",
    "FakeAgent",
    "FakeTransport",
    "FastTransport",
    "PysnmpTransport",
    "SnmpAuthError",
    "SnmpCollector",
    "SnmpError",
    "SnmpTimeoutError",
    "SnmpTransport",
    "Value",
]
