"""Fast scans with Python's ``re``.

``re`` scans quickly only when a pattern starts with literal characters: it then skips to the places
where they occur. A pattern that starts with ``\\b`` or ``(?<!\\w)`` is tried at every position, many
times slower on an article. ``WordPattern`` drops a leading ``\\b`` from the pattern and checks it after
each match instead; ``WordFinder`` is one for a list of whole words.

>>> finder = WordFinder(["Bupati", "Kepala"])
>>> [m.group(0) for m in finder.finditer("Kepala Dinas dan Wakil Bupati, bukan Subupati.")]
['Kepala', 'Bupati']
>>> whole_words(["Budi", "Budi Santoso", "Santoso"], "Pak Budi Santoso dan Budiman Santoso.")
[(4, 'Budi Santoso'), (29, 'Santoso')]
>>> tiled_words(re.compile(r"(\\w+)"), " Dinas  Sosial")
[('Dinas', 1, 6), ('Sosial', 8, 14)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import accumulate, repeat

_WORD_CHAR = re.compile(r"\w")


def at_word_start(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` is not preceded by a word character."""
    return not at or not _WORD_CHAR.match(text, at - 1)


class WordPattern:
    """A regular expression whose leading ``\\b`` (before a word character) is checked after each match, so
    that the pattern starts with its literal text; the matches are those of the pattern as written."""

    def __init__(self, pattern: str, flags: int = 0):
        self.bounded = pattern.startswith(r"\b")
        self.pattern = re.compile(pattern.removeprefix(r"\b"), flags)
        #: Text every match starts with: where it does not occur (``in`` finds that fastest), nothing matches.
        self.literal = "" if flags & (re.IGNORECASE | re.VERBOSE) else literal_prefix(pattern.removeprefix(r"\b"))

    def finditer(self, text: str) -> Iterator[re.Match]:
        if self.literal not in text:
            return
        if not self.bounded:
            yield from self.pattern.finditer(text)
            return
        at = 0
        while (m := self.pattern.search(text, at)) is not None:
            if at_word_start(text, m.start()):
                yield m
                at = max(m.end(), m.start() + 1)
            else:  # inside a longer word: look again from the next character
                at = m.start() + 1

    def search(self, text: str) -> re.Match | None:
        """The first match, or None."""
        return next(self.finditer(text), None)

    def count(self, text: str) -> int:
        """How many matches ``text`` holds."""
        return sum(1 for _ in self.finditer(text)) if self.literal in text else 0


def literal_prefix(pattern: str) -> str:
    """The plain text (letters, digits, spaces) every match of ``pattern`` starts with; ``""`` where there is
    none or the pattern is not simple enough to tell: ``literal_prefix(r"bpjs\\s*tk") == "bpjs"``,
    ``literal_prefix("jkn?") == "jk"``, ``literal_prefix("jkk|jkm") == ""``."""
    if _alternatives_at_top(pattern):
        return ""
    prefix = ""
    for char in pattern:
        if not (char.isascii() and (char.isalnum() or char == " ")):
            return prefix[:-1] if char in "?*{" else prefix  # "jkn?": the last letter may be missing
        prefix += char
    return prefix


def _alternatives_at_top(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside every group (brackets and escapes skipped; unsure means yes)."""
    depth, in_class, escaped = 0, False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth <= 0:
            return True
    return False


class WordFinder(WordPattern):
    """Every occurrence of one of ``words`` as a whole word (longest word first where several match).

    The words are written as a trie (``Ka(?:b(?:ag|id)|des)``), which matches what the alternation of the
    words, longest first, matches: the words that match at one place lie on one path of the trie, and each
    node tries the longer words below it before it ends a word. ``re`` then tries each letter once where it
    tried each word.
    """

    def __init__(self, words: Iterable[str]):
        super().__init__(rf"\b(?:{trie_pattern(words)})(?!\w)")


def trie_pattern(words: Iterable[str]) -> str:
    """A pattern for any of ``words``, longest first, written as a trie:
    ``trie_pattern(["Kabag", "Kabid", "Kades", "Ka"]) == "Ka(?:b(?:ag|id)|des)?"``."""
    trie: dict = {}
    for word in filter(None, words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def written(node: dict) -> str:
        branches = [re.escape(char) + written(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return body
        return body + "?" if len(branches) > 1 else f"(?:{body})?"  # a word ends here: longer ones first

    return written(trie)


def whole_words(words: Iterable[str], text: str) -> list[tuple[int, str]]:
    """Where ``words`` occur in ``text`` as whole words: ``(offset, word)``, left to right, the longest where
    several start together, none overlapping; what ``WordFinder(words).finditer(text)`` finds. For a list
    that changes with every text (the people an article names): compiling a pattern for it takes longer
    than looking for each word with ``str.find``."""
    longest: dict[int, str] = {}
    for word in set(filter(None, words)):
        at = text.find(word)
        while at != -1:
            end = at + len(word)
            if at_word_start(text, at) and not _WORD_CHAR.match(text, end) and len(word) > len(longest.get(at, "")):
                longest[at] = word
            at = text.find(word, at + 1)
    found, end = [], 0
    for at in sorted(longest):
        if at >= end:
            found.append((at, longest[at]))
            end = at + len(longest[at])
    return found


#: ASCII bytes to themselves where they are word characters (``\\w``), to a space where they are not.
_ASCII_WORD_BYTES = bytes(b if chr(b).isalnum() or chr(b) == "_" else 32 for b in range(128)) + bytes(range(128, 256))


def ascii_words(text: str) -> list[bytes]:
    """The words (``\\w+``) of an ASCII ``text``, as bytes: ``bytes.translate`` and ``split`` do it about twice as
    fast as ``re.findall(r"\\w+", text)``. ``ascii_words("Kota Baru, 2") == [b"Kota", b"Baru", b"2"]``."""
    return text.encode("ascii").translate(_ASCII_WORD_BYTES).split()


def split_words(word: re.Pattern, text: str) -> tuple[list[str], list[int], list[int]]:
    """Each match of ``word`` (a pattern that is one group around the word) and its offsets, as ``finditer``
    finds them, in three lists: words, starts, ends. ``word.split(text)`` alternates what lies between words
    and the words, and the lengths of those pieces give the offsets: several times faster than a Match
    object per word."""
    pieces = word.split(text)
    offsets = list(accumulate(map(len, pieces)))  # word start, word end, word start, ... , text end
    return pieces[1::2], offsets[0:-1:2], offsets[1::2]


def tiled_words(word: re.Pattern, text: str, as_tuple: type[tuple] = tuple) -> list[tuple[str, int, int]]:
    """``split_words`` as one (word, start, end) tuple per word. ``as_tuple``: a tuple type (a NamedTuple of
    text, start, end) to make each, made by ``tuple.__new__`` from C without calling the NamedTuple's own
    ``__new__`` in Python."""
    return list(map(tuple.__new__, repeat(as_tuple), zip(*split_words(word, text), strict=True)))
