"""Run pantau's benchmarks: ``python -m benchmarks`` (all) or ``python -m benchmarks extract crawl``.

Figures are throughput (words/s, pages/s, articles/s) and peak memory on the machine that runs them;
they are not part of ``make test``.
"""

import importlib
import sys

ALL = ("extract", "ner", "dedup", "crawl")

if __name__ == "__main__":
    for name in sys.argv[1:] or ALL:
        print(f"== {name}", flush=True)
        importlib.import_module(f"benchmarks.bench_{name}").main([])
