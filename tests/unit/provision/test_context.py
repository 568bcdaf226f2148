"""What a provisioning run takes from the settings: logins and SNMP secrets, or a clear no."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from netops.lab.labfile import CREDENTIALS_FILE, LabCredentials
from netops.monitoring.settings import SnmpSettings
from netops.provision.context import MissingSecretError, SettingError, Target, secrets_for
from netops.settings import Settings


@pytest.fixture
def lab_target(tmp_path: Path) -> Target:
    LabCredentials.generate().save(tmp_path / CREDENTIALS_FILE)
    return Target(tmp_path)


def v3(**changes: object) -> Settings:
    snmp = SnmpSettings(
        version="v3",
        v3_user="netops",
        v3_auth_key=SecretStr("auth-Secret-1"),
        v3_priv_key=SecretStr("priv-Secret-2"),
    )
    return Settings(snmp=snmp.model_copy(update=changes))


def test_v3_secrets_reach_the_playbook(lab_target: Target) -> None:
    secrets = secrets_for(v3(), lab_target)
    assert secrets.snmp_version == "v3" and secrets.snmp_v3_user == "netops"
    assert secrets.snmp_v3_auth_key is not None
    assert secrets.snmp_v3_auth_key.get_secret_value() == "auth-Secret-1"
    assert secrets.snmp_community is None


def test_missing_v3_keys_name_the_settings(lab_target: Target) -> None:
    with pytest.raises(MissingSecretError, match="NETOPS_SNMP__V3_AUTH_KEY"):
        secrets_for(v3(v3_auth_key=None), lab_target)


@pytest.mark.parametrize("protocol", ["SHA224", "SHA256", "SHA512"])
def test_sha2_users_are_refused_rather_than_guessed(lab_target: Target, protocol: str) -> None:
    with pytest.raises(SettingError, match=f"not {protocol}.*V3_AUTH_PROTOCOL=SHA"):
        secrets_for(v3(v3_auth_protocol=protocol), lab_target)


def test_the_protocol_setting_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETOPS_SNMP__V3_AUTH_PROTOCOL", "SHA256")
    assert Settings().snmp.v3_auth_protocol == "SHA256"
    monkeypatch.setenv("NETOPS_SNMP__V3_AUTH_PROTOCOL", "MD5")
    with pytest.raises(ValueError, match="v3_auth_protocol"):
        Settings()
