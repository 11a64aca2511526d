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
#: The NER that runs before the rules (see `pantau crawl --ner`); unset: extract.pipeline.DEFAULT_NER.
PANTAU_NER = os.environ.get("PANTAU_NER")

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("PANTAU_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_FORMATTER = "crawler.logformatter.PantauLogFormatter"

# Scale-out: with PANTAU_REDIS_URL set, the scheduler queue and the duplicate filter live in Redis
# (scrapy-redis), so several crawler processes on several machines share one frontier; they also share
# one database, whose seen-set keeps stored articles from being fetched again. PANTAU_CRAWL names the
# coordinated run (its queue and filter keys); start a new run with a new name. A worker whose queue
# runs dry waits PANTAU_FRONTIER_WAIT seconds for the other workers' links before it closes.
PANTAU_REDIS_URL = os.environ.get("PANTAU_REDIS_URL")
if PANTAU_REDIS_URL:
    _run = os.environ.get("PANTAU_CRAWL", "default")
    SCHEDULER = "scrapy_redis.scheduler.Scheduler"
    DUPEFILTER_CLASS = "scrapy_redis.dupefilter.RFPDupeFilter"
    SCHEDULER_PERSIST = True
    SCHEDULER_QUEUE_KEY = f"pantau:{_run}:%(spider)s:requests"
    SCHEDULER_DUPEFILTER_KEY = f"pantau:{_run}:%(spider)s:dupefilter"
    SCHEDULER_IDLE_BEFORE_CLOSE = 2
    REDIS_URL = PANTAU_REDIS_URL
    EXTENSIONS = {"crawler.extensions.FrontierWait": 500}
    PANTAU_FRONTIER_WAIT = 30.0
