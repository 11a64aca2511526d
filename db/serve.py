"""Publish a pantau database with Datasette, the project's metadata, canned queries and plugins.

    pantau serve --db pantau.db --port 8001
    pantau serve --db archive-2024.db --immutable

Datasette names a database after its file's stem, and ``metadata.yml`` describes the database
``pantau``; any other file name gets a copy of the metadata keyed on its own stem, so its
descriptions, facets and canned queries still apply.

>>> sorted(metadata_for("/data/archive-2024.db")["databases"])
['archive-2024']
"""

from __future__ import annotations

import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

HERE = Path(__file__).parent
METADATA = HERE / "metadata.yml"
PLUGINS = HERE / "plugins"  # pantau's own Datasette plugin (month facet, highlighted search snippets, copies)
TEMPLATES = HERE / "templates"  # the row page: an article's page lists the other copies of its story
DATABASE = "pantau"  # the database name metadata.yml is written for
SETTINGS = {"default_page_size": 50, "sql_time_limit_ms": 3000, "facet_time_limit_ms": 500}


def metadata_for(db_path: str | Path) -> dict:
    """The project's metadata with its database key renamed to the stem of ``db_path``."""
    metadata = yaml.safe_load(METADATA.read_text(encoding="utf-8"))
    stem = Path(db_path).stem
    databases = metadata.get("databases", {})
    if DATABASE in databases and stem != DATABASE:
        databases[stem] = databases.pop(DATABASE)
    return metadata


def write_metadata(db_path: str | Path, folder: str | Path) -> Path:
    """Write :func:`metadata_for` ``db_path`` into ``folder``; returns the file's path."""
    path = Path(folder) / f"metadata-{Path(db_path).stem}.yml"
    path.write_text(yaml.safe_dump(metadata_for(db_path), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def datasette_args(db_path: str, port: int = 8001, host: str = "127.0.0.1", immutable: bool = False,
                   metadata: str | Path | None = None) -> list[str]:
    """The ``datasette serve`` command line for a pantau database (read-only: no write endpoint).

    ``metadata`` is the metadata file to use; by default ``metadata.yml`` itself for a file named
    ``pantau.db``, else a copy keyed on the file's stem written to the temporary folder.
    """
    if metadata is None:
        metadata = METADATA if Path(db_path).stem == DATABASE else write_metadata(db_path, tempfile.mkdtemp())
    db_flag = ["-i", str(db_path)] if immutable else [str(db_path)]
    settings = [arg for name, value in SETTINGS.items() for arg in ("--setting", name, str(value))]
    return [sys.executable, "-m", "datasette", "serve", *db_flag, "--metadata", str(metadata),
            "--plugins-dir", str(PLUGINS), "--template-dir", str(TEMPLATES), "--host", host, "--port", str(port),
            *settings]


def serve(db_path: str, port: int = 8001, host: str = "127.0.0.1", immutable: bool = False) -> int:
    """Run Datasette in the foreground until interrupted (Ctrl+C) or terminated (SIGTERM reaches Datasette too)."""
    mode = " (immutable)" if immutable else ""
    print(f"serving {db_path}{mode} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    with tempfile.TemporaryDirectory(prefix="pantau-serve-") as tmp:
        proc = subprocess.Popen(datasette_args(db_path, port, host, immutable, metadata=write_metadata(db_path, tmp)))
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: proc.terminate())
        try:
            code = proc.wait()
            return 0 if code == -signal.SIGTERM else code  # stopped as asked, not failed
        except KeyboardInterrupt:  # the terminal sent SIGINT to Datasette as well
            proc.wait()
            return 0
        finally:
            signal.signal(signal.SIGTERM, previous)
            if proc.poll() is None:
                proc.terminate()
                proc.wait(10)
