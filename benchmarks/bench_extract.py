"""Words/s of the whole extraction pipeline against spaCy's tokenizer alone, on the same texts in one run.

    python -m benchmarks.bench_extract

The texts: the sample site's article pages (main text via extract.page), the held-out articles and
synthetic articles from the corpus, so that the figure is not one article's.

Two tokenizers are timed right before each extractor, on the same texts: spaCy's Indonesian tokenizer as
``spacy.blank("id")`` has it, and pantau's own (``extract.tokenizer``: spaCy's Tokenizer class with the same
rules but without 15,600 hyphenated special cases, about 1.6 times faster), which the pipeline runs. A share
of pantau's tokenizer is the stricter figure: the pipeline's own first step, against everything it does.
"""

from __future__ import annotations

import contextlib
import resource
import statistics
import time
from pathlib import Path

import spacy

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
    rules, default, with_spacy = Extractor(ner="off"), Extractor(), Extractor(ner="spacy")
    tokenizers = {"spaCy's Indonesian tokenizer": spacy.blank("id").tokenizer,
                  "pantau's tokenizer": rules.nlp.tokenizer}
    # an article that is not relevant is not tokenized (only its region is looked up): the relevant ones alone
    # show what the whole pipeline costs where it runs
    relevant = [text for text in docs if rules.extract(text).relevant]
    runs = {"default (perceptron NER)": (default, docs), "rules only (--ner off)": (rules, docs),
            "with the spaCy NER": (with_spacy, docs), f"default, the {len(relevant)} relevant": (default, relevant),
            f"rules only, the {len(relevant)} relevant": (rules, relevant)}
    cleaned = {id(texts_): [clean_text(t).text for t in texts_] for _, texts_ in runs.values()}
    words = {name: sum(len(t.split()) for t in cleaned[id(texts_)]) for name, (_, texts_) in runs.items()}
    for tokenizer in tokenizers.values():  # a first pass fills each tokenizer's cache
        for text in cleaned[id(docs)]:
            tokenizer(text)
    for extractor in (default, rules, with_spacy):  # and loads what the extractors load
        for text in docs:
            extractor.extract(text)
    best = dict.fromkeys(runs, float("inf"))
    best_tok = {name: dict.fromkeys(runs, float("inf")) for name in tokenizers}
    ratios: dict[str, dict[str, list[float]]] = {name: {run: [] for run in runs} for name in tokenizers}
    for _ in range(ROUNDS):
        for name, (extractor, texts_) in runs.items():
            # the tokenizers right before each extractor, on the same texts: a ratio from one pair is not skewed
            # by the machine slowing down between them, as the best of each over all runs can be
            took = {}
            for tok_name, tokenizer in tokenizers.items():
                started = time.perf_counter()
                for text in cleaned[id(texts_)]:
                    tokenizer(text)
                took[tok_name] = time.perf_counter() - started
            started = time.perf_counter()
            for text in texts_:
                extractor.extract(text)
            seconds = time.perf_counter() - started
            best[name] = min(best[name], seconds)
            for tok_name, tok in took.items():
                best_tok[tok_name][name] = min(best_tok[tok_name][name], tok)
                ratios[tok_name][name].append(tok / seconds)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    first = next(iter(runs))
    print(f"{len(docs)} articles, {words[first]:,} words (best of {ROUNDS} runs); peak RSS {rss:.0f} MB")
    for tok_name in tokenizers:
        print(f"{tok_name + ' alone:':<40} {words[first] / best_tok[tok_name][first]:>9,.0f} words/s")
    for name, seconds in best.items():
        articles = len(runs[name][1])
        print(f"extraction, {name:<32} {words[name] / seconds:>9,.0f} words/s, {articles / seconds:6.1f} articles/s")
        for tok_name in tokenizers:
            found = ratios[tok_name][name]
            low, mid, high = min(found), statistics.median(found), max(found)
            print(f"    {mid:6.1%} of the speed of {tok_name} (median of {ROUNDS} paired runs: {low:.1%}-{high:.1%})")


if __name__ == "__main__":
    main()
