"""Export the JSON Schema of each inventory file kind (for editors and reviewers)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from netops.inventory.models import CountyFile, PrefectureFile, SchoolFile

#: File name of each exported schema.
SCHEMAS: dict[str, type[BaseModel]] = {
    "prefecture.schema.json": PrefectureFile,
    "county.schema.json": CountyFile,
    "school.schema.json": SchoolFile,
}


def schema_texts() -> dict[str, str]:
    """The text of every schema file, exactly as it is committed."""
    return {
        name: json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False, sort_keys=True)
        + "\n"
        for name, model in SCHEMAS.items()
    }


def stale_schemas(directory: Path) -> list[str]:
    """Names of the schema files under ``directory`` that are missing or out of date."""
    stale = []
    for name, text in schema_texts().items():
        path = directory / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            stale.append(name)
    return stale


def write_schemas(directory: Path) -> list[Path]:
    """Write every schema file; returns their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in schema_texts().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
