"""Reading YAML fast, and finding the line of a field only when it is needed.

Files are parsed once with libyaml's C loader (the speed baseline). Line numbers
are recovered lazily, by composing the node tree of a file that has errors, so a
valid inventory never pays for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from netops.inventory.errors import InventoryIssue, Loc

try:  # libyaml is the fast path; the pure-Python loader is a correct fallback.
    from yaml import CSafeDumper as SafeDumper
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper, SafeLoader  # type: ignore[assignment]


class YamlSyntaxError(ValueError):
    """A file is not valid YAML; carries the 1-based line of the problem."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


def parse_yaml(text: str) -> Any:
    """Parse one YAML document with the C loader."""
    try:
        return yaml.load(text, Loader=SafeLoader)  # a safe loader
    except yaml.MarkedYAMLError as exc:
        last = max(1, len(text.splitlines()))  # libyaml may point just past the end
        problem, context = (
            None if mark is None else min(mark.line + 1, last)
            for mark in (exc.problem_mark, exc.context_mark)
        )
        where = f" ({exc.context} at line {context})" if exc.context and context else ""
        if exc.problem_mark is not None and exc.problem_mark.line + 1 > last:
            problem = context or problem  # at the end: where the unclosed part began
        raise YamlSyntaxError(f"invalid YAML: {exc.problem or exc}{where}", problem) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(f"invalid YAML: {exc}", None) from exc


def dump_yaml(data: Any) -> str:
    """Dump plain data as block YAML, keys in insertion order, unicode kept."""
    return yaml.dump(data, Dumper=SafeDumper, sort_keys=False, allow_unicode=True, width=100)


def line_of(root: yaml.Node | None, loc: Loc) -> int | None:
    """The 1-based line of the node at ``loc``, or of its nearest existing parent.

    For a key that should not be there (an unknown field) the key's own line is
    returned, since that is what the user must delete.
    """
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        node, line = child
    return line


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node, int] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == part:
                # A scalar value sits on the key's line; a nested block starts there too.
                return value, key.start_mark.line + 1
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and (0 <= part < len(node.value))
    ):
        item = node.value[part]
        return item, item.start_mark.line + 1
    return None


def resolve_lines(issues: list[InventoryIssue]) -> list[InventoryIssue]:
    """Fill in the line of every issue, composing each file at most once."""
    trees: dict[Path, yaml.Node | None] = {}
    resolved = []
    for issue in issues:
        if issue.line is not None:
            resolved.append(issue)
            continue
        if issue.file not in trees:
            trees[issue.file] = _compose(issue.file)
        line = line_of(trees[issue.file], issue.loc)
        resolved.append(InventoryIssue(issue.file, issue.loc, issue.message, line))
    return resolved


def _compose(path: Path) -> yaml.Node | None:
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, yaml.YAMLError):
        return None
