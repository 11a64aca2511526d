"""Crawl a generated local site of 2,000 article pages, with extraction off and on: pages/s and peak memory.

    python -m benchmarks.bench_crawl [pages]

The site is written to a temporary folder in ANTARA's markup (paginated listing, ``<br>``-separated
bodies) from the project's corpus sentences and served on 127.0.0.1.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import generate
from crawler.sitesrv import start_site

PER_LISTING = 50
PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>{title} - ANTARA</title>
<meta property="og:site_name" content="ANTARA News Kalimantan Tengah">
<link rel="canonical" href="/berita/{id}/{slug}">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}",
"datePublished":"2024-0{month}-1{day}T10:00:00+07:00","author":{{"@type":"Person","name":"Pewarta {id}"}}}}</script>
</head><body><nav><a href="/terkini">Terkini</a></nav><div class="wrap__article-detail-title"><h1>{title}</h1></div>
<div class="wrap__article-detail-content post-content">{body}<br><br>
<span class="baca-juga"><b>Baca juga:</b> <a href="/berita/1/x">Berita lain</a></span>
<p class="text-muted mt-2 small">Pewarta: Pewarta {id}<br>Editor: Editor<br>COPYRIGHT © ANTARA 2024</p></div>
<footer>ANTARA</footer></body></html>"""


def write_site(root: Path, pages: int) -> int:
    """Write ``pages`` articles and their paginated listing; returns the number of words in the bodies."""
    words = 0
    articles = generate(pages, seed=11, copy_share=0.0, event_share=0.0)
    for i, (text, _) in enumerate(articles):
        # every article mentions the topic, so the relevance test keeps it
        text = text.replace(" - ", " - BPJS Ketenagakerjaan mencatat ", 1)
        words += len(text.split())
        folder = root / "berita" / str(100000 + i) / f"artikel-{i}"
        folder.mkdir(parents=True)
        (folder / "index.html").write_text(PAGE.format(
            id=100000 + i, slug=f"artikel-{i}", title=f"Artikel nomor {i}", month=1 + i % 9, day=i % 9,
            body="<br><br>".join(text.split("\n"))), encoding="utf-8")
    listings = (pages + PER_LISTING - 1) // PER_LISTING
    for n in range(listings):
        links = "".join(f'<a href="/berita/{100000 + i}/artikel-{i}">Artikel {i}</a> '
                        for i in range(n * PER_LISTING, min(pages, (n + 1) * PER_LISTING)))
        nxt = f'<a href="/terkini/{n + 2}">Next</a>' if n + 1 < listings else ""
        folder = root / "terkini" / (str(n + 1) if n else "")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(f"<html><body>{links}{nxt}</body></html>", encoding="utf-8")
    return words


def crawl(base: str, db: Path, extraction: bool) -> tuple[float, float]:
    settings = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16",
                "-s", "LOG_LEVEL=WARNING"]
    if not extraction:
        settings += ["-s", "ITEM_PIPELINES={}"]
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "crawler.cli", "crawl", "antara", "-a", f"start_urls={base}/terkini",
                    "--db", str(db), *settings], check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> None:
    pages = int((argv or sys.argv[1:] or ["2000"])[0])
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        words = write_site(root, pages)
        server = start_site(root)
        base = f"http://127.0.0.1:{server.server_port}"
        try:
            for extraction in (False, True):
                seconds, rss = crawl(base, Path(tmp) / f"bench-{extraction}.db", extraction)
                print(f"extraction {'on ' if extraction else 'off'}: {pages} pages in {seconds:.1f} s = "
                      f"{pages / seconds:.1f} pages/s ({words / seconds:,.0f} words/s), peak RSS {rss:.0f} MB",
                      flush=True)
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
