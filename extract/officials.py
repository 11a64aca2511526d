"""Officials: a person's name with the office and organisation the text gives them.

The appositions Indonesian news uses:

- ``Title Org, Name`` — ``Kepala Dinsos Kapuas, Yanmarto``
- ``Title Org Name`` — ``Wakil Wali Kota Palangka Raya Umi Mastikah di ...``
- ``Name, Title Org`` and ``Name selaku Title Org``
- ``Title X yang diwakili (oleh) Title Y, (yaitu) Name`` — only the second office has a name.

>>> [(o.name, o.title, o.organization) for o in find_officials(
...     "kata Kepala Kantor Cabang BPJamsostek Banjarmasin, Opik Taufik, kepada wartawan.")]
[('Opik Taufik', 'Kepala Kantor Cabang', 'BPJamsostek Banjarmasin')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import compress, count
from operator import itemgetter
from typing import NamedTuple

from spacy.lang.id.stop_words import STOP_WORDS

from extract.facts import Official
from extract.gazetteer import names, organizations, regions, titles
from extract.matching import WordFinder, tiled_words

_TOKEN = re.compile(r"\w+(?:[-'’/]\w+)*|[^\w\s]")
_ROMAN = re.compile(r"^(?:I{1,3}|IV|V|VI{0,3}|IX|X)$")
_CONNECTORS = {"dan", "Dan", "&", "/", "-"}
_INTRO = {"yaitu", "yakni", "ialah", "adalah", "bernama", "saudara", "Saudara"}
_GOVERNING = ("Wali Kota", "Walikota", "Bupati", "Gubernur", "Sekda", "Sekretaris Daerah", "Camat", "Lurah",
              "Asisten")


class Tok(NamedTuple):
    """A word or punctuation mark and its character offsets."""

    text: str
    start: int
    end: int


#: A token, as ``tiled_words`` reads it.
_TOKEN_GROUP = re.compile("(" + _TOKEN.pattern + ")")


def tokenize(text: str) -> list[Tok]:
    """Words and punctuation with their character offsets (only whitespace lies between them)."""
    return tiled_words(_TOKEN_GROUP, text, Tok)


@cache
def _lexicon() -> dict:
    t, o, n = titles(), organizations(), names()

    def phrases(items) -> dict:
        """Phrases as a trie of words: ``{"Kepala": {"Dinas": {_END: True}, _END: True}}``."""
        trie: dict = {}
        for item in items:
            words = tokenize_words(item) if item else []
            if words:
                node = trie
                for word in words:
                    node = node.setdefault(word, {})
                node[_END] = True
        return trie

    org_words = set()
    for canonical, aliases in (o.get("canonical") or {}).items():
        for form in [canonical, *(aliases or [])]:
            org_words.update(tokenize_words(form))
    org_words.update(w for h in o.get("heads", []) for w in tokenize_words(h))
    title_words = {w for w in t.get("words", [])} | {w for h in t["heads"] for w in tokenize_words(h)}
    title_words |= set(t.get("areas", []))
    ranks = set(t.get("ranks", []))  # "Kapolres AKBP Budi": the rank is neither title nor name
    honorifics = set(n["honorifics"]["keep"]) | set(n["honorifics"]["drop"]) | ranks
    return {
        "prefixes": phrases(t["prefixes"]),
        "heads": phrases(t["heads"]),
        "title_words": title_words,
        "org_words": org_words - {"dan"},
        "not_person": set(o.get("not_person", [])) | set(t.get("not_names", [])),
        "honorifics": {h.rstrip(".") for h in honorifics},
        "drop_honorifics": {h.rstrip(".") for h in set(n["honorifics"]["drop"]) | ranks},
        "degrees": {d.replace(".", "").replace(" ", "") for d in n.get("suffix_degrees", [])},
        "particles": set(n.get("particles", [])),
        "named_heads": set(o.get("named_heads", [])),
        "field_of": set(o.get("field_of", [])),
        "stop": set(STOP_WORDS) - {w.lower() for w in n.get("stopword_names", [])},
        "not_after": set(t.get("not_after", [])),
    }


def tokenize_words(text: str) -> list[str]:
    """The tokens of ``text`` (as ``tokenize`` cuts them) but full stops and commas, without their offsets."""
    return [t for t in _TOKEN.findall(text) if t not in {".", ","}]


def _match_phrase(toks: list[Tok], i: int, phrases: dict) -> int:
    """Length of the longest phrase in ``phrases`` (a trie, see ``_lexicon``) that starts at token ``i``; 0 if none."""
    node, longest, k = phrases, 0, i
    while k < len(toks):
        node = node.get(toks[k].text)
        if node is None:
            break
        k += 1
        if _END in node:
            longest = k - i
    return longest


#: Marks the end of a phrase in a trie of words.
_END = ""


def title_starts(text: str) -> list[int]:
    """Where the words that can start a title are in ``text``: a paragraph without one has no official."""
    return [m.start() for m in _title_start().finditer(text)]


@cache
def _title_start() -> WordFinder:
    """Any word a title can start with: a paragraph without one has no official to find."""
    return WordFinder(_title_firsts())


def _title_at(toks: list[Tok], i: int) -> int:
    """Tokens taken by a title (``Pj Wali Kota``, ``Penjabat (Pj) Bupati``) starting at ``i``; 0 if none."""
    if toks[i].text not in _title_firsts():  # most words start no title: say so before reading phrases
        return 0
    lex, j = _lexicon(), i
    while True:
        n = _match_phrase(toks, j, lex["prefixes"])
        if not n:
            break
        j += n
        if j < len(toks) and toks[j].text == ".":
            j += 1
        if j < len(toks) and toks[j].text == "(":  # "Penjabat (Pj) Bupati"
            close = _close_paren(toks, j)
            j = close + 1 if close else j
    n = _match_phrase(toks, j, lex["heads"])
    if not n or not toks[i].text[:1].isupper() or (i and toks[i - 1].text in lex["not_after"]):
        return 0
    return j + n - i


def _close_paren(toks: list[Tok], i: int) -> int | None:
    for k in range(i + 1, min(i + 12, len(toks))):
        if toks[k].text == ")":
            return k
    return None


def _region_len(toks: list[Tok], i: int) -> int:
    gaz = regions()
    for n in gaz.name_lengths(toks[i].text):
        if i + n > len(toks):
            continue
        words = tuple(t.text for t in toks[i:i + n])
        if all(w[:1].isupper() for w in words) and gaz.lookup(" ".join(words)):
            return n
    return 0


def _is_org_word(word: str) -> bool:
    lex = _lexicon()
    return (word in lex["org_words"] or word in lex["title_words"]
            or (len(word) >= 2 and word.isupper() and word.isalpha() and word not in lex["honorifics"]))


def read_name(toks: list[Tok], i: int) -> int:
    """Tokens taken by a personal name starting at ``i`` (``Ida Bagus Alit Wiradana``, ``H. Ahmad``); 0 if none."""
    lex = _lexicon()
    honorifics, particles, not_person = lex["honorifics"], lex["particles"], lex["not_person"]
    j, words, end = i, [], len(toks)
    while j < end and len(words) < 7:
        word = toks[j].text
        if word in honorifics or word.rstrip(".") in honorifics:
            j += 2 if j + 1 < end and toks[j + 1].text == "." else 1
            words.append(word)
            continue
        if word[:1].isupper() or (words and word in particles):
            if word in not_person or _title_at(toks, j):
                break
            words.append(word)
            dotted = word + "." in particles and j + 1 < end and toks[j + 1].text == "."  # "Tgk. Muhammad"
            j += 2 if dotted else 1
            continue
        break
    # degrees after a comma belong to the name: "Rudi Hartono, S.E." — not needed for matching; stop here.
    core = [w for w in words if w.rstrip(".") not in honorifics]
    if not core or len(core) > 5:
        return 0
    if all(_is_org_word(w) or w in particles for w in core):
        return 0
    balinese = core[0] == "I" and len(core) > 1 and core[1] in particles  # "I Wayan Koster"
    if _ROMAN.match(core[0]) and not balinese:
        return 0
    if any(w in not_person or w.lower() in lex["stop"] for w in core):
        return 0
    return j - i


def not_a_name(name: str) -> bool:
    """The lexicon says a tagged "person" is not one: it holds a word that never names a person
    (``Paritrana``, ``Award``), an office word, a lowercase word (``non-ASN``), only organisation words
    (``Anugerah Paritrana``), or it is a place (``Tapin``) or degrees (``S.Sos., M.Si.``)."""
    lex = _lexicon()
    if all(part.replace(".", "").replace(" ", "") in lex["degrees"] for part in name.split(",") if part.strip()):
        return True
    words = [w for w in tokenize_words(name) if w[:1].isalpha() and w.rstrip(".") not in lex["honorifics"]]
    return (not words or any(w in lex["not_person"] or w in lex["title_words"] for w in words)
            or any(not w[:1].isupper() and w not in lex["particles"] for w in words)
            or all(_is_org_word(w) or w in lex["particles"] for w in words)
            or regions().lookup(name) is not None)


def _person_name(toks: list[Tok], i: int, n: int) -> str:
    """The name as written, honorifics such as Pak/Bu dropped."""
    lex = _lexicon()
    words, k = [], i
    while k < i + n:
        word = toks[k].text
        if k + 1 < i + n and toks[k + 1].text == ".":
            if word not in lex["drop_honorifics"]:
                words.append(word + ".")
            k += 2
            continue
        if word not in lex["drop_honorifics"]:
            words.append(word)
        k += 1
    return " ".join(words)


@dataclass
class _Designation:
    end: int              # token index after the designation
    title: tuple[int, int]
    org: tuple[int, int] | None
    name_at: int | None   # token index where a name starts, if the apposition gives one


def _designation(toks: list[Tok], i: int, title_len: int) -> _Designation:
    """Read ``Title [field words] [Org] [, Region,] [, yaitu]`` from a title start and find the name slot."""
    lex = _lexicon()
    k = i + title_len
    title_end, org_start, org_end = k, None, None

    def take_org(a, b):
        nonlocal org_start, org_end
        org_start = a if org_start is None else org_start
        org_end = b

    while k < len(toks):
        word = toks[k].text
        if word == "(":
            close = _close_paren(toks, k)
            if close is None:
                break
            k = close + 1
            continue
        if word in _CONNECTORS and k + 1 < len(toks) and toks[k + 1].text[:1].isupper() \
                and _is_org_word(toks[k + 1].text):
            k += 1
            continue
        if word == ",":
            nxt = k + 1
            if nxt < len(toks) and toks[nxt].text in _INTRO:
                nxt += 1
            # ", Kalimantan Tengah," — a place that qualifies the office, then the name
            region = _region_len(toks, nxt) if nxt < len(toks) else 0
            if region and nxt + region < len(toks) and toks[nxt + region].text == ",":
                k = nxt + region
                continue
            if nxt < len(toks) and read_name(toks, nxt):
                return _Designation(nxt, (i, title_end), (org_start, org_end) if org_start is not None else None, nxt)
            # ", BPJAMSOSTEK Cabang Palangka Raya Ariane" — the organisation after a comma
            if nxt < len(toks) and toks[nxt].text[:1].isupper() and _is_org_word(toks[nxt].text):
                k = nxt
                continue
            break
        if word in _INTRO:
            k += 1
            continue
        if not word[:1].isupper() and not _ROMAN.match(word):
            break
        region = _region_len(toks, k)
        if region:
            take_org(k, k + region)
            k += region
            continue
        if word == "I" and k + 1 < len(toks) and toks[k + 1].text in lex["particles"]:
            return _Designation(k, (i, title_end), (org_start, org_end) if org_start is not None else None, k)
        if word in lex["named_heads"] and toks[k - 1].text not in lex["field_of"]:
            # "PT Remu Logistik Papua", "Universitas Gadjah Mada": the body's name is its capitalised words,
            end = k + 1  # up to a title or an honorific ("PT Bank Kalsel H. Muhammad Rusdiansyah")
            while end < len(toks) and (toks[end].text[:1].isupper() or toks[end].text == ".") \
                    and not _title_at(toks, end) and toks[end].text not in lex["honorifics"]:
                end += 1
            take_org(k, end)
            k = end
            continue
        if org_start is None and (word in lex["title_words"] or _ROMAN.match(word)) and not _title_at(toks, k):
            k += 1
            title_end = k
            continue
        if _is_org_word(word) and not _title_at(toks, k):
            take_org(k, k + 1)
            k += 1
            continue
        # an unknown capitalised word: a name, unless a name follows a comma right after its capitalised words
        # (which may hold words no name holds: "Kepala Kampung Yenures Baru, Obeth Mandibondibo")
        n = read_name(toks, k)
        after = k + n
        while after < len(toks) and toks[after].text[:1].isupper() and not _title_at(toks, after):
            after += 1
        if after > k and after + 1 < len(toks) and toks[after].text == "," and read_name(toks, after + 1) \
                and not _title_at(toks, after + 1) and not _degree_at(toks, after + 1) \
                and _ends_apposition(toks, after + 1):
            take_org(k, after)
            k = after
            continue
        if not n:
            break
        return _Designation(k, (i, title_end), (org_start, org_end) if org_start is not None else None, k)
    return _Designation(k, (i, title_end), (org_start, org_end) if org_start is not None else None, None)


def _degree_at(toks: list[Tok], i: int) -> bool:
    """Whether a degree written after a name (``M.Si.``, ``S.E.``) starts at token ``i``."""
    degrees, joined = _lexicon()["degrees"], ""
    for tok in toks[i:i + 8]:
        if tok.text == ".":
            continue
        if not tok.text.isalpha():
            return False
        joined += tok.text
        if joined in degrees:
            return True
    return False


def _ends_apposition(toks: list[Tok], i: int) -> bool:
    """A name at ``i`` is followed by punctuation, a lowercase word or the end: it closes the apposition."""
    n = read_name(toks, i)
    return bool(n) and (i + n >= len(toks) or not toks[i + n].text[:1].isupper())


def _span_text(text: str, toks: list[Tok], span: tuple[int, int] | None) -> str | None:
    if not span or span[0] is None or span[1] <= span[0]:
        return None
    return text[toks[span[0]].start:toks[span[1] - 1].end].strip(" ,")


def _before_degrees(toks: list[Tok], end: int) -> int:
    """Where a name ends that may carry degrees before ``end``: ``Arsyad Effendi, M.T. selaku`` → at the comma."""
    degrees = _lexicon()["degrees"]
    while True:
        k = end
        while k > 0 and end - k < 8 and (toks[k - 1].text == "." or toks[k - 1].text[:1].isalpha()):
            k -= 1
        if k > 1 and k < end and toks[k - 1].text == "," and "".join(t.text for t in toks[k:end]).replace(".", "") \
                in degrees:
            end = k - 1
        else:
            return end


def _name_before(toks: list[Tok], i: int) -> tuple[int, int] | None:
    """For ``Name, Title`` or ``Name selaku Title``: the token where that name starts and its length (degrees
    after it left out), if there is one."""
    if i >= 2 and toks[i - 1].text == "," or i >= 2 and toks[i - 1].text in ("selaku", "sebagai"):
        end = _before_degrees(toks, i - 1)
    else:
        return None
    start = end
    while start > 0 and (toks[start - 1].text[:1].isupper() or toks[start - 1].text == "."):
        start -= 1
    while start < end:
        n = read_name(toks, start)
        if n == end - start and (start == 0 or not toks[start - 1].text[:1].isupper()):
            return start, n
        start += 1
    return None


def find_officials(text: str, people: list[tuple[int, int]] | None = None, titled: bool = False) -> list[Official]:
    """Every official introduced with an office in ``text`` (one sentence or paragraph).

    ``titled``: the caller found a word that starts a title in ``text`` (``title_starts``) and it need not be
    looked for again.

    ``people``: where a NER tagged persons in ``text`` (character offsets). The rules decide on their own
    where they can; a tagged person fills a name slot they left empty, or replaces a "name" the NER did
    not tag when a tagged person follows it (``Kepala Desa Sei Pasah, Amat Sugiono``), see
    ``_tagged_official``.
    """
    if not titled and not _title_start().search(text):
        return []
    toks = tokenize(text)
    found, i = [], 0
    firsts = _title_firsts()
    # only a token that starts a title phrase can start an official: jump from one to the next
    for at in list(compress(count(), map(firsts.__contains__, map(itemgetter(0), toks)))):  # (tok.text in firsts)
        if at < i:
            continue
        i = at
        title_len = _title_at(toks, i) if toks[i].text[:1].isupper() else 0
        if not title_len:
            continue
        d = _designation(toks, i, title_len)
        name_at, name_len = d.name_at, read_name(toks, d.name_at) if d.name_at is not None else 0
        if not name_len:
            before = _name_before(toks, i)
            if before is not None:
                name_at, name_len = before
        if people:
            name_at, name_len = _tagged_official(toks, i, d, name_at, name_len, people)
        if name_len:
            found.append(_official(text, toks, d, name_at, name_len))
            i = max(d.end, name_at + name_len) if name_at > i else d.end
        else:
            i = max(d.end, i + 1)
    return found


@cache
def _title_firsts() -> frozenset[str]:
    """The words a title phrase (a prefix such as ``Pj`` or a head such as ``Kepala``) starts with."""
    lex = _lexicon()
    return (frozenset(lex["prefixes"]) | frozenset(lex["heads"])) - {_END}


def _tagged_after(toks: list[Tok], k: int, people: list[tuple[int, int]]) -> tuple[int, int]:
    """A tagged person at token ``k``, after a comma or ``yakni`` (``Title Org, Name``): its first token and
    length, or ``(0, 0)``."""
    starts = dict(people)
    while k < len(toks) and (toks[k].text == "," or toks[k].text in _INTRO):
        k += 1
    if k < len(toks) and toks[k].start in starts:
        n = sum(1 for t in toks[k:] if t.end <= starts[toks[k].start])
        if n and not _title_at(toks, k) and not not_a_name(" ".join(t.text for t in toks[k:k + n])):
            return k, n
    return 0, 0


def _tagged_before(toks: list[Tok], i: int, people: list[tuple[int, int]]) -> tuple[int, int]:
    """A tagged person right before the title at ``i`` (``Name, Title``, ``Name selaku Title``)."""
    ends = {b: a for a, b in people}
    if i >= 2 and (toks[i - 1].text == "," or toks[i - 1].text in ("selaku", "sebagai")) \
            and toks[i - 2].end in ends:
        first = next((j for j in range(i - 2, -1, -1) if toks[j].start == ends[toks[i - 2].end]), None)
        if first is not None and not not_a_name(" ".join(t.text for t in toks[first:i - 1])):
            return first, i - 1 - first
    return 0, 0


def _tagged_official(toks: list[Tok], i: int, d: _Designation, name_at: int | None, name_len: int,
                     people: list[tuple[int, int]]) -> tuple[int | None, int]:
    """Where the rules found no name, or read a place or organisation as one, the person a NER tagged.

    ``Kepala Desa Sei Pasah, Amat Sugiono``: the rules take ``Sei Pasah`` (``Amat`` is also a common word);
    the NER tags ``Amat Sugiono`` a person and ``Sei Pasah`` none, so the village joins the organisation.
    """
    if not name_len:
        at, n = _tagged_after(toks, d.name_at if d.name_at is not None else d.end, people)
        return (at, n) if n else _tagged_before(toks, i, people)
    tagged = any(a < toks[name_at + name_len - 1].end and toks[name_at].start < b for a, b in people)
    if tagged or name_at < i:
        return name_at, name_len
    at, n = _tagged_after(toks, name_at + name_len, people)
    if not n or toks[name_at + name_len].text != ",":
        return name_at, name_len
    d.org = (d.org[0] if d.org else name_at, name_at + name_len)
    return at, n


#: A bracketed aside in a title or organisation ("Penjabat (Pj) Bupati"), dropped.
_BRACKETED = re.compile(r"\s*\([^)]*\)")
_BRACKETED_SPACED = re.compile(r"\s*\([^)]*\)\s*")


def _official(text, toks, d: _Designation, name_at: int, name_len: int) -> Official:
    title = _span_text(text, toks, d.title) or ""
    title = (_BRACKETED.sub("", title) if "(" in title else title).strip() or None
    org = _span_text(text, toks, d.org)
    org = (_BRACKETED_SPACED.sub(" ", org) if "(" in org else org).strip() if org else None
    region = None
    gaz = regions()
    places = gaz.find(org or "") or gaz.find(title or "")
    if places:
        region = places[0].region.name
        if org and org == places[0].text and title and title.endswith(_GOVERNING):
            org = region  # the place a Wali Kota or Sekda governs, by its official name
    return Official(name=_person_name(toks, name_at, name_len), title=title, organization=org,
                    region=region, sentence=text)


def same_person(a: str, b: str) -> bool:
    """``Alit Wiradana`` and ``Ida Bagus Alit Wiradana`` are one person; so are ``Andika`` and ``Andika Candra``."""
    wa, wb = _name_words(a), _name_words(b)
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(re.sub(r"[^\w ]", " ", name.casefold()).split())


def merge_officials(officials: list[Official]) -> list[Official]:
    """One official once per article, with the fullest name and the fullest office it is given."""
    merged: list[Official] = []
    for off in officials:
        for kept in merged:
            if same_person(kept.name, off.name):
                if len(off.name) > len(kept.name):
                    kept.name = off.name
                if (off.organization and not kept.organization) or not kept.title:
                    kept.title, kept.organization = off.title or kept.title, off.organization or kept.organization
                    kept.region = off.region or kept.region
                break
        else:
            merged.append(Official(**vars(off)))
    return merged
