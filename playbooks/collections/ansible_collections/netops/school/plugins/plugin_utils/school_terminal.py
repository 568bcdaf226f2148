"""What the VRP and Comware terminal plugins share: prompts and paging."""

from __future__ import annotations

import re
from typing import ClassVar

from ansible.errors import AnsibleConnectionFailure
from ansible_collections.ansible.netcommon.plugins.plugin_utils.terminal_base import TerminalBase

#: ``<host>``, ``[host]``, ``[host-GigabitEthernet0/0/1]``, ``[host-vlan10]``; not ``[Y/N]``.
PROMPT = re.compile(rb"[\r\n]?[<\[][\w.\-]+(?:-[\w.\-/:]+)?[>\]]\s*$")


class SchoolTerminal(TerminalBase):
    """A VRP-like CLI; a platform sets its error pattern and paging command."""

    terminal_stdout_re: ClassVar[list[re.Pattern[bytes]]] = [PROMPT]
    terminal_stderr_re: ClassVar[list[re.Pattern[bytes]]] = []
    PAGING_OFF = b""

    @staticmethod
    def errors(pattern: bytes) -> list[re.Pattern[bytes]]:
        """The error patterns of a platform (one per line of output)."""
        return [re.compile(pattern, re.M)]

    def on_open_shell(self):
        """Turn paging off for this session."""
        try:
            self._exec_cli_command(self.PAGING_OFF)
        except AnsibleConnectionFailure as exc:
            raise AnsibleConnectionFailure("unable to turn paging off") from exc
