"""Any RSS/Atom feed or XML sitemap given by URL, for outlets without a spider of their own.
Every item the feed links to is fetched as an article.

    pantau crawl feeds -a start_urls=https://kalsel.antaranews.com/rss/terkini.xml,https://bisnisbali.com/sitemap.xml
"""

from crawler.spiders.base import NewsSpider


class FeedsSpider(NewsSpider):
    name = "feeds"

    def page_request(self, url: str, start: bool = False):
        request = super().page_request(url, start)
        return request.replace(callback=self.parse_feed, meta={"article": False}) if start else request
