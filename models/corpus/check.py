"""Check the annotated corpus: every span on token boundaries, no overlaps, known labels, splits that do not leak.

    python -m models.corpus.check            # prints label counts per split; exit status 1 on a problem

Problems (the check fails): unreadable markup, a label other than PER/ORG/LOC, an empty span or one with
space at an edge, overlapping spans, a span whose edge falls inside a token for any reason other than a
joining hyphen or slash (``Batam-Bintan``: those tokens are marked missing in training, and counted), one
sentence in two splits, and ``.spacy`` files that differ from what ``convert`` makes of ``raw/``.

>>> report = check()
>>> report.problems
[]
>>> all(report.counts[split][label] > 0 for split in SPLITS for label in LABELS)
True
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import DocBin

from models.corpus.convert import (
    HERE,
    LABELS,
    RAW,
    SPLITS,
    CorpusError,
    joined_token,
    make_doc,
    read_documents,
    split_documents,
    tokenizer_nlp,
)


@dataclass
class Report:
    """What ``check`` found: problems (each a line), counts per split, and spans marked missing."""

    problems: list[str] = field(default_factory=list)
    counts: dict[str, Counter] = field(default_factory=dict)
    partial: int = 0
    inconsistent: dict[str, set[str]] = field(default_factory=dict)

    def table(self) -> str:
        """Counts per split as a text table."""
        cols = ["documents", "sentences", "tokens", *LABELS, "partial"]
        lines = [f"{'split':<6}" + "".join(f"{c:>11}" for c in cols)]
        for split in (*SPLITS, "total"):
            counts = self.counts[split]
            lines.append(f"{split:<6}" + "".join(f"{counts[c]:>11}" for c in cols))
        return "\n".join(lines)


def check(raw: Path = RAW, spacy_dir: Path | None = HERE) -> Report:
    """Check ``raw/`` (and, when ``spacy_dir`` is given, that its ``.spacy`` files are up to date)."""
    report = Report()
    try:
        docs = read_documents(raw)
    except CorpusError as exc:
        report.problems.append(str(exc))
        return report
    nlp = tokenizer_nlp()
    total: Counter = Counter()
    surfaces: dict[str, set[str]] = {}
    seen_in: dict[str, str] = {}
    for split, members in split_documents(docs).items():
        counts: Counter = Counter()
        made = []
        for raw_doc in members:
            where = f"{raw_doc.source}#{raw_doc.number}"
            for sentence, spans in raw_doc.sentences:
                other = seen_in.setdefault(sentence, split)
                if other != split:
                    report.problems.append(f"{where}: sentence in {other} and {split}: {sentence[:60]!r}")
                report.problems.extend(f"{where}: {p}" for p in _span_problems(sentence, spans))
                for start, end, label in spans:
                    surfaces.setdefault(sentence[start:end], set()).add(label)
            doc, misaligned = make_doc(nlp, raw_doc)
            made.append(doc)
            for start, end, label in misaligned:
                if joined_token(doc.text, start, end):
                    counts["partial"] += 1
                else:
                    report.problems.append(f"{where}: {label} span {doc.text[start:end]!r} ends inside a token")
            counts["documents"] += 1
            counts["sentences"] += len(raw_doc.sentences)
            counts["tokens"] += sum(not t.is_space for t in doc)
            counts.update(e.label_ for e in doc.ents)
        report.counts[split] = counts
        total.update(counts)
        if spacy_dir is not None:
            report.problems.extend(_stale(spacy_dir / f"{split}.spacy", made, nlp))
    report.counts["total"] = total
    report.partial = total["partial"]
    report.inconsistent = {s: labels for s, labels in surfaces.items() if len(labels) > 1}
    return report


def _span_problems(sentence: str, spans: list[tuple[int, int, str]]) -> list[str]:
    problems = []
    for start, end, label in spans:
        surface = sentence[start:end]
        if label not in LABELS:
            problems.append(f"unknown label {label!r} on {surface!r}")
        if not surface.strip() or surface != surface.strip():
            problems.append(f"{label} span {surface!r} is empty or has space at an edge")
    ordered = sorted(spans)
    for (a0, a1, la), (b0, b1, lb) in zip(ordered, ordered[1:], strict=False):
        if b0 < a1:
            problems.append(f"overlapping spans {sentence[a0:a1]!r} ({la}) and {sentence[b0:b1]!r} ({lb})")
    return problems


def _stale(path: Path, made, nlp) -> list[str]:
    """A problem if the ``.spacy`` file at ``path`` is missing or holds other text or entities than ``made``."""
    if not path.exists():
        return [f"{path.name} is missing: run python -m models.corpus.convert"]
    stored = list(DocBin().from_disk(path).get_docs(nlp.vocab))

    def key(docs):
        return [(d.text, [(e.start_char, e.end_char, e.label_) for e in d.ents]) for d in docs]

    if key(stored) != key(made):
        return [f"{path.name} differs from raw/: run python -m models.corpus.convert"]
    return []


def main() -> int:
    report = check()
    print(report.table())
    print(f"{report.partial} spans end at a joining hyphen or slash inside a token (marked missing in training)")
    if report.inconsistent:
        shown = ", ".join(f"{s} {sorted(labels)}" for s, labels in sorted(report.inconsistent.items())[:8])
        print(f"{len(report.inconsistent)} surfaces carry more than one label (allowed: {shown} ...)")
    for problem in report.problems:
        print("PROBLEM", problem)
    print("corpus check:", "FAILED" if report.problems else "ok")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
