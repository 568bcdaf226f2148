"""Settings of provisioning (a section of :class:`netops.settings.Settings`: ``provision``).

This module imports nothing of ``netops.settings``, so that one can import it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr

from netops.provision.constants import PLAYBOOK, PLAYBOOKS_DIR


class ProvisionSettings(BaseModel):
    """How ``netops provision`` runs Ansible (``NETOPS_PROVISION__<FIELD>``)."""

    playbooks_dir: Path = Field(
        default=PLAYBOOKS_DIR, description="The playbooks directory (its ansible.cfg is used)."
    )
    playbook: str = Field(default=PLAYBOOK, description="Playbook that provisions schools.")
    runs_dir: Path | None = Field(
        default=None,
        description="Where run directories go; None: 'runs' beside the state database.",
    )
    forks: int = Field(default=10, ge=1, le=200, description="Hosts Ansible works on at once.")
    timeout_s: int | None = Field(
        default=None, ge=1, description="Stop a run that takes longer (None: no limit)."
    )
    python_interpreter: str | None = Field(
        default=None,
        description=(
            "ansible_python_interpreter default for hosts that set none; None: this"
            " virtualenv's Python in the lab, ansible.cfg's discovery on the network."
        ),
    )
    switch_password: SecretStr | None = Field(
        default=None, description="Switches' login password (the lab's own when it runs)."
    )
