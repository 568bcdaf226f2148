"""The OIDs the lab's SNMP agents serve, and the names of the values computed at run time.

Sources are in docs/lab-snmp.md; every OID here was checked against the MIB text or a
real capture before use.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

# SNMPv2-MIB system group (RFC 3418).
SYS_DESCR: Final = "1.3.6.1.2.1.1.1.0"
SYS_OBJECT_ID: Final = "1.3.6.1.2.1.1.2.0"
SYS_UPTIME: Final = "1.3.6.1.2.1.1.3.0"
SYS_CONTACT: Final = "1.3.6.1.2.1.1.4.0"
SYS_NAME: Final = "1.3.6.1.2.1.1.5.0"
SYS_LOCATION: Final = "1.3.6.1.2.1.1.6.0"
SYS_SERVICES: Final = "1.3.6.1.2.1.1.7.0"

# IF-MIB (RFC 2863).
IF_NUMBER: Final = "1.3.6.1.2.1.2.1.0"
IF_ENTRY: Final = "1.3.6.1.2.1.2.2.1"
IFX_ENTRY: Final = "1.3.6.1.2.1.31.1.1.1"

# EtherLike-MIB (RFC 3635) dot3StatsTable.
DOT3_STATS_ENTRY: Final = "1.3.6.1.2.1.10.7.2.1"

# ENTITY-MIB (RFC 6933): entPhysicalTable and entAliasMappingIdentifier.
ENT_PHYSICAL_ENTRY: Final = "1.3.6.1.2.1.47.1.1.1.1"
ENT_ALIAS_MAPPING_ID: Final = "1.3.6.1.2.1.47.1.3.2.1.2"

# HUAWEI-ENTITY-EXTENT-MIB hwOpticalModuleInfoEntry, INDEX { entPhysicalIndex }.
HW_OPTICAL_ENTRY: Final = "1.3.6.1.4.1.2011.5.25.31.1.1.3.1"
# HH3C-TRANSCEIVER-INFO-MIB hh3cTransceiverInfoEntry, INDEX { ifIndex }.
HH3C_TRANSCEIVER_ENTRY: Final = "1.3.6.1.4.1.25506.2.70.1.1.1"


class Col:
    """Column numbers of the tables above."""

    IF_INDEX = 1
    IF_DESCR = 2
    IF_TYPE = 3
    IF_MTU = 4
    IF_SPEED = 5
    IF_PHYS_ADDRESS = 6
    IF_ADMIN_STATUS = 7
    IF_OPER_STATUS = 8
    IF_LAST_CHANGE = 9
    IF_IN_OCTETS = 10
    IF_IN_DISCARDS = 13
    IF_IN_ERRORS = 14
    IF_OUT_OCTETS = 16
    IF_OUT_DISCARDS = 19
    IF_OUT_ERRORS = 20
    IFX_NAME = 1
    IFX_HC_IN_OCTETS = 6
    IFX_HC_OUT_OCTETS = 10
    IFX_HIGH_SPEED = 15
    IFX_ALIAS = 18
    DOT3_INDEX = 1
    DOT3_DUPLEX_STATUS = 19
    ENT_DESCR = 2
    ENT_CONTAINED_IN = 4
    ENT_CLASS = 5
    ENT_NAME = 7
    HW_RX_POWER = 8
    HW_TX_POWER = 9
    HH3C_TX_POWER = 9
    HH3C_RX_POWER = 12


class Tag:
    """snmprec type tags (the sum of the ASN.1 tag bits, as snmpsim writes them)."""

    INTEGER = "2"
    OCTETS = "4"
    OCTETS_HEX = "4x"
    OID = "6"
    COUNTER32 = "65"
    GAUGE32 = "66"
    TIMETICKS = "67"
    COUNTER64 = "70"


class Field(StrEnum):
    """Values the variation module computes from the lab state at each request."""

    UPTIME = "uptime"
    ADMIN = "admin"
    OPER = "oper"
    LAST_CHANGE = "lastchange"
    SPEED = "speed"
    HIGH_SPEED = "highspeed"
    DUPLEX = "duplex"
    ALIAS = "alias"
    IN_OCTETS = "in_octets"
    OUT_OCTETS = "out_octets"
    HC_IN_OCTETS = "hc_in_octets"
    HC_OUT_OCTETS = "hc_out_octets"
    IN_ERRORS = "in_errors"
    OUT_ERRORS = "out_errors"
    IN_DISCARDS = "in_discards"
    OUT_DISCARDS = "out_discards"
    RX_POWER = "rx_power"
    TX_POWER = "tx_power"


#: Name of the variation module (the file snmpsim execs is ``<this>.py``).
VARIATION_MODULE: Final = "netopslab"

#: IANAifType ethernetCsmacd.
IF_TYPE_ETHERNET: Final = 6
#: entPhysicalClass values.
ENT_CLASS_CHASSIS: Final = 3
ENT_CLASS_PORT: Final = 10
