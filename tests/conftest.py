"""Shared fixtures: the fixture ladder from the default project to a built site."""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest_plugins = ["browserkit"]

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seeds" / "000_83f70abcbde0c6a6.txt"


@pytest.fixture(autouse=True, scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Check caches (docs/cache.md) go to a folder of this test run, not the user's own:
    commands run in tests, in process or not, use and test the cache as users' runs do."""
    before = os.environ.get("EXPLAINER_CACHE_DIR")
    os.environ["EXPLAINER_CACHE_DIR"] = str(tmp_path_factory.mktemp("explainer-cache"))
    yield
    if before is None:
        del os.environ["EXPLAINER_CACHE_DIR"]
    else:
        os.environ["EXPLAINER_CACHE_DIR"] = before


@pytest.fixture(scope="module")
def bench() -> Iterator[None]:
    """The benchmarks' modules importable (``from generate import generate``)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        yield
    finally:
        sys.path.remove(str(ROOT / "bench"))


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


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test alone (``$EXPLAINER_CACHE_DIR``)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("EXPLAINER_CACHE_DIR", str(folder))
    return folder
