"""Words/s of the whole extraction pipeline against spaCy's tokenizer alone, on the same texts in one run.

    python -m benchmarks.bench_extract

The texts: the sample site's article pages (main text via extract.page), the held-out articles and
synthetic articles from the corpus, so that the figure is not one article's.
"""

from __future__ import annotations

import contextlib
import resource
import time
from pathlib import Path

from benchmarks.synthetic import generate
from extract import Extractor
from extract.page import PageError, parse_html
from extract.text import clean_text

ROOT = Path(__file__).resolve().parents[1]


def texts() -> list[str]:
    out = []
    for path in sorted((ROOT / "crawler" / "sample_site").rglob("index.html")):
        with contextlib.suppress(PageError):  # the sample site's broken page
            out.append(parse_html(path.read_bytes(), path.as_uri()).text)
    out += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "gold" / "heldout").glob("*.txt"))]
    out += [text for text, _ in generate(300, seed=3, copy_share=0, event_share=0)]
    return out


def main(argv: list[str] | None = None) -> None:
    docs = texts()
    extractor = Extractor()
    tokenizer = extractor.nlp.tokenizer
    cleaned = [clean_text(t).text for t in docs]
    words = sum(len(t.split()) for t in cleaned)
    best_tok = best_all = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for text in cleaned:
            tokenizer(text)
        best_tok = min(best_tok, time.perf_counter() - started)
        started = time.perf_counter()
        for text in docs:
            extractor.extract(text)
        best_all = min(best_all, time.perf_counter() - started)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs)} articles, {words:,} words (best of 3 runs)")
    print(f"spaCy tokenizer alone: {words / best_tok:,.0f} words/s")
    print(f"whole extraction:      {words / best_all:,.0f} words/s, {len(docs) / best_all:.1f} articles/s")
    print(f"ratio: {best_tok / best_all:.1%} of the tokenizer's speed; peak RSS {rss:.0f} MB")


if __name__ == "__main__":
    main()
