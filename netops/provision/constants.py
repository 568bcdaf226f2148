"""Constants of provisioning."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from netops.inventory.choices import Platform

#: The repository's playbooks directory (run Ansible from there: its ansible.cfg).
PLAYBOOKS_DIR: Final = Path(__file__).resolve().parents[2] / "playbooks"
#: The playbook that provisions a school's switches and terminals.
PLAYBOOK: Final = "provision_school.yml"
#: Switch platforms the playbook has a role for; other switches are not provisioned.
PROVISIONED_PLATFORMS: Final = frozenset({Platform.HUAWEI_VRP, Platform.H3C_COMWARE})
#: The summary each run leaves in its run directory.
SUMMARY_FILE: Final = "summary.json"
#: ansible-runner's ident for a one-school run (artifacts under ``artifacts/<ident>``).
SCHOOL_IDENT: Final = "run"
