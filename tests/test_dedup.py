"""Near-duplicate detection on the project's labelled pairs, and clusters in the database."""

import sqlite3

from conftest import pantau

from benchmarks.dedup_pairs import evaluate, load_pairs
from extract.dedup import NUM_PERM, SHINGLE, THRESHOLD, MemoryIndex, assign, fingerprint


def test_pair_precision_and_recall_with_the_defaults():
    pairs = load_pairs()
    kinds = {p[3] for p in pairs}
    assert kinds == {"edited_copy", "same_event", "exact_copy", "unrelated"}
    result = evaluate(pairs, SHINGLE, NUM_PERM, THRESHOLD)
    assert result["precision"] >= 0.98, result["errors"]
    assert result["recall"] >= 0.95, result["errors"]


def test_exact_copy_with_other_dateline_has_the_same_hash():
    a, _ = fingerprint("Sampit (ANTARA) - Pemkab Kotim melindungi 1.200 pekerja rentan.\n\nKata Bupati.")
    b, _ = fingerprint("SAMPIT, bakabar.com - Pemkab Kotim melindungi 1.200 pekerja rentan.\n\nKata Bupati!")
    assert a == b


def test_assign_keeps_different_stories_apart():
    index, clusters = MemoryIndex(), {}
    texts = [" ".join(f"kata{i}x{j}" for j in range(150)) for i in range(5)]
    for i, text in enumerate(texts):
        clusters[i] = assign(index, i, fingerprint(text)[1], clusters) or i
    assert sorted(clusters.values()) == [0, 1, 2, 3, 4]


def test_rebuild_keeps_the_demo_clusters(demo_db, tmp_path):
    db = tmp_path / "copy.db"
    with sqlite3.connect(demo_db) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    result = pantau("dedup", "--rebuild", "--db", str(db))
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as conn:
        sizes = sorted(n for (n,) in conn.execute("select size from clusters"))
        assert sizes[-1] == 2 and sum(sizes) == conn.execute("select count(*) from articles").fetchone()[0]
    strict = pantau("dedup", "--rebuild", "--db", str(db), "--threshold", "0.95")
    assert "16 articles in 16 stories" in strict.stdout
