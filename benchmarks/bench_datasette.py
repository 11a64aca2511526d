"""Datasette at scale: a generated database of 1,000,000 articles with their facts, and the latency of the
canned queries and of full-text search through Datasette's JSON API (not run by CI).

    python -m benchmarks.bench_datasette                         # generate (once) and measure
    python -m benchmarks.bench_datasette --articles 100000 --db /tmp/bench-100k.db
    python -m benchmarks.bench_datasette --regenerate --runs 50

The database is written with the project's schema (``db.schema``): tables first, rows in bulk
(``executemany``, ``PRAGMA synchronous=OFF``), then ``schema.create`` adds the indexes, the full-text
indexes and their triggers over the data in one pass. No ``ANALYZE``: a database pantau writes has no
statistics, so the query plans measured here are the ones a real database gets.

Distributions follow what the crawler stores: a few large outlets (the ANTARA desks) and a long tail,
cities more covered than kabupaten, more articles in recent years and on weekdays, one story in four
syndicated to 2-5 outlets, about 2 officials, 3 counts, 2 quotes per article and Paritrana results in
award season.

Latency is measured over HTTP against ``datasette serve`` started with ``db.serve.datasette_args``
(the command line ``pantau serve`` runs), each query with several realistic parameter sets, after
a warm-up; the report gives p50 and p95 per query and checks the goals (canned queries p95 < 200 ms,
full-text search p95 < 100 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import sqlite_utils

from db import schema
from db.serve import datasette_args, write_metadata
from extract.resources import load_csv

DEFAULT_DB = Path(tempfile.gettempdir()) / "pantau-bench" / "bench.db"
START, END = dt.date(2016, 1, 1), dt.date(2025, 10, 31)
CANNED_GOAL_MS, FTS_GOAL_MS = 200, 100

OUTLETS = [  # (outlet, host, weight): the ANTARA desks carry most of the coverage, then a long tail
    ("ANTARA", "www.antaranews.com", 30), ("ANTARA Kalsel", "kalsel.antaranews.com", 8),
    ("ANTARA Kalteng", "kalteng.antaranews.com", 6), ("ANTARA Bali", "bali.antaranews.com", 6),
    ("ANTARA Jatim", "jatim.antaranews.com", 6), ("ANTARA Sumut", "sumut.antaranews.com", 5),
    ("bakabar.com", "bakabar.com", 7), ("bisnisbali.com", "bisnisbali.com", 5),
    ("Kompas.com", "regional.kompas.com", 5), ("Tribun Kaltim", "kaltim.tribunnews.com", 4),
    ("Tribun Jateng", "jateng.tribunnews.com", 4), ("detikJatim", "www.detik.com", 4),
    ("Radar Banjarmasin", "radarbanjarmasin.jawapos.com", 3), ("Bali Post", "www.balipost.com", 3),
    ("Kalteng Pos", "kaltengpos.jawapos.com", 2), ("Lampung Post", "lampost.co", 2),
    ("Suara Merdeka", "www.suaramerdeka.com", 2), ("Pikiran Rakyat", "www.pikiran-rakyat.com", 2),
    ("Jambi Ekspres", "jambiekspres.disway.id", 1), ("Fajar", "fajar.co.id", 2),
    ("Pontianak Post", "pontianakpost.jawapos.com", 1), ("Riau Pos", "riaupos.jawapos.com", 1),
    ("Manado Post", "manadopost.jawapos.com", 1), ("Papua Pos", "papuapos.com", 1),
]
FIRST = ["Ahmad", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gusti", "Hadi", "Indah", "Joko", "Kartika", "Lukman",
         "Maya", "Nur", "Oki", "Putri", "Rahmat", "Sri", "Taufik", "Umi", "Wahyu", "Yudi", "Zainal", "Hera",
         "Irwansyah", "Benny", "Fitriani", "Agus", "Bambang", "Siti", "Rina", "Hendra", "Dian", "Yulianus", "Made",
         "Ketut", "Wayan", "Nyoman", "Muhammad", "Abdul", "Aris", "Ratna", "Suryani", "Hasan", "Andi", "Sulaiman"]
LAST = ["Saputra", "Wijaya", "Lubis", "Hutapea", "Nugraha", "Pratama", "Santoso", "Hidayat", "Siregar", "Nasution",
        "Rahman", "Noor", "Bungai", "Rusdiansyah", "Firdaus", "Setiawan", "Kusuma", "Harahap", "Simanjuntak", "Suparta",
        "Mahendra", "Gunawan", "Syahputra", "Anwar", "Halim", "Utomo", "Wibowo", "Purnomo", "Susanto", "Sinaga",
        "Tambunan", "Effendi", "Yusuf", "Permana", "Hakim", "Ramadhan"]
TITLES = ["Bupati", "Wakil Bupati", "Wali Kota", "Wakil Wali Kota", "Pj Bupati", "Pj Wali Kota", "Gubernur",
          "Sekda", "Kepala Dinas Tenaga Kerja", "Kepala Disnakertrans", "Kepala Kantor Cabang",
          "Deputi Direktur Wilayah", "Ketua DPRD", "Anggota DPRD", "Kepala Desa", "Camat", "Lurah",
          "Asisten Deputi Bidang Kepesertaan"]
ORGS = ["BPJS Ketenagakerjaan", "BPJamsostek", "Pemkab", "Pemkot", "Pemprov", "DPRD", "Disnaker"]
SECTORS = ["nelayan", "petani", "pedagang pasar", "pengemudi ojek", "ketua RT", "guru honorer", "marbot masjid",
           "buruh harian", "seniman", "petani subak", "perangkat desa", "pekerja informal"]
CATEGORIES = (["pekerja rentan"] * 25 + ["total"] * 20 + ["penerima upah"] * 15 + ["bukan penerima upah"] * 15
              + [None] * 10 + ["jasa konstruksi"] * 5 + ["perangkat desa"] * 5 + ["sektor informal"] * 5)
FUNDING = ["APBD"] * 40 + ["APBDes"] * 20 + ["CSR"] * 10 + ["DBH sawit"] * 5 + ["Baznas"] * 3 + [None] * 22
AWARD_CATEGORIES = ["pemerintah kabupaten/kota", "pemerintah provinsi", "perusahaan besar", "perusahaan menengah",
                    "perusahaan kecil", "UMKM"]

SENTENCES = [
    "BPJS Ketenagakerjaan Kantor Cabang {region} terus mendorong perlindungan jaminan sosial bagi {sector}.",
    "Hingga {month} {year}, sebanyak {num} pekerja di {region} telah terdaftar sebagai peserta aktif BPJamsostek.",
    "Pemerintah {region} menanggung iuran {num} pekerja rentan melalui {funding} tahun {year}.",
    "{title} {region}, {name}, mengatakan perlindungan pekerja rentan menjadi prioritas daerah.",
    "\"Kami ingin seluruh {sector} di {region} terlindungi jaminan kecelakaan kerja dan jaminan kematian,\" "
    "kata {name}.",
    "Program ini mencakup jaminan kecelakaan kerja (JKK) dan jaminan kematian (JKM) dengan iuran Rp16.800 per bulan.",
    "{region} meraih peringkat {rank} Paritrana Award {year} tingkat provinsi kategori pemerintah kabupaten/kota.",
    "Paritrana Award merupakan penghargaan bagi pemerintah daerah dan perusahaan yang peduli jaminan sosial "
    "ketenagakerjaan.",
    "Santunan jaminan kematian sebesar Rp42 juta diserahkan kepada ahli waris peserta di {region}.",
    "Cakupan kepesertaan di {region} baru mencapai {pct} persen dari total angkatan kerja.",
    "Menurut {name}, masih banyak {sector} yang belum memahami manfaat program jaminan sosial.",
    "\"Tidak boleh ada lagi pekerja yang jatuh miskin karena kecelakaan kerja,\" ujar {name}.",
    "Sosialisasi dilakukan bersama dinas tenaga kerja, camat dan kepala desa se-{region}.",
    "Sebanyak {num} perangkat desa di {region} didaftarkan melalui dana desa (APBDes).",
    "Rapat koordinasi membahas optimalisasi Inpres Nomor 2 Tahun 2021 tentang jaminan sosial ketenagakerjaan.",
    "{title} {name} menyerahkan kartu kepesertaan secara simbolis kepada perwakilan {sector}.",
    "Perusahaan di {region} diminta mendaftarkan seluruh karyawannya, termasuk pekerja kontrak dan harian lepas.",
    "DPRD {region} mendorong peraturan daerah tentang perlindungan jaminan sosial bagi pekerja bukan penerima "
    "upah.",
    "Dana bagi hasil sawit juga dimanfaatkan untuk membayar iuran {num} buruh perkebunan.",
    "\"Kami berterima kasih atas dukungan pemerintah daerah,\" kata {name} di {region}, {weekday}.",
    "Klaim jaminan hari tua yang dibayarkan sepanjang {year} mencapai Rp{money} miliar.",
    "Kolaborasi dengan Baznas dan CSR perusahaan memperluas perlindungan bagi {num} {sector}.",
    "Tim penilai Paritrana menilai komitmen, regulasi, anggaran dan inovasi perlindungan pekerja.",
    "Kegiatan dihadiri unsur Forkopimda, pimpinan OPD dan pengurus serikat pekerja {region}.",
]
TITLE_TEMPLATES = [
    "{region} lindungi {num} pekerja rentan lewat {funding}",
    "BPJamsostek {region} sasar {sector} jadi peserta",
    "{region} raih peringkat {rank} Paritrana Award {year}",
    "Pemkab dan BPJS Ketenagakerjaan perluas perlindungan {sector} di {region}",
    "Baru {pct} persen pekerja di {region} terlindungi jaminan sosial",
    "{title} {name} serahkan santunan JKM di {region}",
    "DPRD {region} dorong perda jaminan sosial ketenagakerjaan",
]
MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
          "Desember"]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]

# (query name, list of parameter sets): what the communications team and researchers ask every week.
SEARCH_TERMS = ["Paritrana", "pekerja rentan", "nelayan", "APBDes", "santunan kematian", "Banjarmasin",
                "ojek", "DBH sawit", "Irwansyah", "perangkat desa", "BPJamsostek", "Inpres"]


def weighted(items, weights, rng, k):
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    return rng.choices(items, cum_weights=cum, k=k)


def offset_for(province_code: str) -> str:
    """The outlet's time zone for a province: WIB, WITA or WIT."""
    code = int(province_code)
    if code in (51, 52, 53, 63, 64, 65) or 71 <= code <= 76:
        return "+08:00"
    if code >= 81:
        return "+09:00"
    return "+07:00"


def article_dates(n: int, rng: random.Random) -> list[dt.datetime]:
    """n publication times, sorted, more of them in recent years and fewer at weekends."""
    span = (END - START).days
    out = []
    while len(out) < n:
        day = START + dt.timedelta(days=int(span * rng.random() ** 0.6))
        if day.weekday() >= 5 and rng.random() < 0.6:
            continue
        out.append(dt.datetime.combine(day, dt.time(rng.randint(6, 21), rng.randrange(60))))
    out.sort()
    return out


def generate(path: Path, n_articles: int = 1_000_000, seed: int = 7, batch: int = 20_000) -> None:
    """Write a pantau database of ``n_articles`` generated articles and their facts to ``path``."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = sqlite_utils.Database(path)
    for name, spec in schema.TABLES.items():  # tables only: indexes and FTS come after the bulk insert
        db[name].create(spec["columns"], pk=spec["pk"], foreign_keys=spec.get("foreign_keys"),
                        not_null=spec.get("not_null"))
    conn = db.conn
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -1000000")
    regions_rows = load_csv("regions.csv")
    schema.load_regions(db, regions_rows)
    regions = [r for r in regions_rows]
    region_weights = [(3.0 if r["kind"] == "kota" else 1.5 if r["kind"] == "provinsi" else 1.0)
                      * rng.lognormvariate(0, 1) for r in regions]
    people = list({f"{a} {b}" for a in FIRST for b in LAST} | {f"{a} {b} {c}" for a in FIRST[:30]
                                                                  for b in LAST[:30] for c in LAST[30:]})
    rng.shuffle(people)
    conn.executemany("insert into people (id, name, name_key) values (?, ?, ?)",
                     [(i + 1, p, p.lower()) for i, p in enumerate(people)])
    person_weights = [1 / (i + 1) ** 0.9 for i in range(len(people))]
    person_title = {i + 1: (rng.choice(TITLES), rng.choice(ORGS)) for i in range(len(people))}
    results = award_results(regions, rng)
    outlets = [o for o, _, _ in OUTLETS]
    hosts = {o: h for o, h, _ in OUTLETS}
    dates = article_dates(n_articles, rng)
    print(f"generating {n_articles:,} articles into {path}", flush=True)

    next_id = 1
    recent: list[tuple[int, str, str, str, str]] = []  # (cluster, title, body, region code, outlet)
    while next_id <= n_articles:
        count = min(batch, n_articles - next_id + 1)
        art_region = weighted(regions, region_weights, rng, count)
        art_outlet = weighted(outlets, [w for _, _, w in OUTLETS], rng, count)
        art_people = weighted(range(1, len(people) + 1), person_weights, rng, count * 4)
        articles, officials, counts, awards, quotes = [], [], [], [], []
        for j in range(count):
            aid = next_id + j
            when = dates[aid - 1]
            region = art_region[j]
            outlet = art_outlet[j]
            speakers = art_people[4 * j: 4 * j + rng.choice((1, 2, 2, 3, 3, 4))]
            slots = {"region": region["name"], "sector": rng.choice(SECTORS), "year": when.year,
                     "month": MONTHS[when.month - 1], "num": f"{rng.randint(12, 60000):,}".replace(",", "."),
                     "funding": rng.choice(FUNDING[:40]) if rng.random() < 0.9 else "APBDes",
                     "rank": rng.choice(("pertama", "dua", "tiga")), "pct": rng.randint(8, 70),
                     "name": people[speakers[0] - 1], "title": person_title[speakers[0]][0],
                     "weekday": WEEKDAYS[when.weekday()], "money": rng.randint(2, 900)}
            if recent and rng.random() < 0.27:  # a syndicated copy of a story from the last days
                cluster, title, body, code, _ = recent[-rng.randint(1, min(len(recent), 60))]
                region = next(r for r in regions if r["code"] == code) if code != region["code"] else region
            else:
                cluster = aid
                title = rng.choice(TITLE_TEMPLATES).format(**slots)
                sentences = [rng.choice(SENTENCES).format(**slots) for _ in range(rng.randint(12, 26))]
                body = "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))
                recent.append((cluster, title, body, region["code"], outlet))
                del recent[:-200]
            published = when.isoformat(timespec="seconds") + offset_for(region["province_code"])
            slug = title.lower().replace(" ", "-")[:80]
            url = f"https://{hosts[outlet]}/berita/{aid}/{slug}"
            articles.append((aid, url, url, hosts[outlet], outlet, title, published, people[art_people[4 * j + 3] - 1],
                             None, region["name"].split()[-1].upper(), None, region["name"], region["code"], 1, 0,
                             body.count(" ") + 1, body, f"{hash(body) & 0xFFFFFFFFFFFF:x}", cluster, "crawl",
                             published))
            paragraphs = body.split("\n\n")
            sentences = body.replace("\n\n", " ").split(". ")
            for k, pid in enumerate(dict.fromkeys(speakers)):
                t, org = person_title[pid]
                officials.append((f"{aid}-o{k}", aid, pid, people[pid - 1], t,
                                  region["name"] if org in ("Pemkab", "Pemkot", "Pemprov") else org,
                                  region["name"], region["code"], rng.choice(paragraphs)))
                for m in range(rng.choice((0, 1, 1, 1, 2))):
                    quotes.append((f"{aid}-q{k}{m}", aid, pid, people[pid - 1],
                                   rng.choice(SENTENCES[4:5] + SENTENCES[11:12] + SENTENCES[19:20]).format(**slots)
                                   .split('"')[1], rng.choice(paragraphs)))
            for k in range(rng.choice((0, 1, 2, 3, 3, 4, 5, 6))):
                category = rng.choice(CATEGORIES)
                value = rng.randint(10, 80000)
                counts.append((f"{aid}-c{k}", aid, float(value), "pekerja" if category else "persen", category,
                               region["name"], region["code"],
                               rng.choice(FUNDING) if category == "pekerja rentan" else None,
                               f"{value:,} pekerja".replace(",", "."), rng.choice(sentences)))
            edition = when.year - (when.month < 10)  # results are announced from October on
            if (edition, "nasional") in results and (when.month in (10, 11, 12) and rng.random() < 0.15
                                                     or rng.random() < 0.02):
                key = (edition, "nasional") if rng.random() < 0.25 else (edition, region["province_code"])
                for k, (recipient, rank, category, level, province, code) in enumerate(
                        rng.sample(results[key], min(len(results[key]), rng.randint(1, 8)))):
                    awards.append((f"{aid}-w{k}", aid, "Paritrana", edition, recipient, rank, category, level,
                                   province, code, int(rank is None), rng.choice(sentences)))
        conn.executemany(f"insert into articles values ({','.join('?' * 21)})", articles)
        conn.executemany("insert into officials values (?, ?, ?, ?, ?, ?, ?, ?, ?)", officials)
        conn.executemany("insert into counts values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", counts)
        conn.executemany("insert into awards values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", awards)
        conn.executemany("insert into quotes values (?, ?, ?, ?, ?, ?)", quotes)
        conn.commit()
        next_id += count
        if (next_id - 1) % 100_000 == 0:
            print(f"  {next_id - 1:,} articles ({time.perf_counter() - t0:.0f} s)", flush=True)
    conn.execute("""insert into clusters (id, canonical_article_id, title, size, outlets, first_seen, last_seen)
                    select a.cluster_id, min(a.id), (select title from articles where id = a.cluster_id), count(*),
                           json_group_array(distinct a.outlet), min(a.published), max(a.published)
                    from articles a group by a.cluster_id""")
    conn.commit()
    print(f"  rows written ({time.perf_counter() - t0:.0f} s); indexes and full-text indexes…", flush=True)
    schema.create(db)  # the schema's indexes, FTS tables (filled from the rows) and triggers
    conn.commit()  # no ANALYZE: pantau's databases carry no statistics, so neither does this one
    conn.execute("PRAGMA journal_mode = WAL")
    db.close()
    size = path.stat().st_size / 2**30
    print(f"generated {path} ({size:.1f} GiB) in {time.perf_counter() - t0:.0f} s", flush=True)


def award_results(regions: list[dict], rng: random.Random) -> dict[tuple, list[tuple]]:
    """The Paritrana results of every edition: per province and nationally, ranks 1-3 and nominees per category.

    Keyed on (year, province code) and (year, "nasional"); values are (recipient, rank, category, level,
    province, province code).
    """
    by_province: dict[str, list[dict]] = {}
    for r in regions:
        if r["kind"] != "provinsi":
            by_province.setdefault(r["province_code"], []).append(r)
    results = {}
    for year in range(START.year - 1, END.year + 1):
        for code, members in by_province.items():
            rows = []
            for category in AWARD_CATEGORIES:
                names = ([m["name"] for m in members] if category.startswith("pemerintah kab")
                         else [f"PT {rng.choice(LAST)} {rng.choice(SECTORS).title()}" for _ in range(6)])
                picked = rng.sample(names, min(len(names), 5))
                for i, name in enumerate(picked):
                    rank = i + 1 if i < 3 else None
                    rows.append((name, rank, category, "provinsi", members[0]["province"], code))
            results[(year, code)] = rows
        national = []
        for category in AWARD_CATEGORIES:  # the national round: among the provinces' winners of that year
            winners = [r[0] for code in by_province for r in results[(year, code)] if r[2] == category and r[1] == 1]
            for i, name in enumerate(rng.sample(winners, 6)):
                national.append((name, i + 1 if i < 3 else None, category, "nasional", None, None))
        results[(year, "nasional")] = national
    return results


def query_plan(path: Path) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN of each canned query (with its parameters empty), for the report."""
    import yaml

    queries = yaml.safe_load((Path(schema.__file__).parent / "metadata.yml").read_text())["databases"]["pantau"]
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    conn.create_function("escape_fts", 1, lambda q: q)
    plans = {}
    for name, query in queries["queries"].items():
        params = {p: "x" for p in _params(query["sql"])}
        plans[name] = [r[3] for r in conn.execute("explain query plan " + query["sql"], params)]
    return plans


def _params(sql: str) -> set[str]:
    return set(re.findall(r":(\w+)", sql))


def workload(path: Path, rng: random.Random) -> list[tuple[str, str, dict]]:
    """(label, path, params) for every request to time: each canned query with realistic parameters."""
    conn = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    latest = conn.execute("select max(published) from articles").fetchone()[0][:10]
    latest_day = dt.date.fromisoformat(latest)
    outlets = [r[0] for r in conn.execute("select outlet from articles group by outlet order by count(*) desc "
                                          "limit 8")]
    years = [r[0] for r in conn.execute("select distinct year from awards order by year desc limit 5")]
    regions = ["Banjarmasin", "Kalimantan", "Bali", "Badung", "Jawa Timur", "Palangka"]
    conn.close()

    def since(weeks):
        return (latest_day - dt.timedelta(weeks=weeks)).isoformat()

    items = []
    for _ in range(2):
        for weeks in (1, 2, 4, 8, 12):
            items.append(("coverage_by_outlet", "coverage_by_outlet", {"since": since(weeks)}))
            items.append(("coverage_by_region", "coverage_by_region", {"since": since(weeks)}))
            items.append(("officials_quoted", "officials_quoted", {"since": since(weeks)}))
            items.append(("new_stories", "new_stories", {"since": since(weeks)}))
        items.append(("coverage_by_outlet", "coverage_by_outlet", {}))
        items.append(("coverage_by_outlet", "coverage_by_outlet", {"outlet": rng.choice(outlets)}))
        items.append(("coverage_by_region", "coverage_by_region", {}))
        items.append(("officials_quoted", "officials_quoted", {}))
        items.append(("new_stories", "new_stories", {}))
        for region in regions:
            items.append(("pekerja_rentan", "pekerja_rentan", {"region": region}))
        items.append(("pekerja_rentan", "pekerja_rentan", {}))
        items.append(("pekerja_rentan", "pekerja_rentan", {"funding": "APBDes"}))
        items.append(("pekerja_rentan", "pekerja_rentan", {"since": since(12)}))
        for year in years:
            items.append(("paritrana_results", "paritrana_results", {"year": str(year)}))
            items.append(("paritrana_results", "paritrana_results", {"year": str(year), "level": "nasional"}))
        items.append(("paritrana_results", "paritrana_results", {}))
        for term in SEARCH_TERMS:
            items.append(("search (FTS)", "search", {"q": term}))
            items.append(("articles ?_search= (FTS)", "articles", {"_search": term}))
    return items


def measure(path: Path, runs: int = 3, port: int | None = None) -> tuple[dict[str, list[float]], float | None]:
    """Start Datasette the way ``pantau serve --immutable`` does and time every request of the workload.

    Returns the milliseconds per query label and Datasette's peak resident memory in MB (Linux only).
    """
    port = port or _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        metadata = write_metadata(path, Path(tmp))
        args = datasette_args(str(path), port=port, immutable=True, metadata=metadata)
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            base = f"http://127.0.0.1:{port}/{path.stem}"
            _wait(base + ".json", proc)
            items = workload(path, random.Random(1))
            for label, name, params in items:  # warm-up: page cache and SQLite's statement cache
                _ms, result = _get(base, name, params)
                if isinstance(result, str):
                    print(f"  {label} {params}: {result}", flush=True)
            times: dict[str, list[float]] = {}
            for _ in range(runs):
                for label, name, params in items:
                    ms, result = _get(base, name, params)
                    times.setdefault(label, []).append(ms if isinstance(result, int) else math.inf)
            return times, _peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)


def _peak_rss_mb(pid: int) -> float | None:
    """A running process's peak resident set (VmHWM), in MB; None where /proc does not say."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(match.group(1)) / 1024 if match else None


def _get(base: str, name: str, params: dict) -> tuple[float, int | str]:
    """Milliseconds for one JSON request, and its row count (or the error Datasette answered)."""
    query = urllib.parse.urlencode({**params, "_shape": "array"})
    url = f"{base}/{name}.json?{query}"
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read()
    except urllib.error.HTTPError as error:  # a query over sql_time_limit_ms answers 400
        ms = (time.perf_counter() - start) * 1000
        message = re.sub(r"<[^>]+>|\s+", " ", json.loads(error.read()).get("error", "")).strip()
        return ms, f"HTTP {error.code}: {message[:100]}"
    ms = (time.perf_counter() - start) * 1000
    return ms, len(json.loads(body))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("datasette exited: " + proc.stderr.read().decode()[-2000:])
        try:
            with urllib.request.urlopen(url, timeout=30):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"datasette did not answer on {url}")


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile, interpolated between the two nearest ranks (inf where a timed-out request is one)."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    if lo == hi or math.isinf(ordered[hi]):
        return ordered[hi]
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def report(times: dict[str, list[float]]) -> bool:
    """Print p50/p95 per query and whether each meets its goal; True when all do."""
    ok = True
    print(f"\n{'query':<28} {'n':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  goal")
    for label, values in times.items():
        fts = "FTS" in label
        goal = FTS_GOAL_MS if fts else CANNED_GOAL_MS
        p95 = percentile(values, 95)
        met = p95 < goal or label.startswith("articles ?_search")
        ok &= met
        note = "(table search: reported, no goal)" if label.startswith("articles ?_search") else \
            f"p95 < {goal} ms {'ok' if met else 'MISSED'}"
        print(f"{label:<28} {len(values):>5} {statistics.median(values):>8.1f} {p95:>8.1f} {max(values):>8.1f}  "
              f"{note}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench_datasette", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"database to generate/use ({DEFAULT_DB})")
    parser.add_argument("--articles", type=int, default=1_000_000, help="articles to generate (1,000,000)")
    parser.add_argument("--regenerate", action="store_true", help="generate again even if the database exists")
    parser.add_argument("--runs", type=int, default=3, help="timed passes over the workload (3)")
    parser.add_argument("--plan", action="store_true", help="print each canned query's query plan")
    args = parser.parse_args(argv)
    if args.regenerate or not args.db.exists():
        generate(args.db, args.articles)
    else:  # a database generated before: the schema's current indexes (idempotent), no statistics
        db = sqlite_utils.Database(args.db)
        schema.create(db)
        if db["sqlite_stat1"].exists():  # left by an earlier version of this benchmark
            db.execute("delete from sqlite_stat1")
            db.conn.commit()
        db.close()
    conn = sqlite3.connect(f"file:{args.db}?immutable=1", uri=True)
    sizes = {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
             for t in ("articles", "clusters", "officials", "counts", "awards", "quotes")}
    conn.close()
    print("rows: " + ", ".join(f"{t} {n:,}" for t, n in sizes.items()))
    if args.plan:
        for name, plan in query_plan(args.db).items():
            print(name, *plan, sep="\n  ")
    times, datasette_mb = measure(args.db, runs=args.runs)
    ok = report(times)
    own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: benchmark process (generation, workload) {own_mb:,.0f} MB, Datasette "
          + (f"{datasette_mb:,.0f} MB" if datasette_mb is not None else "not measured"))
    print("\nall goals met" if ok else "\nsome goals missed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
