"""Serve the embedded sample site (or any folder of pages) on 127.0.0.1, one port per outlet.

A URL path maps to ``<root>/<path>/index.html`` or to a file with an extension; ``{BASE}`` in XML
feeds and sitemaps becomes the server's own base URL.

>>> with serve_sites() as bases:
...     sorted(bases)
['antara', 'bakabar', 'bisnisbali']
"""

from __future__ import annotations

import contextlib
import mimetypes
import threading
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

SAMPLE_SITE = Path(__file__).parent / "sample_site"


class SiteHandler(BaseHTTPRequestHandler):
    server_version = "pantau-sample/1.0"

    def __init__(self, *args, root: Path, **kwargs):
        self.root = root
        super().__init__(*args, **kwargs)

    def do_GET(self):  # noqa: N802 (http.server's naming)
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if self.root.resolve() not in target.parents and target != self.root.resolve():
            return self.send_error(404)
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return self.send_error(404)
        body = target.read_bytes()
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".xml":
            host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_port}"
            body = body.replace(b"{BASE}", f"http://{host}".encode())
            ctype = "application/xml"
        self.send_response(200)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8" if ctype.startswith("text/") else ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # quiet: the crawl log says what was fetched
        pass


def start_site(root: Path, port: int = 0) -> ThreadingHTTPServer:
    """Serve ``root`` on 127.0.0.1 (a free port unless ``port`` is given) in a background thread."""
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(SiteHandler, root=root))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_sites(root: Path = SAMPLE_SITE, first_port: int = 0) -> dict[str, ThreadingHTTPServer]:
    """Serve each sub-folder of ``root`` as its own site, on ``first_port`` and the ports after it (so their
    URLs, and the canonical URLs stored for their articles, are the same on every run) or on free ports."""
    folders = [d for d in sorted(root.iterdir()) if d.is_dir()]
    servers: dict[str, ThreadingHTTPServer] = {}
    try:
        for i, folder in enumerate(folders):
            servers[folder.name] = start_site(folder, first_port + i if first_port else 0)
    except OSError:
        stop_sites(servers)
        raise
    return servers


def base_urls(servers: dict[str, ThreadingHTTPServer]) -> dict[str, str]:
    return {name: f"http://127.0.0.1:{s.server_port}" for name, s in servers.items()}


def stop_sites(servers: dict[str, ThreadingHTTPServer]) -> None:
    for server in servers.values():
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve_sites(root: Path = SAMPLE_SITE, first_port: int = 0):
    """``start_sites`` as a context manager; yields ``{name: base_url}``."""
    servers = start_sites(root, first_port)
    try:
        yield base_urls(servers)
    finally:
        stop_sites(servers)
