"""SSH CLI simulators of the lab's Huawei VRP and H3C Comware switches (asyncssh)."""

from netops.lab.ssh.comware import ComwareShell
from netops.lab.ssh.launch import command, load_ports, wait_ready, write_credentials, write_ports
from netops.lab.ssh.server import PLATFORMS, Credentials, SshLab, host_key, servable
from netops.lab.ssh.vrp import VrpShell

__all__ = [
    "PLATFORMS",
    "ComwareShell",
    "Credentials",
    "SshLab",
    "VrpShell",
    "command",
    "host_key",
    "load_ports",
    "servable",
    "wait_ready",
    "write_credentials",
    "write_ports",
]
