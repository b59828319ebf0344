"""Shared fixtures: the fixture ladder from the default project to a built site."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["browserkit"]

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_83f70abcbde0c6a6.txt"


def snapshot(folder: Path) -> dict[str, str]:
    """Relative path → sha256 of every file under ``folder``."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    """A writable copy of the default project (content only; the theme is built in)."""
    target = tmp_path / "project"
    shutil.copytree(ROOT / "content", target / "content")
    return target
