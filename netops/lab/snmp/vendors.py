"""What each vendor's agent says about itself: sysDescr, sysObjectID, MAC, entity indexes.

The formats and enterprise arcs come from real captures and MIBs (docs/lab-snmp.md);
where a model's exact sysObjectID leaf could not be verified, the lab assigns one under
the vendor's real product arc and says so in the doc.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Final

from netops.inventory.choices import Vendor


@dataclass(frozen=True, slots=True)
class Identity:
    """sysDescr and sysObjectID of one device."""

    sys_descr: str
    sys_object_id: str


#: Product arcs (sysObjectID prefixes) seen in real captures.
HUAWEI_SWITCH_ARC: Final = "1.3.6.1.4.1.2011.2.23"
H3C_PRODUCT_ARC: Final = "1.3.6.1.4.1.25506.11.1"
RUIJIE_SWITCH_ARC: Final = "1.3.6.1.4.1.4881.1.1.10.1"
CISCO_PRODUCT_ARC: Final = "1.3.6.1.4.1.9.1"

#: Per-model leaf under the vendor's product arc. Verified: WS-C2960-24TT-L (716,
#: CISCO-PRODUCTS-MIB catalyst296024TT); the others are lab-assigned.
MODEL_LEAF: Final[dict[str, int]] = {
    "CE8850-64CQ-EI": 449,
    "S6730-H48X6C": 536,
    "S5735-S24T4X": 602,
    "S5735-L48T4S-A": 614,
    "S5735-L24T4S-A": 615,
    "S5735-L8T4S-A": 617,
    "S2700-26TP-SI": 229,
    "S6850-56HF": 1695,
    "S5560X-30C-EI": 2446,
    "S5130S-52S-EI": 2470,
    "S5130S-28S-EI": 2471,
    "S5130S-10P-EI": 2473,
    "S3100V2-26TP-EI": 653,
    "RG-S5750-28GT4XS-H": 260,
    "RG-S2910-24GT4XS-E": 301,
    "RG-S2910-48GT4XS-E": 302,
    "RG-S2910-10GT2SFP-UP-H": 311,
    "C9200L-24T-4X": 2694,
    "C9200L-48T-4G": 2697,
    "C9200L-24T-4G": 2695,
    "WS-C2960-24TT-L": 716,
}

#: First three octets of the switches' MAC addresses (IEEE OUIs of each vendor).
OUI: Final[dict[Vendor, bytes]] = {
    Vendor.HUAWEI: bytes.fromhex("00e0fc"),
    Vendor.H3C: bytes.fromhex("000fe2"),
    Vendor.RUIJIE: bytes.fromhex("58696c"),
    Vendor.CISCO: bytes.fromhex("001b54"),
}

#: Huawei entPhysicalIndex of the chassis and of the first port (the real gear numbers
#: entities from 0x4000000 up; ports never share a number with their ifIndex, so a
#: collector has to map through entAliasMappingIdentifier or entPhysicalName).
HUAWEI_CHASSIS_ENT_INDEX: Final = 67_108_867
HUAWEI_FIRST_PORT_ENT_INDEX: Final = 67_174_401


def _huawei(model: str) -> str:
    if model.startswith("CE"):
        return (
            f"Huawei Versatile Routing Platform Software\r\n"
            f"VRP (R) software, Version 8.180 (CE8850EI V200R005C10SPC800)\r\n"
            f"Copyright (C) 2012-2018 Huawei Technologies Co., Ltd.\r\nHUAWEI {model}\r\n"
        )
    if model.startswith("S2700"):
        version, release = "5.70", "S2700 V100R006C05"
    else:
        version, release = "5.170", f"{model.split('-', maxsplit=1)[0]} V200R019C10SPC500"
    return (
        f"{model}\r\nHuawei Versatile Routing Platform Software\r\n"
        f"VRP (R) software, Version {version} ({release})\r\n"
        f"Copyright (C) 2000-2020 HUAWEI TECH Co., Ltd."
    )


def _h3c(model: str) -> str:
    if model.startswith("S3100"):
        return (
            f"H3C Comware Platform Software, Software Version 5.20.99, Release 5103\r\n"
            f"H3C {model}\r\nCopyright (c) 2004-2013 Hangzhou H3C Tech. Co., Ltd. "
            f"All rights reserved."
        )
    return (
        f"H3C Comware Platform Software, Software Version 7.1.070, Release 6348P01\r\n"
        f"H3C {model}\r\nCopyright (c) 2004-2021 New H3C Technologies Co., Ltd. "
        f"All rights reserved."
    )


def _ruijie(model: str) -> str:
    kind = "10G Routing Switch" if "S5750" in model else "Gigabit Access Switch"
    return f"Ruijie {kind}({model.removeprefix('RG-')}) By Ruijie Networks"


def _cisco(model: str) -> str:
    if model.startswith("WS-C2960"):
        return (
            "Cisco IOS Software, C2960 Software (C2960-LANBASEK9-M), Version 15.0(2)SE11, "
            "RELEASE SOFTWARE (fc3)\r\nTechnical Support: http://www.cisco.com/techsupport\r\n"
            "Copyright (c) 1986-2017 by Cisco Systems, Inc.\r\n"
            "Compiled Sat 19-Aug-17 09:34 by prod_rel_team"
        )
    return (
        "Cisco IOS Software [Amsterdam], Catalyst L3 Switch Software (CAT9K_LITE_IOSXE), "
        "Version 17.3.4, RELEASE SOFTWARE (fc3)\r\n"
        "Technical Support: http://www.cisco.com/techsupport\r\n"
        "Copyright (c) 1986-2021 by Cisco Systems, Inc.\r\n"
        "Compiled Fri 20-Aug-21 11:14 by mcpre"
    )


_DESCR = {Vendor.HUAWEI: _huawei, Vendor.H3C: _h3c, Vendor.RUIJIE: _ruijie, Vendor.CISCO: _cisco}
_ARC = {
    Vendor.HUAWEI: HUAWEI_SWITCH_ARC,
    Vendor.H3C: H3C_PRODUCT_ARC,
    Vendor.RUIJIE: RUIJIE_SWITCH_ARC,
    Vendor.CISCO: CISCO_PRODUCT_ARC,
}


def identity(vendor: str, model: str) -> Identity:
    """sysDescr and sysObjectID of a ``vendor`` ``model`` (inventory values)."""
    v = Vendor(vendor)
    leaf = MODEL_LEAF.get(model, 1)
    return Identity(_DESCR[v](model), f"{_ARC[v]}.{leaf}")


def base_mac(vendor: str, hostname: str) -> bytes:
    """A stable system MAC: the vendor's OUI and three octets from the hostname."""
    return OUI[Vendor(vendor)] + hashlib.blake2b(hostname.encode(), digest_size=3).digest()
