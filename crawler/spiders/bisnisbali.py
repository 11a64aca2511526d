"""bisnisbali.com, a WordPress site (tagDiv Newspaper theme): articles at ``/YYYY/MM/DD/<slug>/``,
listings at ``/page/<n>/``, ``/category/<slug>/``, ``/tag/<slug>/``, feeds at ``/feed/``.

    pantau crawl bisnisbali -a start_urls=https://bisnisbali.com/
"""

from urllib.parse import quote_plus

from crawler.spiders.base import NewsSpider

KEYWORDS = ("BPJS Ketenagakerjaan", "BPJamsostek", "Paritrana")


class BisnisbaliSpider(NewsSpider):
    name = "bisnisbali"
    article_pattern = r"^/\d{4}/\d{2}/\d{2}/[\w-]+/?$"
    listing_pattern = r"^/(?:(?:category|tag)/[\w-]+/)?(?:page/\d+/?)?$"
    default_start_urls = tuple(["https://bisnisbali.com/feed/", "https://bisnisbali.com/"]
                               + [f"https://bisnisbali.com/?s={quote_plus(k)}" for k in KEYWORDS])
