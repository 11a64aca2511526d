"""Words per second of extraction with the NER off, with each shipped NER, and with the transformers backend.

The texts are the sample site's article pages (``crawler/sample_site/**/index.html`` through
``extract.page.parse_html``), extracted ``--passes`` times each; the transformers backend runs a tiny random
BERT built in a temporary folder (its speed, not its accuracy, is what is measured: a real IndoBERT is
about 100 times larger). Runs on CPU unless ``--device`` says otherwise.

    python -m benchmarks.bench_ner [--passes 3] [--device cpu]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SITE = ROOT / "crawler" / "sample_site"


def sample_texts() -> list[str]:
    """The main text of every article page of the sample site (pages that are not articles left out)."""
    from extract.page import PageError, parse_html

    texts = []
    for path in sorted(SAMPLE_SITE.rglob("index.html")):
        try:
            page = parse_html(path.read_bytes(), path.as_uri())
        except PageError:
            continue
        if page.text and len(page.text.split()) >= 80:
            texts.append(page.text)
    return texts


def words_per_second(extractor, texts: list[str], passes: int) -> tuple[float, float]:
    """(words/s, seconds) of ``extractor.extract`` over ``texts``, ``passes`` times, after one warm-up article."""
    extractor.extract(texts[0], always_facts=True)
    words = sum(len(t.split()) for t in texts) * passes
    started = time.perf_counter()
    for _ in range(passes):
        for text in texts:
            extractor.extract(text, always_facts=True)
    seconds = time.perf_counter() - started
    return words / seconds, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3, help="times each text is extracted (default: 3)")
    parser.add_argument("--device", default="cpu", help="transformers backend device (default: cpu)")
    parser.add_argument("--no-transformers", action="store_true", help="skip the transformers backend")
    args = parser.parse_args(argv)

    from extract import Extractor
    from extract.ner import use_ner
    from extract.pipeline import load_pipeline

    texts = sample_texts()
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} sample-site articles, {words} words, {args.passes} passes")
    runs = [("rules only (NER off)", "off"), ("perceptron NER (shipped, default)", "perceptron"),
            ("spaCy NER (shipped)", "spacy")]
    with tempfile.TemporaryDirectory(prefix="pantau-bench-") as tmp:
        if not args.no_transformers:
            try:
                from models.tiny_bert import build_tiny_bert

                runs.append((f"transformers, tiny BERT ({args.device})", f"transformers:{build_tiny_bert(tmp)}"))
            except ImportError:
                print("transformers backend skipped: install the transformers extra")
        print(f"{'NER':<34} {'words/s':>10} {'seconds':>8}")
        for label, spec in runs:
            nlp = use_ner(load_pipeline(), spec, {"device": args.device} if spec.startswith("transformers:") else None)
            rate, seconds = words_per_second(Extractor(nlp), texts, args.passes)
            print(f"{label:<34} {rate:>10,.0f} {seconds:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
