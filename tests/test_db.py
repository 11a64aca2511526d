"""The database: schema, WAL, idempotent writes, full-text search, clusters — on a real SQLite file."""

from db.schema import open_db
from db.store import log_crawl, set_cluster, store_article

ARTICLE = {"url": "https://a.id/berita/1", "canonical_url": "https://a.id/berita/1", "outlet": "ANTARA",
           "title": "Kapuas lindungi pekerja rentan", "body": "Kepala Dinsos Kapuas, Yanmarto hadir.",
           "relevant": 1, "published": "2024-02-01T10:00:00+07:00"}
FACTS = {
    "officials": [{"name": "Yanmarto", "title": "Kepala", "organization": "Dinsos Kapuas", "sentence": "s1"}],
    "counts": [{"value": 500, "unit": "pekerja rentan", "category": "pekerja rentan", "funding": "DBH sawit",
                "text": "500 pekerja rentan", "sentence": "s2"}],
    "awards": [{"award": "Paritrana", "year": 2022, "recipient": "Kota Palangka Raya", "rank": 2,
                "nominee": False, "sentence": "s3"}],
    "quotes": [{"speaker": "Yanmarto", "text": "Kami siap membantu warga", "sentence": "s4"}],
}


def test_wal_and_idempotent_writes(tmp_path):
    db = open_db(tmp_path / "p.db")
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    first, created = store_article(db, ARTICLE, FACTS)
    again, created_again = store_article(db, {**ARTICLE, "title": "Judul baru"}, FACTS)
    assert (first, created, created_again) == (again, True, False)
    counts = {t: db[t].count for t in ("articles", "officials", "counts", "awards", "quotes", "people")}
    assert counts == {"articles": 1, "officials": 1, "counts": 1, "awards": 1, "quotes": 1, "people": 1}
    assert db["articles"].get(first)["title"] == "Judul baru"
    row = db.execute("select article_id, sentence, person_id from officials").fetchone()
    assert row == (first, "s1", db.execute("select id from people where name = 'Yanmarto'").fetchone()[0])


def test_full_text_search(tmp_path):
    db = open_db(tmp_path / "p.db")
    store_article(db, ARTICLE, FACTS)
    hits = db.execute("select rowid from articles_fts where articles_fts match 'pekerja'").fetchall()
    assert len(hits) == 1
    hits = db.execute("select rowid from quotes_fts where quotes_fts match 'membantu'").fetchall()
    assert len(hits) == 1


def test_clusters_prefer_the_credited_original(tmp_path):
    db = open_db(tmp_path / "p.db")
    original, _ = store_article(db, {**ARTICLE, "published": "2024-02-02T10:00:00+07:00"}, {})
    copy, _ = store_article(db, {**ARTICLE, "url": "https://b.id/1", "canonical_url": "https://b.id/1",
                                 "outlet": "bisnisbali.com", "credit": "ANTARA",
                                 "published": "2024-02-01T09:00:00+08:00"}, {})
    set_cluster(db, original, original)
    set_cluster(db, copy, original)
    cluster = db["clusters"].get(original)
    assert cluster["size"] == 2 and cluster["canonical_article_id"] == original
    assert cluster["outlets"] == '["ANTARA", "bisnisbali.com"]'


def test_reopen_keeps_data_and_log(tmp_path):
    db = open_db(tmp_path / "p.db")
    store_article(db, ARTICLE, FACTS)
    log_crawl(db, "https://a.id/x", "skipped", "not relevant", "antara")
    db.close()
    db = open_db(tmp_path / "p.db")
    assert db["articles"].count == 1 and db["crawl_log"].count == 1


WRITER = """
import sys
from db.schema import open_db
from db.store import log_crawl, set_cluster, store_article
db = open_db(sys.argv[1])
for i in range(int(sys.argv[3])):
    url = f"https://a.id/berita/{i % 40}"  # the processes store the same articles, as crawlers of one site do
    article = {"url": url, "canonical_url": url, "title": f"Berita {i}", "body": "isi " * 50, "relevant": 1}
    facts = {"officials": [{"name": f"Pejabat {sys.argv[2]} {i}", "title": "Kepala", "sentence": "s"}]}
    article_id, _ = store_article(db, article, facts)
    set_cluster(db, article_id, article_id)
    log_crawl(db, url + f"?w={sys.argv[2]}&i={i}", "stored", None, "test")
"""


def test_processes_writing_at_once_lose_nothing(tmp_path):
    """Three processes write one database at once (as crawlers on a shared frontier do): no write fails."""
    import subprocess
    import sys

    from conftest import ROOT

    path = tmp_path / "p.db"
    open_db(path)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(k), "150"], cwd=ROOT,
                                stderr=subprocess.PIPE, text=True) for k in range(3)]
    errors = [w.communicate(timeout=120)[1] for w in writers]
    assert [w.returncode for w in writers] == [0, 0, 0], [e[-1500:] for e in errors]
    db = open_db(path)
    assert (db["crawl_log"].count, db["articles"].count, db["clusters"].count) == (450, 40, 40)
    assert (db["people"].count, db["officials"].count) == (450, 40)  # every name; each article's last facts


def test_processes_creating_one_database_at_once(tmp_path):
    """Crawlers started together create the same new file: each waits its turn instead of failing."""
    import subprocess
    import sys

    from conftest import ROOT

    for attempt in range(3):
        path = tmp_path / f"new{attempt}.db"
        openers = [subprocess.Popen([sys.executable, "-c", "import sys; from db.schema import open_db; "
                                     "open_db(sys.argv[1])", str(path)], cwd=ROOT, stderr=subprocess.PIPE,
                                    text=True) for _ in range(4)]
        errors = [o.communicate(timeout=60)[1] for o in openers]
        assert [o.returncode for o in openers] == [0] * 4, [e[-800:] for e in errors]
        assert open_db(path).execute("pragma journal_mode").fetchone()[0] == "wal"
