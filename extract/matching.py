"""Fast whole-word search with Python's ``re``.

``re`` scans quickly only when a pattern starts with literal characters: it then skips to the places
where they occur. A pattern that starts with ``\\b`` or ``(?<!\\w)`` is tried at every position, many
times slower on an article. ``WordFinder`` puts the literal words first and checks the boundary before
each match afterwards, with the same result as ``(?<!\\w)(?:word|word)(?!\\w)``.

>>> finder = WordFinder(["Bupati", "Kepala"])
>>> [m.group(0) for m in finder.finditer("Kepala Dinas dan Wakil Bupati, bukan Subupati.")]
['Kepala', 'Bupati']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_WORD_CHAR = re.compile(r"\w")


def at_word_start(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` is not preceded by a word character."""
    return not at or not _WORD_CHAR.match(text, at - 1)


class WordFinder:
    """Every occurrence of one of ``words`` as a whole word (longest word first where several match)."""

    def __init__(self, words: Iterable[str], flags: int = 0):
        alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        self.pattern = re.compile(rf"(?:{alternatives})(?!\w)", flags)

    def finditer(self, text: str) -> Iterator[re.Match]:
        at = 0
        while (m := self.pattern.search(text, at)) is not None:
            if at_word_start(text, m.start()):
                yield m
                at = m.end()
            else:  # inside a longer word: look again from the next character
                at = m.start() + 1

    def search(self, text: str) -> re.Match | None:
        """The first whole-word occurrence, or None."""
        return next(self.finditer(text), None)
