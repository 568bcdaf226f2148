"""The CLI collector: netmiko sessions in threads, bounded, one result per device."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, SecretStr

from collectors.cli.models import ConfigResult
from collectors.cli.platforms import UnknownPlatformError, platform_for
from collectors.cli.session import CliError, Connector, Login, Session, connect_netmiko, run_session
from netops.clock import Clock
from netops.monitoring.results import DevicePoll
from netops.monitoring.targets import PollTarget

T = TypeVar("T")


class CliCredentials(BaseModel):
    """The SSH login of the devices."""

    model_config = ConfigDict(frozen=True)

    username: str
    password: SecretStr


def login_for(target: PollTarget, credentials: CliCredentials, timeout_s: float) -> Login:
    """How to reach ``target``'s CLI.

    Raises:
        UnknownPlatformError: the target's platform has no CLI module.
    """
    return Login(
        host=target.host,
        port=target.ssh_port,
        username=credentials.username,
        password=credentials.password,
        device_type=platform_for(target.platform).device_type,
        timeout_s=timeout_s,
    )


def read_config(
    target: PollTarget,
    credentials: CliCredentials,
    timeout_s: float = 10.0,
    connect: Connector = connect_netmiko,
) -> ConfigResult:
    """The running configuration of one device (blocking), for provisioning checks."""
    started = time.monotonic()
    try:
        platform = platform_for(target.platform)
        login = login_for(target, credentials, timeout_s)
        config = run_session(connect, login, platform.read_config)
    except (CliError, UnknownPlatformError) as exc:
        reason = exc.reason if isinstance(exc, CliError) else str(exc)
        return ConfigResult(
            device=target.device, ok=False, reason=reason, duration_s=time.monotonic() - started
        )
    return ConfigResult(
        device=target.device, ok=True, config=config, duration_s=time.monotonic() - started
    )


class CliCollector:
    """Polls Huawei VRP and H3C Comware switches over SSH (netmiko)."""

    name = "cli"

    def __init__(
        self,
        clock: Clock,
        credentials: CliCredentials,
        concurrency: int = 10,
        timeout_s: float = 10.0,
        connect: Connector = connect_netmiko,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.clock = clock
        self.credentials = credentials
        self.concurrency = concurrency
        self.timeout_s = timeout_s
        self._connect = connect

    async def poll(self, targets: Sequence[PollTarget]) -> list[DevicePoll]:
        """Poll every target once, at most ``concurrency`` sessions at a time."""
        return await self._bounded([partial(self.poll_one, t) for t in targets])

    async def read_config(self, target: PollTarget) -> ConfigResult:
        """The running configuration of one device (see ``read_config``)."""
        return await asyncio.to_thread(
            read_config, target, self.credentials, self.timeout_s, self._connect
        )

    def poll_one(self, target: PollTarget) -> DevicePoll:
        """Poll one device (blocking): interface brief and optics of its ports."""
        when = self.clock.now()
        started = time.monotonic()

        def result(ok: bool, reason: str | None = None, **fields: object) -> DevicePoll:
            return DevicePoll.model_validate(
                {
                    "device": target.device,
                    "collector": self.name,
                    "time": when,
                    "ok": ok,
                    "reason": reason,
                    "county": target.county,
                    "school": target.school,
                    "duration_s": time.monotonic() - started,
                    **fields,
                }
            )

        try:
            platform = platform_for(target.platform)
            login = login_for(target, self.credentials, self.timeout_s)

            def work(session: Session) -> list[object]:
                return list(platform.read_ports(session, target.ports))

            ports = run_session(self._connect, login, work)
        except CliError as exc:
            return result(False, exc.reason)
        except UnknownPlatformError as exc:
            return result(False, str(exc))
        return result(True, ports=ports)

    async def _bounded(self, jobs: Sequence[Callable[[], T]]) -> list[T]:
        # netmiko blocks: each session runs in a thread, the semaphore caps open sessions.
        gate = asyncio.Semaphore(self.concurrency)

        async def run(job: Callable[[], T]) -> T:
            async with gate:
                return await asyncio.to_thread(job)

        return list(await asyncio.gather(*(run(job) for job in jobs)))
