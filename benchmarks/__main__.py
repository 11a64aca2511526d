"""Run pantau's benchmarks: ``python -m benchmarks`` (all but datasette) or ``python -m benchmarks extract crawl``.

Figures are throughput (words/s, pages/s, articles/s) and peak memory on the machine that runs them;
``python -m benchmarks datasette`` adds Datasette's latency per canned query on a generated database of
1,000,000 articles (about 8 GiB in the temporary folder, generated once, about 4 minutes). None of them
is part of ``make test``.
"""

import importlib
import sys

ALL = ("extract", "ner", "dedup", "crawl")

if __name__ == "__main__":
    for name in sys.argv[1:] or ALL:
        print(f"== {name}", flush=True)
        importlib.import_module(f"benchmarks.bench_{name}").main([])
