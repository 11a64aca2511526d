"""Writes: articles keyed on their canonical URL, facts keyed on their identity, clusters, the crawl log.

Writing the same article twice changes nothing: the article row is updated in place and its facts are
replaced by rows with the same ids.

>>> from db.schema import open_db
>>> db = open_db(":memory:")
>>> article = {"url": "https://a.id/1", "canonical_url": "https://a.id/1", "title": "T", "body": "B", "relevant": 1}
>>> facts = {"officials": [{"name": "Budi Wahyudi", "title": "Kepala", "sentence": "..."}]}
>>> store_article(db, article, facts), store_article(db, article, facts)
((1, True), (1, False))
>>> db["officials"].count, db["people"].count
(1, 1)
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime

import sqlite_utils

from db.schema import FACT_TABLES, writing

#: The fields that make one fact the same fact when an article is stored again.
IDENTITY = {
    "officials": ("name",),
    "counts": ("value", "unit", "text", "sentence"),
    "awards": ("award", "recipient", "rank", "year", "nominee"),
    "quotes": ("text",),
}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def name_key(name: str) -> str:
    """People are one value across articles: ``name_key("H. Budi  Wahyudi,") == "h budi wahyudi"``."""
    return " ".join(re.sub(r"[^\w ]+", " ", name.casefold()).split())


def person_id(db: sqlite_utils.Database, name: str | None) -> int | None:
    """The ``people`` row for a name, created on first sight."""
    if not name:
        return None
    key = name_key(name)
    row = db.execute("select id from people where name_key = ?", [key]).fetchone()
    if row:
        return row[0]
    return db["people"].insert({"name": name, "name_key": key}).last_pk


def fact_id(canonical_url: str, kind: str, fact: dict) -> str:
    identity = json.dumps([canonical_url, kind] + [fact.get(k) for k in IDENTITY[kind]], ensure_ascii=False)
    return hashlib.sha1(identity.encode("utf-8")).hexdigest()[:20]


def article_id(db: sqlite_utils.Database, canonical_url: str) -> int | None:
    row = db.execute("select id from articles where canonical_url = ?", [canonical_url]).fetchone()
    return row[0] if row else None


def store_article(db: sqlite_utils.Database, article: dict, facts: dict[str, list[dict]]) -> tuple[int, bool]:
    """Insert or update one article and replace its facts; returns the article's id and whether it is new."""
    with writing(db):
        existing = article_id(db, article["canonical_url"])
        created = existing is None
        row = {**article, "fetched_at": article.get("fetched_at") or now()}
        if created:
            existing = db["articles"].insert(row, alter=False).last_pk
        else:
            db["articles"].update(existing, {k: v for k, v in row.items() if k != "cluster_id"})
        replace_facts(db, existing, article["canonical_url"], facts)
    return existing, created


def replace_facts(db: sqlite_utils.Database, article: int, canonical_url: str, facts: dict[str, list[dict]]) -> None:
    """Replace one article's facts (used by a new crawl of the page and by ``pantau reextract``)."""
    for kind in FACT_TABLES:
        db.execute(f"delete from {kind} where article_id = ?", [article])
        rows = {}
        for fact in facts.get(kind, []):
            row = {**fact, "article_id": article, "id": fact_id(canonical_url, kind, fact)}
            if kind == "officials":
                row["person_id"] = person_id(db, fact.get("name"))
            elif kind == "quotes":
                row["person_id"] = person_id(db, fact.get("speaker"))
            for flag in ("nominee",):
                if flag in row:
                    row[flag] = int(bool(row[flag]))
            rows[row["id"]] = row
        if rows:
            db[kind].insert_all(rows.values(), pk="id", replace=True)


def set_cluster(db: sqlite_utils.Database, article: int, cluster: int) -> None:
    """Put an article in a cluster and refresh that cluster's summary row."""
    old = db.execute("select cluster_id from articles where id = ?", [article]).fetchone()
    db["articles"].update(article, {"cluster_id": cluster})
    refresh_cluster(db, cluster)
    if old and old[0] and old[0] != cluster:
        refresh_cluster(db, old[0])


def refresh_cluster(db: sqlite_utils.Database, cluster: int) -> None:
    """Recompute a cluster's size, outlets, first and last seen, and its canonical article.

    The canonical article is the original when a copy credits another outlet (``Sumber: ANTARA``),
    else the earliest published.
    """
    members = list(db.query(
        "select id, outlet, credit, title, published, fetched_at from articles where cluster_id = ? "
        "order by coalesce(published, fetched_at), id", [cluster]))
    if not members:
        db.execute("delete from clusters where id = ?", [cluster])
        return
    credited = {m["credit"] for m in members if m["credit"]}
    originals = [m for m in members if m["outlet"] in credited and not m["credit"]]
    canonical = (originals or members)[0]
    dates = [m["published"] or m["fetched_at"] for m in members]
    db["clusters"].upsert({
        "id": cluster, "canonical_article_id": canonical["id"], "title": canonical["title"], "size": len(members),
        "outlets": json.dumps(sorted({m["outlet"] for m in members if m["outlet"]})),
        "first_seen": min(dates), "last_seen": max(dates),
    }, pk="id")


def log_crawl(db: sqlite_utils.Database, url: str, status: str, reason: str | None = None,
              spider: str | None = None) -> None:
    """One line of the crawl log: a page stored, skipped (and why) or failed."""
    with writing(db):
        db["crawl_log"].insert({"url": url, "status": status, "reason": reason, "spider": spider, "at": now()})
