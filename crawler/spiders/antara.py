"""ANTARA: www.antaranews.com and its regional desks (kalteng., kalsel., bali., jatim., ...).

Articles live at ``/berita/<id>/<slug>`` (and the same story at ``/amp/berita/<id>/<slug>``); listings at
``/terkini``, ``/terkini/<n>``, ``/tag/<slug>/<n>`` and ``/search?q=...&page=<n>``.

    pantau crawl antara -a start_urls=https://kalteng.antaranews.com/terkini
"""

from urllib.parse import quote_plus

from crawler.spiders.base import NewsSpider

DESKS = ("kalteng", "kalsel", "bali")
KEYWORDS = ("BPJS Ketenagakerjaan", "BPJamsostek", "Jamsostek", "Paritrana")


class AntaraSpider(NewsSpider):
    name = "antara"
    article_pattern = r"^/(?:amp/)?berita/\d+/[\w-]+/?$"
    listing_pattern = r"^/(?:terkini|tag/[\w-]+|search|[a-z-]+/[a-z-]+)(?:/\d+)?/?$"
    default_start_urls = tuple(
        [f"https://{desk}.antaranews.com/rss/terkini.xml" for desk in DESKS]
        + [f"https://www.antaranews.com/search?q={quote_plus(k)}" for k in KEYWORDS]
    )
