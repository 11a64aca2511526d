"""Run Scrapy spiders in this process with pantau's settings (``crawler.settings``).

Twisted's reactor starts once per process: ``run_crawls`` runs all its jobs together and returns.
"""

from __future__ import annotations

import os

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings


def project_settings(db_path: str, overrides: dict | None = None):
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    settings = get_project_settings()
    settings.set("PANTAU_DB", str(db_path), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawls(jobs: list[tuple[str, dict]], db_path: str, overrides: dict | None = None) -> dict[str, dict]:
    """Run each ``(spider name, spider arguments)`` job at once; returns each spider's Scrapy stats."""
    process = CrawlerProcess(project_settings(db_path, overrides))
    crawlers = []
    for name, kwargs in jobs:
        crawler = process.create_crawler(name)
        process.crawl(crawler, **kwargs)
        crawlers.append((name, crawler))
    process.start()
    return {name: crawler.stats.get_stats() for name, crawler in crawlers}
