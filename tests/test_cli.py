"""The pantau command line, run as a user runs it."""

import json

from conftest import ROOT, pantau

SAMPLE = ROOT / "crawler" / "sample_site"


def test_help_lists_the_commands():
    result = pantau("--help")
    assert result.returncode == 0
    for command in ("crawl", "ingest", "extract", "reextract", "serve", "demo"):
        assert command in result.stdout


def test_extract_prints_one_object_per_file_and_survives_bad_input(tmp_path):
    article = tmp_path / "artikel.txt"
    article.write_text("Sampit (ANTARA) - BPJS Ketenagakerjaan melindungi 1.200 pekerja rentan, kata "
                       "Kepala BPJS Ketenagakerjaan Cabang Sampit, Sutiyono.", encoding="utf-8")
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Sampit (ANTARA) - Jamsostek untuk 300 nelayan – kata Camat Baamang, Agus Salim."
                       .encode("cp1252"))
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "tidak-ada.txt"
    html = next(SAMPLE.glob("antara/berita/*/*/index.html"))
    result = pantau("extract", "--format", "jsonl", str(article), str(latin1), str(empty), str(missing), str(html))
    assert result.returncode == 0, result.stderr
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["source"] for o in objects] == [str(article), str(latin1), str(empty), str(missing), str(html)]
    for obj in objects:
        assert set(obj) >= {"source", "title", "published", "outlet", "relevant", "officials", "counts", "awards",
                            "quotes"}
    assert objects[0]["counts"][0]["value"] == 1200 and objects[0]["officials"][0]["name"] == "Sutiyono"
    assert objects[1]["counts"][0]["value"] == 300
    assert objects[2]["relevant"] is False
    assert "unreadable" in objects[3]["error"]
    assert objects[4]["title"] and objects[4]["published"]


def test_ingest_is_idempotent(tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.txt").write_text("Sampit (ANTARA) - BPJS Ketenagakerjaan melindungi 1.200 pekerja rentan.")
    (folder / "b.txt").write_text("Harga cabai di pasar Sampit naik.")
    (folder / "c.html").write_bytes(b"<html><head><title>x")
    db = tmp_path / "p.db"
    first = pantau("ingest", str(folder), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "articles stored: 1 new" in first.stdout and "not relevant" in first.stdout
    second = pantau("ingest", str(folder), "--db", str(db))
    assert "articles stored: 0 new, 1 already stored" in second.stdout
    assert "database" in second.stdout and "1 articles" in second.stdout

