"""netops.school.config: push what a switch's running configuration lacks; mask secrets.

Runs on the controller over the task's network_cli connection (the device's cliconf
plugin does the typing). See plugins/modules/config.py for the options.
"""

from __future__ import annotations

import json

from ansible.errors import AnsibleConnectionFailure
from ansible.module_utils.connection import Connection, ConnectionError
from ansible.plugins.action import ActionBase
from ansible_collections.netops.school.plugins.plugin_utils.config_diff import (
    Secrets,
    missing_lines,
    unsaved,
)


class ActionModule(ActionBase):
    """Diff, push (unless in check mode), save when the running configuration is unsaved."""

    TRANSFERS_FILES = False
    _VALID_ARGS = frozenset(("config", "secrets", "update_secrets", "save_when"))

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        args = self._task.args
        save_when = args.get("save_when", "modified")
        update = args.get("update_secrets", "on_create")
        if save_when not in ("modified", "changed", "never") or update not in (
            "on_create",
            "always",
        ):
            return {
                "failed": True,
                "msg": "save_when: modified|changed|never; update_secrets: on_create|always",
            }
        secrets = Secrets(values=tuple(str(s) for s in args.get("secrets") or () if s))
        try:
            return self._run(result, str(args.get("config") or ""), secrets, update, save_when)
        except (ConnectionError, AnsibleConnectionFailure) as exc:
            # The device's own words (e.g. "Error: Wrong parameter"), never a secret.
            return {"failed": True, "msg": secrets.mask(str(exc))}

    def _run(self, result, candidate, secrets, update, save_when):
        conn = Connection(self._connection.socket_path)
        capabilities = json.loads(conn.get_capabilities())
        secrets = Secrets(
            values=secrets.values,
            cipher=capabilities.get("netops", {}).get("cipher", secrets.cipher),
            always=update == "always",
        )
        commands = missing_lines(candidate, conn.get_config(source="running"), secrets)
        shown = [secrets.mask(line) for line in commands]
        result.update(changed=bool(commands), commands=shown, saved=False)
        if commands and self._task.diff:
            result["diff"] = {"prepared": "\n".join(shown) + "\n"}
        if self._play_context.check_mode:
            return result
        if commands:
            conn.edit_config(candidate=commands)
        if save_when == "never":
            return result
        if save_when == "changed":
            needs_save = bool(commands)
        else:
            running = conn.get_config(source="running")
            needs_save = unsaved(running, conn.get_config(source="startup"))
        if needs_save:
            conn.save_config()
            result.update(changed=True, saved=True)
        return result
