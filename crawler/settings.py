"""Scrapy settings for pantau (``scrapy.cfg`` points here). Politeness first: robots.txt, AutoThrottle,
a per-domain cap, a User-Agent that names the project and a contact."""

import os

BOT_NAME = "pantau"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

PANTAU_CONTACT = os.environ.get("PANTAU_CONTACT", "https://github.com/pantau-news/pantau")
USER_AGENT = f"pantau/0.1 (news monitoring; +{PANTAU_CONTACT})"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0

DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 5 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
HTTPERROR_ALLOW_ALL = False

HTTPCACHE_ENABLED = os.environ.get("PANTAU_HTTPCACHE", "0") == "1"
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 6 * 3600

ITEM_PIPELINES = {"crawler.pipelines.StorePipeline": 300}
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.SeenUrlsMiddleware": 50,
    "crawler.middlewares.RedirectLoopMiddleware": 650,  # sees a 3xx before Scrapy's RedirectMiddleware (600)
}

PANTAU_DB = os.environ.get("PANTAU_DB", "pantau.db")

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("PANTAU_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_FORMATTER = "crawler.logformatter.PantauLogFormatter"
