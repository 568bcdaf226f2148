"""Settings of polling (a section of :class:`netops.settings.Settings`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, SecretStr

#: SNMPv3 authentication: HMAC-SHA-96 (RFC 3414) or the SHA-2 family (RFC 7860).
SnmpAuthProtocol = Literal["SHA", "SHA224", "SHA256", "SHA384", "SHA512"]


class SnmpSettings(BaseModel):
    """How collectors reach the devices (``NETOPS_SNMP__...``)."""

    targets: Literal["auto", "lab", "inventory"] = Field(
        default="auto",
        description="auto: the running lab when there is one, else the inventory's addresses.",
    )
    version: Literal["v2c", "v3"] = "v2c"
    community: SecretStr = SecretStr("public")
    v3_user: str | None = None
    v3_auth_key: SecretStr | None = None
    v3_priv_key: SecretStr | None = None
    v3_auth_protocol: SnmpAuthProtocol = Field(
        default="SHA",
        description="SNMPv3 authentication: SHA (HMAC-SHA-96) or SHA224/SHA256/SHA384/SHA512"
        " (RFC 7860); privacy is AES-128 either way.",
    )
    timeout_s: float = Field(default=1.0, gt=0)
    retries: int = Field(default=1, ge=0)
    concurrency: int = Field(default=64, ge=1)
    collector: str = Field(default="snmp", description="Collector plugin used by the service.")
    client: Literal["auto", "v3-pysnmp", "pysnmp"] = Field(
        default="auto",
        description="SNMP client: auto (netops' fast codec, v2c and v3), v3-pysnmp (v3 on"
        " pysnmp), pysnmp (everything on pysnmp: slower, for a device the fast path trips on).",
    )
