"""A lab of the small generated prefecture's Xingyi schools, and a provisioner aimed at it.

Provisioning rewrites the lab switches' configuration, so these tests run their own lab
(not the session's, which other tests expect as the inventory seeded it).
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr

from netops.clock import SystemClock
from netops.inventory import Inventory, load_inventory
from netops.lab.lab import clear_faults, down, up
from netops.lab.labfile import CREDENTIALS_FILE, LabCredentials
from netops.lab.seed import Scope
from netops.lab.targets import lab_targets
from netops.provision.constants import PLAYBOOK, PLAYBOOKS_DIR
from netops.provision.intent import school_intent
from netops.provision.provisioner import Provisioner
from netops.provision.runner import AnsibleRunner
from netops.provision.secrets import ProvisionSecrets
from netops.provision.services import services_for
from netops.provision.verify import Login, VerifyReport, config_reader, verify_school
from netops.settings import Settings

SCOPE = "county xingyi"  # 8 schools: VRP, Comware and one Ruijie (no provisioning role)


@dataclass
class ProvisionLab:
    """The running lab and what the tests need to provision and verify it."""

    directory: Path
    inventory: Inventory
    inventory_root: Path
    login: Login
    secrets: ProvisionSecrets
    runs_dir: Path

    def provisioner(self) -> Provisioner:
        """A provisioner on the lab (its schools only), runs under ``runs_dir``."""
        runner = AnsibleRunner(
            playbooks_dir=PLAYBOOKS_DIR,
            playbook=PLAYBOOK,
            inventory=self.inventory_root,
            lab_dir=self.directory,
        )
        schools = frozenset(s.id for s in Scope.parse(SCOPE).schools(self.inventory))
        return Provisioner(
            runner,
            self.inventory,
            self.secrets,
            self.runs_dir,
            SystemClock(),
            available=schools,
        )

    def verify(self, school: str) -> VerifyReport:
        """``netops provision verify`` of one school against the lab."""
        services = services_for(Settings(), self.inventory)
        intent = school_intent(self.inventory, school, services)
        targets = {t.device: t for t in lab_targets(self.inventory, self.directory)}
        reader = config_reader(SystemClock(), self.login)
        return asyncio.run(verify_school(intent, targets, reader))


@pytest.fixture(scope="package")
def provision_lab(
    small_inventory_master: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ProvisionLab]:
    """The lab, with random secrets for the run (a leak of them would be found)."""
    directory = tmp_path_factory.mktemp("provision-lab")
    inventory = load_inventory(small_inventory_master)
    try:
        up(inventory, Scope.parse(SCOPE), directory, snmp_processes=1)
        lab = LabCredentials.model_validate_json(
            (directory / CREDENTIALS_FILE).read_text(encoding="utf-8")
        )
        yield ProvisionLab(
            directory=directory,
            inventory=inventory,
            inventory_root=small_inventory_master,
            login=Login(username=lab.ssh_username, password=lab.ssh_password),
            secrets=ProvisionSecrets(
                switch_password=lab.ssh_password,
                snmp_community=SecretStr(f"comm-{secrets.token_urlsafe(9)}"),
            ),
            runs_dir=tmp_path_factory.mktemp("runs"),
        )
    finally:
        down(directory)


@pytest.fixture
def clean_provision_lab(provision_lab: ProvisionLab) -> Iterator[ProvisionLab]:
    """The lab; faults the test injects are cleared afterwards."""
    yield provision_lab
    clear_faults(provision_lab.directory)
