"""Run one snmpsim command responder of the lab (``python -m netops.lab.snmp.launcher``).

Usage: ``launcher --plan PLAN.json --process NAME [--v3-secrets FILE] -- <responder args>``.

Before handing over to snmpsim's own ``main`` it:

- replaces the dbm behind snmpsim's record index with ``index`` (a dict per data file;
  ``dbm.dumb``, all this Python offers, costs milliseconds per device and per lookup);
- lets every data file of the process stay open (``DataFile.max_queue_entries``; the
  default of 31 makes thousands of devices thrash their indexes) and raises the open
  file limit to match (each open data file holds its text and its index);
- configures the live view of the lab state (``dynamic.configure``);
- hooks three points of snmpsim/pysnmp so that a device can stay silent or answer late
  on its own without touching the other devices of the process: the data-file read
  (``dynamic.admit``), the start of each incoming datagram (``dynamic.begin_request``:
  forget the last request's fate, look at the state once) and the send of the
  response (``dynamic.take_action``: send now, never, or ``call_later``);
- reads the SNMPv3 keys from a 0600 file it deletes at once, so they appear neither in
  the command line (``/proc/PID/cmdline``) nor in any log (snmpsim logs keys at info
  level; the lab runs it at ``--log-level=error``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from pysnmp.carrier.base import AbstractTransportDispatcher  # type: ignore[import-untyped]
from pysnmp.entity.rfc3413.cmdrsp import CommandResponderBase  # type: ignore[import-untyped]
from pysnmp.proto.api import v2c  # type: ignore[import-untyped]
from pysnmp.smi import exval  # type: ignore[import-untyped]
from snmpsim.commands import responder  # type: ignore[import-untyped]
from snmpsim.controller import MibInstrumController  # type: ignore[import-untyped]
from snmpsim.datafile import DataFile  # type: ignore[import-untyped]
from snmpsim.record.search import database  # type: ignore[import-untyped]

from netops.lab.snmp import ber, dynamic, index, table
from netops.lab.snmp.plan import SnmpPlan

#: Open files per open data file (text + dbm index), and a margin for sockets and logs.
FILES_PER_DATA_FILE = 3
SPARE_FILES = 64
#: Environment switch: "0" serves reads through snmpsim's data file path instead of
#: ``table`` and encodes responses with pyasn1 instead of ``ber`` (to compare, in bench).
FAST_SWITCH = "NETOPS_LAB_SNMP_FAST"


def _raise_open_files(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def _table_reads(process_var_binds: Callable[..., Any]) -> Callable[..., Any]:
    """Serve reads from ``table`` (SETs stay with snmpsim); build snmpsim's index lazily."""

    def serve(self: Any, var_binds: Any, **context: Any) -> Any:
        answer = table.table(self._text_file).answer(var_binds, **context)
        if answer is None:  # a SET: snmpsim's own path (opens the index on demand)
            return process_var_binds(self, var_binds, **context)
        return answer

    def lazy_index(self: Any, *args: Any, **kwargs: Any) -> Any:
        # snmpsim's index is needed only for a SET, and ``get_handles`` builds it then.
        return self

    DataFile.index_text = lazy_index
    return serve


def _fast_responses() -> None:
    """Encode responses' varbinds with ``ber`` (SNMPv2c and v3; v1 keeps pysnmp's path)."""
    send_varbinds: Callable[..., Any] = CommandResponderBase.send_varbinds

    def fast_send_varbinds(
        self: Any, engine: Any, state: Any, status: Any, index: Any, var_binds: Any
    ) -> Any:
        pending = getattr(self, "_CommandResponderBase__pendingReqs", {}).get(state)
        if pending is None or pending[0] == 0:
            # messageProcessingModel 0 (SNMPv1) converts the PDU back and reads its varbinds.
            return send_varbinds(self, engine, state, status, index, var_binds)
        pdu = pending[7]
        v2c.apiPDU.set_error_status(pdu, status)
        v2c.apiPDU.set_error_index(pdu, index)
        ber.fill(pdu, var_binds)
        return self.send_pdu(engine, state, pdu)

    ber.install()
    CommandResponderBase.send_varbinds = fast_send_varbinds


def _install_hooks(tables: bool = True) -> None:
    process_var_binds: Callable[..., Any] = DataFile.process_var_binds
    receive: Callable[..., Any] = AbstractTransportDispatcher._callback_function
    send: Callable[..., Any] = AbstractTransportDispatcher.send_message
    call_context: Callable[..., Any] = MibInstrumController._get_call_context
    contexts: dict[tuple[bool, bool], Any] = {}

    def request_context(
        self: Any, next_flag: bool = False, set_flag: bool = False, **context: Any
    ) -> Any:
        # The same for every step of a request: a GETBULK asks for it once per repetition
        # and snmpsim rebuilds it (and formats a log line) each time.
        key = (next_flag, set_flag)
        if key not in contexts:
            contexts[key] = call_context(self, next_flag, set_flag, **context)
        return contexts[key]

    serve = _table_reads(process_var_binds) if tables else process_var_binds

    def admitted_process(self: Any, var_binds: Any, **context: Any) -> Any:
        if not dynamic.admit(self._text_file, context.get("securityModel")):
            # The response will be dropped: skip the data file lookups altogether.
            return [(oid, exval.noSuchInstance) for oid, _ in var_binds]
        return serve(self, var_binds, **context)

    def fresh_receive(self: Any, *args: Any) -> Any:
        dynamic.begin_request()
        contexts.clear()
        try:
            return receive(self, *args)
        finally:
            dynamic.reset_action()
            contexts.clear()

    def gated_send(self: Any, message: Any, domain: Any, address: Any) -> Any:
        action = dynamic.take_action()
        if action is None:
            return send(self, message, domain, address)
        if action == dynamic.DROP:
            return None
        # Late, not blocking: the loop keeps serving the other devices meanwhile.
        asyncio.get_running_loop().call_later(action, send, self, message, domain, address)
        return None

    # The dbm snmpsim falls back to here (dbm.dumb) is the responder's main cost.
    database.dbm = database.whichdb = index
    MibInstrumController._get_call_context = request_context
    DataFile.process_var_binds = admitted_process
    AbstractTransportDispatcher._callback_function = fresh_receive
    AbstractTransportDispatcher.send_message = gated_send


def _v3_arguments(secrets: Path | None) -> list[str]:
    if secrets is None:
        return []
    try:
        data = json.loads(secrets.read_text(encoding="utf-8"))
    finally:
        secrets.unlink(missing_ok=True)
    return [
        "--v3-user",
        data["user"],
        "--v3-auth-key",
        data["auth_key"],
        "--v3-auth-proto",
        data["auth_protocol"],
        "--v3-priv-key",
        data["priv_key"],
        "--v3-priv-proto",
        data["priv_protocol"],
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Configure the lab's hooks, then run snmpsim's command responder."""
    args = list(sys.argv[1:] if argv is None else argv)
    ours, responder_args = (
        (args[: args.index("--")], args[args.index("--") + 1 :]) if "--" in args else (args, [])
    )
    parser = argparse.ArgumentParser(prog="python -m netops.lab.snmp.launcher")
    parser.add_argument("--plan", type=Path, required=True)
    parser.add_argument("--process", required=True)
    parser.add_argument("--v3-secrets", type=Path)
    options = parser.parse_args(ours)

    plan = SnmpPlan.load(options.plan)
    versions = plan.versions(options.process)
    dynamic.configure(plan.state_path, versions)
    DataFile.max_queue_entries = len(versions) + 16
    _raise_open_files(FILES_PER_DATA_FILE * len(versions) + SPARE_FILES)
    fast = os.environ.get(FAST_SWITCH, "1") != "0"
    _install_hooks(tables=fast)
    if fast:
        _fast_responses()
    sys.argv = ["snmpsim-command-responder", *responder_args, *_v3_arguments(options.v3_secrets)]
    return int(responder.main() or 0)


if __name__ == "__main__":
    sys.exit(main())
