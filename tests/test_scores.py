"""The shared scorer (``../shared/tools/score.py``) over pantau's gold sets: floors that catch a regression.

The dev set (``tests/gold/dev.jsonl``) and the sample site are what rules are tuned on; the held-out set
is only scored, and its floors sit below the figures reported in the issue notes.
"""

import re
import subprocess
import sys

import pytest
from conftest import PANTAU, ROOT, SHARED

SCORER = SHARED / "tools" / "score.py"
SETS = {
    # gold file, root of its 'file' paths, floors per scorer figure
    # dev relevance: 323, 396 and 426 (a wage protest, a village anti-corruption award and a minimum-wage story,
    # each naming BPJS Ketenagakerjaan once in passing) are annotated off-topic and kept relevant on purpose: the
    # crawl stores relevant articles only, so one passing mention is kept rather than lost (relevance score 0.5)
    "dev": ("tests/gold/dev.jsonl", "tests/gold", {"officials": 0.95, "counts": 0.95, "awards": 0.95,
                                                    "quotes": 0.95, "attributed": 0.95, "relevance": 0.98}),
    "sample site": ("tests/gold/sample_site.jsonl", "crawler/sample_site",
                    {"officials": 0.95, "counts": 0.95, "awards": 0.95, "quotes": 0.95, "attributed": 0.95,
                     "relevance": 1.0}),
    "held out": ("tests/gold/heldout.jsonl", "tests/gold", {"officials": 0.95, "counts": 0.90, "awards": 0.80,
                                                            "quotes": 0.95, "attributed": 0.90, "relevance": 1.0}),
}


def scores(gold: str, root: str) -> dict[str, float]:
    """The scorer's last line as numbers: ``{"officials": 0.98, ..., "attributed": 0.96, "relevance": 1.0}``."""
    command = " ".join([*PANTAU, "extract", "--format", "jsonl"])
    run = subprocess.run([sys.executable, str(SCORER), "--gold", str(ROOT / gold), "--root", str(ROOT / root),
                          "--cmd", command], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    last = run.stdout.strip().splitlines()[-1]
    found = dict(re.findall(r"(\w+)(?: F1)? (\d\.\d\d)", last.replace("quotes attributed", "attributed")))
    return {k: float(v) for k, v in found.items()}


@pytest.mark.parametrize("name", SETS)
def test_scores_stay_above_their_floors(name):
    if not SCORER.is_file():
        pytest.skip("the shared scorer (../shared/tools/score.py) is not beside this checkout")
    gold, root, floors = SETS[name]
    got = scores(gold, root)
    assert set(floors) <= set(got), got
    low = {k: (got[k], floor) for k, floor in floors.items() if got[k] < floor}
    assert not low, f"{name}: below the floor (got, floor): {low}"
