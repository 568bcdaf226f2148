"""The lab's SNMP agents (snmpsim), asked by real net-snmp tools and by pysnmp 7."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from netops.inventory import load_inventory
from netops.lab.seed import Scope, seed_state
from netops.lab.snmp import (
    DeviceAgent,
    SnmpPlan,
    SnmpVersion,
    V3Credentials,
    start_agents,
    stop_agents,
    traffic,
    write_data,
)
from netops.lab.snmp.records import huawei_ent_index
from netops.lab.state import LabState, PortState
from netops.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

CREDENTIALS = V3Credentials(
    user="netops", auth_key="lab-auth-Secret-1", priv_key="lab-priv-Secret-2"
)
SYS_DESCR, SYS_OBJECT_ID, SYS_UPTIME, SYS_NAME = (f"1.3.6.1.2.1.1.{n}.0" for n in (1, 2, 3, 5))
IF_SPEED, IF_ADMIN, IF_OPER = "1.3.6.1.2.1.2.2.1.5", "1.3.6.1.2.1.2.2.1.7", "1.3.6.1.2.1.2.2.1.8"
IF_IN_OCTETS = "1.3.6.1.2.1.2.2.1.10"
IF_NAME, IF_HC_IN, IF_HC_OUT = (
    "1.3.6.1.2.1.31.1.1.1.1",
    "1.3.6.1.2.1.31.1.1.1.6",
    "1.3.6.1.2.1.31.1.1.1.10",
)
IF_HIGH_SPEED, IF_ALIAS = "1.3.6.1.2.1.31.1.1.1.15", "1.3.6.1.2.1.31.1.1.1.18"
DUPLEX = "1.3.6.1.2.1.10.7.2.1.19"
ENT_ALIAS_MAPPING = "1.3.6.1.2.1.47.1.3.2.1.2"
HW_RX, HW_TX = "1.3.6.1.4.1.2011.5.25.31.1.1.3.1.8", "1.3.6.1.4.1.2011.5.25.31.1.1.3.1.9"
H3C_TX, H3C_RX = "1.3.6.1.4.1.25506.2.70.1.1.1.9", "1.3.6.1.4.1.25506.2.70.1.1.1.12"


@dataclass
class Lab:
    """A running SNMP view of a small lab; tests borrow devices so none steps on another."""

    plan: SnmpPlan
    state: LabState
    taken: set[str] = field(default_factory=set)

    def borrow(
        self,
        want: Callable[[DeviceAgent], bool] = lambda a: True,
        version: SnmpVersion = SnmpVersion.V2C,
    ) -> DeviceAgent:
        """A device no other test has used, of ``version``, that satisfies ``want``."""
        for agent in self.plan.devices:
            if agent.version is version and agent.hostname not in self.taken and want(agent):
                self.taken.add(agent.hostname)
                return agent
        raise LookupError("no free device fits")

    def vendor(self, agent: DeviceAgent) -> str:
        return self.state.device(agent.hostname).vendor

    def busy_port(self, hostname: str, medium: str | None = None) -> PortState:
        """A port that is up and carries traffic."""
        return next(
            p
            for p in self.state.ports(hostname)
            if p.oper_up and p.in_bps > 0 and medium in (None, p.medium)
        )


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    """The first five schools of the committed prefecture, served by two responders."""
    if shutil.which("snmpget") is None:
        pytest.skip("net-snmp tools missing: apt-get install -y snmp")
    lab_dir = tmp_path_factory.mktemp("snmp-lab")
    state = LabState(lab_dir / "state.db")
    devices, ports = seed_state(
        load_inventory(PROJECT_ROOT / "inventories" / "qianxinan"), Scope.parse("schools 5")
    )
    state.load(devices, ports)
    plan = write_data(lab_dir, state, v3_share=0.1, processes=2)
    records = start_agents(plan, credentials=CREDENTIALS, timeout=120)
    try:
        yield Lab(plan, state)
    finally:
        stop_agents(records)
        state.close()


# --- clients ------------------------------------------------------------------------------


def netsnmp(
    tool: str,
    agent: DeviceAgent,
    *oids: str,
    timeout: float = 1,
    retries: int = 0,
    auth_key: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a net-snmp tool against ``agent`` (values only, numeric OIDs)."""
    if agent.version is SnmpVersion.V3:
        key = auth_key or CREDENTIALS.auth_key.get_secret_value()
        auth = [
            "-v3",
            "-l",
            "authPriv",
            "-u",
            CREDENTIALS.user,
            "-a",
            "SHA",
            "-A",
            key,
            "-x",
            "AES",
            "-X",
            CREDENTIALS.priv_key.get_secret_value(),
            "-n",
            agent.context or "",
        ]
    else:
        auth = ["-v2c", "-c", agent.community or ""]
    return subprocess.run(
        [
            tool,
            *auth,
            "-On",
            "-Oq",
            "-Oe",
            "-Ot",
            "-t",
            str(timeout),
            "-r",
            str(retries),
            f"{agent.host}:{agent.port}",
            *oids,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def get(agent: DeviceAgent, *oids: str, **options: Any) -> list[str]:
    """Values of ``oids`` from snmpget (strings unquoted).

    Raises:
        AssertionError: snmpget failed (timeout, auth error).
    """
    done = netsnmp("snmpget", agent, *oids, **options)
    assert done.returncode == 0, done.stderr
    return [value for _, value in _rows(done.stdout)]


def _rows(output: str) -> list[tuple[str, str]]:
    """(oid, value) pairs of ``-On -Oq`` output; multi-line strings (sysDescr) joined."""
    rows: list[tuple[str, str]] = []
    for line in output.splitlines():
        if line.startswith(".1.3.6."):
            oid, _, value = line.partition(" ")
            rows.append((oid, value))
        elif rows:
            rows[-1] = (rows[-1][0], f"{rows[-1][1]}\n{line}")
    return [(oid, value.strip('"')) for oid, value in rows]


def walk(agent: DeviceAgent, oid: str) -> dict[int, str]:
    """Last sub-identifier -> value of a column, by snmpbulkwalk."""
    done = netsnmp("snmpbulkwalk", agent, oid, timeout=2)
    assert done.returncode == 0, done.stderr
    # The agent's end of MIB shows as one more line repeating the last OID: not a row.
    return {
        int(oid.rsplit(".", 1)[1]): value
        for oid, value in _rows(done.stdout)
        if not value.startswith("No more variables left")
    }


def pysnmp_get(
    agent: DeviceAgent,
    *oids: str,
    timeout: float = 1,
    retries: int = 0,
    auth_key: str | None = None,
    bulk: int = 0,
) -> tuple[str, list[tuple[str, Any]]]:
    """(errorIndication or '', [(oid, value)]) from pysnmp 7 get_cmd (or bulk_cmd)."""
    with warnings.catch_warnings():
        # pysnmp 7.1 imports pysmi's deprecated camelCase names.
        warnings.simplefilter("ignore", DeprecationWarning)
        from pysnmp.hlapi.v3arch import asyncio as hl  # type: ignore[import-untyped]

    async def run() -> tuple[str, list[tuple[str, Any]]]:
        engine = hl.SnmpEngine()
        target = await hl.UdpTransportTarget.create(
            (agent.host, agent.port), timeout=timeout, retries=retries
        )
        if agent.version is SnmpVersion.V3:
            auth: Any = hl.UsmUserData(
                CREDENTIALS.user,
                auth_key or CREDENTIALS.auth_key.get_secret_value(),
                CREDENTIALS.priv_key.get_secret_value(),
                authProtocol=hl.USM_AUTH_HMAC96_SHA,
                privProtocol=hl.USM_PRIV_CFB128_AES,
            )
            context = hl.ContextData(contextName=agent.context or "")
        else:
            auth, context = hl.CommunityData(agent.community or "", mpModel=1), hl.ContextData()
        types = [hl.ObjectType(hl.ObjectIdentity(oid)) for oid in oids]
        if bulk:
            error, status, _, binds = await hl.bulk_cmd(
                engine, auth, target, context, 0, bulk, *types, lookupMib=False
            )
        else:
            error, status, _, binds = await hl.get_cmd(
                engine, auth, target, context, *types, lookupMib=False
            )
        engine.close_dispatcher()
        if error or status:
            return str(error or status), []
        return "", [(str(name), value) for name, value in binds]

    with warnings.catch_warnings():
        # ... and calls more of them (addSources) when it first resolves an OID.
        warnings.simplefilter("ignore", DeprecationWarning)
        return asyncio.run(run())


def wait_for(read: Callable[[], str], expected: str, limit: float = 1.0) -> float:
    """Seconds until ``read()`` returns ``expected``, polling; fails after ``limit``."""
    start = time.monotonic()
    while (value := read()) != expected:
        assert time.monotonic() - start < limit, f"still {value!r} after {limit} s"
        time.sleep(0.05)
    return time.monotonic() - start


# --- the model ----------------------------------------------------------------------------


def test_traffic_profile_is_busy_in_class_and_averages_one() -> None:
    """The integral's slope is the profile; teaching hours are busy, nights quiet."""
    day = 1_800_000_000 - (1_800_000_000 + traffic.UTC_OFFSET) % traffic.DAY  # local 00:00
    assert traffic.integral(day + traffic.DAY) - traffic.integral(day) == pytest.approx(traffic.DAY)
    ten_am, three_am = day + 10 * 3600, day + 3 * 3600
    assert traffic.profile(ten_am) > 5 * traffic.profile(three_am)
    for t in (ten_am, three_am, day + 12 * 3600 + 17):
        slope = (traffic.integral(t + 1) - traffic.integral(t - 1)) / 2
        assert slope == pytest.approx(traffic.profile(t), rel=1e-3)


# --- what a poller reads ------------------------------------------------------------------


def test_system_group_is_vendor_true(lab: Lab) -> None:
    arcs = {
        "huawei": ".1.3.6.1.4.1.2011.",
        "h3c": ".1.3.6.1.4.1.25506.",
        "ruijie": ".1.3.6.1.4.1.4881.",
        "cisco": ".1.3.6.1.4.1.9.",
    }
    words = {
        "huawei": "Huawei Versatile Routing Platform",
        "h3c": "H3C Comware",
        "ruijie": "Ruijie",
        "cisco": "Cisco IOS",
    }
    seen = set()
    for agent in lab.plan.devices:
        vendor = lab.vendor(agent)
        if agent.version is SnmpVersion.V3 or vendor in seen:
            continue
        seen.add(vendor)
        descr, object_id, uptime, name = get(agent, SYS_DESCR, SYS_OBJECT_ID, SYS_UPTIME, SYS_NAME)
        assert words[vendor] in descr
        assert object_id.startswith(arcs[vendor])
        assert name == agent.hostname
        expected = (time.time() - lab.state.device(agent.hostname).boot_epoch) * 100
        assert abs(int(uptime) - expected) < 500
    assert {"huawei", "h3c", "ruijie"} <= seen


def test_pysnmp_reads_the_system_group(lab: Lab) -> None:
    agent = lab.borrow()
    error, binds = pysnmp_get(agent, SYS_NAME, SYS_UPTIME)
    assert not error
    assert str(binds[0][1]) == agent.hostname
    assert int(binds[1][1]) > 0


def test_interfaces_match_the_state(lab: Lab) -> None:
    agent = lab.borrow()
    ports = {p.if_index: p for p in lab.state.ports(agent.hostname)}
    assert walk(agent, IF_NAME) == {i: p.name for i, p in ports.items()}
    speeds = {i: str(p.oper_mbps or p.speed_mbps or p.max_mbps) for i, p in ports.items()}
    assert walk(agent, IF_HIGH_SPEED) == speeds
    assert walk(agent, IF_ALIAS) == {i: p.alias for i, p in ports.items()}
    error, binds = pysnmp_get(agent, IF_NAME, bulk=len(ports))
    assert not error
    assert [str(v) for _, v in binds[: len(ports)]] == [p.name for p in ports.values()]


def test_counters_grow_monotonically(lab: Lab) -> None:
    agent = lab.borrow(
        lambda a: any(p.oper_up and p.in_bps > 0 for p in lab.state.ports(a.hostname))
    )
    port = lab.busy_port(agent.hostname)
    oids = (f"{IF_HC_IN}.{port.if_index}", f"{IF_IN_OCTETS}.{port.if_index}")
    samples = []
    for _ in range(4):
        samples.append(tuple(int(v) for v in get(agent, *oids)))
        time.sleep(0.3)
    hc = [s[0] for s in samples]
    assert hc == sorted(hc) and len(set(hc)) == len(hc)
    assert all(abs(big % 2**32 - small) < 2**20 for big, small in samples)
    # The growth follows the mean rate times the time-of-day profile (within jitter).
    elapsed_rate = (hc[-1] - hc[0]) / 0.9 / (port.in_bps / 8)
    assert 0.01 < elapsed_rate < traffic.PEAK * 2


def test_admin_down_shows_within_a_second_and_freezes_counters(lab: Lab) -> None:
    agent = lab.borrow(
        lambda a: any(p.oper_up and p.in_bps > 0 for p in lab.state.ports(a.hostname))
    )
    port = lab.busy_port(agent.hostname)
    oper = f"{IF_OPER}.{port.if_index}"
    assert get(agent, oper) == ["1"]
    lab.state.update_port(agent.hostname, port.name, admin_up=False)
    assert wait_for(lambda: get(agent, oper)[0], "2") < 1.0
    admin, first = get(agent, f"{IF_ADMIN}.{port.if_index}", f"{IF_HC_IN}.{port.if_index}")
    time.sleep(0.3)
    assert admin == "2"
    assert get(agent, f"{IF_HC_IN}.{port.if_index}") == [first]
    lab.state.update_port(agent.hostname, port.name, admin_up=True)
    wait_for(lambda: get(agent, oper)[0], "1")
    time.sleep(0.2)
    assert int(get(agent, f"{IF_HC_IN}.{port.if_index}")[0]) > int(first)


def test_speed_and_duplex_follow_the_state(lab: Lab) -> None:
    agent = lab.borrow(
        lambda a: any(p.oper_up and p.medium == "copper" for p in lab.state.ports(a.hostname))
    )
    port = next(p for p in lab.state.ports(agent.hostname) if p.oper_up and p.medium == "copper")
    i = port.if_index
    assert get(agent, f"{DUPLEX}.{i}") == ["3"]
    lab.state.update_port(agent.hostname, port.name, speed_mbps=10, duplex="half")
    wait_for(lambda: get(agent, f"{IF_HIGH_SPEED}.{i}")[0], "10")
    assert get(agent, f"{IF_SPEED}.{i}", f"{DUPLEX}.{i}") == ["10000000", "2"]
    lab.state.update_port(agent.hostname, port.name, link_up=False)
    wait_for(lambda: get(agent, f"{DUPLEX}.{i}")[0], "1")  # unknown while down
    lab.state.update_port(agent.hostname, port.name, link_up=True, speed_mbps=None, duplex=None)
    wait_for(lambda: get(agent, f"{DUPLEX}.{i}")[0], "3")


def test_if_speed_caps_at_the_gauge32_maximum(lab: Lab) -> None:
    agent = lab.borrow(lambda a: any(p.oper_mbps >= 10_000 for p in lab.state.ports(a.hostname)))
    port = next(p for p in lab.state.ports(agent.hostname) if p.oper_mbps >= 10_000)
    i = port.if_index
    assert get(agent, f"{IF_SPEED}.{i}", f"{IF_HIGH_SPEED}.{i}") == [
        "4294967295",
        str(port.oper_mbps),
    ]


def test_huawei_optics_in_hundredths_of_dbm_through_the_entity_mapping(lab: Lab) -> None:
    agent = lab.borrow(
        lambda a: (
            lab.vendor(a) == "huawei"
            and any(p.rx_dbm is not None for p in lab.state.ports(a.hostname))
        )
    )
    ports = lab.state.ports(agent.hostname)
    position, port = next((n, p) for n, p in enumerate(ports) if p.rx_dbm is not None)
    # A collector maps entPhysicalIndex -> ifIndex through entAliasMappingIdentifier.
    done = netsnmp("snmpbulkwalk", agent, ENT_ALIAS_MAPPING, timeout=2)
    mapping = {
        int(oid.split(".")[-2]): int(value.rsplit(".", 1)[1]) for oid, value in _rows(done.stdout)
    }
    ent = huawei_ent_index(position)
    assert mapping[ent] == port.if_index
    assert get(agent, f"{HW_RX}.{ent}", f"{HW_TX}.{ent}") == [
        str(round((port.rx_dbm or 0) * 100)),
        str(round((port.tx_dbm or 0) * 100)),
    ]
    lab.state.update_port(agent.hostname, port.name, rx_dbm=-27.5)
    wait_for(lambda: get(agent, f"{HW_RX}.{ent}")[0], "-2750")
    dark = next(n for n, p in enumerate(ports) if p.medium == "fiber" and p.rx_dbm is None)
    assert "No Such Instance" in get(agent, f"{HW_RX}.{huawei_ent_index(dark)}")[0]


def test_h3c_optics_by_ifindex(lab: Lab) -> None:
    agent = lab.borrow(
        lambda a: (
            lab.vendor(a) == "h3c"
            and any(p.rx_dbm is not None for p in lab.state.ports(a.hostname))
        )
    )
    port = next(p for p in lab.state.ports(agent.hostname) if p.rx_dbm is not None)
    i = port.if_index
    assert get(agent, f"{H3C_RX}.{i}", f"{H3C_TX}.{i}") == [
        str(round((port.rx_dbm or 0) * 100)),
        str(round((port.tx_dbm or 0) * 100)),
    ]
    lab.state.update_port(agent.hostname, port.name, tx_dbm=0.5)
    wait_for(lambda: get(agent, f"{H3C_TX}.{i}")[0], "50")
    assert set(walk(agent, H3C_RX)) == {
        p.if_index for p in lab.state.ports(agent.hostname) if p.rx_dbm is not None
    }


def test_reboot_restarts_uptime_and_counters(lab: Lab) -> None:
    agent = lab.borrow(
        lambda a: any(p.oper_up and p.in_bps > 0 for p in lab.state.ports(a.hostname))
    )
    port = lab.busy_port(agent.hostname)
    oids = (SYS_UPTIME, f"{IF_HC_IN}.{port.if_index}", f"{IF_IN_OCTETS}.{port.if_index}")
    before = [int(v) for v in get(agent, *oids)]
    lab.state.reboot(agent.hostname)
    wait_for(lambda: str(int(get(agent, SYS_UPTIME)[0]) < 100), "True")
    after = [int(v) for v in get(agent, *oids)]
    assert after[0] < before[0] and after[1] < before[1]
    assert after[1] < port.in_bps  # about one second of traffic at most


# --- faults -------------------------------------------------------------------------------


def test_device_down_is_silent_while_its_neighbour_answers(lab: Lab) -> None:
    down = lab.borrow()
    neighbour = lab.borrow(lambda a: a.port == down.port)
    lab.state.update_device(down.hostname, powered=False)
    try:
        done = netsnmp("snmpget", down, SYS_NAME)
        assert done.returncode != 0 and "Timeout" in done.stderr
        assert pysnmp_get(down, SYS_NAME)[0] == "No SNMP response received before timeout"
        assert get(neighbour, SYS_NAME) == [neighbour.hostname]
    finally:
        lab.state.update_device(down.hostname, powered=True)
    assert get(down, SYS_NAME) == [down.hostname]


def test_slow_device_needs_a_retry_and_delays_no_one_else(lab: Lab) -> None:
    slow = lab.borrow()
    neighbour = lab.borrow(lambda a: a.port == slow.port)
    lab.state.update_device(slow.hostname, slow_ms=1500)
    try:
        assert "Timeout" in netsnmp("snmpget", slow, SYS_NAME).stderr
        pending = subprocess.Popen(
            [
                "snmpget",
                "-v2c",
                "-c",
                slow.community or "",
                "-Oqv",
                "-t",
                "1",
                "-r",
                "2",
                f"{slow.host}:{slow.port}",
                SYS_NAME,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        start = time.monotonic()
        assert get(neighbour, SYS_NAME) == [neighbour.hostname]
        assert time.monotonic() - start < 0.5  # the neighbour is not held up
        out, _ = pending.communicate(timeout=10)
        assert pending.returncode == 0 and slow.hostname in out
        assert time.monotonic() - start >= 1.4
        start = time.monotonic()
        error, binds = pysnmp_get(slow, SYS_NAME, timeout=3)
        assert not error and str(binds[0][1]) == slow.hostname
        assert time.monotonic() - start >= 1.5
    finally:
        lab.state.update_device(slow.hostname, slow_ms=0)


def test_v3_device_answers_authpriv_only(lab: Lab) -> None:
    agent = lab.borrow(version=SnmpVersion.V3)
    assert get(agent, SYS_NAME) == [agent.hostname]
    error, binds = pysnmp_get(agent, SYS_NAME, SYS_UPTIME)
    assert not error and str(binds[0][1]) == agent.hostname
    as_v2c = agent.model_copy(update={"version": SnmpVersion.V2C, "community": agent.hostname})
    done = netsnmp("snmpget", as_v2c, SYS_NAME)
    assert done.returncode != 0 and "Timeout" in done.stderr
    assert pysnmp_get(as_v2c, SYS_NAME)[0]


def test_v3_wrong_password_gets_no_data(lab: Lab) -> None:
    agent = lab.borrow(version=SnmpVersion.V3)
    done = netsnmp("snmpget", agent, SYS_NAME, auth_key="not-the-Secret")
    assert done.returncode != 0
    assert "Authentication failure" in done.stderr or "Timeout" in done.stderr
    error, binds = pysnmp_get(agent, SYS_NAME, auth_key="not-the-Secret")
    assert error and not binds


def test_v2c_device_ignores_v3(lab: Lab) -> None:
    agent = lab.borrow()
    as_v3 = agent.model_copy(update={"version": SnmpVersion.V3, "context": agent.hostname})
    assert pysnmp_get(as_v3, SYS_NAME)[0]


def test_plan_is_saved_and_keys_stay_secret(lab: Lab) -> None:
    assert SnmpPlan.load(lab.plan.path) == lab.plan
    secret = CREDENTIALS.auth_key.get_secret_value()
    for path in Path(lab.plan.root).rglob("*"):
        if path.is_file() and path.suffix in {".json", ".log", ".v3", ".py"}:
            assert secret not in path.read_text(errors="replace"), path


# --- the responder's fast paths (netops.lab.snmp.table and .ber) --------------------------


def test_walk_follows_the_state_once_the_table_is_built(lab: Lab) -> None:
    """Data files are read once per responder; live values still follow every commit."""
    agent = lab.borrow()
    port = lab.state.ports(agent.hostname)[0]
    assert walk(agent, IF_ALIAS)[port.if_index] == port.alias  # the table exists now
    lab.state.update_port(agent.hostname, port.name, alias="uplink-to-the-moon")
    wait_for(lambda: walk(agent, IF_ALIAS)[port.if_index], "uplink-to-the-moon")
    assert get(agent, f"{IF_NAME}.{port.if_index}") == [port.name]  # static, from the table


def test_table_answers_get_and_getnext_like_snmpsim(tmp_path: Path) -> None:
    from pysnmp.proto import rfc1902  # type: ignore[import-untyped]
    from pysnmp.smi import exval  # type: ignore[import-untyped]

    from netops.lab.snmp.table import Table

    data = tmp_path / "t.snmprec"
    data.write_text(
        "1.3.6.1.2.1.1.5.0|4|sw1\n"
        "1.3.6.1.2.1.2.2.1.2.10|4x|476931\n"
        "1.3.6.1.2.1.2.2.1.5.2|66:netopslab|speed,2\n"  # live, no such device: absent
        "1.3.6.1.2.1.2.2.1.7.2|2|1\n",
        encoding="utf-8",
    )
    table = Table(str(data))
    assert len(table) == 4
    oid = rfc1902.ObjectName
    assert table.get(oid("1.3.6.1.2.1.1.5.0")) == rfc1902.OctetString(b"sw1")
    assert table.get(oid("1.3.6.1.2.1.1.6.0")) is exval.noSuchInstance
    assert table.get(oid("1.3.6.1.2.1.2.2.1.5.2")) is exval.noSuchInstance
    # OIDs sort as numbers (.2.10 after .2.9): GETNEXT from .2.9 finds .2.10.
    name, value = table.next(oid("1.3.6.1.2.1.2.2.1.2.9"))
    assert (str(name), bytes(value)) == ("1.3.6.1.2.1.2.2.1.2.10", b"Gi1")
    # An absent live value is skipped by GETNEXT, as snmpsim's endOfMib retry does.
    name, value = table.next(oid("1.3.6.1.2.1.2.2.1.2.10"))
    assert (str(name), int(value)) == ("1.3.6.1.2.1.2.2.1.7.2", 1)
    assert table.next(oid("1.3.6.1.2.1.2.2.1.7.2"))[1] is exval.endOfMib
    assert table.answer([(oid("1.3.6.1.2.1.1.5.0"), None)], setFlag=True) is None


def test_fast_varbind_encoding_is_byte_for_byte_pyasn1() -> None:
    from pyasn1.codec.ber import encoder  # type: ignore[import-untyped,unused-ignore]
    from pyasn1.type import univ  # type: ignore[import-untyped,unused-ignore]
    from pysnmp.proto import rfc1902  # type: ignore[import-untyped,unused-ignore]
    from pysnmp.proto.api import v2c  # type: ignore[import-untyped,unused-ignore]
    from pysnmp.smi import exval  # type: ignore[import-untyped,unused-ignore]

    from netops.lab.snmp import ber

    ber.install()
    edges = (0, 1, -1, 127, 128, -128, -129, 255, 256, -32768, 2**31 - 1, -(2**31), -346)
    values: list[Any] = [rfc1902.Integer32(n) for n in edges]
    values += [rfc1902.Counter32(n) for n in (0, 128, 2**31, 2**32 - 1)]
    values += [rfc1902.Gauge32(2**32 - 1), rfc1902.TimeTicks(123_456)]
    values += [rfc1902.Counter64(n) for n in (0, 2**63, 2**64 - 1)]
    values += [rfc1902.OctetString(b"x" * n) for n in (0, 127, 128, 255, 256, 65_535)]
    values += [rfc1902.OctetString(hexValue="0d0a"), rfc1902.IpAddress("10.1.2.3")]
    values += [univ.ObjectIdentifier("1.3.6.1.4.1.2011.2.23.615"), univ.Null("")]
    values += [exval.noSuchInstance, exval.noSuchObject, exval.endOfMib]
    binds = [
        (rfc1902.ObjectName(f"1.3.6.1.2.1.2.2.1.10.{n * 40_000}"), v) for n, v in enumerate(values)
    ]
    for rows in ([], binds[:1], binds):
        slow, fast = v2c.GetResponsePDU(), v2c.GetResponsePDU()
        for pdu in (slow, fast):
            v2c.apiPDU.set_defaults(pdu)
            v2c.apiPDU.set_request_id(pdu, 4242)
        v2c.apiPDU.set_varbinds(slow, rows)
        ber.fill(fast, rows)
        assert encoder.encode(fast) == encoder.encode(slow)
