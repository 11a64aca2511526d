"""Shared fixtures: paths, the shared seeds, one Extractor per session, and the sample site on 127.0.0.1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PANTAU = [sys.executable, "-m", "crawler.cli"]


@pytest.fixture(scope="session")
def extractor():
    from extract import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seeds() -> Path:
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip("the shared seed articles (../shared/seeds) are not beside this checkout")
    return folder


@pytest.fixture
def sample_sites():
    from crawler.sitesrv import serve_sites

    with serve_sites() as bases:
        yield bases


def pantau(*args: str, cwd: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the real ``pantau`` command line in a subprocess (Scrapy's reactor starts once per process)."""
    return subprocess.run(PANTAU + list(args), capture_output=True, text=True, cwd=cwd or ROOT, timeout=timeout)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo's database, built once per test session by ``pantau demo --no-serve``."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "pantau.db"
    result = pantau("demo", "--no-serve", "--db", str(db))
    assert result.returncode == 0, result.stderr[-3000:]
    (folder / "summary.txt").write_text(result.stdout)
    return db

