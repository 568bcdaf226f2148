"""Command grammar: keywords match by unique prefix, errors point at the token, as on VRP/Comware.

A syntax is a line of words: a literal keyword (``display``), a choice of keywords
(``{full|half|auto}``, the chosen word is passed on) or a placeholder: ``<if>`` an
interface name (one token, or type and number as two), ``<vlan>`` 1-4094, ``<n>`` a
number, ``<text>`` the rest of the line as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

#: Resolves an interface from tokens at a position: (full name, tokens used) or None.
InterfaceResolver = Callable[[list[str], int], tuple[str, int] | None]

PLACEHOLDERS = ("<if>", "<vlan>", "<n>", "<text>")


class ErrorKind(StrEnum):
    """What the device says is wrong; both vendors word it the same way."""

    UNRECOGNIZED = "Unrecognized command"
    WRONG_PARAMETER = "Wrong parameter"
    INCOMPLETE = "Incomplete command"
    AMBIGUOUS = "Ambiguous command"
    TOO_MANY = "Too many parameters"


class CliError(Exception):
    """A command line the device refuses; ``column`` is where the caret goes in the input."""

    def __init__(self, kind: ErrorKind, column: int) -> None:
        super().__init__(f"{kind} at column {column}")
        self.kind = kind
        self.column = column


@dataclass(frozen=True)
class Match:
    """A recognised command: the handler's name and its arguments in order."""

    action: str
    args: tuple[str, ...]


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    capture: bool = False  # a word of a choice: the handler gets the word
    action: str | None = None


class Grammar:
    """The commands of one view, as a trie of words."""

    def __init__(self, syntaxes: Iterable[tuple[str, str]]) -> None:
        self._root = _Node()
        for pattern, action in syntaxes:
            self._add(pattern.split(), action)

    def _add(self, words: list[str], action: str) -> None:
        nodes = [self._root]
        for word in words:
            choices = word[1:-1].split("|") if word.startswith("{") else [word]
            nodes = [
                node.children.setdefault(choice, _Node(capture=len(choices) > 1))
                for node in nodes
                for choice in choices
            ]
        for node in nodes:
            node.action = action

    def match(self, line: str, interface: InterfaceResolver) -> Match:
        """The command ``line`` names.

        Raises:
            CliError: unknown, ambiguous, incomplete or bad parameter, with its column.
        """
        spans = [(m.start(), m.group()) for m in re.finditer(r"\S+", line)]
        words = [word for _, word in spans]
        node, args, i = self._root, [], 0
        while i < len(spans):
            column, word = spans[i]
            child = self._literal(node, word, column)
            if child is not None:
                key, node = child
                if node.capture:
                    args.append(key)
                i += 1
                continue
            found = self._placeholder(node, words, i, line, column, interface)
            if found is None:
                raise CliError(self._refusal(node), column)
            value, used, node = found
            args.append(value)
            i += used
        if node.action is None:
            raise CliError(ErrorKind.INCOMPLETE, len(line.rstrip()))
        return Match(node.action, tuple(args))

    def _refusal(self, node: _Node) -> ErrorKind:
        if not node.children:
            return ErrorKind.TOO_MANY
        if node is not self._root and any(k in PLACEHOLDERS for k in node.children):
            return ErrorKind.WRONG_PARAMETER
        return ErrorKind.UNRECOGNIZED

    @staticmethod
    def _literal(node: _Node, word: str, column: int) -> tuple[str, _Node] | None:
        literals = [k for k in node.children if k not in PLACEHOLDERS]
        lowered = word.lower()
        hits = [k for k in literals if k.lower() == lowered] or [
            k for k in literals if k.lower().startswith(lowered)
        ]
        if len(hits) > 1:
            raise CliError(ErrorKind.AMBIGUOUS, column)
        return (hits[0], node.children[hits[0]]) if hits else None

    @staticmethod
    def _placeholder(
        node: _Node,
        words: list[str],
        i: int,
        line: str,
        column: int,
        interface: InterfaceResolver,
    ) -> tuple[str, int, _Node] | None:
        for key in PLACEHOLDERS:
            child = node.children.get(key)
            if child is None:
                continue
            if key == "<text>":
                return line[column:].rstrip(), len(words) - i, child
            if key == "<if>":
                resolved = interface(words, i)
                if resolved is not None:
                    return resolved[0], resolved[1], child
                continue
            if words[i].isdigit() and (key == "<n>" or 1 <= int(words[i]) <= 4094):
                return words[i], 1, child
        return None
