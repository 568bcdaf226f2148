"""Settings to a Store: environment, URL, secrets kept out of reprs."""

from __future__ import annotations

from pathlib import Path

import pytest

from netops.settings import Settings
from netops.store.connect import credentials, resolve_url, retention_plan, target
from netops.store.errors import StoreError


def test_influx_settings_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("NETOPS_INFLUX__URL", "http://127.0.0.1:9999/")
    monkeypatch.setenv("NETOPS_INFLUX__PASSWORD", "s3cret")
    monkeypatch.setenv("NETOPS_INFLUX__USERNAME", "netops")
    monkeypatch.setenv("NETOPS_INFLUX__API", "v1")
    monkeypatch.setenv("NETOPS_INFLUX__SPOOL_PATH", str(tmp_path / "s.sqlite"))
    settings = Settings()
    assert settings.influx.api == "v1"
    assert resolve_url(settings) == "http://127.0.0.1:9999"
    assert "s3cret" not in repr(settings) and "s3cret" not in repr(target(settings))
    assert credentials(settings).password == "s3cret"
    assert target(settings).retention_policy == "raw"


def test_no_url_and_no_lab_is_an_error(tmp_path: Path) -> None:
    settings = Settings(lab_dir=tmp_path)
    with pytest.raises(StoreError, match="NETOPS_INFLUX__URL"):
        resolve_url(settings)


def test_retention_plan_and_cq_statement() -> None:
    plan = retention_plan(Settings())
    assert (plan.raw_policy, plan.raw_retention, plan.long_retention) == ("raw", "30d", "400d")
    statement = plan.continuous_queries()["cq_interface_1h"]
    assert 'INTO "netops"."long"."interface_1h" FROM "netops"."raw"."interface"' in statement
    assert statement.endswith("GROUP BY time(1h), * END")
