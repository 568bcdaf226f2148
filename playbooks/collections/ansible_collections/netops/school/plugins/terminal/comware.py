"""H3C Comware terminal: prompts ``<host>``, ``[host]``, ``[host-GigabitEthernet1/0/1]``."""

from __future__ import annotations

from ansible_collections.netops.school.plugins.plugin_utils.school_terminal import SchoolTerminal

DOCUMENTATION = """
name: comware
short_description: Terminal plugin for H3C Comware 7 switches (netops)
description:
  - Prompts, error messages and paging of H3C Comware switches.
"""


class TerminalModule(SchoolTerminal):
    """Comware: `` % ...`` messages; paging off for the session only."""

    terminal_stderr_re = SchoolTerminal.errors(rb"^\s*%\s*\S.*")
    PAGING_OFF = b"screen-length disable"
