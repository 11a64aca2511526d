"""A person's walk through ``pantau serve`` in a real browser: headless Chromium (Debian's ``chromium``
and ``chromedriver``, driven by Selenium; nothing is downloaded) on the demo database.

Home page → a table page with facets → a canned query → full-text search → the map → the chart →
an article's page with the other copies of its story.
Each step asserts what a person sees and leaves a screenshot in ``test-artifacts/browser/``.

``make test`` installs Chromium when it is missing and sets ``PANTAU_REQUIRE_BROWSER=1``: there (and
under CI) a missing browser fails the test. Run by hand without Chromium, the test is skipped and
says how to get it.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import PANTAU, ROOT

ARTIFACTS = ROOT / "test-artifacts" / "browser"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--window-size=1280,1400",
         # nothing but this machine: map tiles from the internet fail fast, markers must render without them
         "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
CHART = ("#g.mark=bar&g.x_column=week&g.x_type=ordinal&g.y_column=stories&g.y_type=quantitative"
         "&g.color_column=outlet")


def required() -> bool:
    return bool(os.environ.get("PANTAU_REQUIRE_BROWSER") or os.environ.get("CI"))


def unavailable(reason: str):
    message = f"{reason} — run 'make chromium' (apt-get install chromium chromium-driver) or 'make test'"
    if required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def executable(name: str) -> str | None:
    return shutil.which(name) or next((p for p in (f"/usr/bin/{name}", f"/usr/lib/chromium/{name}")
                                       if os.access(p, os.X_OK)), None)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(demo_db):
    """``pantau serve --immutable`` on the demo database; yields its base URL."""
    port = free_port()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log = ARTIFACTS / "pantau-serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(PANTAU + ["serve", "--db", str(demo_db), "--port", str(port), "--immutable"],
                                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            assert proc.poll() is None, log.read_text()[-2000:]
            try:
                with urllib.request.urlopen(base + "/pantau.json", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("pantau serve did not answer")
        yield base
        proc.terminate()  # pantau serve passes SIGTERM on to Datasette: the port is free again
        proc.wait(10)
        for _ in range(50):
            if not answers(base):
                break
            time.sleep(0.2)
        else:
            raise AssertionError("Datasette still answers after pantau serve was terminated")
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(10)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # nothing of this test outlives it


def answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        unavailable("selenium is not installed (it is in the dev extra)")
    chromium, driver = executable("chromium"), executable("chromedriver")
    if not chromium or not driver:
        unavailable(f"Chromium not found (chromium: {chromium}, chromedriver: {driver})")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"]:
        options.add_argument(flag)
    browser = webdriver.Chrome(options=options, service=Service(driver))
    browser.set_page_load_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()


def wait(browser, condition, timeout=30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def css(browser, selector):
    from selenium.webdriver.common.by import By

    return browser.find_elements(By.CSS_SELECTOR, selector)


def screenshot(browser, name: str) -> Path:
    """A full-page screenshot in test-artifacts/browser/NAME.png."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(height, 900), 4000))
    path = ARTIFACTS / f"{name}.png"
    browser.save_screenshot(str(path))
    browser.set_window_size(1280, 1400)
    return path


def db_rows(db, statement, params=()):
    with sqlite3.connect(f"file:{db}?immutable=1", uri=True) as conn:
        return conn.execute(statement, params).fetchall()


def canned(db, name, **params):
    """Rows of a canned query run directly on the database, to compare with what the browser shows."""
    from datasette.utils import escape_fts

    query = yaml.safe_load((ROOT / "db" / "metadata.yml").read_text())["databases"]["pantau"]["queries"][name]
    with sqlite3.connect(f"file:{db}?immutable=1", uri=True) as conn:
        conn.create_function("escape_fts", 1, escape_fts)
        names = set(re.findall(r":(\w+)", query["sql"]))
        return conn.execute(query["sql"], {n: params.get(n, "") for n in names}).fetchall()


def test_home_page(site, browser):
    browser.get(site + "/")
    assert "workers' social security" in css(browser, "h1")[0].text
    assert "BPJS Ketenagakerjaan" in css(browser, ".metadata-description")[0].text
    assert "CC BY 4.0" in browser.find_element("css selector", "footer").text
    links = [a.text for a in css(browser, "h2 a")]
    assert "pantau" in links
    screenshot(browser, "1-home")


def test_table_page_with_facets(site, browser, demo_db):
    browser.get(site + "/pantau/articles")
    facets = {f.get_attribute("data-column"): f for f in css(browser, ".facet-info")}
    assert {"outlet", "region", "published", "cluster_id"} <= set(facets), set(facets)
    shown = {li.find_element("css selector", "a").text: int(li.text.rsplit(" ", 1)[1].replace(",", ""))
             for li in facets["outlet"].find_elements("css selector", "ul li")}
    assert shown == dict(db_rows(demo_db, "select outlet, count(*) from articles group by outlet"))
    months = facets["published"].text
    busiest, count = db_rows(demo_db, "select substr(published, 1, 7) m, count(*) c from articles "
                                      "group by m order by c desc, m desc limit 1")[0]
    assert f"{busiest} {count}" in months
    screenshot(browser, "2-articles-facets")
    # a person picks the biggest outlet and gets its rows
    outlet, n = db_rows(demo_db, "select outlet, count(*) c from articles group by outlet order by c desc limit 1")[0]
    facets["outlet"].find_element("link text", outlet).click()
    wait(browser, lambda b: "outlet" in b.current_url)
    assert f"{n} row" in css(browser, "h3")[0].text
    assert len(css(browser, "table.rows-and-columns tbody tr")) == n


def test_canned_query(site, browser, demo_db):
    browser.get(site + "/pantau/officials_quoted?since=2000-01-01")
    assert css(browser, "h1")[0].text == "Officials quoted most"
    expected = canned(demo_db, "officials_quoted", since="2000-01-01")
    table_rows = css(browser, "table.rows-and-columns tbody tr")
    assert len(table_rows) == len(expected) > 0
    first = table_rows[0].find_element("css selector", "td.col-official").text
    assert first == expected[0][0]
    link = table_rows[0].find_element("css selector", "td.col-url a")
    assert link.get_attribute("href").startswith("http")
    screenshot(browser, "3-officials-quoted")


def test_full_text_search(site, browser, demo_db):
    browser.get(site + "/pantau/search")
    box = browser.find_element("css selector", "input[name=q]")
    box.send_keys("Paritrana")
    box.submit()
    wait(browser, lambda b: "q=Paritrana" in b.current_url)
    marks = css(browser, "td.col-snippet mark")
    assert marks and all(m.text.lower() == "paritrana" for m in marks)
    assert len(css(browser, "table.rows-and-columns tbody tr")) == len(canned(demo_db, "search", q="Paritrana"))
    screenshot(browser, "4-search")


def test_map_of_regions(site, browser, demo_db):
    browser.get(site + "/pantau/coverage_by_region?since=2000-01-01")
    wait(browser, lambda b: css(b, ".leaflet-marker-icon"))
    clusters = css(browser, ".marker-cluster")
    single = [m for m in css(browser, ".leaflet-marker-icon") if "marker-cluster" not in m.get_attribute("class")]
    on_map = sum(int(c.text) for c in clusters) + len(single)
    expected = canned(demo_db, "coverage_by_region", since="2000-01-01")
    assert on_map == len(expected) > 0  # every region with coverage has a marker, tiles or not
    assert all(m.is_displayed() for m in clusters + single)
    screenshot(browser, "5-map")
    # clicking a marker (after a cluster or two zooms in) opens the region's coverage counts
    from selenium.common.exceptions import TimeoutException

    popup = None
    for _ in range(8):
        shown = [m for m in css(browser, ".leaflet-marker-icon") if m.is_displayed()]
        singles = [m for m in shown if "marker-cluster" not in m.get_attribute("class")]
        browser.execute_script("arguments[0].click()", (singles or shown)[0])
        try:
            popup = wait(browser, lambda b: css(b, ".leaflet-popup-content"), timeout=2)[0]
            break
        except TimeoutException:
            continue
    assert popup is not None, "no marker opened a popup"
    # the popup's text is filled in after the element appears: wait for it
    counts = re.compile(r"\d+ stor(y|ies), \d+ articles?")
    wait(browser, lambda b: counts.search(css(b, ".leaflet-popup-content")[0].text), timeout=10)
    assert counts.search(css(browser, ".leaflet-popup-content")[0].text)
    browser.execute_script("arguments[0].scrollIntoView()", css(browser, ".leaflet-container")[0])
    css(browser, ".leaflet-container")[0].screenshot(str(ARTIFACTS / "5-map-popup.png"))


def test_chart_of_stories_per_week(site, browser, demo_db):
    browser.get(site + "/pantau/coverage_by_outlet?since=2000-01-01" + CHART)
    canvas = wait(browser, lambda b: css(b, ".vega-embed canvas, canvas.marks"))[0]
    wait(browser, lambda b: b.execute_script("return arguments[0].width", canvas) > 100)
    # bars are drawn: count coloured (non-grey, non-white) pixels on the chart's canvas
    coloured = browser.execute_script("""
        const c = arguments[0], data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
          if (a > 200 && Math.max(r, g, b) - Math.min(r, g, b) > 40) n++;
        }
        return n;""", canvas)
    assert coloured > 500, coloured
    legend = {r[0] for r in db_rows(demo_db, "select distinct outlet from articles")}
    assert legend == {r[1] for r in canned(demo_db, "coverage_by_outlet", since="2000-01-01")}
    screenshot(browser, "6-chart")
    canvas.screenshot(str(ARTIFACTS / "6-chart-only.png"))


def test_article_page_lists_the_other_copies(site, browser, demo_db):
    cluster, original = db_rows(demo_db, "select id, canonical_article_id from clusters where size > 1")[0]
    copy_id, outlet, title = db_rows(demo_db, "select id, outlet, title from articles where cluster_id = ? and id != ?",
                                     (cluster, original))[0]
    browser.get(f"{site}/pantau/articles/{original}")
    section = wait(browser, lambda b: css(b, "section.story-copies"))[0]
    assert "Other copies of this story" in section.text
    listed = section.find_elements("css selector", "tr.story-copy")
    assert len(listed) == 1
    assert listed[0].find_element("css selector", "td.copy-outlet").text == outlet
    link = listed[0].find_element("css selector", "td.copy-title a")
    assert link.text == title and link.is_displayed()
    screenshot(browser, "7-article-copies")
    # the title leads to the copy's own page, which lists the original
    link.click()
    wait(browser, lambda b: b.current_url.endswith(f"/pantau/articles/{copy_id}"))
    assert "(original)" in css(browser, "section.story-copies")[0].text
