"""Datasette serving the demo database with the project's metadata, canned queries and plugin
(Datasette's own test client, and ``pantau serve``'s command line in a subprocess)."""

import asyncio
import contextlib
import datetime as dt
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import markupsafe
import pytest
from conftest import PANTAU, ROOT
from datasette.app import Datasette

from db import schema
from db.serve import METADATA, PLUGINS, TEMPLATES, datasette_args, metadata_for

METADATA_PANTAU = metadata_for("pantau.db")
QUERIES = METADATA_PANTAU["databases"]["pantau"]["queries"]


def datasette(db):
    return Datasette([str(db)], metadata=metadata_for(db), plugins_dir=str(PLUGINS), template_dir=str(TEMPLATES))


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def rows(ds, query, params=""):
    response = get(ds, f"/pantau/{query}.json?_shape=array&{params}")
    assert response.status_code == 200, (query, response.text[:500])
    return response.json()


def sql(db, statement, params=()):
    with sqlite3.connect(f"file:{db}?immutable=1", uri=True) as conn:
        return conn.execute(statement, params).fetchall()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_tables_are_listed(demo_db):
    response = get(datasette(demo_db), "/pantau.json")
    assert response.status_code == 200
    tables = {t["name"] for t in response.json()["tables"]}
    assert {"articles", "officials", "counts", "awards", "quotes", "clusters", "regions"} <= tables


def test_every_table_and_column_is_described():
    tables = METADATA_PANTAU["databases"]["pantau"]["tables"]
    for name, spec in schema.TABLES.items():
        assert tables.get(name, {}).get("description"), f"table {name} has no description"
        missing = set(spec["columns"]) - set(tables[name].get("columns", {}))
        assert not missing, f"{name}: columns without a description: {sorted(missing)}"


def test_metadata_names_its_source_and_licence():
    metadata = METADATA_PANTAU
    for key in ("title", "description_html", "source", "license", "license_url"):
        assert metadata.get(key), key
    assert "GeoNames" in metadata["license"]


def test_internal_tables_are_hidden(demo_db):
    tables = {t["name"]: t["hidden"] for t in get(datasette(demo_db), "/pantau.json").json()["tables"]}
    hidden = {name for name, is_hidden in tables.items() if is_hidden}
    internal = {"article_signatures", "lsh_bands", "crawl_log", "articles_fts", "articles_fts_data", "quotes_fts_idx"}
    assert internal <= hidden
    assert not hidden & {"articles", "clusters", "officials", "counts", "awards", "quotes", "people", "regions"}


def test_canned_queries_return_rows(demo_db):
    ds = datasette(demo_db)
    for query, params in (("pekerja_rentan", ""), ("officials_quoted", "since=2000-01-01"),
                          ("paritrana_results", "year="), ("search", "q=Paritrana"),
                          ("coverage_by_outlet", "since=2000-01-01"), ("coverage_by_region", "since=2000-01-01"),
                          ("new_stories", "since=2000-01-01")):
        assert len(rows(ds, query, params)) > 0, query


def test_canned_queries_run_with_their_parameters_empty(demo_db):
    ds = datasette(demo_db)
    for query in QUERIES:
        response = get(ds, f"/pantau/{query}.json")
        assert response.status_code == 200 and response.json()["ok"], (query, response.text[:500])
    # without dates, the coverage queries show the 12 weeks up to the latest article
    latest = dt.date.fromisoformat(sql(demo_db, "select max(published) from articles")[0][0][:10])
    weeks = {dt.date.fromisoformat(r["week"]) for r in rows(ds, "coverage_by_outlet")}
    assert weeks and all(latest - dt.timedelta(weeks=12) < week <= latest for week in weeks)
    assert all(week.weekday() == 0 for week in weeks)  # weeks are named by their Monday


def test_coverage_by_outlet_counts_stories_not_copies(demo_db):
    result = rows(datasette(demo_db), "coverage_by_outlet", "since=2000-01-01")
    assert sum(r["articles"] for r in result) == sql(demo_db, "select count(*) from articles")[0][0]
    week_stories = {}
    for r in result:
        assert 1 <= r["stories"] <= r["articles"]
        week_stories.setdefault(r["week"], 0)
        week_stories[r["week"]] += r["stories"]
    # a story syndicated to two outlets in one week counts once per outlet, never once per copy of one outlet
    copies = sql(demo_db, "select outlet, cluster_id, count(*) from articles group by 1, 2 having count(*) > 1")
    assert sum(r["articles"] - r["stories"] for r in result) == sum(n - 1 for _, _, n in copies)


def test_coverage_by_region_places_every_region_on_the_map(demo_db):
    result = rows(datasette(demo_db), "coverage_by_region", "since=2000-01-01")
    placed = sql(demo_db, "select count(distinct region_code) from articles where region_code is not null")[0][0]
    assert len(result) == placed
    assert all(r["latitude"] is not None and r["longitude"] is not None for r in result)
    # a kabupaten the gazetteer has no coordinates for sits at its province's
    fallback = sql(demo_db, """select r.name, p.latitude, p.longitude from regions r join regions p
                               on p.code = r.province_code where r.latitude is null
                               and r.code in (select region_code from articles)""")
    assert fallback, "the demo has no article about a kabupaten without coordinates"
    by_name = {r["region"]: r for r in result}
    for name, lat, lon in fallback:
        assert (by_name[name]["latitude"], by_name[name]["longitude"]) == (lat, lon)
    assert sum(r["articles"] for r in result) == sql(
        demo_db, "select count(*) from articles where region_code is not null")[0][0]


def test_officials_quoted_have_latest_quote_and_article(demo_db):
    result = rows(datasette(demo_db), "officials_quoted", "since=2000-01-01")
    assert result == sorted(result, key=lambda r: (-r["stories"], -r["quotes"]))
    for r in result:
        assert r["office"] and r["latest_quote"] and r["url"].startswith("http")
    top = result[0]
    newest = sql(demo_db, """select max(a.published) from quotes q join articles a on a.id = q.article_id
                             join people p on p.id = q.person_id where p.name = ?""", [top["official"]])[0][0]
    assert top["latest"] == newest


def test_pekerja_rentan_filters(demo_db):
    ds = datasette(demo_db)
    everything = rows(ds, "pekerja_rentan")
    assert everything and all(r["sentence"] and r["url"] for r in everything)
    assert len(everything) == sql(demo_db, "select count(*) from counts where category = 'pekerja rentan'")[0][0]
    bali = rows(ds, "pekerja_rentan", "region=Bali")
    assert bali and len(bali) < len(everything) and all(r["province"] == "Bali" for r in bali)
    apbd = rows(ds, "pekerja_rentan", "funding=APBD")
    assert apbd and all(r["funding"] == "APBD" for r in apbd)


def test_paritrana_results_by_year_and_level(demo_db):
    ds = datasette(demo_db)
    latest = sql(demo_db, "select max(year) from awards")[0][0]
    result = rows(ds, "paritrana_results")
    assert result and {r["year"] for r in result} == {latest}  # without a year: the latest edition
    ranked = [r for r in result if r["rank"] is not None]
    assert all(r["article"].startswith("http") and r["stories"] >= 1 for r in result)
    for year in (r[0] for r in sql(demo_db, "select distinct year from awards")):
        assert {r["year"] for r in rows(ds, "paritrana_results", f"year={year}")} == {year}
    assert {r["level"] for r in rows(ds, "paritrana_results", f"level=provinsi&year={latest}")} <= {"provinsi"}
    first = ranked[0]
    same = [r for r in ranked if (r["level"], r["region"], r["category"]) == (first["level"], first["region"],
                                                                             first["category"])]
    assert [r["rank"] for r in same] == sorted(r["rank"] for r in same)


BIG_TABLES = {"articles", "clusters", "officials", "counts", "awards", "quotes", "people", "lsh_bands"}
SQL_WORDS = {"on", "where", "join", "left", "cross", "inner", "group", "order", "limit", "union", "using"}


def test_canned_queries_never_scan_a_big_table(demo_db):
    """Every canned query reaches the big tables through an index, on a database without statistics as
    pantau writes them (no ANALYZE): the plans benchmarks/bench_datasette.py measured at 1,000,000 articles."""
    from datasette.utils import escape_fts

    assert not sql(demo_db, "select name from sqlite_master where name = 'sqlite_stat1'")
    with sqlite3.connect(f"file:{demo_db}?immutable=1", uri=True) as conn:
        conn.create_function("escape_fts", 1, escape_fts)
        for name, query in QUERIES.items():
            aliases = {}
            for table, alias in re.findall(r"\b(?:from|join)\s+(\w+)(?:\s+(?:as\s+)?(\w+))?", query["sql"], re.I):
                aliases[table] = table
                if alias and alias.lower() not in SQL_WORDS:
                    aliases[alias] = table
            params = {p: "" for p in re.findall(r":(\w+)", query["sql"])}
            plan = [r[3] for r in conn.execute("explain query plan " + query["sql"], params)]
            scanned = {aliases.get(m.group(1), m.group(1)) for line in plan
                       if (m := re.match(r"SCAN (\w+)\b(?! VIRTUAL TABLE)", line))}
            assert not scanned & BIG_TABLES, (name, plan)


def test_new_stories_since_a_date(demo_db):
    result = rows(datasette(demo_db), "new_stories", "since=2024-01-01")
    assert result and all(r["first_seen"] >= "2024-01-01" for r in result)
    assert len(result) == sql(demo_db, "select count(*) from clusters where first_seen >= '2024-01-01'")[0][0]


def test_search_highlights_matches_and_survives_odd_input(demo_db):
    ds = datasette(demo_db)
    result = rows(ds, "search", "q=Paritrana")
    assert {"article", "quote"} >= {r["kind"] for r in result}
    assert all("<mark>" in r["snippet"] for r in result if r["kind"] == "article")
    phrase = rows(ds, "search", "q=%22pekerja+rentan%22")
    assert phrase and any("<mark>pekerja rentan</mark>" in r["snippet"].lower() for r in phrase)
    cells = re.findall(r'<td class="col-snippet[^"]*">(.*?)</td>', get(ds, "/pantau/search?q=Paritrana").text, re.S)
    assert cells and all("<mark>Paritrana</mark>" in c.replace("paritrana", "Paritrana") for c in cells[:3])
    assert not any("&lt;mark&gt;" in c for c in cells)
    for odd in ("", "%22", "BPJS-TK", "NEAR(x)", "a%22b", "*"):
        response = get(ds, f"/pantau/search.json?q={odd}")
        assert response.status_code == 200 and response.json()["ok"], odd


def test_month_facet_counts_articles_per_month(demo_db):
    ds = datasette(demo_db)
    facets = get(ds, "/pantau/articles.json?_size=0").json()["facet_results"]
    months = {r["value"]: r["count"] for r in facets["published"]["results"]}
    expected = dict(sql(demo_db, "select substr(published, 1, 7), count(*) from articles group by 1"))
    assert months == expected
    month = max(expected)
    filtered = get(ds, f"/pantau/articles.json?_size=0&published__startswith={month}").json()
    assert filtered["filtered_table_rows_count"] == expected[month]
    assert {"outlet", "region", "cluster_id"} <= set(facets)


def html_escape(text):
    return str(markupsafe.escape(text))


def syndicated_story(db):
    """(cluster, original, copy) of the demo's syndicated story: (id, outlet, title, url) for each article."""
    cluster, original = sql(db, "select id, canonical_article_id from clusters where size > 1")[0]
    members = {r[0]: r for r in sql(db, "select id, outlet, title, url from articles where cluster_id = ?", [cluster])}
    assert len(members) == 2 and original in members
    copy = next(m for m in members if m != original)
    return cluster, members[original], members[copy]


def copies_section(page):
    match = re.search(r'<section class="story-copies">(.*?)</section>', page, re.S)
    assert match, "the row page has no list of the story's copies"
    return match.group(1)


def test_article_page_shows_the_other_copies_of_its_story(demo_db):
    ds = datasette(demo_db)
    cluster, original, copy = syndicated_story(demo_db)
    response = get(ds, f"/pantau/articles/{original[0]}")
    assert response.status_code == 200
    section = copies_section(response.text)
    listed = re.findall(r'<tr class="story-copy">(.*?)</tr>', section, re.S)
    assert len(listed) == 1  # the copy, not the article itself
    _, outlet, title, url = copy
    cells = listed[0]
    assert f'<td class="copy-outlet">{html_escape(outlet)}</td>' in cells
    assert html_escape(title) in cells and f'href="{html_escape(url)}"' in cells
    assert f'href="/pantau/articles/{copy[0]}"' in cells
    assert "one of 2 copies" in section and f'href="/pantau/clusters/{cluster}"' in section
    # and the copy's page lists the original, marked as such
    back = copies_section(get(ds, f"/pantau/articles/{copy[0]}").text)
    assert html_escape(original[2]) in back and "(original)" in back
    # an article published once says so; other tables' row pages are Datasette's own
    single = sql(demo_db, "select a.id from articles a join clusters c on c.id = a.cluster_id where c.size = 1")[0][0]
    assert "No other copy" in copies_section(get(ds, f"/pantau/articles/{single}").text)
    other_table = get(ds, f"/pantau/clusters/{cluster}")
    assert other_table.status_code == 200 and "story-copies" not in other_table.text


def test_no_write_endpoint(demo_db):
    ds = datasette(demo_db)
    assert not any(q.get("write") for q in QUERIES.values())
    for path in ("/pantau/search", "/pantau/articles", "/pantau", "/-/permissions"):
        response = asyncio.run(ds.client.post(path, data={"q": "x"}))
        assert response.status_code == 405, path
    assert get(ds, "/pantau.json?sql=delete+from+articles").status_code == 400


def test_metadata_follows_the_database_file_name(tmp_path):
    metadata = metadata_for(tmp_path / "arsip-2024.db")
    assert list(metadata["databases"]) == ["arsip-2024"]
    assert metadata["databases"]["arsip-2024"]["queries"].keys() == QUERIES.keys()
    def metadata_arg(db):
        args = datasette_args(str(db))
        return args[args.index("--metadata") + 1]

    written = Path(metadata_arg(tmp_path / "arsip-2024.db"))
    assert written != METADATA and "arsip-2024:" in written.read_text(encoding="utf-8")
    assert metadata_arg(tmp_path / "pantau.db") == str(METADATA)


def test_serve_binds_localhost_and_opens_immutable_when_asked():
    args = datasette_args("pantau.db")
    assert args[args.index("--host") + 1] == "127.0.0.1" and "-i" not in args
    immutable = datasette_args("pantau.db", immutable=True)
    assert immutable[immutable.index("-i") + 1] == "pantau.db"
    assert "--plugins-dir" in args


def wait_for(url, proc, attempts=150):
    for _ in range(attempts):
        assert proc.poll() is None, proc.stderr.read().decode()[-2000:] if proc.stderr else "datasette exited"
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"datasette did not answer on {url}")


def test_pantau_serve_answers_on_localhost(demo_db):
    port = free_port()
    proc = subprocess.Popen(datasette_args(str(demo_db), port=port, immutable=True),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        status, body = wait_for(f"http://127.0.0.1:{port}/pantau.json", proc)
        assert status == 200 and b"articles" in body
    finally:
        proc.terminate()
        proc.wait(10)


def test_pantau_serve_other_file_name_keeps_metadata_and_queries(demo_db, tmp_path):
    other = tmp_path / "arsip-2024.db"
    shutil.copy(demo_db, other)
    port = free_port()
    proc = subprocess.Popen(PANTAU + ["serve", "--db", str(other), "--port", str(port)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}/arsip-2024"
        status, body = wait_for(f"{base}/coverage_by_region.json?_shape=array&since=2000-01-01", proc)
        assert status == 200 and b"latitude" in body
        status, body = wait_for(f"{base}/articles", proc)
        assert status == 200 and b"Outlet that published it" in body
        proc.terminate()  # pantau serve passes SIGTERM on to Datasette
        assert proc.wait(10) == 0  # stopped as asked: a clean exit
        with pytest.raises(OSError):
            urllib.request.urlopen(f"{base}.json", timeout=2)
    finally:
        if proc.poll() is None:
            proc.kill()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_canned_queries_have_titles_and_descriptions(query):
    assert QUERIES[query].get("title")
    assert QUERIES[query].get("description")
