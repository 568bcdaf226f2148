"""Settings: the only module that reads the environment (prefix ``NETOPS_``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The repository (or install) root, where the committed prefecture lives.
PROJECT_ROOT = Path(__file__).resolve().parents[1]


def default_inventory() -> Path:
    """The committed Qianxinan inventory; ``./inventories/qianxinan`` when run elsewhere."""
    shipped = PROJECT_ROOT / "inventories" / "qianxinan"
    return shipped if shipped.is_dir() else Path("inventories") / "qianxinan"


class Settings(BaseSettings):
    """netops settings; every field can be set as ``NETOPS_<FIELD>`` (nested: ``__``)."""

    model_config = SettingsConfigDict(
        env_prefix="NETOPS_", env_nested_delimiter="__", extra="ignore"
    )

    inventory: Path = Field(
        default_factory=default_inventory,
        description="Directory of the inventory (prefecture.yaml, one folder per county).",
    )
    lab_dir: Path = Field(
        default=PROJECT_ROOT / ".lab",
        description="Directory of the lab (digital twin): state, agents' data, logs, lab.json.",
    )
    ansible_user: str = Field(
        default="netops", description="Login name Ansible uses on switches and terminals."
    )


def get_settings() -> Settings:
    """Settings from the environment, read anew on each call."""
    return Settings()
