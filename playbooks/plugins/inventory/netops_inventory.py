"""Ansible inventory plugin: the netops YAML inventory as hosts, groups and variables."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin

try:
    from netops.inventory.ansible import ansible_inventory, populate
    from netops.inventory.cache import load_cached
    from netops.inventory.errors import InventoryError
    from netops.lab.lab import LabError, require
    from netops.lab.terminals import lab_overlay
    from netops.settings import get_settings
except ImportError as exc:  # reported by parse(): a failed import would only skip the plugin
    NETOPS_IMPORT_ERROR: ImportError | None = exc
else:
    NETOPS_IMPORT_ERROR = None

DOCUMENTATION = r"""
name: netops_inventory
short_description: The netops school-network inventory
description:
  - Loads and validates a netops inventory directory (prefecture.yaml, one folder per county)
    and exposes every switch and classroom terminal as a host.
  - Groups are county_<id> (with school_<id> children), role_<role>, platform_<platform>,
    vendor_<vendor>, switches and terminals.
  - The configuration file name must end in netops.yml or netops.yaml.
  - Needs netops importable from the Python that runs Ansible (its virtualenv).
options:
  plugin:
    description: Marks the file as this plugin's configuration.
    required: true
    choices: [netops_inventory]
  path:
    description:
      - The inventory directory. A relative path in the configuration file resolves against
        that file's directory.
      - When unset, netops' default (its settings, NETOPS_INVENTORY) is used.
    type: str
    env:
      - name: NETOPS_INVENTORY
  include_terminals:
    description: Also add classroom terminals (teacher PCs, displays, cloud terminals).
    type: bool
    default: true
  user:
    description: ansible_user of every host; when unset, netops' settings (NETOPS_ANSIBLE_USER).
    type: str
    env:
      - name: NETOPS_ANSIBLE_USER
  lab:
    description:
      - Point Ansible at the running lab instead of the real network (docs/playbooks.md).
      - Only the lab's devices and terminals are hosts; switches are reached at 127.0.0.1 on
        their SSH simulator's port, terminals are local directories under the lab.
      - The inventory is the one the lab was built from.
    type: bool
    default: false
    env:
      - name: NETOPS_ANSIBLE_LAB
  lab_dir:
    description: The lab directory; when unset, netops' settings (NETOPS_LAB_DIR).
    type: str
  schools:
    description:
      - Only the hosts of these schools (ids). A provisioning run names the schools it works
        on, so Ansible builds their few dozen hosts instead of the prefecture's 13,000
        (seconds per run). Unset, every host.
    type: list
    elements: str
"""

EXAMPLES = r"""
# inventory/netops.yml
plugin: netops_inventory
path: ../../inventories/qianxinan
include_terminals: false
"""


class InventoryModule(BaseInventoryPlugin):
    """Reads a netops inventory; the conversion lives in netops.inventory.ansible."""

    NAME = "netops_inventory"
    # The values are data, never templates (--list shows them as __ansible_unsafe).
    trusted_by_default = False

    def verify_file(self, path: str) -> bool:
        """Accept readable files named *netops.yml or *netops.yaml."""
        return bool(super().verify_file(path)) and path.endswith(("netops.yml", "netops.yaml"))

    def parse(self, inventory: Any, loader: Any, path: str, cache: bool = True) -> None:
        """Load, validate and convert the inventory, then fill Ansible's."""
        super().parse(inventory, loader, path, cache)
        config = self._read_config_data(path)
        if NETOPS_IMPORT_ERROR is not None:
            raise AnsibleParserError(
                f"cannot import netops ({NETOPS_IMPORT_ERROR}); run Ansible from netops' virtualenv"
            )
        settings = get_settings()
        root = Path(str(self.get_option("path") or settings.inventory))
        if "path" in config:  # written in the file: relative to the file, not to the cwd
            root = Path(path).parent / root
        lab = None
        if self.get_option("lab"):
            try:
                lab = require(Path(str(self.get_option("lab_dir") or settings.lab_dir)))
            except LabError as exc:
                raise AnsibleParserError(str(exc)) from exc
            root = lab.inventory
        try:
            inventory = load_cached(root, settings.inventory_cache)
            only = self.get_option("schools")
            data = ansible_inventory(
                inventory,
                include_terminals=self.get_option("include_terminals"),
                user=str(self.get_option("user") or settings.ansible_user),
                schools=frozenset(only) if only else None,
            )
        except InventoryError as exc:
            raise AnsibleParserError(str(exc)) from exc
        if lab is not None:
            data = lab_overlay(data, inventory, lab, sys.executable)
        populate(self.inventory, data)
