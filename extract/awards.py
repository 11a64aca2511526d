"""Awards: who won which rank of the Paritrana Award, in which edition, at which level; and nominees.

>>> [(a.recipient, a.rank, a.year, a.level) for a in find_awards(
...     "Kota Palangka Raya berhasil meraih peringkat dua Paritrana 2022 tingkat provinsi.")]
[('Kota Palangka Raya', 2, 2022, 'provinsi')]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import cache

from extract.facts import Award
from extract.gazetteer import regions
from extract.matching import FastPattern
from extract.numbers import RANK_RE, RANK_WORD, parse_ordinal
from extract.resources import load_yaml
from extract.text import find_dateline

#: Villages compete in Paritrana's village category: ``Desa Talang Kemuning``, ``Nagari Sungai Buluh``.
_VILLAGE = re.compile(r"(?<!Kepala )(?<!Kades )\b(?:Desa|Nagari|Gampong|Kampung|Kelurahan|Kalurahan|Pekon)"
                      r"\s+(?:[A-Z][\w'-]*\s?){1,4}")


@cache
def _rules() -> dict:
    data = load_yaml("awards.yml")
    heads = "|".join(r"\s+".join(map(re.escape, h.split())) for h in data["recipient_heads"])
    return {
        # searched in every article, or every sentence of an award article, which most do not hold: each behind a
        # prefilter (extract.matching.FastPattern)
        "awards": {name: FastPattern(p, re.IGNORECASE) for name, p in data["awards"].items()},
        "other_awards": FastPattern(data["other_awards"], re.IGNORECASE),
        "win": FastPattern(rf"\b{data['win_verbs']}\b", re.IGNORECASE),
        "passive": FastPattern(rf"\b{data['passive_verbs']}\b", re.IGNORECASE),
        "follow": re.compile(rf"\b{data['follow_verbs']}\b", re.IGNORECASE),  # matched at the start only
        "not_yet": re.compile(data["not_yet"], re.IGNORECASE),  # searched in the words before a result
        "nominee": FastPattern(rf"\b{data['nominee'].replace('{nominees_follow}', data['nominees_follow'])}",
                               re.IGNORECASE),
        "nominees_follow": re.compile(data["nominees_follow"], re.IGNORECASE),
        "size": FastPattern(data["company_size"], re.IGNORECASE),
        "level": FastPattern(data["level"], re.IGNORECASE),
        "rank_then": re.compile(data["rank_then_recipient"], re.IGNORECASE),
        "then_rank": re.compile(data["recipient_then_rank"], re.IGNORECASE),
        "range": FastPattern(data["rank_range"], re.IGNORECASE),
        # an organisation that can win: its head and up to six capitalised words ("PT Meratus Agro Lestari")
        "organization": re.compile(rf"\b(?:{heads})\.?\s+(?:[A-Z][\w&.'-]*\s?){{1,6}}(?:Tbk)?"),
        "anaphor": FastPattern(data["anaphor"], re.IGNORECASE),
        "anaphor_kinds": data["anaphor_kinds"],
    }


@dataclass
class AwardContext:
    """What the article says once and its award sentences leave implicit."""

    award: str | None = None
    year: int | None = None
    level: str | None = None
    province: str | None = None  # province code
    other: bool = False  # the last award named before this sentence is another one (BPJAMSOSTEK Award, Adipura)
    before: list[str] = field(default_factory=list)  # the article's sentences read so far, the last few


def award_context(text: str) -> AwardContext:
    """The award an article is about, its edition year and level, from its first mention."""
    ctx = AwardContext()
    found = _award_named(text)
    if found:
        name, m = found
        ctx.award = name
        year = re.search(r"\b(20\d{2})\b", text[m.end():m.end() + 40])
        ctx.year = int(year.group(1)) if year else None
        level = _rules()["level"].search(text[m.start():m.start() + 300])
        ctx.level = level.group(1).lower() if level else None
    return ctx


def _award_named(text: str) -> tuple[str, re.Match] | None:
    """The first award (in ``awards.yml`` order) that ``text`` names, and where."""
    for name, pattern in _rules()["awards"].items():
        m = pattern.search(text)
        if m:
            return name, m
    return None


_CLAUSE = re.compile(
    r"\s*(?:;"
    r"|,\s*(?=(?:sedangkan|sementara|disusul|diikuti|lalu|kemudian|dengan|adapun|setelah"
    r"|dan\s+(?:predikat|peringkat|juara|terbaik))\b)"
    # ", dan CV X ... berada di posisi ketiga": a new recipient with its own rank
    r"|,\s*(?=dan\s+(?:PT|CV|UD|Kabupaten|Kota|Desa|Bank|RSUD)\b[^,;]*?\b(?:peringkat|juara|terbaik|posisi|urutan)\b)"
    r"|\s(?=sedangkan\b)"
    # "masuk nominasi tingkat nasional setelah meraih juara I tingkat provinsi": an earlier result of its own
    r"|\s(?=setelah\s+(?:sebelumnya\s+)?(?:meraih|menjadi|menyabet|memperoleh|dinobatkan)\b))\s*", re.IGNORECASE)
_ORDINAL = r"(?:pertama|kedua|ketiga|keempat|kelima|satu|dua|tiga|empat|lima|I{1,3}|IV|V|[1-5])"
_HEAD = r"(?:peringkat|juara|terbaik|posisi|urutan)"
#: Several ranks in a row: "juara I dan juara II", "peringkat 2 dan 3", "pertama, kedua dan ketiga".
_LIST = rf"(?:ke-?)?{_ORDINAL}(?:\s*(?:,|dan|&|serta)\s*(?:{_HEAD}\s+)?(?:(?:terbaik|ke-?)\s*)?{_ORDINAL}\b)+"
_EACH = FastPattern(r"\b(?:masing-masing|berturut-turut|sama-sama)\b", re.IGNORECASE)
_RANK_LIST = FastPattern(rf"\b{_HEAD}?\s*(?:(?:terbaik|ke-?)\s*)?(?P<list>{_LIST})", re.IGNORECASE)
_HEADED_LIST = FastPattern(rf"\b{_HEAD}\s+(?:(?:terbaik|ke-?)\s*)?(?P<list>{_LIST})", re.IGNORECASE)


#: A recipient's name as written: its capitalised words ("Pemkab Belitung", "PT Meratus Agro Lestari").
_WRITTEN = re.compile(r"(?:[A-Z][\w&'./-]*\s?)*")
#: Rank phrases with no ordinal mean the first place ("predikat terbaik", "juara umum"); a rank in brackets
#: after a recipient ("Kabupaten Bekasi (I)") is a rank. Both are rewritten to the form the rules read.
_IMPLICIT_FIRST = FastPattern(
    r"\b(?:predikat\s+terbaik|yang\s+terbaik|juara\s+umum|posisi\s+puncak|peringkat\s+puncak)\b"
    rf"(?!\s+(?:ke-?\s?)?{RANK_WORD})",
    re.IGNORECASE)
_BRACKET_RANK = re.compile(r"\((I{1,3}|IV|V)\)")
#: "Kategori usaha kecil dimenangi Koperasi B": won by, with no rank before it, is the first place.
_WON_BY = re.compile(r"\bdimenang(?:i|kan)\b")
#: "runner up" is the second place.
_RUNNER_UP = FastPattern(r"\b(?:predikat\s+)?runner[\s-]?up\b", re.IGNORECASE)


#: The number of an item in a list written inline: "yakni 1. Desa Kemuja, 2. Desa Terong".
_NUMBERED = re.compile(r"(?<![\w.])([1-5])\.\s+(?=[A-Z])")


def _normalize_ranks(clause: str) -> str:
    """``Kabupaten Bekasi (I)`` → ``Kabupaten Bekasi (juara I)``; ``predikat terbaik`` → ``peringkat pertama``;
    ``runner up`` → ``peringkat kedua``; ``dimenangi`` with no rank before it → ``peringkat pertama diraih``; a
    numbered list ``1. Desa Kemuja, 2. Desa Terong`` → ``peringkat 1 Desa Kemuja, peringkat 2 Desa Terong``."""
    if "1. " in clause and "2. " in clause:
        clause = _NUMBERED.sub(r"peringkat \1 ", clause)
    won = _WON_BY.search(clause) if "dimenang" in clause else None
    if won and not RANK_RE.search(clause, 0, won.start()):  # "Kategori usaha kecil dimenangi Koperasi B": the winner
        clause = clause[:won.start()] + "peringkat pertama diraih" + clause[won.end():]
    clause = _RUNNER_UP.sub("peringkat kedua", _IMPLICIT_FIRST.sub("peringkat pertama", clause))
    return _BRACKET_RANK.sub(r"(juara \1)", clause)


#: Between a village or an organisation and a place that only says where it is.
_LOCATES = re.compile(r"\s*(?:,|\(|\bdi\b)\s*(?:(?:Kecamatan|Kec\.|Distrik)\s+(?:[A-Z][\w'-]*\s?)+,?\s*)?")
#: Words before a place that make it locate something rather than receive an award.
_LOCATOR = re.compile(r"\b(tingkat|se-?|wilayah|mewakili|wakil|perwakilan|utusan|asal|dari|di|ke|untuk|bagi|milik"
                      r"|binaan)\s*(Provinsi\s*)?$",
                      re.IGNORECASE)


def _recipients(segment: str, province: str | None, locating: bool = False) -> list[tuple[int, str, str]]:
    """Regions and organisations named in ``segment``: (position, name, kind), left to right.

    A place inside an organisation's name (``PT Katingan Agro``) is not a recipient of its own; neither is
    a place that only locates something (``tingkat Provinsi Bali``, ``asal Tabanan``), unless ``locating``.
    """
    orgs = [(m.start(), m.group(0).strip(" .,"), "perusahaan") for m in _rules()["organization"].finditer(segment)]
    orgs += [(m.start(), m.group(0).strip(" .,"), "desa") for m in _VILLAGE.finditer(segment)
             if not any(a <= m.start() < a + len(n) for a, n, _ in orgs)]
    spans = [(start, start + len(name)) for start, name, _ in orgs]
    found = regions().find(segment, province)
    outside = [m for m in found if not any(a <= m.start < b for a, b in spans)]  # not inside an organisation
    if locating:
        return sorted(orgs + [(m.start, m.region.name, m.region.kind) for m in outside])
    # "Kabupaten Manggarai Barat, Nusa Tenggara Timur, masuk nominasi": the province locates the kabupaten
    located = {b.start for a, b in itertools.pairwise(found) if b.region.kind == "provinsi" != a.region.kind
               and a.region.province_code == b.region.province_code and _LOCATES.fullmatch(segment, a.end, b.start)}
    places = [(m.start, m.region.name, m.region.kind) for m in outside if m.start not in located
              # "Desa Talang Kemuning, Kabupaten Ogan Ilir, meraih", "Nagari Koto Baru (Kabupaten Tanah Datar)",
              # "Gampong Lam Ujong di Kecamatan Baitussalam, Aceh Besar": the place locates the village
              and not any(_LOCATES.fullmatch(segment, b, m.start) for a, b in spans)
              and not _LOCATOR.search(segment, max(0, m.start - 40), m.start)]  # it ends at the place
    return sorted(orgs + places)


def _split_clauses(sentence: str) -> list[str]:
    return [c for c in _CLAUSE.split(sentence) if c and c.strip()]


def find_awards(sentence: str, ctx: AwardContext | None = None) -> list[Award]:
    """Award results stated as facts in one sentence; ``ctx`` fills the edition and level it omits, and keeps
    the sentences read so far (call it on an article's sentences in order)."""
    ctx = ctx or award_context(sentence)
    found = _sentence_awards(sentence, ctx)
    ctx.before = [*ctx.before[-(_ANAPHOR_REACH - 1):], sentence]
    return found


#: How many recipients "keduanya" (both) and its kin refer to.
_HOW_MANY = {"keduanya": 2, "ketiganya": 3, "keempatnya": 4}
#: How many sentences back an anaphor ("perusahaan tersebut") looks for what it refers to.
_ANAPHOR_REACH = 6


def _resolve_anaphors(text: str, ctx: AwardContext) -> str:
    """``text`` with each anaphor ("Perusahaan tersebut", "Pemkab setempat", "Keduanya") replaced by the
    recipient it refers to: the last one of its kind named before it, in this sentence or the few before."""
    rules = _rules()
    out, at = [], 0
    for m in rules["anaphor"].finditer(text):
        before = " ".join([*ctx.before, text[:m.start()]])
        # "keduanya": the last two recipients (and "ketiganya" three), not a place that only says where ("Di
        # tingkat Provinsi Lampung, keduanya ..."); a noun names its kind, so any place will do ("dari Kabupaten
        # Kapuas, ... Pemkab setempat")
        named = _recipients(before, ctx.province, locating=not m.group("both"))
        if m.group("both"):  # "keduanya", "ketiganya": the last two, three, ...
            many = _HOW_MANY[m.group("both").lower()]
            chosen = [name for _, name, _ in named[-many:]] if len(named) >= many else []
        else:
            noun = m.group("noun").lower()
            kinds = rules["anaphor_kinds"][noun]
            # "koperasi tersebut": the last Koperasi named, else the last recipient of its kind
            chosen = ([name for _, name, _ in named if name.lower().startswith(noun + " ")][-1:]
                      or [name for _, name, kind in named if kind in kinds][-1:])
        if chosen:
            out += [text[at:m.start()], " dan ".join(chosen)]
            at = m.end()
    return "".join(out) + text[at:]


#: One item of a list of winners written a line each, under a header ("Kategori Perusahaan Besar:").
_LIST_ITEM = re.compile(r"\s*([1-9])[.)]\s+(\S.*)")


def _list_item(text: str, ctx: AwardContext) -> str:
    """A line ``2. RSU Bajenis Medika`` under ``Kategori Perusahaan Besar:`` read as ``Kategori Perusahaan Besar:
    peringkat 2 RSU Bajenis Medika``; any other text as it is."""
    item = _LIST_ITEM.fullmatch(text)
    if not item:
        return text
    header = next((s for s in reversed(ctx.before) if not _LIST_ITEM.fullmatch(s)), "")
    return f"{header} peringkat {item.group(1)} {item.group(2)}" if header.rstrip().endswith(":") else text


def _sentence_awards(sentence: str, ctx: AwardContext) -> list[Award]:
    rules = _rules()
    named = (_award_named(sentence) or (None,))[0]
    award = named or ctx.award
    if named or rules["other_awards"].search(sentence):
        ctx.other = not named
    if not award or ctx.other:
        return []  # "BPJAMSOSTEK Award 2024 diberikan kepada ...": that award's results, until Paritrana is named
    results: list[tuple[str, str, int | None, bool, str, int | None]] = []
    state: dict = {}
    body = _list_item(sentence[find_dateline(sentence)[2]:], ctx)  # the dateline's city only says where
    for clause in _split_clauses(_normalize_ranks(_resolve_anaphors(body, ctx))):
        found = _clause_results(clause, ctx, state)
        if found:
            year = _year(clause) or _year(sentence) or ctx.year
            if year and not _year(clause) and _LAST_YEAR.search(clause):
                year -= 1  # "..., setelah tahun lalu berada di peringkat kelima": the edition before
            said = state.pop("said", {})  # a recipient of a gapped list has its own words for its category
            results += [(name, kind, rank, nominee, said.get(name, clause), year)
                        for name, kind, rank, nominee in found]

    if not results:
        return []
    level_m = rules["level"].search(sentence)
    sentence_level = level_m.group(1).lower() if level_m else ctx.level
    awards, seen = [], set()
    named_in: dict[int, list[str]] = {}  # the recipients each clause names, by the clause's identity
    for name, _, _, _, clause, _ in results:
        named_in.setdefault(id(clause), []).append(name)
    for name, kind, rank, is_nominee, clause, year in results:
        key = (name, year, is_nominee)
        if key in seen:
            continue
        seen.add(key)
        own = rules["level"].search(clause)  # "masuk nominasi tingkat nasional, setelah ... tingkat provinsi"
        level = own.group(1).lower() if own else sentence_level
        awards.append(Award(
            award=award, year=year, recipient=name, rank=rank,
            category=_category(kind, _own_part(name, clause, named_in[id(clause)]), sentence),
            level=level, region=_region(name, kind, level, sentence, ctx), nominee=is_nominee, sentence=sentence,
        ))
    return awards


#: A clause about the edition before the one the sentence names ("setelah tahun lalu berada di peringkat kelima"),
#: not one that compares with it ("kemajuan dibanding tahun sebelumnya").
_LAST_YEAR = re.compile(r"(?<!banding )(?<!bandingkan )(?<!dari )(?<!daripada )\btahun\s+(?:lalu|sebelumnya)\b"
                        # "dibanding tahun lalu, ketika Sigi masih berada di peringkat keempat": then, not compared
                        r"|\btahun\s+(?:lalu|sebelumnya),?\s+(?:ketika|saat|waktu)\b", re.IGNORECASE)

#: How a sentence gives the edition's year, the first form first.
_YEAR = (re.compile(r"Paritrana(?:\s+Awards?)?(?:\s+[Tt]ahun)?\s+(20\d{2})", re.IGNORECASE),
         re.compile(r"\b(?:tahun|pada|edisi|penilaian|periode)\s+(20\d{2})", re.IGNORECASE))


_A_YEAR = re.compile(r"20\d{2}")


def _year(text: str) -> int | None:
    if not _A_YEAR.search(text):  # both forms end in one: a quick scan for it first
        return None
    for pattern in _YEAR:
        m = pattern.search(text)
        if m:
            return int(m.group(1))
    return None


def _clause_results(clause: str, ctx: AwardContext, state: dict) -> list[tuple[str, str, int | None, bool]]:
    """(recipient, kind, rank, nominee) stated by one clause. ``state`` carries the subject and the last rank
    from clause to clause ("..., disusul Kota Denpasar dan Kabupaten Gianyar")."""
    rules = _rules()
    ranks = list(RANK_RE.finditer(clause))
    nominee = rules["nominee"].search(clause)
    ordered = [] if nominee else _ordered_ranks(clause)
    win = rules["win"].search(clause)
    follow = rules["follow"].match(clause.strip())
    gapped = not (ranks or nominee or ordered or win or follow) and state.get("rank") and _GAP.match(clause)
    if not (ranks or nominee or ordered or win or (follow and state.get("rank")) or gapped):
        return []  # no rank, nominee or verb of winning: the clause states no result (and sets no subject)
    first = min(m.start() for m in (*ranks[:1], nominee, win) if m) if (ranks or nominee or win) else 0
    if first and rules["not_yet"].search(clause, max(0, first - 60), first):
        return []  # "ditargetkan masuk nominasi": hoped for, not won
    names = _recipients(clause, ctx.province)
    if gapped:
        # "..., sedangkan perusahaan menengah kepada PT X": the rank of the clause before, its verb left out
        pool = [n for n in names if n[0] >= gapped.end()]
        return [(name, kind, state["rank"], False) for name, kind in _gapped(clause, pool, state)] if pool else []
    if nominee:
        after = rules["nominees_follow"].search(clause, nominee.start())
        chosen = [n for n in names if n[0] < nominee.start()] if not after else \
            [n for n in names if n[0] > after.start()]
        if len(chosen) == 1:
            state["subject"] = chosen[0][1:]  # "X masuk nominasi ..., setelah sebelumnya meraih peringkat pertama"
        return [(name, kind, None, True) for _, name, kind in chosen]
    if not ordered and len(ranks) == 1 and len(names) >= 2 and _EACH.search(clause):
        ordered = [parse_ordinal(ranks[0].group("rank"))] * len(names)
    if ordered and len(names) >= 2:
        out = [(name, kind, rank, False) for (_, name, kind), rank in zip(names, ordered, strict=False)]
        state["rank"] = out[-1][2]
        return out
    pairs = _adjacent(clause, names, ranks)
    if pairs:
        # "juara I kategori kabupaten diraih Kabupaten Kapuas, kategori kota oleh Kota Palangka Raya"
        last = next(n for n in names if n[1] == pairs[-1][0])
        pairs += [(name, kind, pairs[-1][2], False)
                  for name, kind in _gapped(clause, [n for n in names if n[0] >= last[0]], state)[1:]]
        state["rank"], state["subject"] = pairs[-1][2], pairs[-1][:2]
        return pairs
    if follow and not ranks and state.get("rank"):
        # "..., disusul Kabupaten Gianyar dan Kota Denpasar": the next ranks, in order
        out = [(name, kind, state["rank"] + k + 1, False) for k, (_, name, kind) in enumerate(names)]
        state["rank"] += len(out)
        return out
    passive = rules["passive"].search(clause)
    if not ranks:
        if names and win:
            state["subject"] = names[0][1:]
        return []
    if passive and passive.start() > ranks[0].start():
        pool = [n for n in names if n[0] >= passive.end()]
        if pool:
            rank = parse_ordinal(ranks[0].group("rank"))
            state["rank"] = rank
            return [(name, kind, rank, False) for name, kind in _gapped(clause, pool, state)]
        return []
    if win and win.start() < ranks[0].start():
        chosen = _subject([n for n in names if n[0] < win.start()]) or state.get("subject")
        if chosen:
            state["subject"], state["rank"] = chosen, parse_ordinal(ranks[0].group("rank"))
            return [(chosen[0], chosen[1], state["rank"], False)]
        return []
    if state.get("subject") and not names and not win:
        # "..., lalu peringkat tiga pada penilaian 2023": the subject of the clause before
        return [(*state["subject"], parse_ordinal(ranks[0].group("rank")), False)]
    return []


#: Between two recipients of one rank, the next one's category and "oleh" (or "kepada"), its verb left out:
#: "peringkat pertama perusahaan besar diraih PT A, perusahaan menengah oleh PT B, dan usaha kecil oleh CV C".
_GAP = re.compile(r",?\s*(?:(?:dan|sedangkan|sementara)\s+)?(?P<said>(?:(?:untuk|pada|di)\s+)?(?:kategori\s+)?"
                  r"(?:perusahaan|usaha|badan\s+usaha|pemerintah|desa|kabupaten|kota|provinsi)\b[a-z/ ]{0,30}?"
                  r"\s+(?:oleh|kepada))\s+")


def _gapped(clause: str, pool: list[tuple[int, str, str]], state: dict) -> list[tuple[str, str]]:
    """The recipient right after a passive verb, and those that follow it in a gapped list; each of these keeps
    the words of its own category in ``state["said"]``."""
    out = [pool[0][1:]]
    end = pool[0][0] + len(_WRITTEN.match(clause, pool[0][0]).group(0).rstrip())
    for pos, name, kind in pool[1:]:
        gap = _GAP.fullmatch(clause, end, pos)
        if not gap:
            break
        out.append((name, kind))
        state.setdefault("said", {})[name] = gap.group("said")
        end = pos + len(_WRITTEN.match(clause, pos).group(0).rstrip())
    return out


def _ordered_ranks(clause: str) -> list[int]:
    """Ranks given as a list or a range for several recipients in order: "masing-masing ... pertama, kedua
    dan ketiga", "peringkat pertama hingga ketiga"."""
    many = (_RANK_LIST if _EACH.search(clause) else _HEADED_LIST).search(clause)
    if many:
        return [parse_ordinal(o) for o in re.findall(rf"\b{_ORDINAL}\b", many.group("list"))]
    span = _rules()["range"].search(clause)
    if span:
        first, last = parse_ordinal(span.group("first")), parse_ordinal(span.group("last"))
        if first and last and 0 < last - first < 10:
            return list(range(first, last + 1))
    return []


def _adjacent(clause: str, names, ranks) -> list[tuple[str, str, int | None, bool]]:
    """Ranks written right next to their recipient: "juara II Kota Denpasar", "Kabupaten Gianyar (juara II)",
    "terbaik kedua diraih Kabupaten Tapin", "disusul Kota Denpasar di peringkat ketiga"."""
    rules, used, out = _rules(), set(), []
    for rank_m in ranks:
        pick = None
        for pos, name, kind in names:
            if pos >= rank_m.end():
                # "juara I diraih Kabupaten Tapin"; but "PT A sebagai terbaik pertama kategori perusahaan besar dan
                # Koperasi B sebagai juara II": the rank is the one named before it
                if pick is None and rules["rank_then"].match(clause[rank_m.end():pos]):
                    pick = (pos, name, kind)
                break
            end = pos + len(_WRITTEN.match(clause, pos).group(0).rstrip())  # "Pemkab Belitung" as written
            between = clause[end:rank_m.start()] if end <= rank_m.start() else None
            # "Kota Palangka Raya, Provinsi Kalimantan Tengah berhasil meraih": the province only locates the city
            locator = kind == "provinsi" and any(p < pos for p, _, _ in names) and clause[:pos].rstrip().endswith(",")
            if between is not None and (rules["then_rank"].match(between)
                                        or (rules["win"].fullmatch(between.strip()) and not locator)):
                pick = (pos, name, kind)
        if pick and pick[0] not in used:
            used.add(pick[0])
            out.append((pick[1], pick[2], parse_ordinal(rank_m.group("rank")), False))
    return out


def _subject(candidates):
    """The recipient before the verb: the last one named, unless it is the province of the one before it
    (``Kota Palangka Raya, Provinsi Kalimantan Tengah berhasil meraih``)."""
    if not candidates:
        return None
    chosen = candidates[-1]
    if len(candidates) > 1 and chosen[2] == "provinsi":
        chosen = candidates[-2]
    return chosen[1], chosen[2]


def _own_part(name: str, clause: str, names: list[str]) -> str:
    """The part of ``clause`` that is about ``name``, where it names several recipients (``names``) and the
    words after ``name`` up to the next one say its category ("PT A sebagai terbaik pertama kategori perusahaan
    besar dan Koperasi B sebagai juara II kategori usaha kecil"); else the whole clause."""
    start = clause.find(name)
    if start < 0 or len(names) < 2:
        return clause
    after = [at for other in names if (at := clause.find(other, start + len(name))) > start]
    own = clause[start:min(after, default=len(clause))]
    return own if _rules()["size"].search(own) else clause


def _category(kind: str, clause: str, sentence: str) -> str:
    if kind == "desa":
        return "pemerintah desa"
    if kind == "perusahaan":
        size = _rules()["size"].search(clause) or _rules()["size"].search(sentence)
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
