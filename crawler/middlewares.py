"""Downloader middlewares: skip article pages the database already holds (the seen-set lives in SQLite)."""

from __future__ import annotations

from urllib.parse import urljoin

from scrapy.exceptions import IgnoreRequest

from db.schema import open_db
from db.store import article_id
from extract.page import canonical_url


class AlreadyStored(IgnoreRequest):
    """The page's article is in the database already: not fetched again, and not a failure."""


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
            raise AlreadyStored(f"already stored: {request.url}")
        return None


class RedirectLoopMiddleware:
    """A page that redirects to itself or back to a URL of its own redirect chain fails with a reason.

    Without it the repeated request is dropped by the duplicate filter and the page leaves no trace.
    """

    def process_response(self, request, response, spider=None):
        location = response.headers.get(b"Location")
        if 300 <= response.status < 400 and location:
            target = urljoin(request.url, location.decode("latin-1"))
            if target == request.url or target in request.meta.get("redirect_urls", []):
                raise IgnoreRequest(f"redirect loop at {request.url}")
        return response
