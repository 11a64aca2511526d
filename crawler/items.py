"""What a spider hands to the pipeline: a fetched article page, or a page that could not be fetched."""

import scrapy


class ArticlePage(scrapy.Item):
    """An article page as fetched. ``overrides`` holds fields the site spider reads better than the generic
    parser (a title, a date line); the pipeline does the rest."""

    url = scrapy.Field()
    html = scrapy.Field()
    overrides = scrapy.Field()

    def __repr__(self) -> str:  # logs show the URL, not the page
        return f"<ArticlePage {self.get('url')}>"


class FailedPage(scrapy.Item):
    """A page that could not be fetched or is not an article page (HTTP error, timeout, not HTML)."""

    url = scrapy.Field()
    reason = scrapy.Field()
