"""The platforms the CLI collector speaks, by inventory platform name."""

from __future__ import annotations

from collectors.cli.base import Platform
from collectors.cli.h3c_comware import H3cComware
from collectors.cli.huawei_vrp import HuaweiVrp

PLATFORMS: dict[str, type[Platform]] = {
    HuaweiVrp.name: HuaweiVrp,
    H3cComware.name: H3cComware,
}


class UnknownPlatformError(LookupError):
    """The CLI collector has no module for a platform."""


def platform_for(name: str) -> Platform:
    """The platform of an inventory platform name.

    Raises:
        UnknownPlatformError: listing the supported platforms.
    """
    cls = PLATFORMS.get(name)
    if cls is None:
        supported = ", ".join(sorted(PLATFORMS))
        raise UnknownPlatformError(f"no CLI support for platform {name!r}; supported: {supported}")
    return cls()
