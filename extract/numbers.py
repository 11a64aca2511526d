"""Indonesian numerals: digits with dot thousands, comma decimals, scale words, number words, ranks.

>>> parse_number("32.154")
32154
>>> parse_number("1,4 juta")
1400000
>>> parse_number("dua puluh satu")
21
>>> parse_rank("peringkat dua")
2
>>> format_number(1400000)
'1.400.000'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extract.matching import FastPattern, ascii_words

UNITS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}
SE_WORDS = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000, "sejuta": 1_000_000}
SCALES = {"ribu": 1_000, "rb": 1_000, "juta": 1_000_000, "jt": 1_000_000,
          "miliar": 1_000_000_000, "milyar": 1_000_000_000, "triliun": 1_000_000_000_000}
ORDINALS = {"pertama": 1, **{"ke" + w: n for w, n in UNITS.items() if n > 1},
            "kesepuluh": 10, "kesebelas": 11}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}

_WORD = r"(?:nol|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|sebelas|seratus|seribu|sejuta" \
        r"|belas|puluh|ratus|ribu|juta|miliar|milyar|triliun)"
_SCALE = r"(?:ribu|rb|juta|jt|miliar|milyar|triliun)"
_DIGITS = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

#: A number as Indonesian news writes it: digits (optionally with a scale word) or a run of number words.
_NUMBER = (rf"(?<![\w.,/])(?:(?P<digits>{_DIGITS})(?:\s*(?P<scale>{_SCALE})\b)?"
           rf"|(?P<words>\b{_WORD}(?:\s+{_WORD})*\b))(?![\w/-]|[.,]\d)")
NUMBER_RE = re.compile(_NUMBER, re.IGNORECASE)
#: ``NUMBER_RE`` for lowercased text: the same matches, without case-blind matching.
_NUMBER_LOWER = re.compile(_NUMBER)

#: What follows a rank word as the rank itself: "2", "II", "kedua", "dua", "keenam" (the longest word first).
_RANK_WORDS = sorted([*ORDINALS, *(word for word, n in UNITS.items() if n)], key=len, reverse=True)
RANK_WORD = rf"(?:\d+|[IVX]+\b|{'|'.join(_RANK_WORDS)})"
RANK_RE = FastPattern(
    rf"\b(?P<head>peringkat|juara|terbaik|rangking|ranking|posisi|urutan)\s+(?:ke-?\s?)?(?P<rank>{RANK_WORD})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMatch:
    """A number found in text: its value, its character span, and whether it was a percentage."""

    value: int | float
    start: int
    end: int
    text: str


def _digits_value(digits: str) -> Decimal:
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", digits):
        digits = digits.replace(".", "")
    return Decimal(digits.replace(",", "."))


def words_to_number(text: str) -> int | None:
    """Read Indonesian number words: ``words_to_number("tiga belas") == 13``; None if not a number."""
    total = current = last = 0
    previous = ""
    for word in text.lower().split():
        if word in UNITS:
            if previous in UNITS or previous == "belas":
                return None  # "dua tiga" is a range, not a number
            current += UNITS[word]
            last = UNITS[word]
        elif word in ("sepuluh", "sebelas", "seratus"):
            current += SE_WORDS[word]
            last = SE_WORDS[word]
        elif word in ("belas", "puluh", "ratus"):
            if previous not in UNITS:
                return None
            factor = {"belas": None, "puluh": 10, "ratus": 100}[word]
            grown = last + 10 if factor is None else last * factor
            current += grown - last
            last = grown
        elif word in ("seribu", "sejuta"):
            total += SE_WORDS[word]
        elif word in SCALES:
            if not previous or previous in SCALES:
                return None
            if SCALES[word] == 1000:
                total += (current or 1) * 1000
            else:
                total = (total + (current or 1)) * SCALES[word]
            current = last = 0
        else:
            return None
        previous = word
    return total + current if previous else None


def _as_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def parse_number(text: str) -> int | float | None:
    """The value of one Indonesian number: ``parse_number("2,5 ribu") == 2500``; None if it is not one."""
    m = NUMBER_RE.fullmatch(text.strip())
    if not m:
        return None
    return _match_value(m)


def _match_value(m: re.Match) -> int | float | None:
    if m.group("digits"):
        value = _digits_value(m.group("digits"))
        if m.group("scale"):
            value *= SCALES[m.group("scale").lower()]
        return _as_number(value)
    return words_to_number(m.group("words"))


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number in ``text`` with its span: ``find_numbers("1,4 juta pekerja")[0].value == 1400000``."""
    found = []
    lower = text.lower()
    if lower.isascii():
        matches = _matches_at_starts(lower)
    else:  # a few characters change length when lowercased ("İ"); the offsets must stay the text's
        matches = _NUMBER_LOWER.finditer(lower) if len(lower) == len(text) else NUMBER_RE.finditer(text)
    for m in matches:
        value = _match_value(m)
        if value is None or (m.group("words") or "").lower() == "nol":
            continue
        found.append(NumberMatch(value, m.start(), m.end(), text[m.start():m.end()]))
    return found


#: The number words, as ``ascii_words`` gives them.
_NUMBER_WORDS = frozenset(word.encode() for word in re.findall(r"\w+", _WORD))
_DIGITS_RUN = re.compile(r"\d+")


def _matches_at_starts(lower: str) -> list[re.Match]:
    """What ``_NUMBER_LOWER.finditer(lower)`` finds in lowercased ASCII text, tried only where a number can
    start: a run of digits, or a number word written whole. The scan that tries every position is the
    slow part of finding numbers; digits and words are found faster than it moves. Text with neither is
    left at once."""
    starts = {m.start() for m in _DIGITS_RUN.finditer(lower)}
    for word in _NUMBER_WORDS.intersection(ascii_words(lower)):
        written = word.decode()
        at = lower.find(written)
        while at != -1:
            starts.add(at)
            at = lower.find(written, at + 1)
    found, end = [], 0
    for at in sorted(starts):
        m = _NUMBER_LOWER.match(lower, at) if at >= end else None  # as finditer, after the match before
        if m:
            found.append(m)
            end = m.end()
    return found


def parse_ordinal(word: str) -> int | None:
    """``parse_ordinal("kedua") == 2``, ``parse_ordinal("II") == 2``, ``parse_ordinal("ke-3") == 3``."""
    w = word.strip()
    if w in ROMAN:
        return ROMAN[w]
    low = w.lower().replace("ke-", "").replace("ke ", "")
    if low.isdigit():
        return int(low)
    if low in ORDINALS:
        return ORDINALS[low]
    if w.lower() in ORDINALS:
        return ORDINALS[w.lower()]
    return UNITS.get(low)


def parse_rank(text: str) -> int | None:
    """The rank a phrase states: ``parse_rank("juara I") == 1``, ``parse_rank("terbaik kedua") == 2``."""
    m = RANK_RE.search(text)
    return parse_ordinal(m.group("rank")) if m else None


def format_number(value: int | float, decimals: int = 1) -> str:
    """Write a number the Indonesian way: dots between thousands, a comma before decimals.

    >>> format_number(32154), format_number(2.5)
    ('32.154', '2,5')
    """
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    whole, frac = f"{value:.{decimals}f}".split(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac
