"""Downloader middlewares: skip article pages the database already holds (the seen-set lives in SQLite)."""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest

from db.schema import open_db
from db.store import article_id
from extract.page import canonical_url


class SeenUrlsMiddleware:
    """A second crawl does not fetch a stored article again. Listing and feed pages are always fetched."""

    def __init__(self, db_path: str, stats):
        self.db = open_db(db_path)
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.settings.get("PANTAU_DB"), crawler.stats)

    def process_request(self, request, spider=None):
        if request.meta.get("article") and article_id(self.db, canonical_url(request.url)) is not None:
            self.stats.inc_value("pantau/already_stored")
            raise IgnoreRequest(f"already stored: {request.url}")
        return None
