"""The persistent LSH index: band keys of every stored article's MinHash, in the database itself.

A crawl checks a new page against everything stored with a few indexed lookups — nothing is loaded or
rebuilt at start, and every process writing to the same database shares the index.

>>> from db.schema import open_db
>>> index = SqliteIndex(open_db(":memory:"), decode=bytes)
>>> index.add(7, [11, 22], b"sig")
>>> index.candidates([11, 99]), index.signature(7)
({7}, b'sig')
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils


class SqliteIndex:
    """``extract.dedup``'s index protocol over the ``lsh_bands`` and ``article_signatures`` tables."""

    def __init__(self, db: sqlite_utils.Database, decode: Callable, encode: Callable = bytes):
        self.db, self.decode, self.encode = db, decode, encode

    def candidates(self, keys: list[int]) -> set[int]:
        if not keys:
            return set()
        where = " or ".join("(band = ? and key = ?)" for _ in keys)
        params = [v for band, key in enumerate(keys) for v in (band, key)]
        return {row[0] for row in self.db.execute(f"select article_id from lsh_bands where {where}", params)}

    def add(self, article_id: int, keys: list[int], signature) -> None:
        self.db.execute("delete from lsh_bands where article_id = ?", [article_id])
        self.db.conn.executemany("insert into lsh_bands (band, key, article_id) values (?, ?, ?)",
                                 [(band, key, article_id) for band, key in enumerate(keys)])
        self.db.execute("insert or replace into article_signatures (article_id, signature) values (?, ?)",
                        [article_id, self.encode(signature)])

    def signature(self, article_id: int):
        row = self.db.execute("select signature from article_signatures where article_id = ?",
                              [article_id]).fetchone()
        return self.decode(row[0])

    def clear(self) -> None:
        self.db.execute("delete from lsh_bands")
        self.db.execute("delete from article_signatures")
