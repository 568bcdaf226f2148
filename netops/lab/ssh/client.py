"""A minimal SSH client for the lab's own checks (``netops lab probe``)."""

from __future__ import annotations

import asyncio

import asyncssh

from netops.lab.processes import LOCALHOST


async def _run(port: int, username: str, password: str, command: str, timeout: float) -> str:
    async with asyncssh.connect(
        LOCALHOST,
        port,
        username=username,
        password=password,
        known_hosts=None,
        connect_timeout=timeout,
    ) as connection:
        result = await asyncio.wait_for(connection.run(command), timeout)
        return str(result.stdout or "")


def run_command(
    port: int, username: str, password: str, command: str, timeout: float = 10.0
) -> str:
    """Run one command on a simulated device over SSH and return its output.

    Raises:
        OSError: cannot connect; asyncssh.Error: the session failed;
        TimeoutError: no answer in time.
    """
    return asyncio.run(_run(port, username, password, command, timeout))
