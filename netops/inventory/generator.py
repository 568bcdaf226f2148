"""A deterministic synthetic Qianxinan prefecture that reproduces the published figures.

``generate(options)`` gives the same files for the same options, byte for byte:
every random choice comes from one ``random.Random(seed)`` drawn in a fixed order.
With ``schools=1718`` (the default) the totals equal the published ones
(domain.md); a smaller ``schools`` scales every target, for tests and labs.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv4Network

from netops.inventory.addressing import county_infra, county_supernet, host, prefecture_infra
from netops.inventory.allocate import SchoolAllocator
from netops.inventory.builder import SchoolSpec, build_school
from netops.inventory.catalog import MODELS
from netops.inventory.choices import (
    PLATFORM_OF_VENDOR,
    Duplex,
    Medium,
    Role,
    SchoolType,
    Vendor,
)
from netops.inventory.constants import SCHEMA_VERSION
from netops.inventory.generator_options import PUBLISHED_SCHOOLS
from netops.inventory.generator_options import GeneratorOptions as GeneratorOptions  # noqa: PLC0414 (re-export)
from netops.inventory.models import (
    BureauServices,
    CountyFile,
    Device,
    Endpoint,
    Link,
    PrefectureFile,
    PublishedFigures,
    SchoolFile,
    SchoolFlags,
)
from netops.inventory.places import COUNTIES, VILLAGE_SYLLABLES, CountyInfo
from netops.inventory.school_rooms import room_specs

#: Published figures of the prefecture (domain.md), reproduced exactly at full size.
PUBLISHED = PublishedFigures(
    schools=PUBLISHED_SCHOOLS,
    rooms=10663,
    live_classrooms=108,
    wisdom_campuses=329,
    pilot_schools=20,
    students=979_768,
)
PREFECTURE_SUPERNET = IPv4Network("10.64.0.0/12")
FLAGSHIP = "Xingyi No. 1 Middle School"

#: Rooms per school type: (fewest, most). Flagship county middle schools get 60-90.
ROOM_RANGE: dict[SchoolType, tuple[int, int]] = {
    SchoolType.TEACHING_POINT: (1, 3),
    SchoolType.KINDERGARTEN: (2, 6),
    SchoolType.PRIMARY: (3, 9),
    SchoolType.NINE_YEAR: (6, 18),
    SchoolType.JUNIOR_MIDDLE: (8, 20),
    SchoolType.SENIOR_HIGH: (30, 56),
    SchoolType.VOCATIONAL: (10, 30),
}
FLAGSHIP_ROOMS = (60, 90)
#: The bureau's servers, in the prefecture infrastructure /16 beside the core switch.
BUREAU_SERVICES = BureauServices(
    ntp_servers=[IPv4Address("10.64.0.10"), IPv4Address("10.64.0.11")],
    syslog_servers=[IPv4Address("10.64.0.20")],
    dns_servers=[IPv4Address("10.64.0.53"), IPv4Address("10.64.0.54")],
    dns_search="edu.qxn",
    proxy="http://10.64.0.30:3128",
    no_proxy=["localhost", "127.0.0.1", "10.64.0.0/12", "edu.qxn"],
    monitoring_collector="10.64.0.40:8428",
    snmp_contact="noc@edu.qxn",
)

#: Relative students per room; scaled so the total matches the published figure.
DENSITY: dict[SchoolType, int] = {
    SchoolType.TEACHING_POINT: 20,
    SchoolType.KINDERGARTEN: 30,
    SchoolType.PRIMARY: 45,
    SchoolType.NINE_YEAR: 50,
    SchoolType.JUNIOR_MIDDLE: 55,
    SchoolType.SENIOR_HIGH: 60,
    SchoolType.VOCATIONAL: 45,
}
#: Mix of basic school types besides teaching points (whose share is per county).
BASIC_MIX: dict[SchoolType, float] = {
    SchoolType.KINDERGARTEN: 0.22,
    SchoolType.PRIMARY: 0.58,
    SchoolType.NINE_YEAR: 0.07,
    SchoolType.JUNIOR_MIDDLE: 0.13,
}
VENDOR_MIX: dict[Vendor, float] = {
    Vendor.HUAWEI: 0.45,
    Vendor.H3C: 0.30,
    Vendor.RUIJIE: 0.18,
    Vendor.CISCO: 0.07,
}
AGGREGATION_MODEL = {Vendor.HUAWEI: "S6730-H48X6C", Vendor.H3C: "S6850-56HF"}
CORE_MODEL = "CE8850-64CQ-EI"
#: Spare aggregation ports kept for schools added later.
AGGREGATION_HEADROOM = 1.25


@dataclass
class Draft:
    """A school before addresses are handed out."""

    county: CountyInfo
    type: SchoolType
    name: str
    name_zh: str
    rooms: int
    flagship: bool = False
    students: int = 0
    flags: dict[str, bool] = field(default_factory=dict)
    vendor: Vendor = Vendor.HUAWEI
    legacy_uplink: bool = False
    legacy_switch: bool = False


@dataclass(frozen=True)
class Prefecture:
    """Everything the generator produces, as validated models."""

    prefecture: PrefectureFile
    counties: list[CountyFile]
    schools: list[SchoolFile]


def scaled(total: int, weights: Sequence[float], minimum: int = 0) -> list[int]:
    """Split ``total`` in proportion to ``weights`` exactly (largest remainder)."""
    wsum = sum(weights)
    raw = [total * w / wsum for w in weights]
    parts = [max(minimum, math.floor(r)) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    i = 0
    while sum(parts) < total:
        parts[order[i % len(order)]] += 1
        i += 1
    return parts


def generate(options: GeneratorOptions | None = None) -> Prefecture:
    """Build the prefecture for ``options``."""
    options = options or GeneratorOptions()
    rng = random.Random(options.seed)
    ratio = options.schools / PUBLISHED.schools
    counts = scaled(options.schools, [c.schools for c in COUNTIES], minimum=1)
    drafts = [
        d
        for info, n in zip(COUNTIES, counts, strict=True)
        for d in _draft_county(rng, info, n, ratio)
    ]
    _fit_rooms(rng, drafts, round(PUBLISHED.rooms * ratio))
    _choose_flags(rng, drafts, ratio)
    _fit_students(rng, drafts, round(PUBLISHED.students * ratio))
    _choose_gear(rng, drafts, options)
    core = Device(
        hostname="qxn-core01",
        role=Role.PREFECTURE_CORE,
        vendor=Vendor.HUAWEI,
        platform=PLATFORM_OF_VENDOR[Vendor.HUAWEI],
        model=CORE_MODEL,
        mgmt_ip=host(prefecture_infra(PREFECTURE_SUPERNET), 1),
    )
    counties = _counties(core, counts)
    prefecture = PrefectureFile(
        schema_version=SCHEMA_VERSION,
        id="qianxinan",
        name="Qianxinan Buyi and Miao Autonomous Prefecture",
        name_zh="黔西南布依族苗族自治州",
        supernet=PREFECTURE_SUPERNET,
        counties=[c.id for c in counties],
        core=[core],
        published=PUBLISHED if options.schools == PUBLISHED.schools else None,
        services=BUREAU_SERVICES,
    )
    schools = _build_schools(rng, drafts, counties, options)
    return Prefecture(prefecture, counties, schools)


def _draft_county(rng: random.Random, info: CountyInfo, count: int, ratio: float) -> list[Draft]:
    # Xingyi always has its No. 1 Middle School (the pilot flagship), at any scale.
    seniors = max(int(info.id == "xingyi"), round(info.senior_highs * ratio))
    vocational = (2 if info.schools > 300 else 1) if count >= 40 else 0
    drafts = []
    for n in range(1, seniors + 1):
        ordinal = f"No. {n}"
        drafts.append(
            Draft(
                info,
                SchoolType.SENIOR_HIGH,
                f"{info.name.rsplit(' ', 1)[0]} {ordinal} Middle School",
                f"{info.name_zh}第{'一二三四五六七八九十'[n - 1]}中学",
                0,
                flagship=n <= (3 if info.schools > 300 else 1) and count >= 20,
            )
        )
    for n in range(1, vocational + 1):
        drafts.append(
            Draft(
                info,
                SchoolType.VOCATIONAL,
                f"{info.name.rsplit(' ', 1)[0]} Vocational School No. {n}",
                f"{info.name_zh}第{'一二'[n - 1]}中等职业学校",
                0,
            )
        )
    mix = {SchoolType.TEACHING_POINT: info.rural}
    mix |= {t: w * (1 - info.rural) for t, w in BASIC_MIX.items()}
    seen: dict[str, int] = {}
    for _ in range(max(0, count - len(drafts))):
        kind = rng.choices(list(mix), weights=list(mix.values()))[0]
        town, town_zh = rng.choice(info.towns)
        name, name_zh = _basic_name(rng, kind, town, town_zh, seen)
        drafts.append(Draft(info, kind, name, name_zh, 0))
    return drafts[:count]


_BASIC_NAMES = {
    SchoolType.TEACHING_POINT: ("{v} Village Teaching Point", "{v}村教学点"),
    SchoolType.KINDERGARTEN: ("{t} {v} Kindergarten", "{t}{v}幼儿园"),
    SchoolType.PRIMARY: ("{t} {v} Primary School", "{t}{v}小学"),
    SchoolType.NINE_YEAR: ("{t} {v} Nine-Year School", "{t}{v}九年制学校"),
    SchoolType.JUNIOR_MIDDLE: ("{t} {v} Middle School", "{t}{v}中学"),
}


def _basic_name(
    rng: random.Random, kind: SchoolType, town: str, town_zh: str, seen: dict[str, int]
) -> tuple[str, str]:
    (a, a_zh), (b, b_zh) = rng.sample(VILLAGE_SYLLABLES, 2)
    village, village_zh = a + b.lower(), a_zh + b_zh
    if kind is SchoolType.TEACHING_POINT:
        village = f"{town} {village}"
        village_zh = town_zh + village_zh
    en, zh = _BASIC_NAMES[kind]
    name, name_zh = en.format(t=town, v=village), zh.format(t=town_zh, v=village_zh)
    seen[name] = seen.get(name, 0) + 1
    if seen[name] > 1:  # two villages drew the same syllables
        name, name_zh = f"{name} ({seen[name]})", f"{name_zh}（{seen[name]}）"
    return name, name_zh


def _fit_rooms(rng: random.Random, drafts: list[Draft], target: int) -> None:
    """Draw rooms per school, then nudge schools within their range to hit ``target``."""
    for d in drafts:
        lo, hi = FLAGSHIP_ROOMS if d.flagship else ROOM_RANGE[d.type]
        d.rooms = rng.randint(lo, hi)
    adjustable = [d for d in drafts if not d.flagship and d.type is not SchoolType.TEACHING_POINT]
    diff = target - sum(d.rooms for d in drafts)
    moved = True
    while diff and moved:  # stops when no school can move further: no endless loop
        moved = False
        for d in rng.sample(adjustable, len(adjustable)):
            lo, hi = ROOM_RANGE[d.type]
            step = 1 if diff > 0 else -1
            if diff and lo <= d.rooms + step <= hi * 2:
                d.rooms += step
                diff -= step
                moved = True


def _pick(rng: random.Random, pool: list[Draft], count: int) -> list[Draft]:
    """``count`` distinct drafts, larger schools more likely (weighted by rooms)."""
    pool = list(pool)
    chosen: list[Draft] = []
    while pool and len(chosen) < count:
        d = rng.choices(pool, weights=[p.rooms for p in pool])[0]
        pool.remove(d)
        chosen.append(d)
    return chosen


def _choose_flags(rng: random.Random, drafts: list[Draft], ratio: float) -> None:
    flagship = next(d for d in drafts if d.name == FLAGSHIP)
    large = [
        d for d in drafts if d.type not in (SchoolType.TEACHING_POINT, SchoolType.KINDERGARTEN)
    ]
    pilots = [
        flagship,
        *_pick(
            rng,
            [d for d in large if d is not flagship],
            max(0, round(PUBLISHED.pilot_schools * ratio) - 1),
        ),
    ]
    live = _pick(
        rng, [d for d in large if d.rooms >= 4], max(1, round(PUBLISHED.live_classrooms * ratio))
    )
    wisdom_target = max(1, round(PUBLISHED.wisdom_campuses * ratio))
    wisdom = pilots + _pick(rng, [d for d in large if d not in pilots], wisdom_target - len(pilots))
    for d in drafts:
        d.flags = {"live_classroom": d in live, "wisdom_campus": d in wisdom, "pilot": d in pilots}


def _fit_students(rng: random.Random, drafts: list[Draft], target: int) -> None:
    weights = [d.rooms * DENSITY[d.type] * rng.uniform(0.8, 1.2) for d in drafts]
    for d, students in zip(drafts, scaled(target, weights), strict=True):
        d.students = students


def _choose_gear(rng: random.Random, drafts: list[Draft], options: GeneratorOptions) -> None:
    vendors, weights = list(VENDOR_MIX), list(VENDOR_MIX.values())
    for d in drafts:
        d.vendor = rng.choices(vendors, weights=weights)[0]
        old_ok = d.type is not SchoolType.SENIOR_HIGH
        d.legacy_uplink = old_ok and rng.random() < options.legacy_uplink_share
        d.legacy_switch = old_ok and rng.random() < options.legacy_switch_share


def _counties(core: Device, counts: list[int]) -> list[CountyFile]:
    core_ports = iter(p.name for p in MODELS[CORE_MODEL].ports.values())
    counties = []
    for index, (info, count) in enumerate(zip(COUNTIES, counts, strict=True)):
        supernet = county_supernet(PREFECTURE_SUPERNET, index)
        vendor = info.aggregation_vendor
        model = MODELS[AGGREGATION_MODEL[vendor]]
        downlinks = sum(1 for p in model.ports_of(Medium.FIBER) if p.max_mbps <= 25_000)
        aggregation, uplinks = [], []
        for n in range(1, max(1, math.ceil(count * AGGREGATION_HEADROOM / downlinks)) + 1):
            device = Device(
                hostname=f"{info.code}-agg{n:02d}",
                role=Role.AGGREGATION,
                vendor=vendor,
                platform=PLATFORM_OF_VENDOR[vendor],
                model=model.name,
                mgmt_ip=host(county_infra(supernet), n),
            )
            up = next(p.name for p in model.ports_of(Medium.FIBER) if p.max_mbps > 25_000)
            aggregation.append(device)
            uplinks.append(
                Link(
                    a=Endpoint(device=device.hostname, port=up),
                    b=Endpoint(device=core.hostname, port=next(core_ports)),
                    medium=Medium.FIBER,
                    contracted_mbps=10_000,
                    configured_mbps=10_000,
                )
            )
        counties.append(
            CountyFile(
                schema_version=SCHEMA_VERSION,
                id=info.id,
                code=info.code,
                name=info.name,
                name_zh=info.name_zh,
                kind=info.kind,
                supernet=supernet,
                aggregation=aggregation,
                uplinks=uplinks,
            )
        )
    return counties


def _build_schools(
    rng: random.Random, drafts: list[Draft], counties: list[CountyFile], options: GeneratorOptions
) -> list[SchoolFile]:
    allocators = {c.id: SchoolAllocator(c) for c in counties}
    schools = []
    for d in drafts:
        allocator = allocators[d.county.id]
        rooms = room_specs(d.type, d.rooms, live=d.flags["live_classroom"])
        terminals = sum(r.terminals for r in rooms)
        legacy = {
            n: rng.choice([(10, Duplex.FULL), (100, Duplex.HALF), (10, Duplex.HALF)])
            for n in range(terminals)
            if rng.random() < options.legacy_terminal_share
        }
        spec = SchoolSpec(
            id=allocator.next_school_id(),
            name=d.name,
            name_zh=d.name_zh,
            county=d.county.id,
            type=d.type,
            students=d.students,
            rooms=rooms,
            vendor=d.vendor,
            flags=SchoolFlags(**d.flags),
            legacy_switch=d.legacy_switch,
            legacy_uplink_mbps=100 if d.legacy_uplink else None,
            legacy_terminals=legacy,
        )
        schools.append(build_school(spec, allocator.allocate(terminals)))
    return schools
