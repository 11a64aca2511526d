"""The extraction pipeline and the ``Extractor`` that runs it over one article.

>>> from extract import Extractor
>>> facts = Extractor().extract("Denpasar (ANTARA) - Kepala BPJamsostek Bali Denpasar, Cep Nandi hadir.")
>>> facts.relevant, facts.outlet, [o.name for o in facts.officials]
(True, 'ANTARA', ['Cep Nandi'])
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

import extract.tokenizer  # noqa: F401  (registers the tokenizer)
from extract.components import article_region  # (importing it registers the components)
from extract.facts import ArticleFacts
from extract.ner import use_ner
from extract.relevance import is_relevant, relevance_hits, relevance_score
from extract.text import clean_text

CONFIG = Path(__file__).parent / "config.cfg"
#: Components whose output ``ArticleFacts`` does not read, skipped by ``Extractor``: sentence boundaries on the
#: Doc (``doc.sents``) serve whoever runs the pipeline directly; the rules split sentences on demand
#: (``extract.components.sentences``).
UNREAD = ("pantau_sentences",)
#: The NER ``Extractor`` uses unless told otherwise (see ``extract.ner.use_ner``).
DEFAULT_NER = "perceptron"
#: Longer than any news article (the longest real ones are about 50,000 characters).
MAX_CHARS = 1_000_000


class TextTooLong(ValueError):
    """An article text over ``MAX_CHARS`` characters: refused with a clear reason instead of a stall."""


def load_pipeline(config: Path | str = CONFIG) -> Language:
    """The spaCy pipeline described by ``config.cfg`` (blank Indonesian plus pantau's components)."""
    cfg = spacy.util.load_config(config)
    return spacy.util.load_model_from_config(cfg, auto_fill=True, validate=True)


class Extractor:
    """Cleans an article's text and extracts its facts.

    ``Extractor().extract(text)`` takes the text of one article (paragraphs on their own lines, as a
    page's main text or a ``.txt`` file holds it) and returns ``ArticleFacts``.
    ``ner`` picks the NER that runs before the rules: ``perceptron`` (the default, ``extract.ner_perceptron``),
    ``spacy`` (pantau's spaCy NER), ``spacy:PATH``, ``transformers:PATH`` (a local token-classification
    model) or ``off`` (rules alone).
    """

    def __init__(self, nlp: Language | None = None, ner: str | None = DEFAULT_NER):
        self.nlp = nlp or use_ner(load_pipeline(), ner)

    def extract(self, text: str, title: str | None = None, published: str | None = None,
                outlet: str | None = None, always_facts: bool = False) -> ArticleFacts:
        """Facts of one article; an article that is not relevant gets none unless ``always_facts``."""
        cleaned = clean_text(text, title=title)
        if len(cleaned.text) > MAX_CHARS:
            raise TextTooLong(f"article text of {len(cleaned.text):,} characters (more than {MAX_CHARS:,})")
        full = " ".join(filter(None, [cleaned.title, cleaned.text]))
        hits = relevance_hits(full)
        relevant = is_relevant(full, hits)
        keep = relevant or always_facts
        if keep:
            # the components are called here rather than by nlp(text), which rebuilds its list of them per call
            doc = self.nlp.make_doc(cleaned.text)
            for name, component in self.nlp.pipeline:
                if name not in UNREAD:
                    doc = component(doc)
            region = doc._.region
        else:  # an article that is not relevant needs its region, not its facts: no Doc, no tokens, no NER
            doc, region = None, article_region(cleaned.text)
        return ArticleFacts(
            relevant=relevant,
            relevance=relevance_score(full, hits),
            title=cleaned.title,
            published=published,
            outlet=outlet or cleaned.outlet,
            dateline=cleaned.dateline,
            region=region.name if region else None,
            credit=cleaned.credit,
            repeated_paragraphs=cleaned.repeated,
            paragraphs=cleaned.paragraphs,
            officials=doc._.officials if keep else [],
            counts=doc._.counts if keep else [],
            awards=doc._.awards if keep else [],
            quotes=doc._.quotes if keep else [],
        )


def shared_extractor(ner: str | None = None) -> Extractor:
    """One ``Extractor`` per NER in a process (``None``: ``DEFAULT_NER``): the command line loads it to check the
    NER works, and the crawl's item pipelines use that same one, so a model is loaded once."""
    return _extractor_for(ner or DEFAULT_NER)


@cache
def _extractor_for(ner: str) -> Extractor:
    return Extractor(ner=ner)
