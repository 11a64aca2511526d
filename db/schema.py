"""The one place that knows pantau's database schema.

>>> db = open_db(":memory:")
>>> tables = [t for t in db.table_names() if "_fts" not in t]
>>> sorted(tables)  # doctest: +NORMALIZE_WHITESPACE
['article_signatures', 'articles', 'awards', 'clusters', 'counts', 'crawl_log', 'lsh_bands', 'officials',
 'people', 'quotes', 'regions']
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

SCHEMA_VERSION = 1

TABLES: dict[str, dict] = {
    "regions": {
        "columns": {"code": str, "name": str, "kind": str, "province_code": str, "province": str,
                    "latitude": float, "longitude": float},
        "pk": "code",
    },
    "people": {"columns": {"id": int, "name": str, "name_key": str}, "pk": "id"},
    "clusters": {
        "columns": {"id": int, "canonical_article_id": int, "title": str, "size": int, "outlets": str,
                    "first_seen": str, "last_seen": str},
        "pk": "id",
    },
    "articles": {
        "columns": {"id": int, "url": str, "canonical_url": str, "host": str, "outlet": str, "title": str,
                    "published": str, "author": str, "editor": str, "dateline": str, "credit": str,
                    "region": str, "region_code": str, "relevant": int, "repeated_paragraphs": int,
                    "words": int, "body": str, "content_hash": str, "cluster_id": int, "source": str,
                    "fetched_at": str},
        "pk": "id",
        "foreign_keys": [("cluster_id", "clusters", "id"), ("region_code", "regions", "code")],
        "not_null": {"canonical_url"},
    },
    "article_signatures": {"columns": {"article_id": int, "signature": bytes}, "pk": "article_id",
                           "foreign_keys": [("article_id", "articles", "id")]},
    "lsh_bands": {"columns": {"band": int, "key": int, "article_id": int}, "pk": None},
    "officials": {
        "columns": {"id": str, "article_id": int, "person_id": int, "name": str, "title": str,
                    "organization": str, "region": str, "region_code": str, "sentence": str},
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id"), ("person_id", "people", "id"),
                         ("region_code", "regions", "code")],
    },
    "counts": {
        "columns": {"id": str, "article_id": int, "value": float, "unit": str, "category": str, "region": str,
                    "region_code": str, "funding": str, "text": str, "sentence": str},
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id"), ("region_code", "regions", "code")],
    },
    "awards": {
        "columns": {"id": str, "article_id": int, "award": str, "year": int, "recipient": str, "rank": int,
                    "category": str, "level": str, "region": str, "region_code": str, "nominee": int,
                    "sentence": str},
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id"), ("region_code", "regions", "code")],
    },
    "quotes": {
        "columns": {"id": str, "article_id": int, "person_id": int, "speaker": str, "text": str, "sentence": str},
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id"), ("person_id", "people", "id")],
    },
    "crawl_log": {
        "columns": {"id": int, "url": str, "status": str, "reason": str, "spider": str, "at": str},
        "pk": "id",
    },
}

# Indexes, several of them covering for the canned queries in metadata.yml (benchmarks/bench_datasette.py
# measures those at 1,000,000 articles): a query that reads only index columns never reads an article's body.
INDEXES = [
    ("articles", ["canonical_url"], True),
    ("articles", ["content_hash"], False),
    ("articles", ["cluster_id"], False),  # a story's copies
    ("articles", ["outlet", "published"], False),
    # coverage by outlet / by region, officials quoted: a date range read from the index alone
    ("articles", ["published", "outlet", "region_code", "cluster_id"], False),
    ("clusters", ["first_seen"], False),  # new stories
    ("people", ["name_key"], True),
    ("officials", ["article_id"], False),
    ("officials", ["person_id", "article_id"], False),  # an official's latest office
    ("counts", ["article_id"], False),
    ("counts", ["category", "region_code", "funding", "article_id"], False),  # pekerja rentan by region
    ("awards", ["article_id"], False),
    # Paritrana results of an edition, in the query's group order, covering
    ("awards", ["year", "level", "region", "category", "rank", "recipient", "nominee", "award", "article_id"], False),
    ("quotes", ["article_id", "person_id"], False),  # officials quoted: covering
    ("quotes", ["person_id"], False),
    ("crawl_log", ["url"], False),
    ("lsh_bands", ["band", "key"], False),
    ("lsh_bands", ["article_id"], False),
]
# Indexes made before that a wider one above now serves (same leading columns): dropped where they exist.
SUPERSEDED_INDEXES = ["idx_articles_published", "idx_officials_person_id", "idx_counts_category",
                      "idx_awards_year_level_rank", "idx_quotes_article_id"]

FTS = {"articles": ["title", "body"], "quotes": ["text", "speaker"]}
FACT_TABLES = ("officials", "counts", "awards", "quotes")


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (and create or migrate) a pantau database, in WAL mode so Datasette can read while a crawl writes."""
    db = sqlite_utils.Database(memory=True) if str(path) == ":memory:" else sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 10000")  # first: another process may be creating the same file
    if str(path) != ":memory:":
        db.enable_wal()
    with writing(db):
        create(db)
    return db


@contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction that takes SQLite's write lock when it starts (``BEGIN IMMEDIATE``).

    With several processes writing to one database (crawlers sharing a Redis frontier), a transaction
    that reads first and writes later fails at once with "database is locked" when another process
    wrote in between: waiting cannot fix its stale snapshot, so ``busy_timeout`` does not apply. Taking
    the lock first makes it wait its turn instead. Inside another transaction it is a savepoint.

    >>> db = open_db(":memory:")
    >>> with writing(db):
    ...     _ = db["people"].insert({"name": "Budi", "name_key": "budi"})
    >>> db["people"].count, db.conn.in_transaction
    (1, False)
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()


def create(db: sqlite_utils.Database) -> None:
    """Create every missing table, column, index and full-text index; existing data is kept."""
    for name, spec in TABLES.items():
        table = db[name]
        if table.exists():
            missing = {c: t for c, t in spec["columns"].items() if c not in table.columns_dict}
            for column, kind in missing.items():
                table.add_column(column, kind)
            continue
        table.create(spec["columns"], pk=spec.get("pk"), foreign_keys=spec.get("foreign_keys"),
                     not_null=spec.get("not_null"))
    for table, columns, unique in INDEXES:
        db[table].create_index(columns, unique=unique, if_not_exists=True)
    for name in SUPERSEDED_INDEXES:
        db.execute(f"drop index if exists {name}")
    for table, columns in FTS.items():
        if not db[f"{table}_fts"].exists():
            db[table].enable_fts(columns, create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def load_regions(db: sqlite_utils.Database, rows) -> None:
    """Fill the ``regions`` table (code, name, kind, province, coordinates) from gazetteer rows."""
    with writing(db):
        db["regions"].upsert_all(
            ({"code": r["code"], "name": r["name"], "kind": r["kind"], "province_code": r["province_code"],
              "province": r["province"], "latitude": float(r["lat"]) if r.get("lat") else None,
              "longitude": float(r["lon"]) if r.get("lon") else None} for r in rows),
            pk="code",
        )
