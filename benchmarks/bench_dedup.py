"""Cluster 10,000 and 100,000 synthetic articles: wall time, peak memory, pair precision and recall.

    python -m benchmarks.bench_dedup [10000 100000]
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter

from benchmarks.synthetic import generate
from extract.dedup import MemoryIndex, assign, fingerprint


def pair_scores(predicted: list[int], truth: list[int]) -> tuple[float, float]:
    """Pair precision and recall of a clustering against the true stories, without listing pairs."""
    def pairs(counter):
        return sum(n * (n - 1) // 2 for n in counter.values())

    both = pairs(Counter(zip(predicted, truth, strict=True)))
    pred, true = pairs(Counter(predicted)), pairs(Counter(truth))
    return (both / pred if pred else 1.0), (both / true if true else 1.0)


def run(n: int) -> dict:
    articles = generate(n)
    words = sum(len(text.split()) for text, _ in articles)
    started = time.perf_counter()
    index, clusters, by_hash = MemoryIndex(), {}, {}
    for i, (text, _) in enumerate(articles):
        digest, mh = fingerprint(text)
        near = assign(index, i, mh, clusters)
        clusters[i] = by_hash.get(digest) or near or i
        by_hash.setdefault(digest, clusters[i])
    seconds = time.perf_counter() - started
    precision, recall = pair_scores([clusters[i] for i in range(n)], [story for _, story in articles])
    return {"articles": n, "words": words, "seconds": seconds, "articles_per_s": n / seconds,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "stories": len(set(clusters.values())), "true_stories": len({s for _, s in articles}),
            "pair_precision": precision, "pair_recall": recall}


def main(argv: list[str] | None = None) -> None:
    sizes = [int(a) for a in (argv or sys.argv[1:])] or [10_000, 100_000]
    for n in sizes:
        r = run(n)
        print(f"{r['articles']:>7} articles ({r['words']:,} words): {r['seconds']:.1f} s, "
              f"{r['articles_per_s']:.0f} articles/s, peak RSS {r['peak_rss_mb']:.0f} MB, "
              f"{r['stories']} stories found / {r['true_stories']} true, "
              f"pair precision {r['pair_precision']:.3f} recall {r['pair_recall']:.3f}", flush=True)


if __name__ == "__main__":
    main()
