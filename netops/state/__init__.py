"""The state database: what must outlast a process (audits, outages, history).

Embedded SQLite by default (``Settings.state_path``). Each domain (compliance,
outages, ...) owns its tables and declares them as a :class:`Schema`; opening the
database applies every registered schema's pending migrations, in order.
"""

from netops.state.db import Schema, StateDB, open_state

__all__ = ["Schema", "StateDB", "open_state"]
