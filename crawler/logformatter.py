"""Scrapy log messages for pantau: a skipped page is routine (the run summary counts it), not a warning."""

import logging

from scrapy.logformatter import LogFormatter


class PantauLogFormatter(LogFormatter):
    def dropped(self, item, exception, response, spider=None):
        entry = super().dropped(item, exception, response, spider)
        entry["level"] = logging.INFO
        entry["msg"] = "%(exception)s"
        return entry
