"""Datasette serving the demo database with the project's metadata, canned queries and plugin
(Datasette's own test client, and ``pantau serve``'s command line in a subprocess)."""

import asyncio
import datetime as dt
import re
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from datasette.app import Datasette

from db import schema
from db.serve import METADATA, PLUGINS, datasette_args, metadata_for

METADATA_PANTAU = metadata_for("pantau.db")
QUERIES = METADATA_PANTAU["databases"]["pantau"]["queries"]


def datasette(db):
    return Datasette([str(db)], metadata=metadata_for(db), plugins_dir=str(PLUGINS))


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
    assert result == sorted(result, key=lambda r: -r["quotes"])
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
    result = rows(ds, "paritrana_results")
    assert [r["year"] for r in result] == sorted((r["year"] for r in result), reverse=True)
    year = result[0]["year"]
    assert {r["year"] for r in rows(ds, "paritrana_results", f"year={year}")} == {year}
    assert {r["level"] for r in rows(ds, "paritrana_results", "level=nasional")} == {"nasional"}


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
    proc = subprocess.Popen(datasette_args(str(other), port=port, immutable=True),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}/arsip-2024"
        status, body = wait_for(f"{base}/coverage_by_region.json?_shape=array&since=2000-01-01", proc)
        assert status == 200 and b"latitude" in body
        status, body = wait_for(f"{base}/articles", proc)
        assert status == 200 and b"Outlet that published it" in body
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_canned_queries_have_titles_and_descriptions(query):
    assert QUERIES[query].get("title")
    assert QUERIES[query].get("description")
