"""What the VRP and Comware cliconf plugins share; a platform sets the class attributes.

Netmiko's model: the workflow lives here; ``cliconf/vrp.py`` and ``cliconf/comware.py``
only say how their device spells paging, saving and secrets.
"""

from __future__ import annotations

import json
import re

from ansible.errors import AnsibleConnectionFailure
from ansible_collections.ansible.netcommon.plugins.plugin_utils.cliconf_base import CliconfBase


class SchoolCliconf(CliconfBase):
    """A VRP-like switch: user view, ``system-view`` ... ``return``, ``display ...``."""

    #: ``ansible_network_os`` without the collection prefix.
    NETWORK_OS = ""
    #: Command, prompt regex and answer that save the running configuration.
    SAVE = ("save", None, None)
    #: A regex of the cipher text the device prints for a secret it keeps.
    CIPHER = r"\S+"
    #: ``display version`` line (regex) naming the software version, and the model.
    VERSION_RE = r"Version (\S+)"
    MODEL_RE = r"^(?:HUAWEI|Quidway|H3C) (\S+)"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._device_info = {}

    def get_device_info(self):
        """Network OS, software version, model and hostname (from ``display version``)."""
        if not self._device_info:
            info = {"network_os": self.NETWORK_OS}
            reply = self.get("display version")
            version = re.search(self.VERSION_RE, reply)
            model = re.search(self.MODEL_RE, reply, re.M)
            if version:
                info["network_os_version"] = version.group(1).rstrip(",")
            if model:
                info["network_os_model"] = model.group(1)
            prompt = self._connection.get_prompt()
            if prompt:
                text = prompt.decode() if isinstance(prompt, bytes) else prompt
                info["network_os_hostname"] = text.strip().strip("<>[]")
            self._device_info = info
        return self._device_info

    def get_config(self, source="running", flags=None, format=None):
        """``display current-configuration`` (running) or ``display saved-configuration``."""
        if source not in ("running", "startup"):
            raise ValueError(f"fetching configuration from {source} is not supported")
        command = "display current-configuration"
        if source == "startup":
            command = "display saved-configuration"
        if flags:
            command += " " + " ".join(flags)
        return self.send_command(command)

    def edit_config(self, candidate=None, commit=True, replace=None, comment=None):
        """Type the lines in system view, leaving each block before the next, then return.

        ``candidate`` lines indented by a space belong to the last line that was not.
        """
        if not candidate:
            return {"request": [], "response": []}
        lines = candidate if isinstance(candidate, list) else str(candidate).splitlines()
        requests, responses = [], []
        self.send_command("system-view")
        try:
            in_block = False
            for line in lines:
                if not line.strip():
                    continue
                child = line[:1].isspace()
                if in_block and not child:
                    self.send_command("quit")
                command = line.strip()
                responses.append(self.send_command(command))
                requests.append(command)
                in_block = child or self._opens_view(command)
        finally:
            self.send_command("return")
        return {"request": requests, "response": responses}

    @staticmethod
    def _opens_view(command):
        return command.split()[0] in ("interface", "vlan") and "batch" not in command

    def save_config(self):
        """Save the running configuration (answers the device's confirmation)."""
        command, prompt, answer = self.SAVE
        return self.send_command(command, prompt=prompt, answer=answer)

    def get(
        self,
        command=None,
        prompt=None,
        answer=None,
        sendonly=False,
        newline=True,
        output=None,
        check_all=False,
    ):
        """One command's output."""
        if not command:
            raise ValueError("must provide value of command to execute")
        if output:
            raise ValueError(f"'output' value {output} is not supported for get")
        return self.send_command(
            command=command,
            prompt=prompt,
            answer=answer,
            sendonly=sendonly,
            newline=newline,
            check_all=check_all,
        )

    def run_commands(self, commands=None, check_rc=True):
        """Outputs of several commands; with ``check_rc`` false a failure is its message."""
        if commands is None:
            raise ValueError("'commands' value is required")
        responses = []
        for item in commands:
            cmd = item if isinstance(item, dict) else {"command": item}
            try:
                out = self.send_command(**cmd)
            except AnsibleConnectionFailure as exc:
                if check_rc:
                    raise
                out = getattr(exc, "err", str(exc))
            responses.append(out)
        return responses

    def get_device_operations(self):
        """What this plugin can do (netcommon's capability keys)."""
        return {
            "supports_diff_replace": False,
            "supports_commit": False,
            "supports_rollback": False,
            "supports_defaults": False,
            "supports_onbox_diff": False,
            "supports_commit_comment": False,
            "supports_multiline_delimiter": False,
            "supports_diff_match": False,
            "supports_diff_ignore_lines": False,
            "supports_generate_diff": False,
            "supports_replace": False,
        }

    def get_capabilities(self):
        """netcommon's capabilities plus ``netops``: the cipher regex for secret lines."""
        result = super().get_capabilities()
        result["rpc"] = [*result["rpc"], "save_config"]
        result["device_operations"] = self.get_device_operations()
        result["format"] = ["text"]
        result["netops"] = {"cipher": self.CIPHER}
        return json.dumps(result)
