"""Words/s of the whole extraction pipeline against spaCy's tokenizer alone, on the same texts in one run.

    python -m benchmarks.bench_extract

The texts: the sample site's article pages (main text via extract.page), the held-out articles and
synthetic articles from the corpus, so that the figure is not one article's.
"""

from __future__ import annotations

import contextlib
import resource
import statistics
import time
from pathlib import Path

from benchmarks.synthetic import generate
from extract import Extractor
from extract.page import PageError, parse_html
from extract.text import clean_text

ROOT = Path(__file__).resolve().parents[1]
#: Runs of each; the best counts. A shared 2-core machine gives times up to a third apart from run to run.
ROUNDS = 5


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
    extractors = {"rules only (--ner off)": Extractor(ner="off"), "with the spaCy NER (default)": Extractor()}
    tokenizer = extractors["rules only (--ner off)"].nlp.tokenizer
    cleaned = [clean_text(t).text for t in docs]
    words = sum(len(t.split()) for t in cleaned)
    best_tok, best = float("inf"), dict.fromkeys(extractors, float("inf"))
    ratios: dict[str, list[float]] = {name: [] for name in extractors}
    for text in cleaned:  # a first pass fills the tokenizer's cache and loads what the extractors load lazily
        tokenizer(text)
    for extractor in extractors.values():
        for text in docs:
            extractor.extract(text)
    for _ in range(ROUNDS):
        for name, extractor in extractors.items():
            # the tokenizer right before each extractor: a ratio from one pair is not skewed by the machine
            # slowing down between them, as the best of each over all runs can be
            started = time.perf_counter()
            for text in cleaned:
                tokenizer(text)
            tok = time.perf_counter() - started
            started = time.perf_counter()
            for text in docs:
                extractor.extract(text)
            seconds = time.perf_counter() - started
            best_tok, best[name] = min(best_tok, tok), min(best[name], seconds)
            ratios[name].append(tok / seconds)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs)} articles, {words:,} words (best of {ROUNDS} runs); peak RSS {rss:.0f} MB")
    print(f"spaCy tokenizer alone:          {words / best_tok:>9,.0f} words/s")
    for name, seconds in best.items():
        low, mid, high = min(ratios[name]), statistics.median(ratios[name]), max(ratios[name])
        print(f"extraction, {name:<29} {words / seconds:>9,.0f} words/s, {len(docs) / seconds:6.1f} articles/s; "
              f"{mid:.1%} of the tokenizer's speed (median of {ROUNDS} paired runs, {low:.1%} to {high:.1%})")

if __name__ == "__main__":
    main()
