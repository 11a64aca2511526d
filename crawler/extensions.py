"""Scrapy extensions: a worker of a shared Redis frontier waits for the others before it closes.

Scrapy closes a spider as soon as its own scheduler is empty. With several processes on one Redis
frontier that happens whenever a worker joins, or runs dry, while another is still fetching a page
whose links are not queued yet: it would quit and leave all the work to the others. ``FrontierWait``
keeps it open until the shared queue has stayed empty for ``PANTAU_FRONTIER_WAIT`` seconds.

    EXTENSIONS = {"crawler.extensions.FrontierWait": 500}   # settings.py enables it with Redis
"""

from __future__ import annotations

import logging
import time

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured

log = logging.getLogger(__name__)


class FrontierWait:
    """Raise DontCloseSpider on idle until the frontier has been empty for ``wait`` seconds in a row."""

    def __init__(self, wait: float, clock=time.monotonic):
        self.wait = wait
        self.clock = clock
        self.idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.get("PANTAU_REDIS_URL"):
            raise NotConfigured("no shared frontier")
        extension = cls(crawler.settings.getfloat("PANTAU_FRONTIER_WAIT", 30.0))
        crawler.signals.connect(extension.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(extension.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(extension.response_received, signal=signals.response_received)
        return extension

    def request_scheduled(self, request, spider):
        self.idle_since = None

    def response_received(self, response, request, spider):
        self.idle_since = None

    def spider_idle(self, spider):
        """Called by Scrapy when this worker has nothing to do; the wait restarts after any work."""
        now = self.clock()
        if self.idle_since is None:
            self.idle_since = now
            log.info("shared frontier empty: waiting up to %.0f s for other workers' links", self.wait)
        if now - self.idle_since < self.wait:
            raise DontCloseSpider
