"""spaCy components that put pantau's rules into a pipeline (registered with ``@Language.factory``).

Each component reads the Doc (one article, paragraphs separated by blank lines) and writes its facts to
a Doc extension: ``doc._.officials``, ``doc._.counts``, ``doc._.awards``, ``doc._.quotes``, plus
``doc._.regions`` (region mentions) and ``doc._.region`` (the article's own region).

>>> from extract.pipeline import load_pipeline
>>> doc = load_pipeline()("Kepala Dinsos Kapuas, Yanmarto hadir.")
>>> [o.name for o in doc._.officials]
['Yanmarto']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from functools import cache

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from extract.awards import award_context, find_awards
from extract.counts import find_counts, merge_restated
from extract.gazetteer import Region, RegionMention, names, regions
from extract.numbers import find_numbers
from extract.officials import find_officials, merge_officials, title_starts
from extract.quotes import find_quotes
from extract.resources import load_yaml
from extract.text import find_dateline
from extract.tokenizer import doc_text

for _name in ("officials", "counts", "awards", "quotes", "regions", "region", "paragraph_spans", "ner"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def paragraphs(doc: Doc) -> list[tuple[int, str]]:
    """The Doc's paragraphs with their character offsets (the Extractor joins them with blank lines); split
    once and kept on the Doc for the components that read them."""
    if "pantau_paragraphs" not in doc.user_data:
        out, at = [], 0
        for part in doc_text(doc).split("\n\n"):
            if part.strip():
                out.append((at, part))
            at += len(part) + 2
        doc.user_data["pantau_paragraphs"] = out
    return doc.user_data["pantau_paragraphs"]


#: A sentence ends after ``.``, ``!`` or ``?`` and any closing quote or bracket, before a space and a word that
#: can start a sentence; and at every paragraph break. (The pattern starts with its punctuation mark, so
#: that ``re`` jumps from one to the next.)
_SENTENCE_END = re.compile(r"""[.!?]["')\]]*(?=\s+["'(\[]?[A-Z0-9])""")


def sentences(doc: Doc) -> list[tuple[int, str]]:
    """Sentences with their character offsets, never crossing a paragraph (set by ``pantau_sentences``)."""
    if "pantau_sentences" not in doc.user_data:
        doc.user_data["pantau_sentences"] = split_sentences(doc_text(doc))
    return doc.user_data["pantau_sentences"]


_PARAGRAPH_BREAK = re.compile("\n\n")


@cache
def _not_an_end() -> tuple[frozenset[str], re.Pattern]:
    """``sentences.yml``: the words whose full stop ends no sentence, and the pattern of a list item's number."""
    data, name_parts = load_yaml("sentences.yml"), names()
    honorifics = name_parts["honorifics"]
    dotted = {h[:-1] for h in honorifics["keep"] + honorifics["drop"] + name_parts["particles"]
              if h.endswith(".") and " " not in h}
    initials = {chr(c) for c in range(ord("A"), ord("Z") + 1)} - {"I", "V", "X"}
    words = "|".join(map(re.escape, data["list_words"]))
    item = re.compile(rf"(?:^|[,:;]|\b(?:{words}))\s*\d{{1,2}}$", re.MULTILINE | re.IGNORECASE)
    return frozenset(data["abbreviations"]) | dotted | initials, item


#: The word right before a full stop (the end of the text searched).
_LAST_WORD = re.compile(r"(?<!\w)\w{1,8}$")


def _ends_sentence(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` ends its sentence: not after an abbreviation, an initial or the
    number of a list item (``Dr. Heru``, ``Ahmad S. Budiman``, ``yakni 1. Desa Kemuja, 2. Desa Terong``)."""
    if text[stop] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, stop - 9), stop)
    if word is None:
        return True
    abbreviations, item = _not_an_end()
    if word.group(0) in abbreviations:
        return False
    return not (word.group(0).isdigit() and item.search(text, max(0, stop - 30), stop))


def split_sentences(text: str) -> list[tuple[int, str]]:
    """``split_sentences("Satu. Dua!")`` is ``[(0, 'Satu.'), (6, 'Dua!')]``; ``"Dr. Heru hadir."`` is one."""
    out, start = [], 0
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if _ends_sentence(text, m.start())]
    ends += [m.start() for m in _PARAGRAPH_BREAK.finditer(text)]
    for end in [*sorted(ends), len(text)]:
        piece = text[start:end]
        if piece.strip():
            out.append((start + len(piece) - len(piece.lstrip()), piece.strip()))
        start = end
    return out


@Language.factory("pantau_sentences")
class SentencesComponent:
    """Sentence boundaries from one regular expression over the text, written to the Doc as SENT_START
    (so ``doc.sents`` works) without walking its tokens in Python."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        spans = sentences(doc)
        starts = numpy.full(len(doc), -1, dtype="int64")
        offsets = doc.to_array("IDX")
        starts[numpy.searchsorted(offsets, [at for at, _ in spans]).clip(0, len(doc) - 1)] = 1
        starts[0] = 1
        doc.from_array(["SENT_START"], starts.astype("uint64").reshape(-1, 1))
        return doc


@Language.factory("pantau_regions")
class RegionsComponent:
    """Finds every region named in the article and the article's own region (dateline, else first named)."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc._.regions = regions().find(text)
        doc._.region = article_region(text, doc._.regions)
        return doc


def article_region(text: str, mentions: list[RegionMention] | None = None) -> Region | None:
    """An article's own region: its dateline's city, else the first region it names (``mentions``: the
    regions found in ``text``, where the caller has them).

    >>> article_region("Sampit (ANTARA) - Warga Kota Palangka Raya hadir.").name
    'Kabupaten Kotawaringin Timur'
    """
    gaz = regions()
    city, _, _ = find_dateline(text)
    own = gaz.lookup(city) if city else None
    if own is None:
        mentions = gaz.find(text) if mentions is None else mentions
        own = mentions[0].region if mentions else None
    return own


@Language.factory("pantau_officials")
class OfficialsComponent:
    """Officials introduced with an office, merged once per article with their fullest name."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ner = doc._.ner  # set when a NER runs before the rules (extract.ner)
        titled = title_starts(doc_text(doc))  # one scan of the text, not one per paragraph
        found = [o for at, p in paragraphs(doc) if _any_within(titled, at, at + len(p))
                 for o in find_officials(p, ner.spans_within(at, at + len(p), "PER") if ner else None, titled=True)]
        doc._.officials = merge_officials(found)
        return doc


def _any_within(offsets: list[int], start: int, end: int) -> bool:
    """Whether one of the sorted ``offsets`` lies in ``[start, end)``."""
    i = bisect_left(offsets, start)
    return i < len(offsets) and offsets[i] < end


@Language.factory("pantau_counts")
class CountsComponent:
    """Counts of people, workers, participants, enterprises and governments, each with its region."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        mentions = doc._.regions or []
        starts = [m.start for m in mentions]
        counts = []
        for at, paragraph in paragraphs(doc):
            numbers = find_numbers(paragraph)  # a paragraph's numbers are its sentences' (they end at [.!?])
            if not numbers:
                continue  # most paragraphs: no number, no count, and no need to split their sentences
            state: dict = {}  # the counted noun carries over within a paragraph only
            for offset, sentence in split_sentences(paragraph):
                end = offset + len(sentence)
                inside = [replace(n, start=n.start - offset, end=n.end - offset) for n in numbers
                          if offset <= n.start < end]
                if not inside:
                    continue
                for count in find_counts(sentence, state, inside):
                    count.region = _region_for(at + offset, at + end, mentions, starts, doc._.region)
                    counts.append(count)
        doc._.counts = merge_restated(counts)
        return doc


def _region_for(start: int, end: int, mentions, starts: list[int], fallback) -> str | None:
    """A sentence's region: one it names, else the last one named before it, else the article's.
    ``starts`` are the mentions' offsets, sorted (the mentions are in text order)."""
    i = bisect_left(starts, start)
    if i < len(mentions) and mentions[i].start < end:
        return mentions[i].region.name
    if i:
        return mentions[i - 1].region.name
    return fallback.name if fallback else None


@Language.factory("pantau_awards")
class AwardsComponent:
    """Award results and nominees, the edition and level filled from the article's first mention."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        ctx = award_context(doc_text(doc))
        if doc._.region is not None:
            ctx.province = doc._.region.province_code
        awards, seen = [], set()
        if ctx.award:
            for _, sentence in sentences(doc):
                for award in find_awards(sentence, ctx):
                    key = (award.recipient, award.rank, award.year, award.nominee)
                    if key not in seen:
                        seen.add(key)
                        awards.append(award)
        doc._.awards = awards
        return doc


@Language.factory("pantau_quotes")
class QuotesComponent:
    """Direct quotations with their speakers, resolved against the article's officials."""

    def __init__(self, nlp: Language, name: str):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        people = [o.name for o in doc._.officials or []]
        doc._.quotes = find_quotes([p for _, p in paragraphs(doc)], people, ner=doc._.ner)
        return doc
