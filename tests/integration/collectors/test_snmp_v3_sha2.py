"""SNMPv3 with SHA-2 authentication (RFC 7860): snmpsim agents configured for it, polled by
the fast path and by pysnmp, checked by net-snmp, and a protocol mismatch reported."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr

from collectors.snmp import SnmpCollector
from netops.clock import FixedClock
from netops.inventory import load_inventory
from netops.lab.seed import Scope, seed_state
from netops.lab.snmp import SnmpPlan, V3Credentials, start_agents, stop_agents, write_data
from netops.lab.state import LabState
from netops.monitoring.results import DevicePoll
from netops.monitoring.settings import SnmpAuthProtocol
from netops.monitoring.targets import PollTarget, SnmpCredentials, monitored_ports
from netops.settings import PROJECT_ROOT

pytestmark = pytest.mark.integration

AUTH_KEY, PRIV_KEY = "sha2-auth-Secret-1", "sha2-priv-Secret-2"
SYS_NAME = "1.3.6.1.2.1.1.5.0"
#: net-snmp's names of the protocols.
NET_SNMP = {"SHA256": "SHA-256", "SHA512": "SHA-512"}


@dataclass(frozen=True)
class Sha2Lab:
    protocol: SnmpAuthProtocol
    plan: SnmpPlan
    targets: list[PollTarget]


@pytest.fixture(scope="module", params=["SHA256", "SHA512"])
def sha2_lab(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Sha2Lab]:
    """Two schools' switches, every one on SNMPv3 with ``protocol``, in one responder."""
    protocol = request.param
    inventory = load_inventory(PROJECT_ROOT / "inventories" / "qianxinan")
    lab_dir = tmp_path_factory.mktemp(f"snmp-{protocol}")
    state = LabState(lab_dir / "state.db")
    state.load(*seed_state(inventory, Scope.parse("schools 2")))
    plan = write_data(lab_dir, state, v3_share=1.0, processes=1)
    credentials = V3Credentials(
        user="netops", auth_key=AUTH_KEY, priv_key=PRIV_KEY, auth_protocol=protocol
    )
    records = start_agents(plan, credentials=credentials, timeout=120)
    ports = monitored_ports(inventory)
    targets = [
        PollTarget(
            device=agent.hostname,
            vendor=state.device(agent.hostname).vendor,
            platform=state.device(agent.hostname).platform,
            host=agent.host,
            snmp_port=agent.port,
            snmp=SnmpCredentials(
                version="v3",
                user="netops",
                auth_key=SecretStr(AUTH_KEY),
                priv_key=SecretStr(PRIV_KEY),
                auth_protocol=protocol,
                context=agent.context or "",
            ),
            ports=ports.get(agent.hostname, []),
        )
        for agent in plan.devices
    ]
    try:
        yield Sha2Lab(protocol, plan, targets)
    finally:
        stop_agents(records)
        state.close()


def poll(client: str, targets: list[PollTarget]) -> dict[str, DevicePoll]:
    async def go() -> list[DevicePoll]:
        collector = SnmpCollector(FixedClock(datetime.now(UTC)), client=client)  # type: ignore[arg-type]
        try:
            return await collector.poll(targets)
        finally:
            collector.close()

    return {r.device: r for r in asyncio.run(go())}


def test_both_clients_read_every_device(sha2_lab: Sha2Lab) -> None:
    assert all(a.version.value == "v3" for a in sha2_lab.plan.devices)
    fast, slow = poll("auto", sha2_lab.targets), poll("v3-pysnmp", sha2_lab.targets)
    assert set(fast) == set(slow) == {t.device for t in sha2_lab.targets}
    for device, reading in fast.items():
        assert reading.ok and slow[device].ok, (reading.reason, slow[device].reason)
        assert reading.ports and len(reading.ports) == len(slow[device].ports)
        for mine, theirs in zip(reading.ports, slow[device].ports, strict=True):
            state = ("port", "if_index", "oper_up", "speed_mbps", "duplex")
            assert [getattr(mine, f) for f in state] == [getattr(theirs, f) for f in state]


def test_net_snmp_agrees_on_the_protocol(sha2_lab: Sha2Lab) -> None:
    if shutil.which("snmpget") is None:
        pytest.skip("net-snmp tools missing: apt-get install -y snmp")
    agent = sha2_lab.plan.devices[0]
    args = ["-v3", "-l", "authPriv", "-u", "netops", "-A", AUTH_KEY, "-x", "AES", "-X", PRIV_KEY]
    args += ["-n", agent.context or "", "-On", "-Oqv", "-t", "3", "-r", "1"]
    where = f"127.0.0.1:{agent.port}"

    def get(protocol: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["snmpget", *args, "-a", protocol, where, SYS_NAME],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )

    right = get(NET_SNMP[sha2_lab.protocol])
    assert right.returncode == 0, right.stderr
    assert right.stdout.strip().strip('"') == agent.hostname
    assert get("SHA").returncode != 0  # the agent takes nothing but its protocol


def test_a_protocol_mismatch_is_a_reason_not_a_crash(sha2_lab: Sha2Lab) -> None:
    target = sha2_lab.targets[0]
    assert target.snmp is not None
    wrong = target.model_copy(
        update={"snmp": target.snmp.model_copy(update={"auth_protocol": "SHA"})}
    )
    for client in ("auto", "v3-pysnmp"):
        [result] = poll(client, [wrong]).values()
        assert not result.ok and result.reason, client
        assert "authentication failed" in result.reason, result.reason
