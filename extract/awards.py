"""Awards: who won which rank of the Paritrana Award, in which edition, at which level; and nominees.

>>> [(a.recipient, a.rank, a.year, a.level) for a in find_awards(
...     "Kota Palangka Raya berhasil meraih peringkat dua Paritrana 2022 tingkat provinsi.")]
[('Kota Palangka Raya', 2, 2022, 'provinsi')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.facts import Award
from extract.gazetteer import regions
from extract.numbers import RANK_RE, parse_ordinal
from extract.resources import load_yaml

_COMPANY = re.compile(r"\bPT\.?\s+(?:[A-Z][\w&.-]*\s?){1,6}(?:Tbk)?")


@cache
def _rules() -> dict:
    data = load_yaml("awards.yml")
    return {
        "awards": {name: re.compile(p, re.IGNORECASE) for name, p in data["awards"].items()},
        "win": re.compile(rf"\b{data['win_verbs']}\b", re.IGNORECASE),
        "passive": re.compile(rf"\b{data['passive_verbs']}\b", re.IGNORECASE),
        "follow": re.compile(rf"\b{data['follow_verbs']}\b", re.IGNORECASE),
        "nominee": re.compile(rf"\b{data['nominee']}", re.IGNORECASE),
        "size": re.compile(data["company_size"], re.IGNORECASE),
        "level": re.compile(data["level"], re.IGNORECASE),
    }


@dataclass
class AwardContext:
    """What the article says once and its award sentences leave implicit."""

    award: str | None = None
    year: int | None = None
    level: str | None = None
    province: str | None = None  # province code


def award_context(text: str) -> AwardContext:
    """The award an article is about, its edition year and level, from its first mention."""
    ctx = AwardContext()
    for name, pattern in _rules()["awards"].items():
        m = pattern.search(text)
        if m:
            ctx.award = name
            year = re.search(r"\b(20\d{2})\b", text[m.end():m.end() + 40])
            ctx.year = int(year.group(1)) if year else None
            level = _rules()["level"].search(text[m.start():m.start() + 300])
            ctx.level = level.group(1).lower() if level else None
            break
    return ctx


def _recipients(segment: str, province: str | None) -> list[tuple[int, str, str]]:
    """Regions and companies named in ``segment``: (position, name, kind), left to right."""
    found = [(m.start, m.region.name, m.region.kind) for m in regions().find(segment, province)
             if not re.search(r"(tingkat|se-?)\s*$", segment[:m.start], re.IGNORECASE)]
    found += [(m.start(), m.group(0).strip(), "perusahaan") for m in _COMPANY.finditer(segment)]
    return sorted(found)


def find_awards(sentence: str, ctx: AwardContext | None = None) -> list[Award]:
    """Award results stated as facts in one sentence; ``ctx`` fills the edition and level it omits."""
    rules = _rules()
    ctx = ctx or award_context(sentence)
    named = next((n for n, p in rules["awards"].items() if p.search(sentence)), None)
    award = named or ctx.award
    if not award:
        return []
    year_m = re.search(r"(?:Paritrana(?:\s+Awards?)?|tahun)\s+(20\d{2})", sentence, re.IGNORECASE)
    year = int(year_m.group(1)) if year_m else ctx.year
    level_m = rules["level"].search(sentence)
    level = level_m.group(1).lower() if level_m else ctx.level
    results: list[tuple[str, str, int | None, bool]] = []  # (recipient, kind, rank, nominee)

    nominee = rules["nominee"].search(sentence)
    if nominee:
        for _, name, kind in _recipients(sentence[:nominee.start()], ctx.province):
            results.append((name, kind, None, True))
    ranks = list(RANK_RE.finditer(sentence))
    win = rules["win"].search(sentence)
    passive = rules["passive"].search(sentence)
    if ranks and passive and ranks[0].start() < passive.start():
        # "Juara I diraih Kabupaten Badung, disusul Kota Denpasar dan Kabupaten Gianyar"
        first = parse_ordinal(ranks[0].group("rank"))
        names = _recipients(sentence[passive.end():], ctx.province)
        follow = rules["follow"].search(sentence, passive.end())
        many = re.search(r"masing-masing|berturut-turut", sentence, re.IGNORECASE)
        for k, (pos, name, kind) in enumerate(names):
            in_follow = follow and passive.end() + pos > follow.start()
            rank = first + k if (many or in_follow or k == 0) and first else None
            results.append((name, kind, rank, False))
    elif ranks and win:
        for rank_m in ranks:
            head = sentence[:rank_m.start()]
            wins = list(rules["win"].finditer(head))
            if not wins:
                continue
            names = _recipients(head[:wins[-1].start()], ctx.province)
            if names:
                # the subject: the first place or company of the clause before the verb
                clause_start = max(head.rfind(";", 0, wins[-1].start()), 0)
                subject = [n for n in names if n[0] >= clause_start] or names
                _, name, kind = subject[0]
                results.append((name, kind, parse_ordinal(rank_m.group("rank")), False))
    elif ranks:
        # "Kabupaten Badung (juara I), Kota Denpasar (juara II)"
        for rank_m in ranks:
            names = _recipients(sentence[max(0, rank_m.start() - 60):rank_m.start()], ctx.province)
            if names and re.search(r"\(\s*$", sentence[:rank_m.start()]):
                _, name, kind = names[-1]
                results.append((name, kind, parse_ordinal(rank_m.group("rank")), False))

    awards, seen = [], set()
    for name, kind, rank, is_nominee in results:
        if name in seen:
            continue
        seen.add(name)
        awards.append(Award(
            award=award, year=year, recipient=name, rank=rank, category=_category(kind, sentence),
            level=level, region=_region(name, kind, level, sentence, ctx), nominee=is_nominee, sentence=sentence,
        ))
    return awards


def _category(kind: str, sentence: str) -> str:
    if kind == "perusahaan":
        size = _rules()["size"].search(sentence)
        return f"perusahaan {size.group(1).lower()}" if size else "perusahaan"
    return "pemerintah provinsi" if kind == "provinsi" else "pemerintah kabupaten/kota"


def _region(name: str, kind: str, level: str | None, sentence: str, ctx: AwardContext) -> str | None:
    if level == "nasional":
        return None
    m = re.search(r"tingkat\s+Provinsi\s+((?:[A-Z][\w-]*\s?)+)", sentence)
    if m:
        region = regions().lookup(m.group(1).strip())
        if region:
            return region.name
    region = regions().lookup(name) if kind != "perusahaan" else None
    if region:
        return regions().province_of(region).name
    if ctx.province and ctx.province in regions().by_code:
        return regions().by_code[ctx.province].name
    return None
