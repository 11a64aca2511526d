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
    for _ in range(ROUNDS):
        started = time.perf_counter()
        for text in cleaned:
            tokenizer(text)
        best_tok = min(best_tok, time.perf_counter() - started)
        for name, extractor in extractors.items():
            started = time.perf_counter()
            for text in docs:
                extractor.extract(text)
            best[name] = min(best[name], time.perf_counter() - started)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{len(docs)} articles, {words:,} words (best of {ROUNDS} runs); peak RSS {rss:.0f} MB")
    print(f"spaCy tokenizer alone:          {words / best_tok:>9,.0f} words/s")
    for name, seconds in best.items():
        print(f"extraction, {name:<29} {words / seconds:>9,.0f} words/s, {len(docs) / seconds:6.1f} articles/s, "
              f"{best_tok / seconds:.1%} of the tokenizer's speed")


if __name__ == "__main__":
    main()
