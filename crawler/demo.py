"""``pantau demo``: serve the embedded sample site, crawl it with the real spiders, build the database,
print a summary, and serve the database with Datasette."""

from __future__ import annotations

import time

from crawler.run import run_crawls
from crawler.sitesrv import serve_sites
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


def demo(db_path: str = "pantau.db", serve_after: bool = True, port: int = 8001) -> int:
    started = time.monotonic()
    with serve_sites() as bases:
        jobs = [(spider, {"start_urls": ",".join(bases[site] + path for path in paths)})
                for spider, (site, paths) in STARTS.items()]
        jobs.append(("feeds", {"start_urls": ",".join(bases[site] + path for site, path in FEEDS)}))
        print("sample site: " + ", ".join(f"{name} {url}" for name, url in bases.items()))
        stats = run_crawls(jobs, db_path, LOCAL_SETTINGS)
    print_summary(db_path, stats, time.monotonic() - started)
    if not serve_after:
        return 0
    from db.serve import serve

    return serve(db_path, port=port)
