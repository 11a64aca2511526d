"""``pantau dedup --rebuild``: recompute every article's signature and cluster (after a threshold or
shingle change), earliest article first so that originals found first stay canonical."""

from __future__ import annotations

from db import store
from db.lsh import SqliteIndex
from db.schema import open_db, writing
from extract.dedup import THRESHOLD, assign, fingerprint, from_bytes, to_bytes


def rebuild_clusters(db_path: str, threshold: float = THRESHOLD, progress=None) -> dict[str, int]:
    """Re-cluster all stored articles; returns how many articles and stories there are afterwards."""
    db = open_db(db_path)
    index = SqliteIndex(db, decode=from_bytes, encode=to_bytes)
    rows = list(db.query("select id, body from articles order by coalesce(published, fetched_at), id"))
    clusters: dict[int, int] = {}
    by_hash: dict[str, int] = {}
    with writing(db):
        index.clear()
        db.execute("delete from clusters")
        for n, row in enumerate(rows, 1):
            body = row["body"] or ""
            digest, mh = fingerprint(body)
            near = assign(index, row["id"], mh, clusters, threshold)
            clusters[row["id"]] = by_hash.get(digest) or near or row["id"]
            by_hash.setdefault(digest, clusters[row["id"]])
            if progress and n % 1000 == 0:
                progress(n, len(rows))
        db.conn.executemany("update articles set cluster_id = ? where id = ?",
                            [(clusters[r["id"]], r["id"]) for r in rows])
        for cluster in set(clusters.values()):
            store.refresh_cluster(db, cluster)
    return {"articles": len(rows), "stories": len(set(clusters.values()))}
