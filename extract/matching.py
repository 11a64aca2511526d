"""Fast scans with Python's ``re``.

``re`` scans quickly only when a pattern starts with literal characters: it then skips to the places
where they occur. A pattern that starts with ``\\b`` or ``(?<!\\w)`` is tried at every position, many
times slower on an article. ``WordPattern`` drops a leading ``\\b`` from the pattern and checks it after
each match instead; ``WordFinder`` is one for a list of whole words, written as a trie. ``Prefilter`` reads
the strings every match of a pattern holds, so that ``FastPattern`` passes over text without them. A
Python object per word costs more than a scan: ``split_words``, ``tiled_words``, ``ascii_words`` and
``whole_words`` make as few as they can.

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
from re import _constants, _parser


def at_word_start(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` is not preceded by a word character."""
    return not at or not is_word_char(text[at - 1])


def is_word_char(char: str) -> bool:
    """Whether ``char`` is what ``\\w`` matches in ``re`` (a letter, digit or ``_``), without a pattern call."""
    return char.isalnum() or char == "_"


class Prefilter:
    """Strings of which every match of a pattern holds one, read from the parsed pattern, so that text holding
    none of them is passed over with ``in`` (many times faster than the scan): ``Prefilter(r"\\bjuara\\s+I",
    re.IGNORECASE).words == {"juara"}``. A pattern whose every match need hold no literal text (a class, an
    optional word) has no words and lets all text through. Where the pattern ignores case, the words are
    lowercase and only ASCII text is tested (case-blind matching has exceptions beyond ASCII, such as "K").
    """

    def __init__(self, pattern: str, flags: int = 0):
        try:
            parsed = _parser.parse(pattern, flags)
        except Exception:  # noqa: BLE001  (re's parser is internal: whatever it does, no prefilter is safe)
            parsed = None
        self.folded = bool(parsed and parsed.state.flags & re.IGNORECASE)
        words = (_required(parsed.data, self.folded) if parsed else None) or frozenset()
        # strings this short or this many are in most text, or take as long to look for as the scan: none
        worth = words and min(map(len, words)) >= _SHORTEST and len(words) <= _MOST
        self.words: frozenset[str] = words if worth else frozenset()
        self._one = next(iter(self.words)) if len(self.words) == 1 else None  # the common case, tested directly

    def allows(self, text: str) -> bool:
        """False only where no match can be: ``text`` holds none of the words."""
        if not self.words:
            return True
        if self.folded:
            if not text.isascii():
                return True
            text = _lowered(text)
        if self._one is not None:
            return self._one in text
        return any(word in text for word in self.words)


_last_lowered = ("", "")


def _lowered(text: str) -> str:
    """``text.lower()``, kept for the last text asked about (the very object): a rule's patterns are tried on
    one sentence or clause in turn, and each would lowercase it again. (One tuple, read and replaced whole,
    so that threads cannot mix two texts.)"""
    global _last_lowered
    last = _last_lowered
    if last[0] is text:
        return last[1]
    lowered = text.lower()
    _last_lowered = (text, lowered)
    return lowered


_SHORTEST, _MOST = 3, 24
_REPEATS = (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT)


def _required(items, folded: bool) -> frozenset[str] | None:
    """The most selective set of strings one of which every match of a parsed sequence holds, or None."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(words: frozenset[str] | None) -> None:
        nonlocal best
        if words and (best is None or _selectivity(words) > _selectivity(best)):
            best = words

    for op, av in [*items, (None, None)]:
        if op is _constants.LITERAL and (av < 128 or not folded):
            run.append(chr(av))  # a run of literal characters: every match holds it whole
            continue
        if run:
            consider(frozenset({"".join(run).lower() if folded else "".join(run)}))
            run = []
        if op is _constants.SUBPATTERN and not av[1] and not av[2]:  # a group that changes no flag
            consider(_required(av[3], folded))
        elif op is _constants.ATOMIC_GROUP:
            consider(_required(av, folded))
        elif op is _constants.BRANCH:
            alternatives = [_required(branch, folded) for branch in av[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))
        elif op in _REPEATS and av[0] >= 1:
            consider(_required(av[2], folded))
    return best


def _selectivity(words: frozenset[str]) -> tuple[int, int]:
    return min(map(len, words)), -len(words)


class FastPattern:
    """A compiled pattern behind a ``Prefilter``: ``search``, ``match``, ``fullmatch``, ``finditer``, ``sub`` and
    ``split`` give what the pattern gives, and pass over text that cannot match without scanning it.

    >>> FastPattern(r"\\b(?:meraih|menerima)\\b", re.IGNORECASE).search("Kota Bogor MERAIH Paritrana").group(0)
    'MERAIH'
    """

    def __init__(self, pattern: str, flags: int = 0):
        self.regex = re.compile(pattern, flags)
        self.prefilter = Prefilter(pattern, flags)

    def _allows(self, text: str, pos: int, endpos: int | None) -> bool:
        return self.prefilter.allows(text[pos:endpos] if pos or endpos is not None else text)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        if not self._allows(text, pos, endpos):
            return None
        return self.regex.search(text, pos) if endpos is None else self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        if not self._allows(text, pos, endpos):
            return None
        return self.regex.match(text, pos) if endpos is None else self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str) -> re.Match | None:
        return self.regex.fullmatch(text) if self.prefilter.allows(text) else None

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.regex.finditer(text) if self.prefilter.allows(text) else iter(())

    def sub(self, repl, text: str) -> str:
        return self.regex.sub(repl, text) if self.prefilter.allows(text) else text

    def split(self, text: str) -> list[str]:
        return self.regex.split(text) if self.prefilter.allows(text) else [text]


class WordPattern:
    """A regular expression whose leading ``\\b`` (before a word character) is checked after each match, so
    that the pattern starts with its literal text; the matches are those of the pattern as written. Text
    that holds none of the strings every match holds (``Prefilter``) is not scanned at all."""

    def __init__(self, pattern: str, flags: int = 0):
        self.bounded = pattern.startswith(r"\b")
        self.pattern = re.compile(pattern.removeprefix(r"\b"), flags)
        self.prefilter = Prefilter(pattern, flags)

    def finditer(self, text: str) -> Iterator[re.Match]:
        if not self.prefilter.allows(text):
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
        return next(self.finditer(text), None) if self.prefilter.allows(text) else None

    def count(self, text: str) -> int:
        """How many matches ``text`` holds."""
        return sum(1 for _ in self.finditer(text)) if self.prefilter.allows(text) else 0


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
            if at_word_start(text, at) and not (end < len(text) and is_word_char(text[end])) \
                    and len(word) > len(longest.get(at, "")):
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
