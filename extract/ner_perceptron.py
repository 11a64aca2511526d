"""A fast NER (PER, ORG, LOC): two stacked averaged perceptrons over hashed word features, in numpy.

The shipped spaCy NER (``extract.ner``) reads every word through a neural network: about 20,000 words/s on
one core, ten times slower than pantau's rules. This tagger gives each word a BIO label from a linear model
over features of the word and its neighbours (lowercased words, shapes, prefixes and suffixes, and whether a
word is a region, title, organisation, honorific, name particle or a common word, from pantau's gazetteers);
a second model reads the first one's labels around each word, so that a name is tagged whole. Words that
cannot be part of a name (lowercase words between lowercase words, numbers) are not scored at all. Every
step works on whole arrays of a Doc's token attributes, so an article costs a few dozen numpy calls.

Trained on ``models/corpus/`` by ``models.train_perceptron`` into ``models/perceptron/model.npz``; the
component ``pantau_perceptron_ner`` writes ``doc.ents`` and ``doc._.ner`` as the spaCy NER does.

>>> from extract.ner import use_ner
>>> from extract.pipeline import load_pipeline
>>> nlp = use_ner(load_pipeline(), "perceptron")
>>> doc = nlp("Kepala Dinas Sosial Kapuas, Yanmarto, menemui warga di Kuala Kapuas.")
>>> [e.text for e in doc.ents if e.label_ == "PER"]
['Yanmarto']
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy
from spacy.attrs import LOWER, ORTH, PREFIX, SHAPE, SUFFIX
from spacy.language import Language
from spacy.scorer import get_ner_prf
from spacy.strings import hash_string
from spacy.tokens import Doc

from extract.gazetteer import names, organizations, regions, titles
from extract.ner import add_entities

#: BIO labels by index: a B label is odd, its I label the next even number.
TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
TYPES = (None, "PER", "ORG", "LOC")
#: Rows of each weight table: features are hashed into this many buckets.
BUCKETS = 1 << 18
#: Lexicon flags, one bit each; the next bit says the article writes the word in lowercase somewhere.
LEXICONS = ("region", "title", "organization", "honorific", "particle", "common")
#: The lexicons read from pantau's gazetteers (``lexicon_words``), which a model file keeps: all but ``common``.
GAZETTEERS = LEXICONS[:-1]
#: Slots of the lexicon flag table, one byte each (4 MiB): words are looked up by their hash, and with about
#: 6,000 lexicon words a collision flags a word wrongly about once in 700 lookups.
_FLAG_SLOTS = 1 << 22
_SLOT_MASK = numpy.uint64(_FLAG_SLOTS - 1)
_MIX = numpy.uint64(0x9E3779B97F4A7C15)
_SEED = numpy.uint64(0xC2B2AE3D27D4EB4F)
_P1, _P2 = numpy.uint64(1000003), numpy.uint64(7919)
#: The shapes (``token.shape``) of a lowercase word, then of a number: spaCy writes a run of lowercase letters
#: as up to four ``x``, of digits as up to four ``d``.
_PLAIN_SHAPES = numpy.array([hash_string(c * k) for c in "xd" for k in range(1, 5)], dtype=numpy.uint64)
#: Neighbours read on either side of a word.
_REACH = 2


def lexicon_words() -> dict[str, set[str]]:
    """The lowercased words of pantau's gazetteers, by lexicon (all but ``common``, which a model brings)."""
    title, orgs, name_parts = titles(), organizations(), names()

    def words(phrases: Iterable[str]) -> set[str]:
        return {w.lower() for p in phrases for w in str(p).replace("/", " ").split()}

    aliases = [a for group in orgs["canonical"].items() for a in [group[0], *group[1]]]
    honorifics = [h for group in name_parts["honorifics"].values() for h in group]
    return {
        "region": words(regions().words()),
        "title": words(title["prefixes"] + title["heads"] + title["words"] + title["ranks"]),
        "organization": words(orgs["heads"] + orgs["not_person"] + aliases),
        "honorific": words(honorifics + name_parts["suffix_degrees"]),
        "particle": words(name_parts["particles"]),
    }


#: The first stage's feature templates, in the order its weights were trained in. Each names the token
#: attributes it combines: ``low`` (the lowercase word), ``shape``, ``prefix``, ``suffix`` or ``flags`` (the
#: lexicon bits), of the word itself or of a neighbour (``low-1``: the word before; ``flags+2``: two after).
#: ``""`` is the bias, a feature every token has.
FIRST_TEMPLATES = (
    "low", "low-1", "low+1", "low-2", "low+2", "shape", "shape-1", "shape+1", "suffix", "prefix", "suffix-1",
    "suffix+1", "low-1 shape", "low+1 shape", "shape-1 shape shape+1", "low-1 low", "low low+1", "flags",
    "flags-1", "flags+1", "flags shape", "flags-1 flags flags+1", "flags-2 flags-1", "flags+1 flags+2",
    "flags-1 shape", "flags+1 shape", "",
)
#: The second stage reads the first one's templates and these, over the first stage's tags (``tag``).
SECOND_TEMPLATES = ("tag", "tag-1", "tag+1", "tag-2", "tag+2", "tag-1 tag", "tag tag+1", "tag-1 tag+1",
                    "tag-1 tag tag+1", "tag-2 tag-1", "tag+1 tag+2")
#: Token attributes the first stage reads, as ``Doc.to_array`` gives them (``flags`` is made from ``low``).
_ATTRIBUTES = ("low", "shape", "prefix", "suffix", "flags")


class Templates:
    """Feature templates made into bucket indices: each template's value is ``a * P1 + b * P2 + c`` of up to
    three source values (a single one is ``c``, a pair ``a * P1 + c``), hashed with the template's number.

    ``sources``: the names of the rows of the source matrix the stage builds, in order; a row named ``""`` is zeros.

    >>> pairs = Templates(("a", "a b"), ["a", "b", ""], 0)
    >>> pairs.values(numpy.array([[2], [3], [0]], dtype=numpy.uint64)).tolist()  # 2, then 2 * 1000003 + 3
    [[2], [2000009]]
    """

    def __init__(self, templates: tuple[str, ...], sources: list[str], first_number: int):
        zero = sources.index("")
        picks = []
        for template in templates:
            parts = [sources.index(part) for part in template.split()]
            if len(parts) == 3:
                picks.append(parts)
            elif len(parts) == 2:
                picks.append([parts[0], zero, parts[1]])
            else:
                picks.append([zero, zero, parts[0] if parts else zero])
        self.a, self.b, self.c = (numpy.array(column, dtype=numpy.intp) for column in zip(*picks, strict=True))
        numbers = numpy.arange(first_number, first_number + len(templates), dtype=numpy.uint64)
        self.salt = (numbers * _SEED)[:, None]

    def values(self, source: numpy.ndarray) -> numpy.ndarray:
        """Each template's value, one row per template and one column per token, from the source matrix (one
        row per source, one column per token)."""
        return source[self.a] * _P1 + source[self.b] * _P2 + source[self.c]

    def hashed(self, source: numpy.ndarray) -> numpy.ndarray:
        """The values as bucket indices, each template's hashed apart (``values``' layout)."""
        values = self.values(source) * _MIX + self.salt
        values ^= values >> numpy.uint64(29)
        return (values & numpy.uint64(BUCKETS - 1)).astype(numpy.intp)


def _named(name: str, offset: int) -> str:
    return f"{name}{offset:+d}" if offset else name


_OFFSETS = numpy.arange(-_REACH, _REACH + 1)[:, None]
_FIRST = Templates(FIRST_TEMPLATES, [_named(n, k) for k in range(-_REACH, _REACH + 1) for n in (*_ATTRIBUTES, "")], 0)
_SECOND = Templates(SECOND_TEMPLATES, [_named(n, k) for k in range(-_REACH, _REACH + 1) for n in ("tag", "")], 100)


class Features:
    """Hashed feature indices for each token of a Doc that may be part of a name.

    ``common``: lowercase words of the training text (a word seen lowercase is rarely a name). ``lexicons``: the
    gazetteers' words by lexicon, as a model was trained with them (default: ``lexicon_words()``, today's).
    """

    def __init__(self, common: Iterable[str], lexicons: dict[str, Iterable[str]] | None = None):
        self.flags = numpy.zeros(_FLAG_SLOTS, dtype=numpy.uint8)
        self.lexicons = {name: set(words) for name, words in (lexicons or lexicon_words()).items()}
        lexicons = {**self.lexicons, "common": set(common)}
        for bit, name in enumerate(LEXICONS):
            slots = numpy.array([hash_string(w) for w in lexicons[name]], dtype=numpy.uint64) & _SLOT_MASK
            self.flags[slots] |= numpy.uint8(1 << bit)
        self._name_part = numpy.uint8(1 << LEXICONS.index("honorific") | 1 << LEXICONS.index("particle"))

    def first(self, doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The tokens to label (indices) and their first-stage feature indices, one row each."""
        n = len(doc)
        # each token's attributes (as _ATTRIBUTES names them) and a zero, with two rows of zeros either side
        rows = numpy.zeros((n + 2 * _REACH, len(_ATTRIBUTES) + 1), dtype=numpy.uint64)
        attributes = doc.to_array([LOWER, SHAPE, PREFIX, SUFFIX, ORTH])
        rows[_REACH:-_REACH, :4] = attributes[:, :4]
        low, shape, orth = attributes[:, 0], attributes[:, 1], attributes[:, 4]
        slot = (low & _SLOT_MASK).astype(numpy.intp)
        flags = self.flags[slot]
        seen = numpy.zeros(1 << 16, dtype=numpy.uint8)  # words this article writes in lowercase, by hash
        seen[slot[orth == low] & 0xFFFF] = 1 << len(LEXICONS)
        flags |= seen[slot & 0xFFFF]
        rows[_REACH:-_REACH, 4] = flags
        kind = shape[:, None] == _PLAIN_SHAPES
        plain = (kind[:, :4].any(axis=1) & (flags & self._name_part == 0)) | kind[:, 4:].any(axis=1)
        # a lowercase word can sit inside a name or an organisation only between two words that are not
        upper = ~plain
        upper[1:-1] |= upper[:-2] & upper[2:]
        at = numpy.flatnonzero(upper)
        return at, _FIRST.hashed(_around(rows, at)).T

    @staticmethod
    def second(first: numpy.ndarray, at: numpy.ndarray, tags: numpy.ndarray, n: int) -> numpy.ndarray:
        """Second-stage features: the first stage's, plus its tags (``tags`` for the tokens ``at``) around
        each token."""
        rows = numpy.zeros((n + 2 * _REACH, 2), dtype=numpy.uint64)
        rows[at + _REACH, 0] = tags + 1
        return numpy.concatenate([first.T, _SECOND.hashed(_around(rows, at))]).T


def _around(rows: numpy.ndarray, at: numpy.ndarray) -> numpy.ndarray:
    """The source matrix of the tokens ``at``: each column of ``rows`` (one row per token, ``_REACH`` rows of zeros
    either side) at each offset, one row each in the order the template sources are named; a column per token."""
    return rows[at + _REACH + _OFFSETS].transpose(0, 2, 1).reshape(len(_OFFSETS) * rows.shape[1], len(at))


def scores(weights: numpy.ndarray, features: numpy.ndarray) -> numpy.ndarray:
    """Each row's score for each tag: the sum of the weights of its features. ``weights`` has a row per bucket;
    ``features`` a row per token, a column per template. ``numpy.take`` along rows of weights, summed template
    by template over contiguous blocks, runs about ten times faster than ``weights[features].sum(axis=1)``.
    """
    return numpy.take(weights, features.T, axis=0).sum(axis=0)


def decode(tags: numpy.ndarray) -> list[tuple[int, int, str]]:
    """Entities (token start, end, label) from one BIO tag index per token; an I after another type starts one.

    >>> decode(numpy.array([0, 1, 2, 0, 4, 4, 5]))
    [(1, 3, 'PER'), (4, 6, 'ORG'), (6, 7, 'LOC')]
    """
    kind = (tags + 1) // 2
    tagged = kind > 0
    # a token continues the entity before it where it is an I of the same type
    goes_on = numpy.zeros(len(tags), dtype=numpy.bool_)
    goes_on[1:] = (tags[1:] % 2 == 0) & tagged[1:] & (kind[1:] == kind[:-1])
    last = tagged.copy()
    last[:-1] &= ~goes_on[1:]
    starts, ends = numpy.flatnonzero(tagged & ~goes_on), numpy.flatnonzero(last) + 1
    return [(s, e, TYPES[k]) for s, e, k in zip(starts.tolist(), ends.tolist(), kind[starts].tolist(), strict=True)]


class PerceptronNer:
    """The two weight tables and the features they read; ``tag(doc)`` gives a BIO tag index per token.

    The model keeps the lexicons it was trained with: an edit to a gazetteer changes the rules at once, and the
    NER's features only when it is trained again.
    """

    def __init__(self, first: numpy.ndarray, second: numpy.ndarray, common: Iterable[str],
                 lexicons: dict[str, Iterable[str]] | None = None):
        self.first, self.second = first, second
        self.common = sorted(common)
        self.features = Features(self.common, lexicons)

    def tag(self, doc: Doc) -> numpy.ndarray:
        tags = numpy.zeros(len(doc), dtype=numpy.intp)
        if not len(doc):
            return tags
        at, first = self.features.first(doc)
        guess = scores(self.first, first).argmax(axis=1)
        second = Features.second(first, at, guess, len(doc))
        tags[at] = scores(self.second, second).argmax(axis=1)
        return tags

    def entities(self, doc: Doc) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` token spans of the entities in ``doc``."""
        return decode(self.tag(doc))

    def save(self, path: Path | str) -> None:
        """Write the model to ``path`` (a ``.npz`` file; weights as float16, which loses nothing the
        tags depend on in practice)."""
        lexicons = {f"lexicon_{name}": numpy.array(sorted(words), dtype=str)
                    for name, words in self.features.lexicons.items()}
        numpy.savez_compressed(path, first=self.first.astype(numpy.float16), second=self.second.astype(numpy.float16),
                               common=numpy.array(self.common), buckets=numpy.array(BUCKETS), **lexicons)

    @classmethod
    def load(cls, path: Path | str) -> PerceptronNer:
        with numpy.load(path) as data:
            if int(data["buckets"]) != BUCKETS:
                raise ValueError(f"{path}: a model of {int(data['buckets'])} buckets, this pantau reads {BUCKETS}")
            missing = [name for name in GAZETTEERS if f"lexicon_{name}" not in data]
            if missing:
                raise ValueError(f"{path}: no {', '.join(missing)} lexicon in the model (train it again with "
                                 "`pantau train --backend perceptron`)")
            lexicons = {name: data[f"lexicon_{name}"].tolist() for name in GAZETTEERS}
            return cls(data["first"].astype(numpy.float32), data["second"].astype(numpy.float32),
                       data["common"].tolist(), lexicons)


@cache
def load_model(path: str | None = None) -> PerceptronNer:
    """The perceptron NER at ``path`` (default: the one shipped in ``models/perceptron/model.npz``)."""
    if path is None:
        from models import PERCEPTRON_MODEL

        path = str(PERCEPTRON_MODEL)
    if not Path(path).is_file():
        raise FileNotFoundError(f"no perceptron NER at {path} (train one with `pantau train --backend perceptron`)")
    return PerceptronNer.load(path)


@Language.factory("pantau_perceptron_ner", default_config={"model": None})
class PerceptronNerComponent:
    """Tags PER, ORG and LOC with the perceptron NER (``model``: a ``.npz`` file; ``None``: the shipped one)."""

    def __init__(self, nlp: Language, name: str, model: str | None):
        self.name = name
        self.model = load_model(model)

    def __call__(self, doc: Doc) -> Doc:
        return add_entities(doc, self.model.entities(doc))

    def score(self, examples, **kwargs) -> dict:
        """Entity precision, recall and F1, per type too (what ``nlp.evaluate`` reports)."""
        return get_ner_prf(examples)
