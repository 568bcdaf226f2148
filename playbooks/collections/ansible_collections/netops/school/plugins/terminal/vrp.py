"""Huawei VRP terminal: prompts ``<host>``, ``[host]``, ``[host-GigabitEthernet0/0/1]``."""

from __future__ import annotations

from ansible_collections.netops.school.plugins.plugin_utils.school_terminal import SchoolTerminal

DOCUMENTATION = """
name: vrp
short_description: Terminal plugin for Huawei VRP switches (netops)
description:
  - Prompts, error messages and paging of Huawei VRP 5/8 switches.
"""


class TerminalModule(SchoolTerminal):
    """VRP: ``Error: ...`` messages; paging off for the session only."""

    terminal_stderr_re = SchoolTerminal.errors(rb"Error:\s*\S.*")
    PAGING_OFF = b"screen-length 0 temporary"
