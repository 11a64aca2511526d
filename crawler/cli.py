"""The ``pantau`` command line.

    pantau crawl antara -a start_urls=https://kalteng.antaranews.com/terkini --db pantau.db
    pantau ingest ./pages/ --db pantau.db
    pantau extract --format jsonl artikel.txt halaman.html
    pantau extract --ner transformers:/models/pantau-ner-indobert artikel.txt
    pantau train
    pantau reextract --db pantau.db
    pantau dedup --rebuild --db pantau.db
    pantau serve --db pantau.db --port 8001
    pantau demo [--no-serve]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

log = logging.getLogger("pantau")

SOURCE_SUFFIXES = {".html", ".htm", ".txt"}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    if args.func not in (cmd_crawl, cmd_demo):  # Scrapy configures logging for crawls
        logging.basicConfig(level=os.environ.get("PANTAU_LOG_LEVEL", "INFO"), format="%(levelname)s %(message)s",
                            stream=sys.stderr)
    return args.func(args) or 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pantau",
        description="Monitor Indonesian regional news about BPJS Ketenagakerjaan and the Paritrana Award: "
                    "crawl, extract facts, fold duplicates, store in SQLite, publish with Datasette.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Run 'pantau COMMAND --help' for a command's options. Start with 'pantau demo'.",
    )
    sub = parser.add_subparsers(metavar="COMMAND")

    p = sub.add_parser("crawl", help="run a spider; stored articles go through cleaning, dedup and extraction",
                       description="Run a Scrapy spider (antara, bakabar, bisnisbali, feeds) into the database. "
                                   "Already stored articles are not fetched again.",
                       epilog="Several crawlers share one run when PANTAU_REDIS_URL names a Redis server "
                              "(PANTAU_CRAWL names the run; see the README, 'Several crawlers on one frontier').")
    p.add_argument("spider", choices=["antara", "bakabar", "bisnisbali", "feeds"])
    p.add_argument("-a", dest="spider_args", action="append", default=[], metavar="NAME=VALUE",
                   help="spider argument, e.g. -a start_urls=https://kalsel.antaranews.com/terkini (comma-separated)")
    p.add_argument("--db", default="pantau.db", help="SQLite database to write (default: pantau.db)")
    p.add_argument("--since", help="stop paging listings older than this date (YYYY-MM-DD)")
    p.add_argument("--jobdir", help="keep the crawl's state here so an interrupted crawl resumes (Scrapy JOBDIR)")
    p.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE",
                   help="override a Scrapy setting, e.g. -s AUTOTHROTTLE_ENABLED=False")
    add_ner_option(p)
    p.set_defaults(func=cmd_crawl)

    p = sub.add_parser("ingest", help="the same pipeline for local .html/.txt files or folders")
    p.add_argument("paths", nargs="+", type=Path, help="files or folders (searched for .html, .htm, .txt)")
    p.add_argument("--db", default="pantau.db", help="SQLite database to write (default: pantau.db)")
    add_ner_option(p)
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("extract", help="extraction only: one JSON object per input file, no database")
    p.add_argument("paths", nargs="+", help="article files (.txt: one paragraph per line; .html: a web page)")
    p.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (default: jsonl)")
    add_ner_option(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("reextract", help="re-run extraction over stored articles (facts replaced, nothing lost)")
    p.add_argument("--db", default="pantau.db", help="SQLite database (default: pantau.db)")
    add_ner_option(p)
    p.set_defaults(func=cmd_reextract)

    p = sub.add_parser("dedup", help="fold copies of a story into clusters again (after a threshold change)",
                       description="Recompute every stored article's MinHash signature and its story cluster.")
    p.add_argument("--rebuild", action="store_true", required=True, help="recompute all clusters")
    p.add_argument("--db", default="pantau.db", help="SQLite database (default: pantau.db)")
    p.add_argument("--threshold", type=float, default=None,
                   help="estimated Jaccard similarity of word 5-grams above which two articles are copies "
                        "(default: extract.dedup.THRESHOLD)")
    p.set_defaults(func=cmd_dedup)

    p = sub.add_parser("train", help="train a NER (spaCy or perceptron, shipped with pantau) or fine-tune a "
                                     "transformers model",
                       description="Train pantau's spaCy NER from models/corpus/ on CPU (the model shipped in "
                                   "models/ner/model/), with --backend perceptron the fast tagger (shipped in "
                                   "models/perceptron/model.npz, seconds), or with --backend transformers "
                                   "fine-tune a local base model folder (e.g. an IndoBERT you downloaded) on "
                                   "the same corpus.",
                       epilog="examples:\n  pantau train\n  pantau train --backend perceptron\n"
                              "  pantau train --backend transformers "
                              "--base /models/indobert-base --output /models/pantau-ner-indobert --epochs 3",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--backend", choices=["spacy", "perceptron", "transformers"], default="spacy",
                   help="spacy (default), perceptron or transformers (needs: pip install 'pantau[transformers]')")
    p.add_argument("--output", type=Path, default=None,
                   help="where to write the model (spacy default: the package's models/ner/model; perceptron: "
                        "models/perceptron/model.npz; transformers: required)")
    p.add_argument("--base", type=Path, help="transformers: a local model folder to fine-tune (config, weights, "
                                             "tokenizer); nothing is downloaded")
    p.add_argument("--epochs", type=int, default=3, help="transformers: passes over the corpus (default: 3)")
    p.add_argument("--max-steps", type=int, default=None, help="transformers: stop after this many batches")
    p.add_argument("--device", default="auto", help="transformers: auto (GPU when there is one), cpu, cuda, cuda:1")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("serve", help="publish the database with Datasette (metadata, canned queries, plugins)")
    p.add_argument("--db", default="pantau.db", help="SQLite database (default: pantau.db)")
    p.add_argument("--port", type=int, default=8001, help="port (default: 8001)")
    p.add_argument("--host", default="127.0.0.1", help="interface to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--immutable", action="store_true", help="open the database read-only and immutable")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("demo", help="crawl the embedded sample site into pantau.db and serve it",
                       description="Serve the embedded sample site on 127.0.0.1, crawl it with the real spiders, "
                                   "write the database, print a summary and serve it with Datasette.")
    p.add_argument("--db", default="pantau.db", help="SQLite database to write (default: pantau.db)")
    p.add_argument("--no-serve", action="store_true", help="stop after the database is built")
    p.add_argument("--port", type=int, default=8001, help="Datasette port (default: 8001)")
    p.set_defaults(func=cmd_demo)
    return parser


def add_ner_option(parser: argparse.ArgumentParser) -> None:
    # no default here: importing extract (and spaCy) would slow every 'pantau --help'; make_extractor fills it in
    parser.add_argument("--ner", metavar="SPEC",
                        help="NER that runs before the rules: perceptron (pantau's fast tagger, the default), "
                             "spacy (pantau's spaCy NER, five times slower), spacy:PATH, transformers:PATH (a "
                             "local token-classification model folder; needs the transformers extra) or off "
                             "(rules alone)")


def make_extractor(spec: str | None):
    """The process's Extractor with the NER ``spec`` (None: extract.pipeline.DEFAULT_NER); a clear exit when
    that NER cannot be loaded."""
    from extract.pipeline import DEFAULT_NER, shared_extractor

    try:
        return shared_extractor(spec)
    except (ValueError, FileNotFoundError, OSError) as exc:
        raise SystemExit(f"pantau: cannot use --ner {spec or DEFAULT_NER}: {exc}") from exc
    except ImportError as exc:
        raise SystemExit(f"pantau: --ner {spec or DEFAULT_NER} needs the transformers extra "
                         f"(pip install 'pantau[transformers]'): {exc}") from exc


def _pairs(items: list[str], what: str) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise SystemExit(f"pantau: {what} must be NAME=VALUE, got {item!r}")
        key, value = item.split("=", 1)
        out[key.strip()] = value.strip()
    return out


def cmd_crawl(args) -> int:
    from crawler.run import run_crawls
    from crawler.summary import print_summary

    spider_args = _pairs(args.spider_args, "-a")
    if args.since:
        spider_args["since"] = args.since
    settings = _pairs(args.settings, "-s")
    if args.jobdir:
        settings["JOBDIR"] = args.jobdir
    make_extractor(args.ner)  # fail now, not mid-crawl, if the NER cannot load; the pipelines reuse this one
    if args.ner:
        settings["PANTAU_NER"] = args.ner
    started = time.monotonic()
    stats = run_crawls([(args.spider, spider_args)], args.db, settings)
    print_summary(args.db, stats, time.monotonic() - started)
    return 0


def iter_sources(paths: list[Path]):
    """Every .html/.htm/.txt file under the given paths, in a stable order; missing paths are reported."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES and p.is_file())
        else:
            yield path


def cmd_ingest(args) -> int:
    from crawler.process import Processor
    from crawler.summary import print_summary

    processor = Processor(args.db, make_extractor(args.ner), source="ingest")
    started = time.monotonic()
    files = list(iter_sources(args.paths))
    for n, path in enumerate(files, 1):
        try:
            data = path.read_bytes()
        except OSError as exc:
            log.warning("cannot read %s: %s", path, exc.strerror or exc)
            processor.fail(str(path), f"unreadable file: {exc.strerror or exc}")
            continue
        if path.suffix.lower() in (".html", ".htm"):
            result = processor.process_html(path.resolve().as_uri(), data)
        else:
            result = processor.process_text(str(path), data)
        if result.status not in ("stored", "updated"):
            log.info("%s %s: %s", result.status, path, result.reason)
        if n % 50 == 0 or n == len(files):
            print(f"ingest: {n}/{len(files)} files, {processor.stats['stored']} stored", file=sys.stderr)
    print_summary(args.db, {"ingest": processor.stats}, time.monotonic() - started)
    return 0


def extract_file(extractor, path: str) -> dict:
    """The ``pantau extract`` object for one file (an ``error`` key when it could not be read)."""
    from extract import TextTooLong
    from extract.page import PageError, decode, parse_html

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return _error(path, f"unreadable file: {exc.strerror or exc}")
    try:
        if Path(path).suffix.lower() in (".html", ".htm"):
            page = parse_html(data, Path(path).resolve().as_uri())
            facts = extractor.extract(page.text, title=page.title, published=page.published, outlet=page.outlet)
        else:
            facts = extractor.extract(decode(data))
    except (PageError, TextTooLong) as exc:
        return _error(path, str(exc))
    return facts.as_json(source=path)


def _error(path: str, reason: str) -> dict:
    log.warning("%s: %s", path, reason)
    return {"source": path, "title": None, "published": None, "outlet": None, "relevant": False,
            "officials": [], "counts": [], "awards": [], "quotes": [], "error": reason}


def cmd_extract(args) -> int:
    extractor = make_extractor(args.ner)
    errors = 0
    for path in args.paths:
        obj = extract_file(extractor, path)
        errors += "error" in obj
        print(json.dumps(obj, ensure_ascii=False), flush=True)
    if errors:
        print(f"extract: {len(args.paths)} files, {errors} could not be read", file=sys.stderr)
    return 0


def cmd_reextract(args) -> int:
    from crawler.reextract import reextract

    if not Path(args.db).exists():
        raise SystemExit(f"pantau: no database at {args.db}")
    done = reextract(args.db, make_extractor(args.ner),
                     progress=lambda n, total: print(f"reextract: {n}/{total}", file=sys.stderr))
    print(f"reextract: {done} articles re-extracted in {args.db}")
    return 0


def cmd_dedup(args) -> int:
    from crawler.clusters import rebuild_clusters
    from extract.dedup import THRESHOLD

    if not Path(args.db).exists():
        raise SystemExit(f"pantau: no database at {args.db}")
    result = rebuild_clusters(args.db, args.threshold or THRESHOLD,
                              progress=lambda n, total: print(f"dedup: {n}/{total}", file=sys.stderr))
    print(f"dedup: {result['articles']} articles in {result['stories']} stories")
    return 0


def cmd_train(args) -> int:
    argv = ["--seed", str(args.seed)] + (["--output", str(args.output)] if args.output else [])
    if args.backend == "spacy":
        from models.train import main as train_spacy

        return train_spacy(argv)
    if args.backend == "perceptron":
        from models.train_perceptron import main as train_perceptron

        return train_perceptron(argv)
    if not args.base or not args.output:
        raise SystemExit("pantau: --backend transformers needs --base (a local model folder) and --output")
    if not args.base.is_dir():
        raise SystemExit(f"pantau: no model folder at {args.base}")
    try:
        from models.train_transformers import main as train_transformers
    except ImportError as exc:
        raise SystemExit(f"pantau: needs the transformers extra (pip install 'pantau[transformers]'): {exc}") from exc
    argv = ["--base", str(args.base), "--output", str(args.output), "--epochs", str(args.epochs),
            "--device", args.device, "--seed", str(args.seed)]
    if args.max_steps:
        argv += ["--max-steps", str(args.max_steps)]
    return train_transformers(argv)


def cmd_serve(args) -> int:
    from db.serve import serve

    if not Path(args.db).exists():
        raise SystemExit(f"pantau: no database at {args.db} (run 'pantau demo --no-serve' or 'pantau crawl' first)")
    return serve(args.db, port=args.port, host=args.host, immutable=args.immutable)


def cmd_demo(args) -> int:
    from crawler.demo import demo

    return demo(args.db, serve_after=not args.no_serve, port=args.port)


if __name__ == "__main__":
    sys.exit(main())
