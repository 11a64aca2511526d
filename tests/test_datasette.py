"""Datasette serving the demo database with the project's metadata (Datasette's own test client)."""

import asyncio
import socket
import subprocess
import time
import urllib.request

import yaml
from datasette.app import Datasette

from db.serve import METADATA, datasette_args


def datasette(db):
    return Datasette([str(db)], metadata=yaml.safe_load(METADATA.read_text()))


def get(ds, path):
    return asyncio.run(ds.client.get(path))


def test_tables_are_listed(demo_db):
    response = get(datasette(demo_db), "/pantau.json")
    assert response.status_code == 200
    tables = {t["name"] for t in response.json()["tables"]}
    assert {"articles", "officials", "counts", "awards", "quotes", "clusters", "regions"} <= tables


def test_canned_queries_return_rows(demo_db):
    ds = datasette(demo_db)
    for query, params in (("pekerja_rentan", ""), ("officials_quoted", ""), ("paritrana_results", "year="),
                          ("search", "q=Paritrana"), ("coverage_by_outlet", "since=")):
        response = get(ds, f"/pantau/{query}.json?_shape=array&{params}")
        assert response.status_code == 200, (query, response.text[:300])
        assert len(response.json()) > 0, query


def test_pantau_serve_answers_on_localhost(demo_db):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(datasette_args(str(demo_db), port=port, immutable=True),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/pantau.json", timeout=2) as r:
                    assert r.status == 200 and b"articles" in r.read()
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("datasette did not answer")
    finally:
        proc.terminate()
        proc.wait(10)
