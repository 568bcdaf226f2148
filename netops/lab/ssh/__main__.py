"""``python -m netops.lab.ssh``: serve the SSH CLI of the lab's VRP and Comware switches.

Run by the lab as its own process; prints ``ready: pid=N ...`` once every device
listens and runs until SIGTERM or SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from netops.lab.ssh.launch import load_credentials, load_ports
from netops.lab.ssh.server import LOCALHOST, READY, Credentials, SshLab, host_key
from netops.lab.state import LabState

log = logging.getLogger("netops.lab.ssh")


class _EnvCredentials(BaseSettings):
    """The login from ``NETOPS_LAB_SSH_USERNAME`` / ``NETOPS_LAB_SSH_PASSWORD``."""

    # Kept here rather than in netops/settings.py only until the lab owns a settings section.
    model_config = SettingsConfigDict(env_prefix="NETOPS_LAB_SSH_", extra="ignore")

    username: str
    password: SecretStr


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m netops.lab.ssh", description=__doc__)
    parser.add_argument("--state", type=Path, required=True, help="the lab state (SQLite)")
    parser.add_argument("--ports", type=Path, required=True, help="JSON/YAML: hostname -> port")
    parser.add_argument(
        "--host-key", type=Path, required=True, help="host key file, generated if missing"
    )
    parser.add_argument(
        "--credentials",
        type=Path,
        help="YAML/JSON with username and password (default: NETOPS_LAB_SSH_* variables)",
    )
    parser.add_argument("--saved-dir", type=Path, help="where `save` keeps configurations")
    parser.add_argument("--log-level", default="INFO")
    return parser.parse_args(argv)


def credentials(path: Path | None) -> Credentials:
    """The login from the file, else from the environment.

    Raises:
        ValueError: no usable login; the message never quotes what was read.
    """
    try:
        if path is not None:
            return load_credentials(path)
        env = _EnvCredentials()
    except (ValidationError, yaml.YAMLError, TypeError) as error:
        # Validation and YAML errors quote their input, which holds the password.
        where = path or "NETOPS_LAB_SSH_USERNAME/NETOPS_LAB_SSH_PASSWORD"
        message = f"{where}: expected a username and a password ({type(error).__name__})"
        raise ValueError(message) from None
    return Credentials(username=env.username, password=env.password)


async def serve(args: argparse.Namespace, login: Credentials) -> None:
    """Listen until told to stop."""
    state = LabState(args.state)
    lab = SshLab(state, load_ports(args.ports), login, host_key(args.host_key), args.saved_dir)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    try:
        await lab.start()
        ports = sorted(lab.ports.values())
        span = f"{ports[0]}-{ports[-1]}" if ports else "none"
        print(
            f"{READY}: pid={os.getpid()} devices={len(ports)} on {LOCALHOST} ports {span}",
            flush=True,
        )
        await stop.wait()
    finally:
        await lab.close()
        state.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; 2 on bad arguments or files."""
    args = parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("asyncssh").setLevel(logging.WARNING)  # one line per packet otherwise
    # netmiko hangs up right after `quit`, before the goodbye packets: not worth a warning.
    logging.getLogger("asyncio").addFilter(
        lambda record: not record.getMessage().startswith("socket.send() raised exception")
    )
    try:
        login = credentials(args.credentials)
        asyncio.run(serve(args, login))
    except (OSError, ValueError) as error:
        log.error("%s", error)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
