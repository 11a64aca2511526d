"""``pantau demo``: serve the embedded sample site, crawl it with the real spiders, build the database,
print a summary, and serve the database with Datasette."""

from __future__ import annotations

import os
import time

from crawler.run import run_crawls
from crawler.sitesrv import base_urls, start_sites, stop_sites
from crawler.summary import print_summary

#: Where each spider starts on the sample site: listings for the site spiders, a feed and a sitemap for feeds.
STARTS = {
    "antara": ("antara", ["/terkini", "/"]),
    "bakabar": ("bakabar", ["/"]),
    "bisnisbali": ("bisnisbali", ["/"]),
}
FEEDS = [("antara", "/rss/terkini.xml"), ("bisnisbali", "/feed/index.xml"), ("bisnisbali", "/sitemap.xml")]

#: A local site needs no politeness delay; everything else stays as crawler.settings has it.
LOCAL_SETTINGS = {"AUTOTHROTTLE_ENABLED": False, "DOWNLOAD_DELAY": 0, "LOG_LEVEL": "WARNING"}


#: The sample site's ports (antara, bakabar, bisnisbali): fixed, so a second demo run finds the same URLs.
SITE_PORT = int(os.environ.get("PANTAU_SAMPLE_PORT", "8711"))


def demo(db_path: str = "pantau.db", serve_after: bool = True, port: int = 8001) -> int:
    started = time.monotonic()
    try:
        servers = start_sites(first_port=SITE_PORT)
    except OSError as exc:
        raise SystemExit(f"pantau demo: cannot serve the sample site on ports {SITE_PORT}-{SITE_PORT + 2} ({exc}); "
                         "set PANTAU_SAMPLE_PORT to another free port") from exc
    try:
        bases = base_urls(servers)
        jobs = [(spider, {"start_urls": ",".join(bases[site] + path for path in paths)})
                for spider, (site, paths) in STARTS.items()]
        jobs.append(("feeds", {"start_urls": ",".join(bases[site] + path for site, path in FEEDS)}))
        print("sample site: " + ", ".join(f"{name} {url}" for name, url in bases.items()))
        stats = run_crawls(jobs, db_path, LOCAL_SETTINGS)
    finally:
        stop_sites(servers)
    print_summary(db_path, stats, time.monotonic() - started)
    if not serve_after:
        return 0
    from db.serve import serve

    return serve(db_path, port=port)
