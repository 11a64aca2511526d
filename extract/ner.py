"""Named entities (PER, ORG, LOC) for pantau's rules, from the NER model trained on the project's corpus.

The component ``pantau_ner`` runs the shipped spaCy NER (``models/ner/model/``, or the pipeline folder in
its ``model`` setting) over the article, writes ``doc.ents`` and puts an ``Entities`` in ``doc._.ner``: what
the officials and quotes rules ask ("is this a person?", "which people does this clause name?").
``use_ner(nlp, spec)`` puts the NER a user asked for (``spacy``, ``spacy:PATH``, ``transformers:PATH``,
``off``) into a pipeline.

>>> from extract.pipeline import load_pipeline
>>> nlp = use_ner(load_pipeline(), "spacy")
>>> doc = nlp("Kepala Dinas Sosial Kapuas, Yanmarto, menemui warga di Kuala Kapuas.")
>>> [(e.text, e.label_) for e in doc.ents if e.label_ == "PER"]
[('Yanmarto', 'PER')]
>>> doc._.ner.is_person("Yanmarto"), doc._.ner.people_in("kata Yanmarto.")
(True, [(5, 13)])
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

import numpy
import spacy
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.matching import whole_words
from extract.tokenizer import doc_text  # importing it registers the trained pipeline's tokenizer

LABELS = ("PER", "ORG", "LOC")
#: Where the NER sits in pantau's pipeline: after sentence boundaries, before every rule component.
BEFORE = "pantau_regions"
NER_NAME = "pantau_ner"

if not Doc.has_extension("ner"):
    Doc.set_extension("ner", default=None)


class Entity(NamedTuple):
    """One entity: its text, label and character offsets."""

    text: str
    label: str
    start: int
    end: int


class Entities:
    """An article's entities, asked about the way the rules read text: by offsets or by surface.

    >>> ents = Entities([Entity("Dinsos Kapuas", "ORG", 7, 20), Entity("Yanmarto", "PER", 22, 30)])
    >>> ents.label_of("Yanmarto"), ents.label_at(7, 13), ents.spans_within(22, 40, "PER")
    ('PER', 'ORG', [(0, 8)])
    >>> ents.people_in('"Kami siap," kata Yanmarto.')
    [(18, 26)]
    """

    def __init__(self, entities: Iterable[Entity] = ()):
        self.entities = tuple(sorted(entities, key=lambda e: (e.start, -e.end)))
        self._starts = [e.start for e in self.entities]

    @cached_property
    def _labels(self) -> dict[str, str]:
        """Each surface's label: the one the model gave it most often, the first given where two tie (made when
        asked: ``within`` makes one Entities per paragraph)."""
        counts: dict[str, dict[str, int]] = {}
        for e in self.entities:
            seen = counts.setdefault(e.text, {})
            seen[e.label] = seen.get(e.label, 0) + 1
        return {text: max(seen, key=seen.__getitem__) for text, seen in counts.items()}

    def __len__(self) -> int:
        return len(self.entities)

    def __repr__(self) -> str:
        return f"Entities({[(e.text, e.label) for e in self.entities]})"

    def spans(self, label: str | None = None) -> list[tuple[int, int]]:
        """Offsets of the entities (with ``label``), in order."""
        return [(e.start, e.end) for e in self.entities if label is None or e.label == label]

    def spans_within(self, start: int, end: int, label: str) -> list[tuple[int, int]]:
        """Offsets of the entities with ``label`` inside ``[start, end)``, made relative to ``start`` (a
        paragraph's)."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end, lo=first)
        return [(e.start - start, e.end - start) for e in self.entities[first:last]
                if e.end <= end and e.label == label]

    def label_at(self, start: int, end: int) -> str | None:
        """The label of the entity that covers ``[start, end)``, if one does."""
        for e in self.entities:
            if e.start <= start and end <= e.end:
                return e.label
        return None

    def label_of(self, text: str) -> str | None:
        """The label the model gave most often to exactly this text in the article."""
        return self._labels.get(text.strip())

    def is_person(self, text: str) -> bool:
        """The model tagged this text as a person (``Yanmarto``, ``Ariane Chaterina``) in the article."""
        return self.label_of(text) == "PER"

    def people_in(self, text: str) -> list[tuple[int, int]]:
        """Where ``text`` names someone the model tagged PER in the article: offsets, in order. Each surface the
        model tagged is found again as a whole word, leftmost-longest, and keeps the label it was given most often
        (a longer surface of another label hides a person inside it)."""
        labels = self._labels
        return [(at, at + len(surface)) for at, surface in whole_words(labels, text) if labels[surface] == "PER"]


def person_name(surface: str) -> str:
    """A PER entity as a name: degrees after a comma dropped (``Dr. Heru Cahyono, M.M.`` → ``Dr. Heru Cahyono``)."""
    return surface.split(",", 1)[0].strip()


def set_entities(doc: Doc, spans: Iterable[tuple[int, int, str]]) -> Doc:
    """Write entities given as character offsets to ``doc.ents`` (snapped to tokens) and ``doc._.ner``.

    Where they overlap entities already on the Doc, the longer span is kept.
    """
    found = []
    for start, end, label in spans:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span) and label in LABELS:
            found.append((span.start, span.end, label))
    return add_entities(doc, found)


#: spaCy's codes for ``token.ent_iob``: inside, outside, beginning.
_IOB_I, _IOB_O, _IOB_B = 1, 2, 3


def add_entities(doc: Doc, found: Iterable[tuple[int, int, str]]) -> Doc:
    """Add entities given as token offsets ``(start, end, label)`` to ``doc.ents`` (the longer kept where they
    overlap each other or entities already there) and set ``doc._.ner``.

    >>> from extract.pipeline import load_pipeline
    >>> doc = add_entities(load_pipeline().make_doc("Kata Budi Santoso di Sampit."), [(1, 3, "PER"), (4, 5, "LOC")])
    >>> [(e.text, e.label_) for e in doc.ents], doc._.ner.spans("PER")
    ([('Budi Santoso', 'PER'), ('Sampit', 'LOC')], [(5, 17)])
    """
    found = sorted(found)
    before = list(doc.ents) if doc.has_annotation("ENT_IOB") else []
    # entities that overlap, or entities already on the Doc: merged as Spans, the longer kept
    merge = bool(before) or any(found[i][1] > found[i + 1][0] for i in range(len(found) - 1))
    if merge:
        doc.ents = filter_spans(before + [Span(doc, s, e, label=label) for s, e, label in found])
        found = [(e.start, e.end, e.label_) for e in doc.ents]
    bounds = numpy.array([(s, e) for s, e, _ in found], dtype=numpy.intp).reshape(-1, 2)
    starts, ends = bounds[:, 0], bounds[:, 1]
    if not merge:  # what a tagger gives, on a fresh Doc: one array of IOB codes and one of labels, no Span each
        lengths = ends - starts
        inside = numpy.arange(lengths.sum()) + numpy.repeat(starts - numpy.cumsum(lengths) + lengths, lengths)
        labels = numpy.array([doc.vocab.strings.add(label) for _, _, label in found], dtype=numpy.uint64)
        codes = numpy.zeros((len(doc), 2), dtype=numpy.uint64)
        codes[:, 0] = _IOB_O
        codes[inside, 0] = _IOB_I
        codes[starts, 0] = _IOB_B
        codes[inside, 1] = numpy.repeat(labels, lengths)
        doc.from_array([ENT_IOB, ENT_TYPE], codes)
    chars = doc.to_array([IDX, LENGTH])
    first, last = chars[starts, 0].tolist(), (chars[ends - 1, 0] + chars[ends - 1, 1]).tolist()
    text = doc_text(doc)  # sliced, not rebuilt from tokens as ``span.text`` is
    doc._.ner = Entities(Entity(text[a:b], label, a, b)
                         for (_, _, label), a, b in zip(found, first, last, strict=True) if label in LABELS)
    return doc


@cache
def load_model(path: str | None = None) -> Language:
    """The trained spaCy NER pipeline at ``path`` (default: the one shipped in ``models/ner/model``)."""
    if path is None:
        from models import NER_MODEL

        path = str(NER_MODEL)
    if not Path(path, "config.cfg").is_file():
        raise FileNotFoundError(f"no spaCy pipeline at {path} (train one with `pantau train`)")
    return spacy.load(path)


@Language.factory(NER_NAME, default_config={"model": None, "batch_size": 32})
class NerComponent:
    """Runs pantau's spaCy NER (``model``: a pipeline folder; ``None``: the shipped one) and sets the entities."""

    def __init__(self, nlp: Language, name: str, model: str | None, batch_size: int):
        self.name = name
        self.model = load_model(model)
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return self._copy(doc, self.model(doc_text(doc)))

    def pipe(self, docs: Iterable[Doc], batch_size: int | None = None):
        docs = list(docs)
        tagged = self.model.pipe((doc_text(d) for d in docs), batch_size=batch_size or self.batch_size)
        for doc, ner_doc in zip(docs, tagged, strict=True):
            yield self._copy(doc, ner_doc)

    @staticmethod
    def _copy(doc: Doc, tagged: Doc) -> Doc:
        return set_entities(doc, ((e.start_char, e.end_char, e.label_) for e in tagged.ents))


def use_ner(nlp: Language, spec: str | None, config: dict | None = None) -> Language:
    """``nlp`` with the NER ``spec`` names, placed before the rule components (replacing one already there).

    ``spec``: ``spacy`` (the shipped model), ``spacy:PATH`` (a spaCy pipeline folder), ``transformers:PATH``
    (a local token-classification model, see ``extract.ner_transformers``), or ``off`` / ``None`` (no NER).
    ``config``: more settings for the component (``{"device": "cpu", "batch_size": 8}`` for transformers).
    """
    if NER_NAME in nlp.pipe_names:
        nlp.remove_pipe(NER_NAME)
    kind, _, path = (spec or "off").partition(":")
    if kind == "off":
        return nlp
    where = {"before": BEFORE} if BEFORE in nlp.pipe_names else {}
    if kind == "spacy":
        nlp.add_pipe("pantau_ner", name=NER_NAME, config={"model": path or None, **(config or {})}, **where)
    elif kind == "perceptron":
        import extract.ner_perceptron  # noqa: F401  (registers the factory)

        nlp.add_pipe("pantau_perceptron_ner", name=NER_NAME, config={"model": path or None, **(config or {})},
                     **where)
    elif kind == "transformers" and path:
        import extract.ner_transformers  # noqa: F401  (registers the factory; needs the transformers extra)

        nlp.add_pipe("pantau_ner_transformers", name=NER_NAME, config={"model": path, **(config or {})}, **where)
    else:
        raise ValueError(f"unknown NER {spec!r}: use perceptron, perceptron:FILE, spacy, spacy:PATH, "
                         "transformers:PATH or off")
    return nlp
