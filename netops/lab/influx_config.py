"""Where the lab's private influxd keeps its files and what it listens on.

The server's directory holds everything::

    DIR/influxd.conf   written at every start
    DIR/influxd.log    the server's output (appended)
    DIR/meta/ DIR/data/ DIR/wal/

Both listeners (HTTP API and the RPC/backup service) bind 127.0.0.1 on the ports
given; every other listener is off and usage reporting is disabled.
``netops.lab.influx`` runs the process.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from netops.lab.processes import LOCALHOST

CONFIG_NAME = "influxd.conf"
LOG_NAME = "influxd.log"
#: influxd applies INFLUXDB_<SECTION>_<KEY> variables over the config file; an
#: empty value is ignored, so these are blanked for the lab's server.
ENV_PREFIX = "INFLUXDB_"


def neutral_env() -> dict[str, str]:
    """Environment overrides that blank every ``INFLUXDB_*`` variable (the file rules)."""
    return {key: "" for key in os.environ if key.startswith(ENV_PREFIX)}


def _toml(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes).
    return json.dumps(value)


def write_config(directory: Path, http_port: int, rpc_port: int) -> Path:
    """Write ``DIR/influxd.conf`` for a server kept entirely inside ``directory``."""
    root = directory.resolve()
    for sub in ("meta", "data", "wal"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    config = root / CONFIG_NAME
    config.write_text(
        f"""# Written by netops.lab.influx at every start; edits are lost.
# influxd ignores unknown keys: upstream reads reporting-disabled, Debian's build
# reporting-enabled.
reporting-disabled = true
reporting-enabled = false
bind-address = {_toml(f"{LOCALHOST}:{rpc_port}")}

[meta]
  dir = {_toml(str(root / "meta"))}

[data]
  dir = {_toml(str(root / "data"))}
  wal-dir = {_toml(str(root / "wal"))}
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = {_toml(f"{LOCALHOST}:{http_port}")}
  auth-enabled = false
  log-enabled = true
  suppress-write-log = true
  pprof-enabled = false
  unix-socket-enabled = false

[ifql]
  enabled = false

[logging]
  format = "logfmt"
  level = "info"
  suppress-logo = true

[[graphite]]
  enabled = false

[[collectd]]
  enabled = false

[[opentsdb]]
  enabled = false

[[udp]]
  enabled = false
""",
        encoding="utf-8",
    )
    return config
