"""Where a provisioning run goes and with which secrets: the lab when it runs, else the network.

The lab (``netops lab up``) has its own switch login; the real network takes the
``provision`` and ``snmp`` settings. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netops.inventory.inventory import Inventory
from netops.lab.labfile import CREDENTIALS_FILE, LabCredentials, read_lab_file
from netops.lab.seed import Scope
from netops.provision.secrets import ProvisionSecrets
from netops.provision.settings import ProvisionSettings
from netops.provision.verify import Login
from netops.settings import Settings


class SettingError(ValueError):
    """The settings do not allow the run (the message names the setting)."""


class MissingSecretError(SettingError):
    """A secret the run needs is not configured (the message names the setting)."""


@dataclass(frozen=True)
class Target:
    """The network a run works on: the lab in ``lab_dir``, or the real one (None)."""

    lab_dir: Path | None

    @property
    def is_lab(self) -> bool:
        """True when the run goes to the lab's simulators."""
        return self.lab_dir is not None

    def describe(self) -> str:
        """``the lab in DIR`` or ``the network``."""
        return f"the lab in {self.lab_dir}" if self.lab_dir else "the network"


def target_of(settings: Settings) -> Target:
    """The lab when one runs (and targets are not forced to the inventory), else the network."""
    if settings.snmp.targets == "inventory":
        return Target(None)
    lab = read_lab_file(settings.lab_dir)
    if lab is None:
        if settings.snmp.targets == "lab":
            raise MissingSecretError(
                f"NETOPS_SNMP__TARGETS=lab but no lab runs in {settings.lab_dir}"
            )
        return Target(None)
    return Target(lab.directory)


def lab_schools(inventory: Inventory, target: Target) -> frozenset[str] | None:
    """The schools the lab runs (its scope); None on the real network (every school)."""
    if target.lab_dir is None:
        return None
    lab = read_lab_file(target.lab_dir)
    if lab is None:
        return frozenset()
    return frozenset(s.id for s in Scope.parse(lab.scope).schools(inventory))


def _lab_credentials(lab_dir: Path) -> LabCredentials:
    return LabCredentials.model_validate_json(
        (lab_dir / CREDENTIALS_FILE).read_text(encoding="utf-8")
    )


def switch_login(settings: Settings, target: Target) -> Login:
    """The switches' CLI login: the lab's, or ``ansible_user`` and the provision password.

    Raises:
        MissingSecretError: the real network and no switch password configured.
    """
    if target.lab_dir is not None:
        lab = _lab_credentials(target.lab_dir)
        return Login(username=lab.ssh_username, password=lab.ssh_password)
    password = provision_settings(settings).switch_password
    if password is None:
        raise MissingSecretError(
            "no switch password: set NETOPS_PROVISION__SWITCH_PASSWORD (or run the lab)"
        )
    return Login(username=settings.ansible_user, password=password)


def secrets_for(settings: Settings, target: Target) -> ProvisionSecrets:
    """What the playbook gets as ``netops_secrets``: switch password and SNMP secrets.

    Raises:
        MissingSecretError: a secret the configured SNMP version needs is missing.
        SettingError: SNMPv3 with a SHA-2 protocol, which the templates cannot push.
    """
    snmp = settings.snmp
    if snmp.version == "v3" and snmp.v3_auth_protocol != "SHA":
        # The CLI for SHA-2 USM users differs between firmware releases (older VRP and
        # Comware take only md5|sha): pushing a guess would lock the poller out.
        raise SettingError(
            f"provisioning configures SNMPv3 users with SHA (HMAC-SHA-96) only, not"
            f" {snmp.v3_auth_protocol}: set NETOPS_SNMP__V3_AUTH_PROTOCOL=SHA for the run,"
            " or configure the SHA-2 users on the switches by hand"
        )
    login = switch_login(settings, target)
    if snmp.version == "v3" and not (snmp.v3_user and snmp.v3_auth_key and snmp.v3_priv_key):
        raise MissingSecretError(
            "SNMP v3 needs NETOPS_SNMP__V3_USER, NETOPS_SNMP__V3_AUTH_KEY and"
            " NETOPS_SNMP__V3_PRIV_KEY"
        )
    return ProvisionSecrets(
        switch_password=login.password,
        snmp_version=snmp.version,
        snmp_community=snmp.community if snmp.version == "v2c" else None,
        snmp_v3_user=snmp.v3_user,
        snmp_v3_auth_key=snmp.v3_auth_key,
        snmp_v3_priv_key=snmp.v3_priv_key,
    )


def provision_settings(settings: Settings) -> ProvisionSettings:
    """The ``provision`` section of ``settings``, or its defaults when there is none."""
    section = getattr(settings, "provision", None)
    return section if isinstance(section, ProvisionSettings) else ProvisionSettings()


def runs_dir(settings: Settings) -> Path:
    """Where run directories go: the setting, else ``runs/`` beside the state database."""
    configured = provision_settings(settings).runs_dir
    return configured if configured is not None else settings.state_path.parent / "runs"
