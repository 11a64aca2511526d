"""What every pantau spider shares: start URLs from ``-a start_urls=``, staying on the start hosts,
following article links and pagination, reading feeds and sitemaps, and reporting failed pages.

A site spider sets ``article_pattern`` (which links are articles), ``listing_pattern`` (which links are
listing pages to follow), ``default_start_urls`` and, only where the generic parser gets a site wrong,
``overrides(response)``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.defer import CancelledError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError

try:  # Scrapy 2.13+ raises its own download errors
    from scrapy.exceptions import DownloadCancelledError, DownloadTimeoutError
except ImportError:  # pragma: no cover
    DownloadTimeoutError, DownloadCancelledError = TimeoutError, CancelledError

from crawler.items import ArticlePage, FailedPage
from crawler.middlewares import AlreadyStored
from extract.dates import parse_date

HTML_TYPES = (b"text/html", b"application/xhtml+xml")
FEED_TYPES = (b"xml", b"rss", b"atom")


class NewsSpider(scrapy.Spider):
    article_pattern: str = r"$^"
    listing_pattern: str = r"$^"
    default_start_urls: tuple[str, ...] = ()

    def __init__(self, start_urls: str | None = None, since: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        urls = [u.strip() for u in (start_urls or "").split(",") if u.strip()] or list(self.default_start_urls)
        if not urls:
            raise ValueError(f"spider {self.name} needs -a start_urls=URL[,URL...]")
        self.start_urls = urls
        self.allowed_hosts = {urlsplit(u).netloc for u in urls}
        self.allowed_domains = sorted({urlsplit(u).hostname for u in urls})
        self.since = parse_date(since) if since else None
        self._article = re.compile(self.article_pattern)
        self._listing = re.compile(self.listing_pattern)

    async def start(self):
        for url in self.start_urls:
            yield self.page_request(url, start=True)

    def start_requests(self):  # Scrapy < 2.13
        for url in self.start_urls:
            yield self.page_request(url, start=True)

    # requests -------------------------------------------------------------------------------------

    def is_article(self, url: str) -> bool:
        return bool(self._article.search(urlsplit(url).path))

    def on_start_hosts(self, url: str) -> bool:
        return urlsplit(url).netloc in self.allowed_hosts

    def page_request(self, url: str, start: bool = False) -> scrapy.Request:
        article = self.is_article(url) and not self.looks_like_feed(url)
        return scrapy.Request(url, callback=self.parse_article if article else self.parse,
                              errback=self.failed, meta={"article": article}, dont_filter=start)

    @staticmethod
    def looks_like_feed(url: str) -> bool:
        return bool(re.search(r"(\.xml|/feed/?|/rss/?)$", urlsplit(url).path))

    # callbacks ------------------------------------------------------------------------------------

    def parse(self, response):
        """A listing, tag, search or home page, or a feed/sitemap: follow articles and the next pages."""
        ctype = response.headers.get(b"Content-Type", b"").lower()
        if any(t in ctype for t in FEED_TYPES) or response.text.lstrip()[:200].startswith("<?xml"):
            yield from self.parse_feed(response)
            return
        if not any(t in ctype for t in HTML_TYPES) and ctype:
            yield FailedPage(url=response.url, reason=f"not HTML ({ctype.decode(errors='replace')})")
            return
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href.strip())
            if not self.on_start_hosts(url):
                continue
            if self.is_article(url) or self._listing.search(urlsplit(url).path) and not self.too_old(response):
                yield self.page_request(url)

    def parse_feed(self, response):
        """RSS 2.0, Atom, a sitemap or a sitemap index: every linked page on the start hosts."""
        response.selector.remove_namespaces()
        links = response.xpath("//item/link/text() | //entry/link/@href | //url/loc/text()").getall()
        nested = response.xpath("//sitemap/loc/text()").getall()
        for url in nested:
            if self.on_start_hosts(url.strip()):
                yield scrapy.Request(url.strip(), callback=self.parse_feed, errback=self.failed)
        for url in links:
            url = url.strip()
            if url and self.on_start_hosts(url):
                yield scrapy.Request(url, callback=self.parse_article, errback=self.failed, meta={"article": True})

    def parse_article(self, response):
        ctype = response.headers.get(b"Content-Type", b"text/html").lower()
        if not any(t in ctype for t in HTML_TYPES):
            yield FailedPage(url=response.url, reason=f"not HTML ({ctype.decode(errors='replace')})")
            return
        yield ArticlePage(url=response.url, html=response.body, overrides=self.overrides(response))

    def overrides(self, response) -> dict:
        """Fields this site's pages state in a way the generic parser misses (none by default)."""
        return {}

    def too_old(self, response) -> bool:
        """With ``--since``: a listing page that reaches back before the date is the last one paged
        (listings run newest first, so the next page is older still)."""
        if not self.since:
            return False
        dates = [d for d in (parse_date(t) for t in self.listing_dates(response) if t.strip()) if d]
        return bool(dates) and min(dates) < self.since

    def listing_dates(self, response) -> list[str]:
        return response.css("time::attr(datetime), .list-inline-item::text").getall()

    def failed(self, failure):
        """HTTP errors, timeouts and DNS failures become FailedPage items, so they are logged and counted."""
        request = failure.request
        if failure.check(AlreadyStored):
            return
        reason = failure_reason(failure)
        self.logger.warning("failed %s: %s", request.url, reason)
        yield FailedPage(url=request.url, reason=reason)


def failure_reason(failure) -> str:
    """A short reason for the crawl log: ``HTTP 404``, ``timeout``, ``too many redirects`` ..."""
    if failure.check(HttpError):
        return f"HTTP {failure.value.response.status}"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(DNSLookupError):
        return "DNS lookup failed"
    if failure.check(ConnectionRefusedError):
        return "connection refused"
    if failure.check(CancelledError, DownloadCancelledError) or "max size" in str(failure.value):
        return "larger than the download size cap"
    if failure.check(IgnoreRequest):
        message = str(failure.value)
        if "robots.txt" in message.lower():
            return "forbidden by robots.txt"
        if "redirect" in message.lower():
            return "too many redirects"
        if "max size" in message.lower():
            return "larger than the download size cap"
        return f"ignored: {message[:100]}"
    return f"{failure.type.__name__}: {str(failure.value)[:120]}"
