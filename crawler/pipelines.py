"""The item pipeline: every fetched page goes through ``crawler.process.Processor`` into the database."""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from crawler.items import ArticlePage, FailedPage
from crawler.process import Processor

log = logging.getLogger(__name__)


class StorePipeline:
    """Cleans, extracts, deduplicates and stores each article; counts skips by reason in the crawl stats."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.db_path = crawler.settings.get("PANTAU_DB")
        self.stats = crawler.stats
        self.processor: Processor | None = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    #: One Processor per database in a process: spiders crawling together share its duplicate index.
    shared: dict[str, Processor] = {}

    def open_spider(self, spider=None):
        if self.db_path not in self.shared:
            from extract.pipeline import shared_extractor

            extractor = shared_extractor(self.crawler.settings.get("PANTAU_NER"))
            self.shared[self.db_path] = Processor(self.db_path, extractor)
        self.processor = self.shared[self.db_path]

    def process_item(self, item, spider=None):
        spider = self.crawler.spider
        if isinstance(item, FailedPage):
            self.processor.fail(item["url"], item["reason"], spider.name)
            self.stats.inc_value(f"pantau/failed/{item['reason']}")
            raise DropItem(f"failed {item['url']}: {item['reason']}")
        if not isinstance(item, ArticlePage):
            return item
        try:
            result = self.processor.process_html(item["url"], item["html"], spider.name, item.get("overrides"))
        except Exception as exc:  # a bug in one page's processing must not end the crawl
            log.exception("processing %s failed", item["url"])
            result = self.processor.fail(item["url"], f"processing error: {type(exc).__name__}", spider.name)
        self.stats.inc_value(f"pantau/{result.status}")
        if result.status not in ("stored", "updated"):
            self.stats.inc_value(f"pantau/{result.status}/{result.reason}")
            raise DropItem(f"{result.status} {item['url']}: {result.reason}")
        return item
