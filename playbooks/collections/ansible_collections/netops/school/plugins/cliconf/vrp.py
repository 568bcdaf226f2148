"""Huawei VRP cliconf: configuration in system view, ``save`` with its confirmation."""

from __future__ import annotations

from ansible_collections.netops.school.plugins.plugin_utils.school_cliconf import SchoolCliconf

DOCUMENTATION = """
name: vrp
short_description: Cliconf plugin for Huawei VRP switches (netops)
description:
  - Reads and pushes the configuration of Huawei VRP switches over network_cli.
"""


class Cliconf(SchoolCliconf):
    """VRP: ``save`` asks ``Are you sure to continue?[Y/N]``; secrets print as ``%^%#...%^%#``."""

    NETWORK_OS = "vrp"
    SAVE = ("save", r"\[Y/N\]", "y")
    CIPHER = r"%\^%#.*%\^%#"
    VERSION_RE = r"VRP \(R\) software, Version (\S+)"
