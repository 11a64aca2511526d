"""An Indonesian tokenizer that loads in milliseconds.

spaCy's Indonesian tokenizer lists about 15,600 hyphenated words (``anak-anak``, ``sehari-hari``) as
special cases so that its hyphen infix rule does not split them; building those cases takes seconds at
every start. This tokenizer keeps the same prefix, suffix and other infix rules, does not split a hyphen
between letters (so every reduplicated word stays whole, listed or not), and keeps only the short
exceptions (abbreviations such as ``a.``).

>>> import spacy
>>> nlp = spacy.blank("id", config={"nlp": {"tokenizer": {"@tokenizers": "pantau.indonesian_tokenizer.v1"}}})
>>> [t.text for t in nlp("Anak-anak di Kabupaten/Kota ke-2 itu, kata H. Budi.")]
['Anak-anak', 'di', 'Kabupaten/Kota', 'ke-2', 'itu', ',', 'kata', 'H.', 'Budi', '.']
"""

from __future__ import annotations

import re

import spacy
from spacy.lang.id import Indonesian
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

#: Words whose joining hyphen or slash is part of the word: infix rules that would split them are dropped.
KEEP_WHOLE = ("anak-anak", "Kabupaten/Kota", "ke-2")


class KeepTextTokenizer(Tokenizer):
    """spaCy's Tokenizer that also keeps the text on the Doc: ``doc_text(doc)`` reads it there instead of
    rebuilding ``doc.text`` from every token."""

    def __call__(self, text):
        doc = super().__call__(text)
        doc.user_data["pantau_text"] = text
        return doc


def doc_text(doc) -> str:
    """The Doc's text: as ``KeepTextTokenizer`` kept it, else ``doc.text`` (rebuilt from every token)."""
    return doc.user_data.get("pantau_text") or doc.text


@spacy.registry.tokenizers("pantau.indonesian_tokenizer.v1")
def create_tokenizer():
    defaults = Indonesian.Defaults

    def make(nlp):
        infixes = [p for p in defaults.infixes if not any(re.search(p, w) for w in KEEP_WHOLE)]
        exceptions = {k: v for k, v in defaults.tokenizer_exceptions.items() if "-" not in k}
        return KeepTextTokenizer(
            nlp.vocab,
            rules=exceptions,
            prefix_search=compile_prefix_regex(defaults.prefixes).search,
            suffix_search=compile_suffix_regex(defaults.suffixes).search,
            infix_finditer=compile_infix_regex(infixes).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
        )

    return make
