"""End to end, in tmux: lab + service + ``netops tui``; a fault shows on the Outages screen.

A lab of a few schools in a temp dir, ``netops serve`` polling every few seconds with
the outage tracker, and the TUI in a detached tmux session at 120x40. After ``netops
lab fault link-down SCHOOL`` the outage appears within two poll intervals (plus one
TUI refresh); after ``netops lab fault clear`` it goes away.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from netops.inventory import load_inventory
from netops.lab.seed import Scope
from netops.settings import PROJECT_ROOT

pytestmark = [pytest.mark.tui, pytest.mark.e2e, pytest.mark.slow, pytest.mark.integration]

SCOPE = "schools 3"
POLL_S = 5.0
REFRESH_S = 1.0
NETOPS = str(Path(sys.executable).with_name("netops"))


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[tuple[dict[str, str], str]]:
    """Lab, service and the TUI in tmux; yields the environment and the tmux session."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (scripts/bootstrap.sh installs it)")
    env = {
        **os.environ,
        "NETOPS_LAB_DIR": str(tmp_path / "lab"),
        "NETOPS_STATE_PATH": str(tmp_path / "state.sqlite"),
        "NETOPS_INFLUX__SPOOL_PATH": str(tmp_path / "spool.sqlite"),
        "NETOPS_SCHEDULE__POLL_INTERVAL_S": str(POLL_S),
        "NO_PROXY": "127.0.0.1,localhost",
    }
    session = f"netops-e2e-{os.getpid()}"
    subprocess.run([NETOPS, "lab", "up", "--scope", SCOPE], env=env, check=True, timeout=600)
    log = (tmp_path / "serve.log").open("w")
    serve = subprocess.Popen(
        [NETOPS, "serve", "--scope", SCOPE], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        command = f"{NETOPS} tui --refresh {REFRESH_S}"
        tmux = ["tmux", "new-session", "-d", "-s", session, "-x", "120", "-y", "40"]
        subprocess.run([*tmux, command], env=env, check=True)
        yield env, session
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)
        serve.terminate()
        serve.wait(timeout=60)
        log.close()
        subprocess.run([NETOPS, "lab", "down"], env=env, check=False, timeout=120)


def screen(session: str) -> str:
    """What the tmux pane shows now."""
    answer = subprocess.run(
        ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
    )
    return answer.stdout


def wait_for(session: str, test: Callable[[str], bool], timeout: float) -> float:
    """Seconds until the pane passes ``test``; fails with the pane after ``timeout``."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if test(screen(session)):
            return time.monotonic() - start
        time.sleep(0.25)
    pytest.fail(f"not on screen after {timeout:.0f} s:\n{screen(session)}")


def test_fault_shows_on_outages_and_clears(stack: tuple[dict[str, str], str]) -> None:
    env, session = stack
    inventory = load_inventory(PROJECT_ROOT / "inventories" / "qianxinan")
    school = Scope.parse(SCOPE).schools(inventory)[-1]
    # The service is polling and the TUI shows fresh data (no STALE line).
    wait_for(session, lambda s: "netops NOC" in s and "newest poll" in s, 180)
    wait_for(session, lambda s: "STALE" not in s.splitlines()[1], 120)
    subprocess.run(["tmux", "send-keys", "-t", session, "u"], check=True)
    wait_for(session, lambda s: "0 open outages" in s, 60)

    subprocess.run(
        [NETOPS, "lab", "fault", "link-down", school.id], env=env, check=True, timeout=60
    )
    appeared = wait_for(session, lambda s: "1 open outage" in s, 6 * POLL_S)
    assert appeared <= 2 * POLL_S + REFRESH_S + 1.0, f"outage shown after {appeared:.1f} s"
    assert "link down" in screen(session)

    subprocess.run([NETOPS, "lab", "fault", "clear"], env=env, check=True, timeout=60)
    wait_for(session, lambda s: "0 open outages" in s, 10 * POLL_S)
