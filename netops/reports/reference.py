"""Reference figures printed beside the measured ones, each with its source.

Three kinds: figures the prefecture published (domain.md), national figures of the
Ministry of Education (domain.md), and the figures the synthetic prefecture was
generated from (``netops.inventory.generator`` / ``places``). No per-county figures
were published; the per-county school counts are the generator's (seed) figures.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from netops.inventory.generator import PUBLISHED, GeneratorOptions
from netops.inventory.places import COUNTIES


class Unit(StrEnum):
    """What a figure counts."""

    COUNT = "count"
    SHARE = "share"


class ReferenceFigure(BaseModel):
    """One figure to compare a report with, and where it comes from."""

    model_config = ConfigDict(frozen=True)

    key: str
    """Stable name, e.g. ``published.schools`` or ``seed.county.xingyi.schools``."""
    label: str
    value: float
    unit: Unit
    scope: str
    """``prefecture``, ``national`` or ``county:<id>``."""
    source: str
    year: str


_PREFECTURE_SOURCE = (
    "Qianxinan Prefecture education network, published accounts, 2016-2020 (domain.md)"
)
_NATIONAL_SOURCE = "Ministry of Education of China, national statistics (domain.md)"
_SEED_SOURCE = "netops synthetic prefecture generator, seed 2020 (netops/inventory/places.py)"
_SEED_OPTIONS = GeneratorOptions()


def _prefecture() -> list[ReferenceFigure]:
    def fig(key: str, label: str, value: float, unit: Unit = Unit.COUNT) -> ReferenceFigure:
        return ReferenceFigure(
            key=f"published.{key}",
            label=label,
            value=value,
            unit=unit,
            scope="prefecture",
            source=_PREFECTURE_SOURCE,
            year="2020-03" if key != "schools_2019" else "2016-2019",
        )

    return [
        fig("schools", "Schools (March 2020)", PUBLISHED.schools),
        fig("schools_2019", "Schools of the 2016-2019 build-out", 1668),
        fig("rooms", "Teaching classes and function rooms", PUBLISHED.rooms),
        fig("students", "Students (March 2020)", PUBLISHED.students),
        fig("teachers", "Teachers", 57_000),
        fig("live_classrooms", "Online live classrooms", PUBLISHED.live_classrooms),
        fig("wisdom_campuses", "Schools with wisdom campus services", PUBLISHED.wisdom_campuses),
        fig("pilot_schools", "Pilot schools 2020", PUBLISHED.pilot_schools),
        fig("connected_share", "Network coverage rate (schools connected)", 1.0, Unit.SHARE),
    ]


def _national() -> list[ReferenceFigure]:
    def fig(key: str, label: str, value: float, year: str) -> ReferenceFigure:
        return ReferenceFigure(
            key=f"national.{key}",
            label=label,
            value=value,
            unit=Unit.SHARE,
            scope="national",
            source=_NATIONAL_SOURCE,
            year=year,
        )

    return [
        fig("internet_access_share", "Schools with internet access", 1.0, "2020"),
        fig("bandwidth_100m_share", "Schools with export bandwidth above 100 Mb/s", 0.9992, "2020"),
        fig("multimedia_share", "Schools with multimedia classrooms", 0.9835, "2020"),
        fig("internet_access_share_2023", "Schools with internet access", 1.0, "2023"),
        fig("multimedia_share_2023", "Schools with multimedia classrooms (above)", 0.99, "2023"),
    ]


def _seed() -> list[ReferenceFigure]:
    figures = [
        ReferenceFigure(
            key="seed.gigabit_share",
            label="Schools generated with a gigabit uplink (1 - legacy_uplink_share)",
            value=round(1.0 - _SEED_OPTIONS.legacy_uplink_share, 4),
            unit=Unit.SHARE,
            scope="prefecture",
            source=_SEED_SOURCE,
            year="seed",
        )
    ]
    figures.extend(
        ReferenceFigure(
            key=f"seed.county.{county.id}.schools",
            label=f"Schools of {county.name} (generator target; no published county figure)",
            value=county.schools,
            unit=Unit.COUNT,
            scope=f"county:{county.id}",
            source=_SEED_SOURCE,
            year="seed",
        )
        for county in COUNTIES
    )
    return figures


#: Every reference figure, in a fixed order.
REFERENCE: tuple[ReferenceFigure, ...] = (*_prefecture(), *_national(), *_seed())
_BY_KEY = {figure.key: figure for figure in REFERENCE}


def figure(key: str) -> ReferenceFigure:
    """One reference figure by key.

    Raises:
        KeyError: no such figure.
    """
    return _BY_KEY[key]


def county_schools(county: str) -> int | None:
    """The seed school count of a county (None for a county the generator does not know)."""
    found = _BY_KEY.get(f"seed.county.{county}.schools")
    return int(found.value) if found else None
