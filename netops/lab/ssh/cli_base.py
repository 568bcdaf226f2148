"""The shell workflow of a VRP/Comware switch: prompt, echo, views, dispatch, paging, errors.

Netmiko's ``BaseConnection`` seen from the device side. Vendor shells subclass
``CliShell`` and change class attributes (wording, short names, commands) and
the ``do_*`` handlers of their commands, as Netmiko's vendor drivers do.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Protocol

from netops.lab.ssh.grammar import CliError, ErrorKind, Grammar, Match
from netops.lab.ssh.interfaces import InterfaceNames
from netops.lab.state import DeviceState, LabState

log = logging.getLogger(__name__)

CTRL_C, CTRL_Z = "\x03", "\x1a"
_PIPE = re.compile(r"^(?P<command>.*?)\s+\|\s+(?P<filter>\S+)\s+(?P<regex>.+)$")


class View(StrEnum):
    """Views: ``<host>`` user, ``[host]`` system, ``[host-IF]`` interface, ``[host-vlan10]``."""

    USER = "user"
    SYSTEM = "system"
    INTERFACE = "interface"
    VLAN = "vlan"


ANY = frozenset(View)
CONFIG = frozenset({View.SYSTEM, View.INTERFACE, View.VLAN})
SYSTEM = frozenset({View.SYSTEM})
IFACE = frozenset({View.INTERFACE})
VLAN = frozenset({View.VLAN})
USER = frozenset({View.USER})


@dataclass(frozen=True)
class Command:
    """A syntax (see ``grammar``), the ``do_<action>`` handler and the views it is valid in."""

    pattern: str
    action: str
    views: frozenset[View] = ANY


class ShellIO(Protocol):
    """The terminal a shell talks to (an SSH channel, or a fake in tests)."""

    async def read(self) -> str:
        """Whatever the client typed since the last read; empty at end of input."""

    def write(self, text: str) -> None:
        """Send text to the client."""


_GRAMMARS: dict[tuple[type[CliShell], View], Grammar] = {}


class SessionEnd(Exception):  # noqa: N818 - control flow, not an error
    """The session is over: ``quit`` in user view, end of input, or the device lost power."""


class CliShell:
    """One CLI session on one simulated device."""

    ERROR: ClassVar[str] = "Error: {kind} found at '^' position."
    SHORT_NAMES: ClassVar[Mapping[str, str]] = {}
    MORE: ClassVar[str] = "  ---- More ----"
    PAGE_LINES: ClassVar[int] = 24  # the default screen-length
    COMMANDS: ClassVar[tuple[Command, ...]] = (
        Command("system-view", "system_view", USER),
        Command("quit", "quit"),
        Command("return", "return", CONFIG),
        Command("interface <if>", "interface", CONFIG),
    )

    def __init__(self, state: LabState, hostname: str, io: ShellIO) -> None:
        self.state = state
        self.hostname = hostname
        self.io = io
        self.view = View.USER
        self.sysname = hostname  # what the prompt shows (``sysname`` changes it)
        self.port = ""  # the interface of the interface view (or the VLAN of the VLAN view)
        self.paging = True
        self.names = InterfaceNames([p.name for p in state.ports(hostname)], self.SHORT_NAMES)
        self.line = ""  # the command being run, for carets in handler errors
        self._pending = ""
        self._echo: list[str] = []
        self._skip_lf = False

    # -- the session -------------------------------------------------------------------

    async def run(self) -> None:
        """Greet, then read and answer command lines until the session ends."""
        try:
            await self._answer_delay()
            self.io.write(self.banner())
            while True:
                self.io.write(self.prompt())
                line = await self.read_line()
                await self._answer_delay()
                await self.emit(await self.answer(line))
        except SessionEnd:
            return

    async def run_command(self, line: str) -> None:
        """Answer one command without prompt or paging (an SSH ``exec`` request)."""
        self.paging = False
        try:
            await self._answer_delay()
            await self.emit(await self.answer(line))
        except SessionEnd:
            return

    async def answer(self, line: str) -> list[str]:
        """The output of one input line (errors included, as the device prints them)."""
        if line == CTRL_Z:
            return await self.do_return() if self.view is not View.USER else []
        self.line = line
        log.debug("%s %s %r", self.hostname, self.prompt(), line)
        try:
            return await self.execute(line)
        except CliError as error:
            return self.error_lines(error, line)

    async def execute(self, line: str) -> list[str]:
        """Run one command line; ``| include/exclude/begin REGEX`` filters display output.

        Raises:
            CliError: the device refuses the line.
        """
        piped = _PIPE.match(line) if line.lstrip().lower().startswith("dis") else None
        command = piped["command"] if piped else line
        if not command.strip():
            return []
        match = self.match(command)
        output: list[str] = await getattr(self, f"do_{match.action}")(*match.args)
        return self._filter(output, piped["filter"], piped["regex"], line) if piped else output

    def match(self, command: str) -> Match:
        """The command in the current view; a system-view command leaves a sub-view first.

        Raises:
            CliError: the device refuses the line.
        """
        try:
            return self.grammar(self.view).match(command, self.resolve_interface)
        except CliError:
            if self.view in (View.USER, View.SYSTEM):
                raise
            try:
                found = self.grammar(View.SYSTEM).match(command, self.resolve_interface)
            except CliError:
                pass
            else:
                # As on the devices: the command runs in system view, which the session stays in.
                self.view = View.SYSTEM
                return found
            raise

    def resolve_interface(self, words: list[str], i: int) -> tuple[str, int] | None:
        """The interface named at ``words[i]`` (physical ports; shells add logical ones)."""
        return self.names.resolve(words, i)

    @classmethod
    def grammar(cls, view: View) -> Grammar:
        """The commands valid in ``view`` (built once per shell class and view)."""
        key = (cls, view)
        if key not in _GRAMMARS:
            _GRAMMARS[key] = Grammar((c.pattern, c.action) for c in cls.COMMANDS if view in c.views)
        return _GRAMMARS[key]

    def prompt(self) -> str:
        """``<host>``, ``[host]`` or ``[host-GigabitEthernet0/0/1]``."""
        if self.view is View.USER:
            return f"<{self.sysname}>"
        views = {View.INTERFACE: f"-{self.port}", View.VLAN: f"-vlan{self.port}"}
        suffix = views.get(self.view, "")
        return f"[{self.sysname}{suffix}]"

    def banner(self) -> str:
        """What the device prints after login, before the first prompt."""
        return "\r\n"

    def error_lines(self, error: CliError, line: str) -> list[str]:
        """A caret under the offending column of the echoed line, then the message."""
        caret = " " * (len(self.prompt()) + error.column) + "^"
        return [caret, self.ERROR.format(kind=error.kind.value)]

    def device(self) -> DeviceState:
        """The device's current state.

        Raises:
            SessionEnd: the device is gone or powered off.
        """
        try:
            device = self.state.device(self.hostname)
        except KeyError:
            raise SessionEnd from None
        if not device.powered:
            raise SessionEnd
        return device

    async def _answer_delay(self) -> None:
        # The slow fault: every answer comes slow_ms late (the state says "answer delay").
        delay = self.device().slow_ms
        if delay > 0:
            await asyncio.sleep(delay / 1000)

    # -- terminal input ----------------------------------------------------------------

    async def _next_char(self) -> str:
        if not self._pending:
            self._flush_echo()
            self._pending = await self.io.read()
            if not self._pending:
                raise SessionEnd
        char, self._pending = self._pending[0], self._pending[1:]
        return char

    def _flush_echo(self) -> None:
        # One write per burst of input, not per character: fewer SSH packets.
        if self._echo:
            self.io.write("".join(self._echo))
            self._echo.clear()

    async def read_line(self) -> str:
        """One input line, echoed as typed; Enter echoes CRLF (CR, LF and CRLF all end a line)."""
        typed: list[str] = []
        while True:
            char = await self._next_char()
            if self._skip_lf:
                self._skip_lf = False
                if char == "\n":
                    continue
            if char in "\r\n" or char in (CTRL_Z, CTRL_C):
                self._skip_lf = char == "\r"
                self._echo.append("\r\n")
                self._flush_echo()
                return {CTRL_Z: CTRL_Z, CTRL_C: ""}.get(char, "".join(typed))
            if char in "\x08\x7f":
                if typed:
                    typed.pop()
                    self._echo.append("\b \b")
            elif char >= " ":
                typed.append(char)
                self._echo.append(char)

    async def ask(self, question: str) -> str:
        """Print a question (no newline) and read the answer line."""
        self.io.write(question)
        return (await self.read_line()).strip()

    # -- output ------------------------------------------------------------------------

    async def emit(self, lines: list[str]) -> None:
        """Write output lines; with paging on, stop every screen at ``---- More ----``."""
        size = len(lines) if not self.paging else self.PAGE_LINES
        start = 0
        while start < len(lines):
            self.io.write("".join(f"{text}\r\n" for text in lines[start : start + size]))
            start += size
            if start >= len(lines):
                return
            self.io.write(self.MORE)
            key = await self._next_char()
            # Erase the More prompt the way the device does: back, blank, back.
            width = len(self.MORE)
            self.io.write(f"\x1b[{width}D{' ' * width}\x1b[{width}D")
            if key in ("q", "Q", CTRL_C):
                return
            self._skip_lf = key == "\r"
            size = 1 if key in "\r\n" else self.PAGE_LINES

    def _filter(self, output: list[str], how: str, regex: str, line: str) -> list[str]:
        kinds = [k for k in ("begin", "exclude", "include") if k.startswith(how.lower())]
        if len(kinds) != 1:
            raise CliError(ErrorKind.UNRECOGNIZED, line.rfind(how))
        try:
            pattern = re.compile(regex)
        except re.error:
            pattern = re.compile(re.escape(regex))
        if kinds[0] == "begin":
            hits = [i for i, text in enumerate(output) if pattern.search(text)]
            return output[hits[0] :] if hits else []
        keep = kinds[0] == "include"
        return [text for text in output if bool(pattern.search(text)) is keep]

    # -- views -------------------------------------------------------------------------

    async def do_system_view(self) -> list[str]:
        """Enter system view."""
        self.view = View.SYSTEM
        return [self.system_view_info()]

    def system_view_info(self) -> str:
        """The line printed on entering system view."""
        return "Enter system view, return user view with Ctrl+Z."

    async def do_quit(self) -> list[str]:
        """Up one view; in user view, log out."""
        if self.view is View.USER:
            raise SessionEnd
        self.view = View.USER if self.view is View.SYSTEM else View.SYSTEM
        return []

    async def do_return(self) -> list[str]:
        """Back to user view."""
        self.view = View.USER
        return []

    async def do_interface(self, name: str) -> list[str]:
        """Enter the view of one interface."""
        self.view, self.port = View.INTERFACE, name
        return []
