"""The collector plugin kind: a Protocol and a registry filled from entry points.

netops never imports ``collectors/``: a collector is found by name in the entry-point
group ``netops.collectors`` (pyproject.toml), as Nornir finds its plugins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from netops.clock import Clock
from netops.monitoring.results import DevicePoll
from netops.monitoring.targets import PollTarget

ENTRY_POINT_GROUP = "netops.collectors"


@runtime_checkable
class Collector(Protocol):
    """Polls devices; one result per target, never an exception for a device's fault."""

    name: str

    async def poll(self, targets: Sequence[PollTarget]) -> list[DevicePoll]:
        """Poll every target once (concurrently, bounded); results in target order."""
        ...


CollectorFactory = Callable[..., Collector]
_REGISTRY: dict[str, CollectorFactory] = {}


class UnknownCollectorError(LookupError):
    """No collector of that name is registered."""


def register(name: str, factory: CollectorFactory) -> None:
    """Register a collector factory under ``name``.

    Raises:
        ValueError: another factory already has that name.
    """
    if name in _REGISTRY and _REGISTRY[name] is not factory:
        raise ValueError(f"collector {name!r} is already registered")
    _REGISTRY[name] = factory


def _load_entry_points() -> None:
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name not in _REGISTRY:
            register(entry.name, entry.load())


def create(name: str, *, clock: Clock, **options: object) -> Collector:
    """A new collector by name (``snmp``, ``cli``, ...).

    Raises:
        UnknownCollectorError: listing the names that are registered.
    """
    if name not in _REGISTRY:
        _load_entry_points()
    factory = _REGISTRY.get(name)
    if factory is None:
        known = ", ".join(sorted(_REGISTRY)) or "none"
        raise UnknownCollectorError(f"no collector {name!r}; registered: {known}")
    return factory(clock=clock, **options)
