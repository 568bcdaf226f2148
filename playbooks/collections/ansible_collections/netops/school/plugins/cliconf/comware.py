"""H3C Comware cliconf: configuration in system view, ``save force``."""

from __future__ import annotations

from ansible_collections.netops.school.plugins.plugin_utils.school_cliconf import SchoolCliconf

DOCUMENTATION = """
name: comware
short_description: Cliconf plugin for H3C Comware switches (netops)
description:
  - Reads and pushes the configuration of H3C Comware 7 switches over network_cli.
"""


class Cliconf(SchoolCliconf):
    """Comware: ``save force`` saves without asking; secrets print as ``$c$3$...``."""

    NETWORK_OS = "comware"
    SAVE = ("save force", None, None)
    CIPHER = r"\$c\$\d\$\S+"
    VERSION_RE = r"Comware Software, Version (\S+)"
