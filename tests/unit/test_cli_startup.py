"""``import netops.cli`` stays cheap: no heavy library loads before a command runs.

``netops --help`` and ``netops tui`` (whose first frame must paint in under 1.5 s) pay for
every module netops.cli imports, so its modules import typer and option types only and
load the rest inside the commands. Checked through ``sys.modules`` of a fresh interpreter,
not timings, so the test is deterministic.
"""

from __future__ import annotations

import subprocess
import sys

#: Modules that cost hundreds of milliseconds to import; none may load with netops.cli.
HEAVY = (
    "influxdb_client",
    "asyncssh",
    "pysnmp",
    "netmiko",
    "openpyxl",
    "ansible_runner",
    "textual",
    "netops.lab.lab",
    "netops.store.adapter",
)


def _imported() -> set[str]:
    """The module names ``import netops.cli`` leaves in a fresh interpreter."""
    code = "import netops.cli, sys; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return set(out.split())


def _loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(m == n or m.startswith(f"{n}.") for m in modules)]


def test_import_netops_cli_loads_no_heavy_module() -> None:
    modules = _imported()
    assert {"netops.cli", "netops.cli.audit", "netops.cli.provision"} <= modules
    assert _loaded(modules, HEAVY) == []
