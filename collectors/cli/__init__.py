"""The CLI collector: Huawei VRP and H3C Comware over SSH through netmiko."""

from collectors.cli.collector import CliCollector, CliCredentials, read_config
from collectors.cli.models import ConfigResult, InterfaceConfig, RunningConfig
from collectors.cli.platforms import PLATFORMS, UnknownPlatformError, platform_for

__all__ = [
    "PLATFORMS",
    "CliCollector",
    "CliCredentials",
    "ConfigResult",
    "InterfaceConfig",
    "RunningConfig",
    "UnknownPlatformError",
    "platform_for",
    "read_config",
]
