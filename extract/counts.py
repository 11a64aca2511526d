"""Counts: numbers that count people, workers, participants, enterprises or governments.

Not money, not dates or years, not ranks, not regulation or phone numbers: a number is a count
only when a counted noun (``counts.yml``) follows it.

>>> [(c.value, c.unit, c.category, c.funding) for c in find_counts(
...     "Sebanyak 10.000 pekerja rentan didanai dari APBD dan Rp2,5 miliar untuk iuran.")]
[(10000, 'pekerja rentan', 'pekerja rentan', 'APBD')]
"""

from __future__ import annotations

import re
from functools import cache

from extract.facts import Count
from extract.matching import FastPattern
from extract.numbers import NumberMatch, find_numbers
from extract.resources import load_yaml

#: Words after an agent noun that are not part of what is counted ("2.310 pendulang yang ...").
_FUNCTION_WORDS = frozenset({"yang", "dan", "atau", "di", "ke", "dari", "dengan", "untuk", "pada", "telah", "sudah",
                             "akan", "itu", "ini", "tersebut", "serta", "juga", "kini", "masih", "agar", "sebagai",
                             "dalam", "oleh", "bagi", "hingga", "sampai", "tercatat", "terdaftar", "terlindungi"})


@cache
def _rules() -> dict:
    data = load_yaml("counts.yml")
    units = sorted(data["units"], key=lambda u: -len(u["phrase"]))
    fillers = "|".join(re.escape(f) for f in sorted(data["fillers"], key=len, reverse=True))
    # one alternative per unit, longest first, each with its own optional filler: the first that matches wins,
    # as if each were tried in turn, but in one call; a unit may carry the possessive "-nya" ("4.870 karyawannya")
    alternatives = [rf"(?:(?:{fillers})\s+)?(?P<u{k}>{re.escape(u['phrase'])})(?:nya)?(?![\w/])"
                    for k, u in enumerate(units)]
    # the same alternatives, in the same order, grouped by the word their phrase starts with
    by_word: dict[str, list[str]] = {}
    for alternative, unit in zip(alternatives, units, strict=True):
        first = _FIRST_WORD.match(unit["phrase"].lower())
        by_word.setdefault(first.group(1) if first else "", []).append(alternative)
    return {
        "units": re.compile(rf"\s*(?:{'|'.join(alternatives)})", re.IGNORECASE),
        "units_by_word": {w: re.compile(rf"\s*(?:{'|'.join(a)})", re.IGNORECASE) for w, a in by_word.items()},
        "filler_words": {_FIRST_WORD.match(f.lower()).group(1) for f in data["fillers"]},
        "unit_of": {f"u{k}": u for k, u in enumerate(units)},
        "implicit": re.compile(r"\s*(?:" + "|".join(f"(?:{p})" for p in data["implicit_worker_after"]) + ")",
                               re.IGNORECASE),
        # the patterns end at the number (``\s*$``): searched in the last characters before it only
        "not_before": re.compile("|".join(f"(?:{p})" for p in data["not_before"]), re.IGNORECASE),
        "not_after": re.compile("|".join(f"(?:{p})" for p in data["not_after"]), re.IGNORECASE),
        "year_after": re.compile(data["year_after"], re.IGNORECASE),
        "categories": [(FastPattern(c["pattern"], re.IGNORECASE), c["category"]) for c in data["categories"]],
        "shares": data["share_categories"],
        "public_funding": data["public_funding"],
        "share_before": FastPattern("|".join(f"(?P<s{k}>{b['pattern']})" for k, b in enumerate(data["share_before"])),
                                    re.IGNORECASE),
        "share_before_of": {f"s{k}": b["category"] for k, b in enumerate(data["share_before"])},
        # the first to match after the number wins, the earlier in the list where two start together: that is
        # how an alternation chooses, so one pattern finds it
        "funding": FastPattern("|".join(f"(?P<f{k}>{f['pattern']})" for k, f in enumerate(data["funding"])),
                               re.IGNORECASE),
        "funding_of": {f"f{k}": f["funding"] for k, f in enumerate(data["funding"])},
        "place_not_after": re.compile(data["place_not_after"], re.IGNORECASE),
        "agent": re.compile(rf"^\s*(?:(?:{fillers})\s+)?({data['agent_noun']})(?:\s+([a-z]{{4,}}))?\b"),
        "agent_not": set(data["agent_not"]),
    }


#: The first word after a number, as far as ``\w`` goes.
_FIRST_WORD = re.compile(r"\s*(\w+)")


def _units_for(rest: str) -> re.Pattern | None:
    """The unit alternatives that can match at the start of ``rest``: those whose phrase starts with its first
    word (or with no word, when ``rest`` does not start with one); all of them after a filler or a word not in
    plain ASCII (where case-blind matching has exceptions such as "K", the Kelvin sign). None: no unit can
    follow. A call of the whole alternation costs tens of microseconds, and most numbers have no unit."""
    rules = _rules()
    first = _FIRST_WORD.match(rest)
    word = first.group(1).lower() if first else ""
    if word and (not word.isascii() or word in rules["filler_words"]):
        return rules["units"]
    by_word = rules["units_by_word"]
    return by_word.get(word) or (by_word.get(word[:-3]) if word.endswith("nya") else None)


def _unit_after(rest: str) -> tuple[dict | None, int]:
    """The counted noun right after a number: its rule and the characters it takes."""
    rules = _rules()
    units = _units_for(rest)
    m = units.match(rest) if units else None
    if m:
        return rules["unit_of"][m.lastgroup], m.end()
    if rules["implicit"].match(rest):
        return {"phrase": "pekerja", "kind": "worker", "implicit": True}, 0
    m = rules["agent"].match(rest)
    if m and m.group(1) not in rules["agent_not"] and not m.group(1).endswith("an"):
        # "2.310 pendulang intan": the agent noun and, when it is not a function word, the word after it
        second = m.group(2)
        phrase = f"{m.group(1)} {second}" if second and second not in _FUNCTION_WORDS else m.group(1)
        return {"phrase": phrase, "kind": "worker", "category": phrase}, rest.index(phrase) + len(phrase)
    return None, 0


#: How far before a number ``not_before`` looks: further than its longest word and the space after it.
_NOT_BEFORE_REACH = 40

#: A number that refers back to the last counted noun: "Dari 13 kabupaten/kota, ada 9 yang ...",
#: "Sebanyak 4.100 di antaranya dibiayai Otsus, sedangkan 2.200 lainnya dari APBD".
_ANAPHORA = re.compile(r"^\s*(?:yang|di antaranya|diantaranya|lainnya|sisanya)\b")
#: Between two numbers, a link that lets the first borrow the second's counted noun ("1.247 dari 2.850 desa",
#: "naik dari 9.100 menjadi 14.650 peserta"); not a range ("lima hingga sepuluh orang" is one rough figure).
_LINK = re.compile(r"\s*(?:dari|menjadi|ke)\s*(?:total\s*)?")
#: "enam dari sepuluh pekerja": a ratio, where neither number counts anyone.
_RATIO = re.compile(r"\s*dari\s*")
_RATIO_BASES = (10, 100)
#: A count introduced by "dari" is a whole ...
_FROM = re.compile(r"\bdari\s*$", re.IGNORECASE)
#: ... and a number after it in the same clause, past a comma, counts a part of it: "dari 24 kabupaten/kota di
#: Sulsel, sebanyak 21 telah ...".
_PART = re.compile(r"[^.;:,]*,\s*(?:(?:sebanyak|baru|hanya|ada|tercatat|sudah)\s+)?", re.IGNORECASE)


def find_counts(sentence: str, state: dict | None = None, numbers: list[NumberMatch] | None = None) -> list[Count]:
    """Every count in one sentence, with unit, category and funding; ``region`` is left to the caller.

    ``state`` carries the last counted noun from sentence to sentence of a paragraph (pass the same dict).
    ``numbers``: ``find_numbers(sentence)``, where the caller has them.
    """
    rules = _rules()
    numbers = find_numbers(sentence) if numbers is None else numbers
    found: list[Count] = []
    state = {} if state is None else state
    previous_unit = state.get("unit")
    whole = None  # the unit and end of the last count introduced by "dari" ("dari 24 kabupaten/kota")
    ratio = -1  # the index of the base of the last ratio
    for idx, num in enumerate(numbers):
        nxt = numbers[idx + 1] if idx + 1 < len(numbers) else None
        if idx == ratio:
            continue
        if nxt is not None and nxt.value in _RATIO_BASES and num.value < nxt.value \
                and _RATIO.fullmatch(sentence, num.end, nxt.start):
            ratio = idx + 1
            continue
        rest = sentence[num.end:]
        unit, taken = _unit_after(rest)
        anaphora = unit is None and previous_unit and _ANAPHORA.match(rest)
        # "baru 1.247 dari 2.850 desa": both count villages
        linked = unit is None and not anaphora and nxt is not None and _LINK.fullmatch(sentence, num.end, nxt.start)
        # "dari 24 kabupaten/kota di Sulsel, sebanyak 21 telah ...": a part of the whole named before
        part = (unit is None and not anaphora and not linked and whole is not None
                and _PART.fullmatch(sentence, whole[1], num.start))
        if unit is None and not anaphora and not linked and not part:
            continue  # nothing counted: most numbers (money, dates, shares of something) leave here
        before = sentence[:num.start]
        if rules["not_before"].search(before, max(0, num.start - _NOT_BEFORE_REACH)) or rules["not_after"].match(rest):
            continue
        if isinstance(num.value, int) and 1900 <= num.value <= 2100 and num.text.isdigit() and (
                unit is None or rules["year_after"].search(before, max(0, num.start - 13))):
            continue  # a year ("2.100" with its separator is a number, never a year)
        if num.text.startswith("0") and len(num.text) > 3:
            continue  # phone numbers and codes
        if anaphora:
            unit, taken = previous_unit, 0
        if linked:
            unit, taken = _unit_after(sentence[nxt.end:])[0], 0
        if part:
            unit, taken = whole[0], 0
        if unit is None or (unit["kind"] == "place" and rules["place_not_after"].search(before)):
            continue
        # "1 desa 100 pekerja rentan" is a rate, not a count of villages
        if nxt is not None and num.value == 1 and sentence[num.end + taken:nxt.start].strip() == "":
            continue
        previous_unit = state["unit"] = unit
        if _FROM.search(before, max(0, num.start - 8)):
            whole = unit, num.end + taken
        # the clause ends at the next number; a linked count's runs past the number it borrows its noun from
        ahead = idx + 2 if linked else idx + 1
        clause_end = numbers[ahead].start if ahead < len(numbers) else len(sentence)
        clause_start = numbers[idx - 1].end if idx else 0
        name = unit.get("unit") or (_phrase_in(rest[:taken], unit["phrase"]) if taken else unit["phrase"])
        category = _category(unit, name, sentence[clause_start:clause_end], rest[taken:clause_end - num.end],
                             sentence[clause_start:num.start])
        funding = _funding(sentence[num.end:clause_end])
        if category == "total" and unit.get("refers"):
            if state.get("category"):
                category = state["category"]  # "... pekerja rentan naik dari 38.500 orang menjadi 71.240 orang"
            elif funding in rules["public_funding"]["funding"]:
                category = rules["public_funding"]["category"]
        if unit["kind"] == "worker":
            state["category"] = category
        found.append(Count(
            value=num.value,
            unit=name,
            category=category,
            funding=funding,
            text=sentence[num.start:num.end + (taken or 0)].strip() if taken else
            (sentence[num.start:num.end] + " " + _first_words(rest, 2)).strip(),
            sentence=sentence,
        ))
    return found


def _phrase_in(span: str, phrase: str) -> str:
    m = re.search(re.escape(phrase), span, re.IGNORECASE)
    return m.group(0) if m else phrase


def _first_words(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def _category(unit: dict, name: str, clause: str, after: str, before: str) -> str | None:
    """What a count counts. ``clause``: its clause; ``after`` and ``before``: the clause's parts around the number."""
    rules = _rules()
    if unit.get("category"):
        return unit["category"]
    sector = re.match(r"^\s*([a-z]{4,})\b", after) if unit.get("qualified") else None
    if sector and sector.group(1) not in _FUNCTION_WORDS:  # "buruh pelabuhan", but "buruh rentan" is rentan
        named = next((c for p, c in rules["categories"] if p.search(sector.group(1))), None)
        return named or f"{unit['phrase']} {sector.group(1)}"
    if unit["kind"] == "share":
        m = re.match(r"^\s*(?:yang\s+|sudah\s+|telah\s+)*((?:belum\s+)?\w+)", after)
        if m and m.group(1).lower() in rules["shares"]:
            return m.group(1).lower()
        named = list(rules["share_before"].finditer(before))
        if not named:
            return None
        # the coverage of a kind of worker is that kind ("cakupan kepesertaan bukan penerima upah 27 persen")
        kind = next((c for p, c in rules["categories"] if p.search(before, named[-1].start())), None)
        return kind or rules["share_before_of"][named[-1].lastgroup]
    if unit["kind"] != "worker":
        return None
    for pattern, category in rules["categories"]:
        if pattern.search(name):
            return category
    for pattern, category in rules["categories"]:
        if pattern.search(clause):
            return category
    return "total"


def _funding(after: str) -> str | None:
    rules = _rules()
    m = rules["funding"].search(after)
    return rules["funding_of"][m.lastgroup] if m else None  # the alternative's group closes last


def merge_restated(counts: list[Count]) -> list[Count]:
    """An article's counts, a figure of people stated again counted once: the first statement, with the
    category and funding a later one adds. A later count of people with the same value restates an earlier one
    in the same region when either says no more than "total" or both say the same ("1.500 marbot ..." then "dari
    1.500 peserta tersebut"); shares, places and bodies are not merged, nor two groups that happen to be the same
    size, nor the same figure for two regions.

    >>> [(c.value, c.category, c.funding) for c in merge_restated([
    ...     Count(4200, "pekerja rentan", "pekerja rentan"), Count(1750, "nelayan", "nelayan"),
    ...     Count(4200, "peserta baru", "total", funding="Otsus"), Count(1750, "petani", "petani")])]
    [(4200, 'pekerja rentan', 'Otsus'), (1750, 'nelayan', None), (1750, 'petani', None)]
    """
    out: list[Count] = []
    by_value: dict[int | float, list[Count]] = {}
    for count in counts:
        same = by_value.setdefault(count.value, [])
        first = next((c for c in same if _restates(c, count)), None)
        if first is None:
            out.append(count)
            same.append(count)
            continue
        if first.category == "total":
            first.category = count.category
        first.funding = first.funding or count.funding
    return out


def _restates(first: Count, later: Count) -> bool:
    people = all(c.category is not None and c.unit.lower() != "persen" for c in (first, later))
    return people and first.region == later.region and (
        first.category == later.category or "total" in (first.category, later.category))
