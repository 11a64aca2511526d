"""Spiders against the sample site served on 127.0.0.1, and the whole demo."""

import sqlite3

import pytest
from conftest import pantau


def rows(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_each_spider_on_its_site(tmp_path, sample_sites):
    db = tmp_path / "p.db"
    starts = {"antara": sample_sites["antara"] + "/terkini", "bakabar": sample_sites["bakabar"] + "/",
              "bisnisbali": sample_sites["bisnisbali"] + "/"}
    for spider, url in starts.items():
        result = pantau("crawl", spider, "-a", f"start_urls={url}", "--db", str(db),
                        "-s", "AUTOTHROTTLE_ENABLED=False")
        assert result.returncode == 0, result.stderr[-2000:]
    by_host = dict(rows(db, "select host, count(*) from articles group by host"))
    assert len(by_host) == 3 and all(n >= 3 for n in by_host.values())
    # stays on the start host: every stored URL is on one of the sites
    hosts = {u.split("/")[2] for u in sample_sites.values()}
    assert {h for (h,) in rows(db, "select host from articles")} <= hosts
    # every article has a title, an offset-aware date and a body without chrome
    for title, published, author, body in rows(db, "select title, published, author, body from articles"):
        assert title and published[-6] in "+-" and author and body
        assert not published.startswith("2024-11-24")  # the WordPress top bar shows the crawl date, not this
        assert "Baca juga" not in body and "Advertisment" not in body and "COPYRIGHT" not in body
    reasons = dict(rows(db, "select reason, count(*) from crawl_log where status = 'skipped' group by reason"))
    assert reasons.get("not relevant") and reasons.get("no article text")


def test_second_crawl_fetches_nothing_stored(tmp_path, sample_sites):
    db = tmp_path / "p.db"
    args = ("crawl", "feeds", "-a", f"start_urls={sample_sites['bisnisbali']}/sitemap.xml", "--db", str(db),
            "-s", "AUTOTHROTTLE_ENABLED=False")
    first = pantau(*args)
    assert first.returncode == 0, first.stderr[-2000:]
    count = rows(db, "select count(*) from articles")[0][0]
    second = pantau(*args)
    assert count >= 4
    assert "articles stored: 0 new" in second.stdout
    assert f"already stored, not fetched again: {count}" in second.stdout
    assert rows(db, "select count(*) from articles")[0][0] == count


def test_demo_builds_the_database(demo_db):
    summary = (demo_db.parent / "summary.txt").read_text()
    assert rows(demo_db, "select count(*) from articles where relevant = 1")[0][0] >= 12
    for table in ("officials", "counts", "awards", "quotes"):
        assert rows(demo_db, f"select count(*) from {table}")[0][0] > 0, table
    assert "not relevant" in summary and "no article text" in summary
    # the syndicated copy and its original are one story
    copies = rows(demo_db, "select outlets from clusters where size > 1")
    assert any("ANTARA" in o and "bisnisbali.com" in o for (o,) in copies)
    # every fact keeps its sentence and its article
    for table in ("officials", "counts", "awards", "quotes"):
        orphans = rows(demo_db, f"select count(*) from {table} t left join articles a on a.id = t.article_id "
                                f"where a.id is null or t.sentence is null or t.sentence = ''")
        assert orphans[0][0] == 0, table


def test_demo_twice_adds_nothing(demo_db):
    tables = ("articles", "officials", "counts", "awards", "quotes", "clusters", "people")
    before = {t: rows(demo_db, f"select count(*) from {t}")[0][0] for t in tables}
    result = pantau("demo", "--no-serve", "--db", str(demo_db))
    assert result.returncode == 0, result.stderr[-2000:]
    after = {t: rows(demo_db, f"select count(*) from {t}")[0][0] for t in tables}
    assert after == before


def test_bad_pages_are_logged_and_the_crawl_goes_on(tmp_path):
    from badsite import PAGES, start_badsite

    server = start_badsite()
    base = f"http://127.0.0.1:{server.server_port}"
    db = tmp_path / "p.db"
    try:
        result = pantau("crawl", "antara", "-a", f"start_urls={base}/terkini", "--db", str(db),
                        "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_TIMEOUT=3", "-s", "RETRY_TIMES=1",
                        "-s", "DOWNLOAD_MAXSIZE=1000000", "-s", "DOWNLOAD_WARNSIZE=0", "-s", "REDIRECT_MAX_TIMES=3")
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stderr[-3000:]
    log = {url.replace(base, ""): (status, reason) for url, status, reason in rows(
        db, "select url, status, reason from crawl_log")}
    for path, (what, expected) in PAGES.items():
        assert path in log, f"{what} is not in the crawl log"
        assert log[path][0] == expected, (what, log[path])
    assert log["/berita/9006/hilang"][1] == "HTTP 404"
    assert log["/berita/9007/galat"][1] == "HTTP 500"
    assert log["/berita/9008/lambat"][1] == "timeout"
    assert log["/berita/9009/putar"][1] == "too many redirects"
    assert log["/berita/9010/dokumen"][1].startswith("not HTML")
    assert log["/berita/9011/raksasa"][1] == "larger than the download size cap"
    bodies = [b for (b,) in rows(db, "select body from articles")]
    assert len(bodies) == 3 and all("Sutiyono" in b for b in bodies)
    assert any("BPJamsostek ©" in b for b in bodies) and any("Jamsostek ©" in b for b in bodies)
    assert "failed: 6" in result.stdout and "skipped: 2" in result.stdout


def test_two_processes_share_one_frontier_through_redis(tmp_path, sample_sites):
    """Two crawler processes at once, one Redis frontier, one database: every article fetched and stored once."""
    import os
    import socket
    import subprocess
    import time

    from conftest import PANTAU, ROOT

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = tmp_path / "p.db"
    try:
        time.sleep(0.5)
        env = {**os.environ, "PANTAU_REDIS_URL": f"redis://127.0.0.1:{port}/0", "PANTAU_CRAWL": "test"}
        # one request at a time with a delay, so that both processes are crawling while the frontier is full;
        # the one that finds it empty at first (the other holds the listing page) waits for its links
        args = ["crawl", "antara", "-a", f"start_urls={sample_sites['antara']}/terkini", "--db", str(db),
                "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.7", "-s", "CONCURRENT_REQUESTS=1",
                "-s", "PANTAU_FRONTIER_WAIT=8"]
        procs = [subprocess.Popen(PANTAU + args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
        outputs = [p.communicate(timeout=300) for p in procs]
    finally:
        redis.terminate()
        redis.wait(10)
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err[-2000:]
    processed = rows(db, "select url, count(*) from crawl_log group by url")
    assert processed and all(n == 1 for _, n in processed), processed  # each page fetched by one process only
    stored = [out.split("articles stored: ")[1].split(" new")[0] for out, _ in outputs]
    assert all(int(n) > 0 for n in stored), (stored, [err[-3000:] for _, err in outputs])  # both did part of it
    articles = rows(db, "select count(*), count(distinct canonical_url) from articles")[0]
    log = rows(db, "select * from crawl_log")
    assert articles[0] == articles[1] == 8, (log, [err[-3000:] for _, err in outputs])  # the relevant articles


def test_an_idle_worker_waits_for_the_shared_frontier():
    """FrontierWait keeps a worker open until the queue has been empty for its whole wait; any work resets it."""
    from scrapy.exceptions import DontCloseSpider

    from crawler.extensions import FrontierWait

    now = [100.0]
    wait = FrontierWait(8, clock=lambda: now[0])
    for step in (0, 5):  # Scrapy asks again about every five seconds
        now[0] += step
        with pytest.raises(DontCloseSpider):
            wait.spider_idle(None)
    wait.response_received(None, None, None)  # another worker's link arrived and was fetched
    now[0] += 5
    with pytest.raises(DontCloseSpider):
        wait.spider_idle(None)
    now[0] += 8
    wait.spider_idle(None)  # empty for the whole wait: the spider may close


def test_since_stops_paging_at_older_listings(tmp_path, sample_sites):
    db = tmp_path / "p.db"
    result = pantau("crawl", "antara", "-a", f"start_urls={sample_sites['antara']}/terkini", "--db", str(db),
                    "--since", "2023-12-01", "-s", "AUTOTHROTTLE_ENABLED=False")
    assert result.returncode == 0, result.stderr[-2000:]
    dates = [d for (d,) in rows(db, "select published from articles")]
    assert dates and min(dates) >= "2023-11"  # nothing from /terkini/2, whose stories are older


def test_interrupted_crawl_resumes_from_its_jobdir(tmp_path, sample_sites):
    import signal
    import subprocess
    import time

    from conftest import PANTAU, ROOT

    db, jobdir = tmp_path / "p.db", tmp_path / "job"
    args = PANTAU + ["crawl", "antara", "-a", f"start_urls={sample_sites['antara']}/terkini", "--db", str(db),
                     "--jobdir", str(jobdir), "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=1",
                     "-s", "CONCURRENT_REQUESTS=1"]
    first = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not db.exists() or rows(db, "select count(*) from articles")[0][0] < 2):
        time.sleep(0.5)
    first.send_signal(signal.SIGINT)  # Scrapy shuts down gracefully and keeps its queue in the jobdir
    first.communicate(timeout=60)
    done = rows(db, "select count(*) from articles")[0][0]
    assert 2 <= done < 8 and (jobdir / "requests.seen").exists()
    second = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert second.returncode == 0, second.stderr[-2000:]
    assert rows(db, "select count(*) from articles")[0][0] == 8
    fetched_twice = rows(db, "select url from crawl_log where status = 'stored' group by url having count(*) > 1")
    assert fetched_twice == []
