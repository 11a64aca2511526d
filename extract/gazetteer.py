"""Gazetteers read from ``extract/data/``: regions with codes, titles, organisations, name parts.

>>> regions().lookup("Kalteng").name
'Kalimantan Tengah'
>>> [m.region.name for m in regions().find("Pemkab Kapuas dan Kota Palangkaraya")]
['Kabupaten Kapuas', 'Kota Palangka Raya']
>>> canonical_org("BPJamsostek Banjarmasin")
'BPJS Ketenagakerjaan Banjarmasin'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import compress, count, repeat
from typing import NamedTuple

from extract.matching import is_word_char, split_words
from extract.resources import load_csv, load_yaml

#: Words written before a region's name that say which kind of region it is.
KIND_PREFIXES = {
    "kota": ("Kota", "Pemkot", "Pemerintah Kota", "Wali Kota", "Walikota"),
    "kabupaten": ("Kabupaten", "Kab.", "Kab", "Pemkab", "Pemerintah Kabupaten", "Bupati"),
    "provinsi": ("Provinsi", "Prov.", "Pemprov", "Pemerintah Provinsi", "Gubernur"),
}
_WORD = re.compile(r"[A-Z][\w'’.-]*(?:/[A-Z][\w'’.-]*)?")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str
    short_name: str
    province_code: str
    province: str
    lat: float | None
    lon: float | None


class RegionMention(NamedTuple):
    """A region named in text: where (``start``, ``end``), as written, and which region. (A NamedTuple, made
    faster than a frozen dataclass: every article names several.)"""

    start: int
    end: int
    text: str
    region: Region


class Regions:
    """All provinces and kabupaten/kota, found in text by name, short name, alias or prefixed name."""

    def __init__(self, rows, aliases):
        self.by_code = {}
        for row in rows:
            lat, lon = row.get("lat"), row.get("lon")
            self.by_code[row["code"]] = Region(
                row["code"], row["name"], row["kind"], row["short_name"], row["province_code"],
                row["province"], float(lat) if lat else None, float(lon) if lon else None,
            )
        self._surface: dict[tuple[str, ...], list[Region]] = {}
        for region in self.by_code.values():
            self._add(region.name, region)
            self._add(region.short_name, region)
            for prefix in KIND_PREFIXES[region.kind]:
                self._add(f"{prefix} {region.short_name}", region)
        for row in aliases:
            region = self.by_code.get(row["code"])
            if region:
                self._add(row["alias"], region)
                if region.kind != "provinsi" or len(row["alias"].split()) > 1:
                    for prefix in KIND_PREFIXES[region.kind]:
                        self._add(f"{prefix} {row['alias']}", region)
        #: For each word a name starts with, the lengths (in words) of the names it starts, longest first.
        self._lengths: dict[str, tuple[int, ...]] = {}
        for key in self._surface:
            self._lengths[key[0]] = tuple(sorted({len(key), *self._lengths.get(key[0], ())}, reverse=True))

    def words(self) -> set[str]:
        """Every word of every name, short name, prefixed name and alias of a region (``Palangka``, ``Kalteng``)."""
        return {word for key in self._surface for word in key}

    def name_lengths(self, word: str) -> tuple[int, ...]:
        """How many words long the names that start with ``word`` are, longest first:
        ``regions().name_lengths("Palangka") == (2,)``; ``()`` when no name starts with it."""
        return self._lengths.get(word.rstrip("."), ())

    def _add(self, surface: str, region: Region) -> None:
        key = tuple(_tokens(surface))
        bucket = self._surface.setdefault(key, [])
        if region not in bucket:
            bucket.append(region)

    def lookup(self, name: str, province: str | None = None) -> Region | None:
        """The region a name means (``"Kab. Kapuas"``, ``"HSS"``, ``"Palangkaraya"``), or None.

        A bare name shared by a kabupaten and a kota (``Banjar``) prefers the one in ``province``
        (a province code), then the kabupaten.
        """
        candidates = self._surface.get(tuple(_tokens(name.strip())))
        return self._choose(candidates, province) if candidates else None

    def _choose(self, candidates: list[Region], province: str | None) -> Region:
        if len(candidates) == 1:
            return candidates[0]
        if province:
            local = [r for r in candidates if r.province_code == province]
            if local:
                candidates = local
        order = {"provinsi": 0, "kabupaten": 1, "kota": 2}
        return min(candidates, key=lambda r: order[r.kind])

    def find(self, text: str, province: str | None = None) -> list[RegionMention]:
        """Every region named in ``text``, longest name first, left to right."""
        if not text:
            return []
        words, starts = _capitalised_words(text)
        found, i = [], 0
        lengths, surface = self._lengths, self._surface
        for at in list(compress(count(), map(lengths.__contains__, words))):  # the words a name can start with
            if at < i or (starts[at] and is_word_char(text[starts[at] - 1])):
                continue  # inside the name found last, or inside a word ("detikJabar")
            for n in lengths[words[at]]:
                chunk = (words[at],) if n == 1 else tuple(words[at:at + n])
                candidates = surface.get(chunk) if len(chunk) == n else None
                if candidates and (n == 1 or _spaced_only(text, chunk, starts[at:at + n])):
                    start, end = starts[at], starts[at + n - 1] + len(chunk[-1])
                    found.append(RegionMention(start, end, text[start:end], self._choose(candidates, province)))
                    i = at + n
                    break
        return found

    def province_of(self, region: Region) -> Region:
        return self.by_code.get(region.province_code, region)


def _spaced_only(text: str, words: tuple[str, ...], starts: list[int]) -> bool:
    """Whether only spaces (or a full stop, ``Kab. Kapuas``) separate these words (at ``starts``): the words
    of one name."""
    return all(text[a + len(w):b].strip() in ("", ".") for w, a, b in zip(words, starts, starts[1:], strict=False))


#: A capitalised word, as ``split_words`` reads it.
_WORD_GROUP = re.compile("(" + _WORD.pattern + ")")


def _capitalised_words(text: str) -> tuple[list[str], list[int]]:
    """The capitalised words (a final full stop dropped) and their offsets: ``(["Pemkab", "Kapuas"], [0, 7])``."""
    words, starts, _ = split_words(_WORD_GROUP, text)
    return list(map(str.rstrip, words, repeat("."))), starts


def _tokens(text: str) -> list[str]:
    return [t.rstrip(".") for t in text.replace(",", " ").split()]


@cache
def regions() -> Regions:
    """The regions gazetteer (38 provinces, 514 kabupaten/kota), loaded once."""
    return Regions(load_csv("regions.csv"), load_csv("region_aliases.csv"))


@cache
def titles() -> dict:
    """``titles.yml``: ``prefixes``, ``heads`` and ``words`` of office titles."""
    return load_yaml("titles.yml")


@cache
def organizations() -> dict:
    """``organizations.yml``: ``canonical`` names with aliases, ``heads``, ``not_person``."""
    return load_yaml("organizations.yml")


@cache
def names() -> dict:
    """``names.yml``: honorifics, degree suffixes, name particles, epithets, pronouns."""
    return load_yaml("names.yml")


@cache
def _org_aliases() -> list[tuple[re.Pattern, str]]:
    pairs = []
    for canonical, aliases in organizations()["canonical"].items():
        for alias in aliases or []:
            pairs.append((alias, canonical))
    pairs.sort(key=lambda p: -len(p[0]))
    return [(re.compile(rf"(?<!\w){re.escape(a)}(?!\w)"), c) for a, c in pairs]


def canonical_org(name: str | None) -> str | None:
    """Write an organisation the one way: its aliases (BPJamsostek, BPJS TK) become its canonical name."""
    if not name:
        return name
    for pattern, canonical in _org_aliases():
        if pattern.search(name):
            return pattern.sub(canonical, name, count=1)
    return name
