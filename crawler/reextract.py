"""Re-run extraction over stored articles after the extractor improved: facts replaced, nothing else lost."""

from __future__ import annotations

from crawler.process import facts_for_db
from db.schema import open_db, writing
from db.store import replace_facts
from extract import Extractor


def reextract(db_path: str, extractor: Extractor | None = None, progress=None) -> int:
    """Extract every stored article's body again and replace its facts; returns how many were done."""
    db = open_db(db_path)
    extractor = extractor or Extractor()
    rows = list(db.query("select id, canonical_url, title, published, outlet, body from articles"))
    for n, row in enumerate(rows, 1):
        facts = extractor.extract(row["body"] or "", title=row["title"], published=row["published"],
                                  outlet=row["outlet"], always_facts=True)
        with writing(db):
            replace_facts(db, row["id"], row["canonical_url"], facts_for_db(facts))
        if progress and (n % 100 == 0 or n == len(rows)):
            progress(n, len(rows))
    return len(rows)
