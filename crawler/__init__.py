"""pantau's crawler: Scrapy spiders, the item pipeline, the command line and the embedded sample site."""
