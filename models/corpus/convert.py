"""The annotated corpus as spaCy training data: ``raw/*.txt`` → ``{train,dev,test}.spacy``.

``raw/`` holds documents separated by blank lines, one sentence per line, entities marked inline as
``[[surface|LABEL]]`` (PER, ORG, LOC). Each document becomes one ``Doc`` (its sentences joined by a space
or, as in a page's main text, by a blank line), tokenized with pantau's tokenizer, its entities in
``doc.ents``. Documents go to a split by a hash of their text, within each file group (``a_``, ``b_``,
``c_``): 80% train, 10% dev, 10% test. The same raw text always gives the same splits.

    python -m models.corpus.convert            # writes models/corpus/{train,dev,test}.spacy

>>> parse_line("Kata [[Budi Santoso|PER]] di [[Palu|LOC]].")
('Kata Budi Santoso di Palu.', [(5, 17, 'PER'), (21, 25, 'LOC')])
"""

from __future__ import annotations

import hashlib
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import extract.tokenizer  # noqa: F401  (registers pantau.indonesian_tokenizer.v1)
from extract.ner import LABELS

HERE = Path(__file__).parent
RAW = HERE / "raw"
SPLITS = ("train", "dev", "test")
#: Share of each file group's documents in dev and in test (the rest is train).
HELD = 0.10

_MARK = re.compile(r"\[\[([^\[\]|]+)\|([^\[\]|]+)\]\]")


class CorpusError(ValueError):
    """A line whose markup cannot be read (unbalanced or nested brackets)."""


@dataclass
class RawDoc:
    """One document of the raw corpus: its sentences as (text, [(start, end, label)]) pairs."""

    source: str
    number: int
    sentences: list[tuple[str, list[tuple[int, int, str]]]] = field(default_factory=list)

    @property
    def group(self) -> str:
        """``a``, ``b`` or ``c``: the file's prefix."""
        return self.source.split("_", 1)[0]

    @property
    def key(self) -> str:
        """A stable hash of the document's text: decides its split."""
        text = "\n".join(s for s, _ in self.sentences)
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def text_and_spans(self) -> tuple[str, list[tuple[int, int, str]]]:
        """The document as one text (sentences joined by a space or a blank line) and its entity offsets."""
        parts, spans, at = [], [], 0
        for k, (sentence, marks) in enumerate(self.sentences):
            if k:
                sep = "\n\n" if hashlib.sha1(sentence.encode("utf-8")).digest()[0] % 2 else " "
                parts.append(sep)
                at += len(sep)
            parts.append(sentence)
            spans.extend((at + a, at + b, label) for a, b, label in marks)
            at += len(sentence)
        return "".join(parts), spans


def parse_line(line: str) -> tuple[str, list[tuple[int, int, str]]]:
    """A marked-up sentence as plain text and its entity offsets (labels as written)."""
    out, spans, at = [], [], 0
    last = 0
    for m in _MARK.finditer(line):
        out.append(line[last:m.start()])
        at += m.start() - last
        surface, label = m.group(1), m.group(2)
        out.append(surface)
        spans.append((at, at + len(surface), label))
        at += len(surface)
        last = m.end()
    out.append(line[last:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise CorpusError(f"unbalanced or nested markup: {line!r}")
    return text, spans


def read_documents(raw: Path = RAW) -> list[RawDoc]:
    """Every document of ``raw/*.txt``, in file order."""
    docs = []
    for path in sorted(raw.glob("*.txt")):
        number, current = 0, RawDoc(path.name, 0)
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                if current.sentences:
                    docs.append(current)
                    number += 1
                    current = RawDoc(path.name, number)
                continue
            try:
                current.sentences.append(parse_line(line.strip()))
            except CorpusError as exc:
                raise CorpusError(f"{path.name}:{lineno}: {exc}") from None
        if current.sentences:
            docs.append(current)
    return docs


def split_documents(docs: list[RawDoc]) -> dict[str, list[RawDoc]]:
    """80/10/10 by the hash of each document's text, within each file group."""
    out: dict[str, list[RawDoc]] = {s: [] for s in SPLITS}
    for group in sorted({d.group for d in docs}):
        members = sorted((d for d in docs if d.group == group), key=lambda d: d.key)
        held = max(1, round(len(members) * HELD))
        out["test"].extend(members[:held])
        out["dev"].extend(members[held:2 * held])
        out["train"].extend(members[2 * held:])
    for split in out.values():
        split.sort(key=lambda d: (d.source, d.number))
    return out


def tokenizer_nlp() -> Language:
    """A blank Indonesian pipeline with pantau's tokenizer (the one the extraction pipeline uses)."""
    return spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "pantau.indonesian_tokenizer.v1"}}})


def make_doc(nlp: Language, raw: RawDoc) -> tuple[Doc, list[tuple[int, int, str]]]:
    """The document as a Doc with its entities, and the spans whose edge falls inside a token.

    pantau's tokenizer keeps ``Batam-Bintan``, ``se-Maluku`` and ``Gumilar/Yusuf`` whole, so an entity
    that ends at such a hyphen or slash covers part of a token: its tokens are marked *missing* (neither
    entity nor outside) so that training neither learns nor unlearns them. Any other misaligned span is
    an error in the corpus (``check.py`` reports it; ``convert`` refuses it).
    """
    text, spans = raw.text_and_spans()
    doc = nlp.make_doc(text)
    ents, partial, misaligned = [], set(), []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="strict")
        if span is not None:
            ents.append(span)
            continue
        misaligned.append((start, end, label))
        covering = doc.char_span(start, end, alignment_mode="expand")
        partial.update(range(covering.start, covering.end) if covering is not None else ())
    ents = [e for e in ents if not partial.intersection(range(e.start, e.end))]
    missing = [doc[i:i + 1] for i in sorted(partial)]
    doc.set_ents(sorted(ents, key=lambda s: s.start), missing=missing)
    doc.user_data["source"] = f"{raw.source}#{raw.number}"
    return doc, misaligned


def joined_token(text: str, start: int, end: int) -> bool:
    """An entity edge at a hyphen or slash that joins two words (``Batam-Bintan``, ``se-Jawa Timur``)."""
    return (start > 0 and text[start - 1] in "-/") or (end < len(text) and text[end] in "-/")


def convert(raw: Path = RAW, out: Path = HERE) -> dict[str, int]:
    """Write ``{train,dev,test}.spacy`` under ``out``; the number of documents in each split."""
    nlp = tokenizer_nlp()
    counts = {}
    for name, docs in split_documents(read_documents(raw)).items():
        bin_ = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE", "SPACY"], store_user_data=True)
        for raw_doc in docs:
            doc, misaligned = make_doc(nlp, raw_doc)
            wrong = [s for s in misaligned if not joined_token(doc.text, s[0], s[1])]
            unknown = [e.label_ for e in doc.ents if e.label_ not in LABELS]
            if wrong or unknown:
                raise CorpusError(f"{doc.user_data['source']}: spans inside a token {wrong}, unknown labels {unknown}")
            bin_.add(doc)
        bin_.to_disk(out / f"{name}.spacy")
        counts[name] = len(docs)
    return counts


@contextmanager
def converted(raw: Path | str = RAW) -> Iterator[Path]:
    """A temporary folder holding the corpus's ``{train,dev,test}.spacy`` (removed afterwards), for training.

    >>> with converted() as work:                                   # doctest: +SKIP
    ...     sorted(p.name for p in work.iterdir())
    ['dev.spacy', 'test.spacy', 'train.spacy']
    """
    with tempfile.TemporaryDirectory(prefix="pantau-corpus-") as tmp:
        convert(Path(raw), Path(tmp))
        yield Path(tmp)


def main() -> int:
    counts = convert()
    print(" ".join(f"{name}: {n} documents" for name, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
