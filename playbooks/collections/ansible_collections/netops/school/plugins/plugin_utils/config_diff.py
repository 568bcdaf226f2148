"""Which lines of an intended configuration a switch lacks (VRP/Comware style, no Ansible).

A configuration is read as blocks: a line at column 0 opens a block (``interface X``,
``vlan 10``, ``sysname S``); indented lines under it are its children. ``#`` ends a
block, and an indented line outside any block is a global command (Comware prints
global commands indented by one space). ``!`` comments and ``return`` are ignored.

Rules, so that a second run pushes nothing:

- a line is present when the running block holds it (whitespace normalised);
- ``undo X`` is needed only while the running block still holds ``X`` or ``X ...``;
- a line carrying a secret matches a running line with the secret shown as cipher text
  (the device never prints it back) and ``simple``/``cipher`` keywords dropped, unless
  secrets are to be pushed always (``update_secrets=always``, for rotation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MASK = "********"
#: Keywords that only say how a secret is typed or shown.
SECRET_KEYWORDS = ("simple", "cipher", "plain")


@dataclass
class Block:
    """A top-level line and the lines indented under it."""

    line: str
    children: list[str] = field(default_factory=list)


def normal(line: str) -> str:
    """A line with its whitespace collapsed."""
    return " ".join(line.split())


def parse(text: str) -> list[Block]:
    """The blocks of a configuration text."""
    blocks: list[Block] = []
    current: Block | None = None
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped == "return" or stripped.startswith("!"):
            continue
        if stripped.startswith("#"):
            current = None
            continue
        if raw[0].isspace() and current is not None:
            current.children.append(normal(stripped))
        elif raw[0].isspace():
            blocks.append(Block(normal(stripped)))  # a global command, Comware style
        else:
            current = Block(normal(stripped))
            blocks.append(current)
    return blocks


@dataclass(frozen=True)
class Secrets:
    """Secret values in the configuration and how the device shows them."""

    values: tuple[str, ...] = ()
    cipher: str = r"(%\^%#.*%\^%#|\$c\$\d\$\S+)"
    always: bool = False

    def carried_by(self, line: str) -> bool:
        """Whether ``line`` holds one of the secrets."""
        return any(value and value in line.split() for value in self.values)

    def key(self, line: str) -> tuple[str, ...]:
        """``line`` with every secret or cipher text as ``*`` and the secret keywords gone."""
        pattern = re.compile(self.cipher)
        return tuple(
            "*" if word in self.values or pattern.fullmatch(word) else word
            for word in line.split()
            if word not in SECRET_KEYWORDS
        )

    def mask(self, text: str) -> str:
        """``text`` with every secret replaced by ``********``."""
        for value in sorted((v for v in self.values if v), key=len, reverse=True):
            text = text.replace(value, MASK)
        return text


def _present(line: str, pool: list[str], secrets: Secrets) -> bool:
    if line.startswith("undo "):
        positive = line[len("undo ") :]
        return not any(have == positive or have.startswith(positive + " ") for have in pool)
    if secrets.carried_by(line):
        if secrets.always:
            return False
        key = secrets.key(line)
        return any(secrets.key(have) == key for have in pool)
    return line in pool


def missing_lines(candidate: str, running: str, secrets: Secrets | None = None) -> list[str]:
    """The commands to type (children indented by one space) so ``running`` has ``candidate``.

    The order is the candidate's: a block is opened once, with only its missing children.
    """
    secrets = secrets or Secrets()
    top: list[str] = []
    children: dict[str, list[str]] = {}
    for block in parse(running):
        top.append(block.line)
        children.setdefault(block.line, []).extend(block.children)
    commands: list[str] = []
    for block in parse(candidate):
        if not block.children:
            if not _present(block.line, top, secrets):
                commands.append(block.line)
            continue
        pool = children.get(block.line, [])
        needed = [child for child in block.children if not _present(child, pool, secrets)]
        if needed or block.line not in top:
            commands += [block.line, *(f" {child}" for child in needed)]
    return commands


def unsaved(running: str, saved: str) -> bool:
    """Whether the running configuration differs from the saved one (comments ignored)."""
    return parse(running) != parse(saved)
