"""Pair precision and recall of the near-duplicate detector on the project's labelled pairs, over a grid
of shingle sizes, permutation counts and thresholds (the grid that chose ``extract.dedup``'s defaults).

    python -m benchmarks.dedup_pairs

The pairs: tests/gold/dedup/pairs.csv (edited syndicated copies, and two outlets' own reports of one
event), plus generated exact copies (new dateline and footer) and unrelated pairs of the held-out articles.
"""

from __future__ import annotations

import csv
import itertools
import json
from pathlib import Path

from extract.dedup import MemoryIndex, band_keys, normalized_words, signature, similar
from extract.text import clean_text

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"


def body(text: str) -> str:
    """The text the pipeline fingerprints: the cleaned body."""
    return clean_text(text).text


def load_pairs() -> list[tuple[str, str, int, str]]:
    """(text a, text b, label, kind) for every labelled and generated pair."""
    pairs = []
    with open(GOLD / "dedup" / "pairs.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            a, b = ((GOLD / "dedup" / row[k]).read_text(encoding="utf-8") for k in ("a", "b"))
            pairs.append((body(a), body(b), int(row["label"]), row["kind"]))
    heldout = [json.loads(line) for line in (GOLD / "heldout.jsonl").read_text().splitlines() if line.strip()]
    texts = [body((GOLD / g["file"]).read_text(encoding="utf-8")) for g in heldout]
    for text in texts:
        lines = text.split("\n\n")
        copy = "\n\n".join(["JAKARTA, kabarkita.id - " + lines[0].split(" - ", 1)[-1], *lines[1:],
                            "Artikel ini telah tayang dengan judul lain."])
        pairs.append((text, copy, 1, "exact_copy"))
    for a, b in itertools.combinations(texts, 2):
        pairs.append((a, b, 0, "unrelated"))
    return pairs


def evaluate(pairs, size: int, num_perm: int, threshold: float) -> dict:
    """Retrieve each pair's second text through LSH from an index holding the first."""
    tp = fp = fn = 0
    missed = []
    for a, b, label, kind in pairs:
        index = MemoryIndex()
        mh_a = signature(a, num_perm=num_perm, size=size)
        index.add("a", band_keys(mh_a, threshold), mh_a)
        found = bool(similar(index, signature(b, num_perm=num_perm, size=size), threshold=threshold))
        tp += found and label
        fp += found and not label
        fn += (not found) and label
        if found != bool(label):
            missed.append(kind)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": precision, "recall": recall, "errors": missed}


def main() -> None:
    pairs = load_pairs()
    kinds = {k: sum(1 for p in pairs if p[3] == k) for k in {p[3] for p in pairs}}
    words = sum(len(normalized_words(p[0])) for p in pairs) // len(pairs)
    print(f"{len(pairs)} pairs {kinds}, about {words} words per text")
    print(f"{'shingle':>7} {'perms':>5} {'thresh':>6} {'P':>6} {'R':>6}  errors")
    for size, num_perm, threshold in itertools.product((3, 4, 5), (64, 128), (0.15, 0.2, 0.25, 0.3, 0.4)):
        r = evaluate(pairs, size, num_perm, threshold)
        print(f"{size:>7} {num_perm:>5} {threshold:>6} {r['precision']:6.3f} {r['recall']:6.3f}  "
              f"{', '.join(sorted(set(r['errors'])))}", flush=True)


if __name__ == "__main__":
    main()
