"""The OIDs the SNMP collector asks for (numeric: no MIB lookups on the hot path).

Every OID was checked against its MIB text and docs/lab-snmp.md (sources there).
"""

from __future__ import annotations

from typing import Final

SYS_DESCR: Final = "1.3.6.1.2.1.1.1.0"
SYS_OBJECT_ID: Final = "1.3.6.1.2.1.1.2.0"
SYS_UPTIME: Final = "1.3.6.1.2.1.1.3.0"

# IF-MIB (RFC 2863) ifTable and ifXTable columns.
IF_DESCR: Final = "1.3.6.1.2.1.2.2.1.2"
IF_SPEED: Final = "1.3.6.1.2.1.2.2.1.5"  # b/s, saturates at 4294967295
IF_SPEED_SATURATED: Final = 4294967295  # "faster than 32 bits say": read ifHighSpeed
IF_ADMIN_STATUS: Final = "1.3.6.1.2.1.2.2.1.7"
IF_OPER_STATUS: Final = "1.3.6.1.2.1.2.2.1.8"
IF_IN_OCTETS: Final = "1.3.6.1.2.1.2.2.1.10"
IF_IN_DISCARDS: Final = "1.3.6.1.2.1.2.2.1.13"
IF_IN_ERRORS: Final = "1.3.6.1.2.1.2.2.1.14"
IF_OUT_OCTETS: Final = "1.3.6.1.2.1.2.2.1.16"
IF_OUT_DISCARDS: Final = "1.3.6.1.2.1.2.2.1.19"
IF_OUT_ERRORS: Final = "1.3.6.1.2.1.2.2.1.20"
IF_NAME: Final = "1.3.6.1.2.1.31.1.1.1.1"
IF_HC_IN_OCTETS: Final = "1.3.6.1.2.1.31.1.1.1.6"
IF_HC_OUT_OCTETS: Final = "1.3.6.1.2.1.31.1.1.1.10"
IF_HIGH_SPEED: Final = "1.3.6.1.2.1.31.1.1.1.15"  # Mb/s

# EtherLike-MIB (RFC 3635): unknown(1), halfDuplex(2), fullDuplex(3).
DOT3_DUPLEX: Final = "1.3.6.1.2.1.10.7.2.1.19"

# ENTITY-MIB (RFC 6933) entAliasMappingIdentifier.<entPhysicalIndex>.<logical> = ifIndex.N
ENT_ALIAS_MAPPING: Final = "1.3.6.1.2.1.47.1.3.2.1.2"
IF_INDEX_COLUMN: Final = "1.3.6.1.2.1.2.2.1.1"

# HUAWEI-ENTITY-EXTENT-MIB hwOpticalModuleInfoEntry, INDEX entPhysicalIndex.
HW_OPTICAL_RX: Final = "1.3.6.1.4.1.2011.5.25.31.1.1.3.1.8"
HW_OPTICAL_TX: Final = "1.3.6.1.4.1.2011.5.25.31.1.1.3.1.9"
# HH3C-TRANSCEIVER-INFO-MIB hh3cTransceiverInfoEntry, INDEX ifIndex (.10/.11 are max/min TX).
H3C_TRANSCEIVER_TX: Final = "1.3.6.1.4.1.25506.2.70.1.1.1.9"
H3C_TRANSCEIVER_RX: Final = "1.3.6.1.4.1.25506.2.70.1.1.1.12"

# Vendors by enterprise arc of sysObjectID (never by a model leaf).
HUAWEI_ARC: Final = "1.3.6.1.4.1.2011."
H3C_ARC: Final = "1.3.6.1.4.1.25506."

#: Per-port columns of every poll, in PortReading order.
PORT_COLUMNS: Final = (
    IF_ADMIN_STATUS,
    IF_OPER_STATUS,
    IF_HIGH_SPEED,
    DOT3_DUPLEX,
    IF_HC_IN_OCTETS,
    IF_HC_OUT_OCTETS,
    IF_IN_ERRORS,
    IF_OUT_ERRORS,
    IF_IN_DISCARDS,
    IF_OUT_DISCARDS,
)
#: Asked instead of the HC counters and ifHighSpeed on gear without ifXTable columns.
LEGACY_COLUMNS: Final = (IF_IN_OCTETS, IF_OUT_OCTETS, IF_SPEED)
