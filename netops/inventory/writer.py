"""Write inventory files: deterministic YAML, written atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pydantic import BaseModel

from netops.inventory.constants import COUNTY_FILE, PREFECTURE_FILE
from netops.inventory.models import CountyFile, PrefectureFile, SchoolFile
from netops.inventory.yaml_source import dump_yaml


def document(model: BaseModel) -> str:
    """YAML text of one inventory file, defaults left out so files stay short."""
    return dump_yaml(model.model_dump(mode="json", exclude_defaults=True))


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def school_path(root: Path, school: SchoolFile) -> Path:
    """``<root>/<county>/<id>.yaml``."""
    return root / school.county / f"{school.id}.yaml"


def write_files(
    root: Path, prefecture: PrefectureFile, counties: list[CountyFile], schools: list[SchoolFile]
) -> list[Path]:
    """Write a whole inventory under ``root``; returns the paths written."""
    written = [root / PREFECTURE_FILE]
    write_atomic(written[0], document(prefecture))
    for county in counties:
        path = root / county.id / COUNTY_FILE
        write_atomic(path, document(county))
        written.append(path)
    for school in schools:
        path = school_path(root, school)
        write_atomic(path, document(school))
        written.append(path)
    return written
