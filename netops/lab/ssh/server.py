"""One asyncio process serving the SSH CLI of every VRP/Comware device of the lab.

Each device listens on its own TCP port of 127.0.0.1, given by the caller (the
lab plans ports; the simulator never picks them). A device whose state says
``powered = 0`` drops every connection at once, and a session ends when its
device loses power or reboots, checked every ``WATCH_S``.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import resource
from collections.abc import Mapping
from pathlib import Path

import asyncssh
from pydantic import BaseModel, ConfigDict, SecretStr

from netops.lab.ssh.cli_base import SessionEnd
from netops.lab.ssh.comware import ComwareShell
from netops.lab.ssh.switch import SwitchShell
from netops.lab.ssh.vrp import VrpShell
from netops.lab.state import LabState

log = logging.getLogger(__name__)

LOCALHOST = "127.0.0.1"
#: Inventory platform -> shell; other platforms are not served over SSH.
PLATFORMS: dict[str, type[SwitchShell]] = {"huawei_vrp": VrpShell, "h3c_comware": ComwareShell}
#: How often sessions are checked against power and reboots.
WATCH_S = 0.5
#: Printed (and logged) once every device listens.
READY = "ready"


class Credentials(BaseModel):
    """The one login every simulated device accepts."""

    model_config = ConfigDict(frozen=True)

    username: str
    password: SecretStr

    def accepts(self, username: str, password: str) -> bool:
        """Constant-time comparison of a login attempt."""
        expected = self.password.get_secret_value().encode()
        same_user = hmac.compare_digest(username.encode(), self.username.encode())
        return hmac.compare_digest(password.encode(), expected) and same_user


def host_key(path: Path) -> asyncssh.SSHKey:
    """The lab's host key, generated (ed25519, mode 600) on first use."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = asyncssh.generate_private_key("ssh-ed25519")
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            out.write(key.export_private_key())
        log.info("generated SSH host key %s", path)
    return asyncssh.read_private_key(path)


def servable(state: LabState) -> list[str]:
    """Hostnames of the lab's devices that have an SSH simulator."""
    return [d.hostname for d in state.devices() if d.platform in PLATFORMS]


class _ChannelIO:
    """A shell's terminal over an asyncssh server process."""

    def __init__(self, process: asyncssh.SSHServerProcess[str]) -> None:
        self._process = process

    async def read(self) -> str:
        while True:
            try:
                return await self._process.stdin.read(4096)
            except (asyncssh.TerminalSizeChanged, asyncssh.BreakReceived, asyncssh.SignalReceived):
                continue  # a resized window is no input
            except (asyncssh.Error, OSError):  # the client went away
                return ""

    def write(self, text: str) -> None:
        if not self._process.is_closing():
            self._process.stdout.write(text)


class _DeviceServer(asyncssh.SSHServer):
    """Login and power checks of one device's listener."""

    def __init__(self, lab: SshLab, hostname: str) -> None:
        self._lab = lab
        self._hostname = hostname
        self._conn: asyncssh.SSHServerConnection | None = None

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        if not self._lab.powered(self._hostname):
            conn.abort()  # a device that is off does not talk
            return
        self._conn = conn
        self._lab.opened(self._hostname, conn)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._conn is not None:
            self._lab.closed(self._hostname, self._conn)

    def begin_auth(self, username: str) -> bool:
        return True

    def password_auth_supported(self) -> bool:
        return True

    def validate_password(self, username: str, password: str) -> bool:
        ok = self._lab.credentials.accepts(username, password)
        if not ok:
            log.info("%s: login refused for user %r", self._hostname, username)
        return ok


class SshLab:
    """The SSH simulators of a lab: one listener per device, one shell per session."""

    def __init__(
        self,
        state: LabState,
        ports: Mapping[str, int],
        credentials: Credentials,
        key: asyncssh.SSHKey,
        saved_dir: Path | None = None,
    ) -> None:
        self.state = state
        self.ports = dict(ports)
        self.credentials = credentials
        self._key = key
        self._saved_dir = saved_dir
        self._servers: list[asyncssh.SSHAcceptor] = []
        self._sessions: dict[str, dict[asyncssh.SSHServerConnection, float]] = {}
        self._watcher: asyncio.Task[None] | None = None

    def powered(self, hostname: str) -> bool:
        """Whether the device answers at all."""
        try:
            return self.state.device(hostname).powered
        except KeyError:
            return False

    def opened(self, hostname: str, conn: asyncssh.SSHServerConnection) -> None:
        """Remember a session with the boot time it started under."""
        self._sessions.setdefault(hostname, {})[conn] = self.state.device(hostname).boot_epoch

    def closed(self, hostname: str, conn: asyncssh.SSHServerConnection) -> None:
        """Forget a session that ended."""
        self._sessions.get(hostname, {}).pop(conn, None)

    async def start(self) -> None:
        """Listen on every device's port.

        Raises:
            ValueError: a device is not in the state or has no simulator.
            OSError: a port is taken.
        """
        devices = {d.hostname: d for d in self.state.devices()}
        for hostname in self.ports:
            if hostname not in devices or devices[hostname].platform not in PLATFORMS:
                raise ValueError(f"{hostname}: not a VRP or Comware device of the lab")
        _raise_file_limit(len(self.ports))
        for hostname, port in sorted(self.ports.items(), key=lambda item: item[1]):
            self._servers.append(await self._listen(hostname, port))
        self._watcher = asyncio.create_task(self._watch())
        log.info("%s: %d devices listening on %s", READY, len(self.ports), LOCALHOST)

    async def _listen(self, hostname: str, port: int) -> asyncssh.SSHAcceptor:
        shell = PLATFORMS[self.state.device(hostname).platform]

        async def session(process: asyncssh.SSHServerProcess[str]) -> None:
            cli = shell(self.state, hostname, _ChannelIO(process), self._saved_dir)
            try:
                if process.command:
                    await cli.run_command(process.command)
                else:
                    await cli.run()
            except SessionEnd:
                pass
            except Exception:
                log.exception("%s: session failed", hostname)
            process.exit(0)

        return await asyncssh.create_server(
            lambda: _DeviceServer(self, hostname),
            LOCALHOST,
            port,
            server_host_keys=[self._key],
            process_factory=session,
            encoding="utf-8",
            line_editor=False,
            allow_scp=False,
            agent_forwarding=False,
            x11_forwarding=False,
            login_timeout=30,
            reuse_address=True,
        )

    async def _watch(self) -> None:
        version = self.state.data_version()
        while True:
            await asyncio.sleep(WATCH_S)
            if self.state.data_version() == version or not self._sessions:
                continue
            version = self.state.data_version()
            devices = {d.hostname: d for d in self.state.devices()}
            for hostname, sessions in self._sessions.items():
                device = devices.get(hostname)
                for conn, booted in list(sessions.items()):
                    if device is None or not device.powered or device.boot_epoch != booted:
                        conn.abort()  # power cut or reboot: the session is gone
                        sessions.pop(conn, None)

    async def close(self) -> None:
        """Stop listening and end every session."""
        if self._watcher is not None:
            self._watcher.cancel()
        for server in self._servers:
            server.close()
        for sessions in self._sessions.values():
            for conn in sessions:
                conn.abort()
        for server in self._servers:
            await server.wait_closed()
        self._servers.clear()


def _raise_file_limit(listeners: int) -> None:
    # One socket per device plus sessions: thousands of devices exceed a soft limit of 1024.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, max(soft, listeners * 2 + 256))
    if wanted > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
