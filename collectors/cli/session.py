"""The netmiko adapter: the only module that imports netmiko; device errors become reasons."""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Literal, Protocol, TypeVar

from netmiko import (
    BaseConnection,
    NetmikoAuthenticationException,
    NetmikoTimeoutException,
)
from netmiko.exceptions import ReadException, ReadTimeout
from netmiko.huawei import HuaweiSSH
from netmiko.ssh_dispatcher import CLASS_MAPPER
from paramiko import SSHException  # type: ignore[import-untyped]
from pydantic import SecretStr

#: Where ntc-templates keeps its templates.
NTC_TEMPLATES = files("ntc_templates") / "templates"
# Netmiko finds ntc-templates through a deprecated importlib call on Python 3.11 (a
# warning, an error under pytest) unless told where they are.
os.environ.setdefault("NET_TEXTFSM", str(NTC_TEMPLATES))

T = TypeVar("T")


class CliError(Exception):
    """A device could not be read; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Login:
    """Where and how to open one CLI session."""

    host: str
    port: int
    username: str
    password: SecretStr
    device_type: str
    timeout_s: float = 10.0


class Session(Protocol):
    """An open CLI session (netmiko's, or a fake in tests)."""

    def send_command(self, command: str) -> str:
        """Run a display command in user view; its output."""
        ...

    def send_config(self, lines: Sequence[str]) -> str:
        """Enter system view, send the lines, return to user view; the echoed output."""
        ...

    def close(self) -> None:
        """Log out."""
        ...


Connector = Callable[[Login], Session]


class _VrpSSH(HuaweiSSH):
    """Netmiko's Huawei driver, with a mode check that waits for the prompt."""

    def check_config_mode(
        self, check_string: str = "]", pattern: str = "", force_regex: bool = False
    ) -> bool:
        """Stock ignores ``pattern`` and idles 2 s for silence; a prompt ends the wait."""
        return BaseConnection.check_config_mode(
            self, check_string=check_string, pattern=pattern or r"[>\]]", force_regex=force_regex
        )


#: Drivers that replace netmiko's stock class for a device_type.
DRIVERS: dict[str, type[BaseConnection]] = {"huawei": _VrpSSH, "huawei_vrp": _VrpSSH}


class _NetmikoSession:
    """A netmiko connection behind the Session protocol."""

    def __init__(self, connection: BaseConnection, timeout_s: float) -> None:
        self._conn = connection
        self._timeout_s = timeout_s

    def send_command(self, command: str) -> str:
        output = self._conn.send_command(command, read_timeout=self._timeout_s)
        return output if isinstance(output, str) else str(output)

    def send_config(self, lines: Sequence[str]) -> str:
        return self._conn.send_config_set(list(lines), read_timeout=self._timeout_s)

    def close(self) -> None:
        self._conn.disconnect()


def connect_netmiko(login: Login) -> Session:
    """Log in with netmiko (our VRP driver, netmiko's class for other device types)."""
    driver = DRIVERS.get(login.device_type) or CLASS_MAPPER.get(login.device_type)
    if driver is None:
        raise CliError(f"netmiko has no device_type {login.device_type!r}")
    connection = driver(
        device_type=login.device_type,
        host=login.host,
        port=login.port,
        username=login.username,
        password=login.password.get_secret_value(),
        conn_timeout=login.timeout_s,
        auth_timeout=login.timeout_s,
        banner_timeout=login.timeout_s,
        timeout=login.timeout_s,
        # Log in with the password only: never keys or an agent found on this machine.
        use_keys=False,
        allow_agent=False,
        ssh_config_file=None,
    )
    return _NetmikoSession(connection, login.timeout_s)


def reason_for(exc: BaseException, login: Login) -> str:
    """An engineer's sentence for a failed session (never the password)."""
    where = f"{login.host}:{login.port}"
    if isinstance(exc, NetmikoAuthenticationException):
        return f"authentication failed for user {login.username!r} at {where}"
    if isinstance(exc, ReadTimeout):
        return f"timed out after {login.timeout_s:g} s waiting for the device's answer at {where}"
    if isinstance(exc, NetmikoTimeoutException | TimeoutError | socket.timeout):
        return f"connection to {where} timed out after {login.timeout_s:g} s"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection refused by {where} (SSH not listening)"
    if isinstance(exc, SSHException | EOFError | ConnectionError):
        return f"SSH connection to {where} failed: {exc or type(exc).__name__}"
    if isinstance(exc, OSError):
        return f"cannot reach {where}: {exc.strerror or exc}"
    return f"CLI session with {where} failed: {type(exc).__name__}: {exc}"


#: What a session may raise for a device's fault (anything else is a bug and propagates).
DEVICE_ERRORS = (
    NetmikoAuthenticationException,
    NetmikoTimeoutException,
    ReadException,
    SSHException,
    EOFError,
    OSError,
    ValueError,  # netmiko raises it when it cannot find the prompt
)


def run_session(connect: Connector, login: Login, work: Callable[[Session], T]) -> T:
    """Open a session, do ``work``, log out; device faults raise CliError with a reason."""
    try:
        session = connect(login)
    except CliError:
        raise
    except DEVICE_ERRORS as exc:
        raise CliError(reason_for(exc, login)) from exc
    try:
        return work(session)
    except CliError:
        raise
    except DEVICE_ERRORS as exc:
        raise CliError(reason_for(exc, login)) from exc
    finally:
        # The answer is already read: a failed logout changes nothing.
        with contextlib.suppress(*DEVICE_ERRORS):
            session.close()


Failure = Literal["auth", "timeout", "refused", "read-timeout", "eof"]


def _failure(kind: Failure) -> Exception:
    errors: dict[Failure, Exception] = {
        "auth": NetmikoAuthenticationException("Authentication to device failed."),
        "timeout": NetmikoTimeoutException("TCP connection to device failed."),
        "refused": ConnectionRefusedError(111, "Connection refused"),
        "read-timeout": ReadTimeout("Pattern not detected"),
        "eof": EOFError(),
    }
    return errors[kind]


@dataclass
class FakeSession:
    """A scripted session for unit tests: outputs by command, or netmiko's failures."""

    outputs: Mapping[str, str] = field(default_factory=dict)
    fail_connect: Failure | None = None
    fail_command: Failure | None = None
    sent: list[str] = field(default_factory=list)
    closed: bool = False

    def connect(self, login: Login) -> Session:
        """A Connector: this session, or the scripted connect failure."""
        if self.fail_connect is not None:
            raise _failure(self.fail_connect)
        return self

    def send_command(self, command: str) -> str:
        self.sent.append(command)
        if self.fail_command is not None:
            raise _failure(self.fail_command)
        return self.outputs.get(command, "Error: Unrecognized command found at '^' position.")

    def send_config(self, lines: Sequence[str]) -> str:
        self.sent.extend(lines)
        return ""

    def close(self) -> None:
        self.closed = True
