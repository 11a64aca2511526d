"""One article through the pipeline: page → clean → relevance → extract → dedup → store.

The Scrapy item pipeline and ``pantau ingest`` both call ``Processor``, so a crawled page and a local
file are treated the same way.

>>> p = Processor(":memory:")
>>> p.process_text("a.txt", "Kuala Kapuas (ANTARA) - BPJS Ketenagakerjaan melindungi 500 pekerja rentan.").status
'stored'
>>> p.process_text("b.txt", "Harga cabai naik di pasar.").reason
'not relevant'
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from db import schema, store
from db.lsh import SqliteIndex
from extract import ArticleFacts, Extractor, TextTooLong
from extract.dedup import assign, fingerprint, from_bytes, to_bytes
from extract.gazetteer import regions
from extract.page import Page, PageError, decode, parse_html
from extract.resources import load_csv


@dataclass
class Result:
    status: str  # stored (new) | updated (stored before) | skipped | failed
    reason: str | None = None
    article_id: int | None = None
    facts: ArticleFacts | None = None


def facts_for_db(facts: ArticleFacts) -> dict[str, list[dict]]:
    """The facts as plain rows for ``db.store``, regions tied to their codes."""
    gaz = regions()

    def code(name):
        region = gaz.lookup(name) if name else None
        return region.code if region else None

    rows = {kind: [] for kind in ("officials", "counts", "awards", "quotes")}
    for kind in rows:
        for fact in getattr(facts, kind):
            row = fact.as_dict(with_sentence=True)
            if "region" in row:
                row["region_code"] = code(row["region"])
            rows[kind].append(row)
    return rows


class _Clusters:
    """Articles' clusters, read from the database when ``assign`` asks."""

    def __init__(self, db):
        self.db = db

    def get(self, article_id: int):
        row = self.db.execute("select cluster_id from articles where id = ?", [article_id]).fetchone()
        return row[0] if row else None


class Processor:
    """Stores articles and their facts in one database; counts what it stored and skipped, and why."""

    def __init__(self, db_path: str | Path, extractor: Extractor | None = None, source: str = "crawl"):
        self.db = schema.open_db(db_path)
        if not self.db["regions"].count:
            schema.load_regions(self.db, load_csv("regions.csv"))
        self.extractor = extractor or Extractor()
        self.source = source
        self.stats: Counter = Counter()
        self.index = SqliteIndex(self.db, decode=from_bytes, encode=to_bytes)

    # entry points ---------------------------------------------------------------------------------

    def process_html(self, url: str, html: str | bytes, spider: str | None = None, overrides: dict | None = None
                     ) -> Result:
        """A fetched page. ``overrides`` are fields a site spider read better than the generic parser."""
        try:
            page = parse_html(html, url)
        except PageError as exc:
            return self._skip(url, str(exc), spider)
        for key, value in (overrides or {}).items():
            if value:
                setattr(page, key, value)
        return self._process(page, spider)

    def process_text(self, path: str, text: str | bytes) -> Result:
        """A plain-text article (one paragraph per line), as ``pantau ingest`` reads ``.txt`` files."""
        if isinstance(text, bytes):
            text = decode(text)
        if not text.strip():
            return self._skip(path, "empty file", None)
        uri = Path(path).resolve().as_uri() if "://" not in path else path
        page = Page(url=uri, canonical_url=uri, title=None, published=None, author=None, editor=None,
                    outlet=None, text=text, host="")
        return self._process(page, None)

    def fail(self, url: str, reason: str, spider: str | None = None) -> Result:
        """A page that could not be fetched (HTTP error, timeout): logged and counted."""
        self.stats["failed"] += 1
        self.stats[f"failed: {reason}"] += 1
        store.log_crawl(self.db, url, "failed", reason, spider)
        return Result("failed", reason)

    def seen(self, url: str) -> bool:
        """True when the page is already stored (a second crawl does not fetch it again)."""
        return store.article_id(self.db, url) is not None

    # the pipeline ---------------------------------------------------------------------------------

    def _process(self, page: Page, spider: str | None) -> Result:
        try:
            facts = self.extractor.extract(page.text, title=page.title, published=page.published,
                                           outlet=page.outlet)
        except TextTooLong as exc:
            return self._skip(page.url, str(exc), spider)
        if not facts.paragraphs:
            return self._skip(page.url, "no article text", spider)
        if not facts.relevant:
            return self._skip(page.url, "not relevant", spider)
        body = facts.body
        digest, mh = fingerprint(body)
        article = {
            "url": page.url, "canonical_url": page.canonical_url, "host": page.host or None,
            "outlet": facts.outlet, "title": facts.title, "published": facts.published,
            "author": page.author, "editor": page.editor, "dateline": facts.dateline, "credit": facts.credit,
            "region": facts.region, "region_code": self._code(facts.region), "relevant": 1,
            "repeated_paragraphs": facts.repeated_paragraphs, "words": len(body.split()), "body": body,
            "content_hash": digest, "source": self.source,
        }
        article_id, created = store.store_article(self.db, article, facts_for_db(facts))
        self._cluster(article_id, digest, mh)
        status = "stored" if created else "updated"
        self.stats[status] += 1
        store.log_crawl(self.db, page.url, status, None, spider)
        return Result(status, None, article_id, facts)

    def _cluster(self, article_id: int, digest: str, mh) -> None:
        """An exact copy joins its original's cluster; a near copy its most similar article's; else a new one."""
        with schema.writing(self.db):
            row = self.db.execute(
                "select cluster_id from articles where content_hash = ? and id != ? and cluster_id is not null "
                "limit 1", [digest, article_id]).fetchone()
            near = assign(self.index, article_id, mh, _Clusters(self.db))
            current = self.db.execute("select cluster_id from articles where id = ?", [article_id]).fetchone()[0]
            store.set_cluster(self.db, article_id, (row[0] if row else near) or current or article_id)

    def _code(self, name: str | None) -> str | None:
        region = regions().lookup(name) if name else None
        return region.code if region else None

    def _skip(self, url: str, reason: str, spider: str | None) -> Result:
        self.stats["skipped"] += 1
        self.stats[f"skipped: {reason}"] += 1
        store.log_crawl(self.db, url, "skipped", reason, spider)
        return Result("skipped", reason)
