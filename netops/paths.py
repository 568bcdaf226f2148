"""Where netops lives on disk (light: the command line's option defaults need it)."""

from __future__ import annotations

from pathlib import Path

#: The repository (or install) root, where the committed prefecture lives.
PROJECT_ROOT = Path(__file__).resolve().parents[1]
