"""bakabar.com (formerly apahabar.com): articles at ``/post/<slug>-<8 letters and digits>``.

    pantau crawl bakabar -a start_urls=https://bakabar.com/
"""

from urllib.parse import quote_plus

from crawler.spiders.base import NewsSpider

KEYWORDS = ("BPJS Ketenagakerjaan", "BPJamsostek", "Paritrana")


class BakabarSpider(NewsSpider):
    name = "bakabar"
    article_pattern = r"^/post/[\w-]+-[a-z0-9]{8}/?$"
    listing_pattern = r"^/(?:indeks|index|tag/[\w-]+|search|kanal/[\w-]+)(?:/\d+)?/?$"
    default_start_urls = tuple(["https://bakabar.com/"] + [f"https://bakabar.com/search?q={quote_plus(k)}"
                                                         for k in KEYWORDS])
