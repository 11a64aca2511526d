"""Publish a pantau database with Datasette, the project's metadata, canned queries and plugins.

    pantau serve --db pantau.db --port 8001
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

METADATA = Path(__file__).parent / "metadata.yml"


def datasette_args(db_path: str, port: int = 8001, host: str = "127.0.0.1", immutable: bool = False) -> list[str]:
    """The ``datasette serve`` command line for a pantau database (read-only: no write endpoint)."""
    db_flag = ["-i", str(db_path)] if immutable else [str(db_path)]
    return [sys.executable, "-m", "datasette", "serve", *db_flag, "--metadata", str(METADATA),
            "--host", host, "--port", str(port), "--setting", "default_page_size", "50",
            "--setting", "sql_time_limit_ms", "3000"]


def serve(db_path: str, port: int = 8001, host: str = "127.0.0.1", immutable: bool = False) -> int:
    """Run Datasette in the foreground until interrupted."""
    print(f"serving {db_path} on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        return subprocess.call(datasette_args(db_path, port, host, immutable))
    except KeyboardInterrupt:
        return 0
