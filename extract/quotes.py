"""Quotes: every direct quotation with its speaker, pronouns and epithets resolved.

Attributions come after the quotation (``"...," kata Budi``, ``ujarnya``, ``kata wanita berhijab itu``)
or before it (``Budi mengatakan, "..."``). ``katanya``, ``dia`` and epithets refer to the person the
text last named outside a quotation; a surname or first name refers to the official it belongs to.

>>> [(q.speaker, q.text) for q in find_quotes(
...     ['Kepala Dinsos Kapuas, Yanmarto hadir.', '"Kami siap membantu warga," katanya.'], ["Yanmarto"])]
[('Yanmarto', 'Kami siap membantu warga,')]
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from extract.facts import Quote
from extract.gazetteer import names
from extract.matching import FastPattern, whole_words
from extract.ner import Entities, person_name
from extract.officials import find_officials, not_a_name, read_name, same_person, tokenize
from extract.resources import load_yaml

_QUOTE = re.compile(r'"([^"]{2,})"')


@cache
def _rules() -> dict:
    data = load_yaml("quotes.yml")
    after = "|".join(sorted((re.escape(v) for v in data["after_verbs"]), key=len, reverse=True))
    before = "|".join(sorted((re.escape(v) for v in data["before_verbs"]), key=len, reverse=True))
    epithets = "|".join(re.escape(e) for e in names().get("epithets", []))
    active = "|".join(data["active_verb_prefixes"])
    return {  # the searched ones behind a prefilter (extract.matching.FastPattern): most text holds none of their
        # words; the ones matched at the start of a short text fail fast without one
        "after": re.compile(rf"^\s*[,.]?\s*(?P<verb>{after})(?P<nya>nya)?\b(?P<rest>.{{0,160}})", re.IGNORECASE),
        "before": re.compile(rf"(?P<who>[^.!?\"]{{2,160}}?)\s+(?:{before})(?:\s+bahwa)?\s*[,:]?\s*$", re.IGNORECASE),
        # how "before" ends, searched first: one pass over the text, where "before" reads up to 160 characters from
        # each position
        "before_end": FastPattern(rf"(?:{before})(?:\s+bahwa)?\s*[,:]?\s*$", re.IGNORECASE),
        "menurut": FastPattern(r"(?:menurut|kata)\s+(?P<who>[^,\"]{2,120}),?\s*$", re.IGNORECASE),
        "pronoun": re.compile(rf"^\s*(?:{'|'.join(data['pronouns'])})\b", re.IGNORECASE),
        "epithet": re.compile(rf"^\s*(?:sang\s+)?(?:{epithets})\b", re.IGNORECASE) if epithets else None,
        # any lowercase noun phrase that ends with a demonstrative ('penenun asal Lewotobi itu')
        "demonstrative": re.compile(rf"^\s*(?!(?:{'|'.join(data['not_epithet_starts'])})\b|di)[a-z][\w-]*"
                                    rf"(?:\s+[^\s,.!?\"]+){{0,8}}?\s+(?:{'|'.join(data['demonstratives'])})\b"),
        # a name as the subject of its sentence: an active verb after it and its apposition, or 'Menurut' before it
        "subject_after": re.compile(rf"(?:\s*,[^,!?\"]{{0,80}},)?\s*,?\s*(?:{active})[a-z]"),
        "subject_before": re.compile(r"\b[Mm]enurut\s+$"),
        "nickname": FastPattern(r"\bdisapa\s+(?:Pak\s+|Bu\s+|Bang\s+|Mas\s+|Mbak\s+)?(?P<nick>[A-Z][\w'-]*)"),
    }


@dataclass
class _Mention:
    """Where a person is named (``at``), in which paragraph, whether only the NER tagged them (``ner_only``) and
    whether they are the subject of the sentence there (``subject``: before an active verb, after ``Menurut``, the
    speaker of a quotation)."""

    at: int
    person: str
    paragraph: int
    ner_only: bool = False
    subject: bool = True

    @property
    def weak(self) -> bool:
        """A name only the NER tagged, named in passing: more often a place or a bystander than a speaker."""
        return self.ner_only and not self.subject


def join_open_quotes(paragraphs: list[str]) -> list[str]:
    """A quotation that runs over paragraphs (opened, not closed, then opened again) becomes one paragraph."""
    out: list[str] = []
    carry = None
    for paragraph in paragraphs:
        if carry is not None:
            paragraph = carry + " " + (paragraph[1:] if paragraph.startswith('"') else paragraph)
            carry = None
        if paragraph.count('"') % 2 == 1 and paragraph.lstrip().startswith('"'):
            carry = paragraph
            continue
        out.append(paragraph)
    if carry is not None:
        out.append(carry)
    return out


#: People news introduces without an office: "Siti Aminah (41), warga ...", "seorang nelayan bernama Jumri".
_INTRODUCED = re.compile(r"(?:\bbernama\s+|\b(?:[Ss]audar[ai]|[Ii]bu|[Bb]apak)\s+)?"
                         r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})\s*\(\d{1,3}(?:\s*tahun)?\)"
                         r"|\bbernama\s+(?P<named>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,3})")


def introduced_people(text: str) -> list[str]:
    """Names introduced with an age in brackets or with ``bernama``:
    ``introduced_people("Siti Aminah (41), warga Desa Mas")`` is ``['Siti Aminah']``."""
    if "bernama" not in text and not _AGE.search(text):  # neither way of introducing someone: skip the scan
        return []
    return [m.group("name") or m.group("named") for m in _INTRODUCED.finditer(text)]


#: An age in brackets, as ``_INTRODUCED`` writes it: found fast, where ``_INTRODUCED`` tries every position.
_AGE = re.compile(r"\(\d{1,3}(?:\s*tahun)?\)")


def find_quotes(paragraphs: list[str], people: list[str], ner: Entities | None = None) -> list[Quote]:
    """Every quotation in an article's paragraphs; ``people`` are names already known (the officials).

    ``ner``: the article's entities from a NER (``extract.ner``): the persons it tagged outside quotations
    are people too, so an attribution can name them and ``katanya`` can point back at them.
    """
    rules = _rules()
    paragraphs = join_open_quotes(paragraphs)
    found_in = [list(_QUOTE.finditer(p)) if '"' in p else [] for p in paragraphs]
    if not any(found_in):
        return []  # no quotation: nobody to look for
    text = "\n\n".join(paragraphs)
    known = list(dict.fromkeys([*people, *introduced_people(text)]))
    tagged = _tagged_people(text, ner, known)
    known += tagged
    offsets, at = [], 0
    for paragraph in paragraphs:
        offsets.append(at)
        at += len(paragraph) + 2
    quoted = [(offsets[i] + m.start(), offsets[i] + m.end()) for i, found in enumerate(found_in) for m in found]
    mentions = _mentions(text, known, quoted, offsets, frozenset(tagged))
    quotes: list[Quote] = []
    for i, (paragraph, found) in enumerate(zip(paragraphs, found_in, strict=True)):
        speakers: list[str | None] = []
        for k, m in enumerate(found):
            after = paragraph[m.end():found[k + 1].start()] if k + 1 < len(found) else paragraph[m.end():]
            before = paragraph[found[k - 1].end() if k else 0:m.start()]
            speaker = _attribution(after, before, offsets[i] + m.start(), mentions, known, rules, ner)
            speakers.append(speaker)
        for k, m in enumerate(found):
            speaker = speakers[k]
            if speaker is None:  # another quotation of the same paragraph names the speaker
                speaker = next((s for s in speakers[k::-1] if s), None) or next((s for s in speakers[k:] if s), None)
            body = m.group(1).strip()
            if speaker is None and len(body.split()) < 5:
                continue  # a quoted phrase, not a quotation
            if speaker is None:
                speaker = _last_mention(mentions, offsets[i] + m.start())
            if speaker:
                mentions.append(_Mention(offsets[i] + m.start(), speaker, i))
                mentions.sort(key=lambda x: x.at)
            quotes.append(Quote(speaker=speaker, text=body, sentence=paragraph))
    return quotes


def _attribution(after, before, at, mentions, known, rules, ner=None) -> str | None:
    m = rules["after"].match(after)
    if m:
        rest = m.group("rest")
        if m.group("nya") or rules["pronoun"].match(rest) or m.group("verb").lower() == "kata dia":
            return _last_mention(mentions, at)
        if (rules["epithet"] and rules["epithet"].match(rest)) or rules["demonstrative"].match(rest):
            nick = rules["nickname"].search(rest)
            person = _resolve(nick.group("nick"), known) if nick else None
            return person or _last_mention(mentions, at)
        # "kata seorang nelayan Carocok, Afrizal (47)": the person the attribution introduces with an age
        introduced = introduced_people(_SENTENCE_END_IN.split(rest, 1)[0])
        name = (_resolve(introduced[0], known) or _remember(introduced[0], known)) if introduced \
            else _person_in(rest, known, ner=ner)
        if name:
            return name
    before = before.strip()
    for pattern, ending in ((rules["before"], rules["before_end"]), (rules["menurut"], None)):
        lead = pattern.search(before) if ending is None or ending.search(before) else None
        if lead:
            who = lead.group("who")
            if rules["pronoun"].search(who.split(",")[-1].strip() + " "):
                return _last_mention(mentions, at)
            name = _person_in(who, known, last=True, ner=ner)
            if name:
                return name
    return None


#: A nickname is another name for the person just named (``..., akrab disapa Gek Sri``), not a new person.
_NICKNAME_BEFORE = FastPattern(r"\b(?:disapa|dipanggil|sapaan(?:nya)?|alias)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _tagged_people(text: str, ner: Entities | None, known: list[str]) -> list[str]:
    """The persons a NER tagged in the article, outside quotations, as names (degrees dropped), but for those
    ``known`` already (by one of their names)."""
    if not ner:
        return []
    outside = _QUOTE.sub(lambda m: " " * len(m.group(0)), text)
    names: dict[str, str | None] = {}  # each surface read once: an article names the same people again and again
    people = []
    for a, b in ner.people_in(outside):
        surface = outside[a:b]
        if surface not in names:
            person = person_name(surface)
            names[surface] = None if _resolve(person, known) or not_a_name(surface) else person
        if names[surface] and not _NICKNAME_BEFORE.search(outside, max(0, a - 40), a):
            people.append(names[surface])
    return list(dict.fromkeys(people))


def _person_in(text: str, known: list[str], last: bool = False, ner: Entities | None = None) -> str | None:
    """The person an attribution names: an official with a title, or a (part of a) name the rules read or
    the NER tagged."""
    officials = find_officials(text)
    if officials:
        person = officials[-1 if last else 0].name
        return _resolve(person, known) or _remember(person, known)
    toks = tokenize(text)
    starts = range(len(toks) - 1, -1, -1) if last else range(len(toks))
    for i in starts:
        if not toks[i].text[:1].isupper() or (i and toks[i - 1].text[:1].isupper()):
            continue
        n = read_name(toks, i)
        if n:
            person = text[toks[i].start:toks[i + n - 1].end]
            return _resolve(person, known) or _remember(person, known)
        if not last:
            break
    tagged = [(a, b) for a, b in ner.people_in(text) if not not_a_name(text[a:b])] if ner else []
    if tagged:
        a, b = tagged[-1 if last else 0]
        person = person_name(text[a:b])
        return _resolve(person, known) or _remember(person, known)
    return None


def _remember(person: str, known: list[str]) -> str:
    known.append(person)
    return person


def _resolve(name: str, known: list[str]) -> str | None:
    """The fullest known name for ``name`` (``Ariane`` → ``Ariane Chaterina``)."""
    matches = [k for k in known if same_person(k, name)]
    return max(matches, key=len) if matches else None


def _mentions(text: str, people: list[str], quoted: list[tuple[int, int]], offsets: list[int],
              ner_only: frozenset[str]) -> list[_Mention]:
    """Where each known person is named outside quotations, by full name or by one of their names; in which
    paragraph (``offsets``: where each starts), whether the person is one of ``ner_only`` (tagged by the NER
    alone) and whether the name is the subject of its sentence (``Menurut X``, ``X, warga setempat, mengatakan``)."""
    if not people:
        return []
    honorifics = _honorifics()
    owner: dict[str, str] = {}
    for person in people:
        for part in [person] + [w for w in person.split() if len(w) >= 3 and w.rstrip(".") not in honorifics]:
            owner.setdefault(part, person)
    rules = _rules()
    mentions = []
    for at, part in whole_words(owner, text):
        if any(a <= at < b for a, b in quoted):
            continue
        subject = bool(rules["subject_after"].match(text, at + len(part))
                       or rules["subject_before"].search(text, max(0, at - 12), at)
                       or _in_attribution(text, at, quoted, rules))
        mentions.append(_Mention(at, owner[part], bisect_right(offsets, at) - 1, owner[part] in ner_only, subject))
    return mentions


def _in_attribution(text: str, at: int, quoted: list[tuple[int, int]], rules: dict) -> bool:
    """Whether the name at ``at`` is the speaker of the quotation right before it (``"...," kata Kepala BP3MI
    NTB, Lalu Wira Atmaja``): the quotation's attribution verb is between them, and no sentence ends."""
    end = max((b for a, b in quoted if b <= at), default=None)
    if end is None or at - end > 160:
        return False
    between = text[end:at]
    return bool(rules["after"].match(between)) and not _SENTENCE_END_IN.search(between)


#: A sentence or paragraph ending inside a piece of text.
_SENTENCE_END_IN = re.compile(r"[.!?]\s+[A-Z\"]|\n\n")


@cache
def _honorifics() -> frozenset[str]:
    return frozenset(h.rstrip(".") for group in names()["honorifics"].values() for h in group)


def _last_mention(mentions: list[_Mention], at: int) -> str | None:
    """The person named last before ``at``; but where that is a weak mention (a name only the NER tagged, named
    in passing), one the rules know (an official, someone introduced or quoted) named earlier in the same
    paragraph: such a name is more often a place or a bystander ('... desa-desa di Kecamatan Masalembu, Arjasa
    hingga Sapeken') than the one who speaks next."""
    before = [m for m in mentions if m.at < at]
    if not before:
        return None
    last = before[-1]
    if last.weak or not last.subject:
        for m in reversed(before):
            if m.paragraph != last.paragraph:
                break
            if not m.weak and (last.weak or m.subject):
                return m.person
    return last.person
