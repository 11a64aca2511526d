"""A web page to an article: main text (trafilatura), title, date, author, outlet and canonical URL.

Metadata comes from what the page states for machines first (JSON-LD, ``og:``/``article:`` meta,
``<link rel=canonical>``), then from generic extraction (trafilatura for the text, htmldate for the
date). Sites whose pages defeat that get a rule in their spider, not here.

>>> page = parse_html(b"<html><head><title>Judul</title></head><body><article><p>" + b"Isi berita. " * 30
...                   + b"</p></article></body></html>", "https://contoh.id/berita/1?utm_source=x")
>>> page.canonical_url, page.title
('https://contoh.id/berita/1', 'Judul')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import lxml.html
import trafilatura
from lxml import etree

from extract.dates import parse_date
from extract.text import outlet_name

MAX_BYTES = 5_000_000
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "BlogPosting", "AnalysisNewsArticle"}
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|_ga|ref|amp|from|src)$", re.IGNORECASE)
_CHROME = ("//script", "//style", "//noscript", "//ins", "//iframe", "//figcaption", "//nav", "//footer",
           "//*[contains(concat(' ', normalize-space(@class), ' '), ' baca-juga ')]")


class PageError(ValueError):
    """A page that holds no article: the reason is the message."""


@dataclass
class Page:
    url: str
    canonical_url: str
    title: str | None
    published: str | None
    author: str | None
    editor: str | None
    outlet: str | None
    text: str
    host: str


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: UTF-8 when the bytes are valid UTF-8 (whatever the page declares), else the
    declared charset, else Windows-1252. ``decode("Rp16.800".encode())`` is ``'Rp16.800'``."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared is None:
        m = re.search(rb"""charset=["']?([\w-]+)""", data[:4096], re.IGNORECASE)
        declared = m.group(1).decode("ascii", "ignore") if m else None
    for encoding in filter(None, (declared, "cp1252")):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def canonical_url(url: str) -> str:
    """One URL per story: tracking parameters, fragments and ANTARA's ``/amp/`` prefix removed.

    >>> canonical_url("https://kalsel.antaranews.com/amp/berita/426215/judul?utm_medium=x#top")
    'https://kalsel.antaranews.com/berita/426215/judul'
    """
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = re.sub(r"^/amp(?=/)", "", parts.path) or "/"
    path = re.sub(r"/amp/?$", "/", path)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def _json_ld(tree) -> dict:
    for node in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(node)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kinds = item.get("@type")
                kinds = set(kinds) if isinstance(kinds, list) else {kinds}
                if kinds & _ARTICLE_TYPES:
                    return item
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return {}


def _meta(tree, *keys: str) -> str | None:
    for key in keys:
        values = tree.xpath(f"//meta[@property='{key}' or @name='{key}']/@content")
        if values and values[0].strip():
            return values[0].strip()
    return None


def _person(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() if value else None


def _byline(text: str, label: str) -> str | None:
    m = re.search(rf"{label}\s*:\s*([A-Z][^\n:]{{1,80}}?)\s*(?=\n|Editor\s*:|Pewarta\s*:|COPYRIGHT|©|$)", text)
    return m.group(1).strip() if m else None


def parse_html(html: str | bytes, url: str) -> Page:
    """Parse one article page. Raises ``PageError`` when it holds no article text."""
    if isinstance(html, bytes):
        if len(html) > MAX_BYTES:
            raise PageError(f"page larger than {MAX_BYTES} bytes")
        html = decode(html)
    if len(html) > MAX_BYTES:
        raise PageError(f"page larger than {MAX_BYTES} characters")
    if not html.strip():
        raise PageError("empty page")
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise PageError(f"unparseable HTML: {exc}") from exc
    ld = _json_ld(tree)
    canonical = tree.xpath("//link[@rel='canonical']/@href")
    canonical = canonical_url(urljoin(url, canonical[0].strip())) if canonical else canonical_url(url)

    headline = ld.get("headline") or _meta(tree, "og:title", "twitter:title")
    if not headline:
        h1 = tree.xpath("//h1")
        headline = h1[0].text_content() if h1 else None
    if not headline:
        titles = tree.xpath("//title/text()")
        headline = titles[0] if titles else None
    title = " ".join(headline.split()) if headline else None

    published = ld.get("datePublished") or _meta(tree, "article:published_time", "pubdate", "publishdate",
                                                 "date", "dc.date")
    if not published:
        times = tree.xpath("//article//time/@datetime | //time[contains(@class,'entry-date')]/@datetime")
        published = times[0] if times else None
    stamp = parse_date(published) if published else None

    for br in tree.iter("br"):  # bylines and ANTARA bodies separate lines with <br>
        br.tail = "\n" + (br.tail or "")
    full_text = tree.text_content()
    for xpath in _CHROME:
        for node in tree.xpath(xpath):
            node.drop_tree() if node.getparent() is not None else None
    body = trafilatura.extract(lxml.html.tostring(tree, encoding="unicode"), url=url, include_comments=False,
                               include_tables=False, favor_recall=True, deduplicate=False) or ""
    if not body.strip():
        raise PageError("no article text")
    if stamp is None:
        from htmldate import find_date

        found = find_date(html, url=url, original_date=True, extensive_search=False)
        stamp = parse_date(found) if found else None

    site = _meta(tree, "og:site_name") or _person(ld.get("publisher"))
    host = urlsplit(canonical).netloc
    return Page(
        url=url,
        canonical_url=canonical,
        title=title,
        published=stamp.isoformat() if stamp else None,
        author=_person(ld.get("author")) or _byline(full_text, "Pewarta") or _meta(tree, "author"),
        editor=_byline(full_text, "Editor"),
        outlet=outlet_name(site) if site else host,
        text=body,
        host=host,
    )
