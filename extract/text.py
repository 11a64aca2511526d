"""The one text-cleaning function: raw article text to clean paragraphs.

>>> cleaned = clean_text('Palangka Raya (ANTARA) - Satu.\\nBaca juga: Lain\\nPalangka Raya (ANTARA) - Satu.')
>>> cleaned.paragraphs, cleaned.repeated, cleaned.outlet, cleaned.dateline
(['Palangka Raya (ANTARA) - Satu.'], 1, 'ANTARA', 'Palangka Raya')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from extract.matching import WordPattern, ascii_words
from extract.resources import load_yaml

_QUOTES = {"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "″": '"',
           "‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'"}
#: Runs of spaces that become one plain space: two or more, or one that is not a plain space (a lone plain
#: space is left alone, which is most of them, so the substitution has little to do).
_ODD = "\t\u00a0\u2000-\u200b\u202f\u205f\u3000"  # spaces other than the plain one
_SPACES = re.compile(f"[ {_ODD}]{{2,}}|[{_ODD}]")
#: A space ``_SPACES`` changes even alone: found fast, where ``_SPACES`` tries every position.
_ODD_SPACE = re.compile(f"[{_ODD}]")

# "Palangka Raya (ANTARA) - ", "Denpasar (bisnisbali.com) – ", "bakabar.com, BANJARMASIN – ",
# "TRIBUNNEWS.COM, MATARAM - ", "KOMPAS.com - ", "Mataram, Suara NTB - ", "Kendari, 3 Maret 2020 - ",
# "KBRN, Ambon: ", "Jakarta - ".
_DATELINES = [
    re.compile(r"^(?P<city>[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){0,3})\s*\((?P<outlet>[^()]{2,40})\)\s*[-–—]+\s*"),
    re.compile(r"^(?P<outlet>[\w-]+\.(?:com|co\.id|id|net)),\s*(?P<city>[A-Z][A-Za-z.'’ -]{1,40}?)\s*[-–—]+\s+",
               re.IGNORECASE),
    re.compile(r"^(?P<outlet>[\w-]+\.(?:com|co\.id|id|net))\s*[-–—]+\s+", re.IGNORECASE),
    re.compile(r"^(?P<city>[A-Z][A-Za-z.'’ -]{1,40}?),\s*(?P<outlet>[\w-]+\.(?:com|co\.id|id|net))\s*[-–—]+\s+",
               re.IGNORECASE),
    re.compile(r"^(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?),\s*(?P<outlet>[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})\s*[-–—]+\s+"),
    # a press release: "Kendari, 3 Maret 2020 – "
    re.compile(r"^(?P<city>[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2}),\s*\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\s*[-–—]+\s+"),
    # RRI: "KBRN, Ambon: "
    re.compile(r"^(?P<outlet>KBRN),\s*(?P<city>[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,2})\s*:\s+"),
    # a city alone: "Jakarta - " (detik and others)
    re.compile(r"^(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+[-–—]\s+(?=[A-Z\"])"),
]
#: Every dateline has one: a paragraph without one is not tried against the patterns.
_DATELINE_MARKS = ("-", "–", "—", "KBRN")


@dataclass
class CleanText:
    """Article text split into clean paragraphs, with what the cleaning learnt on the way."""

    paragraphs: list[str]
    repeated: int = 0
    title: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    credit: str | None = None
    dropped: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = load_yaml("boilerplate.yml")
    flags = re.IGNORECASE
    return {
        # one alternation: a paragraph is chrome when any pattern matches
        "drop": re.compile("|".join(f"(?:{p})" for p in data["drop_paragraphs"]), flags),
        "captions": [WordPattern(p) for p in data["caption_suffixes"]],
        "initials": re.compile(data["trailing_initials"]),
        "credit": re.compile(data["credit_line"], flags),
        "date_only": re.compile(data["date_only"], flags),
    }


@lru_cache(maxsize=1)
def _outlet_names() -> dict[str, str]:
    return {alias.casefold(): name for name, aliases in load_yaml("outlets.yml").items() for alias in aliases}


def outlet_name(written: str | None) -> str | None:
    """One name per outlet: ``outlet_name("Antaranews Kalsel") == "ANTARA"``; unknown names stay as written."""
    if not written:
        return None
    written = " ".join(written.split())
    return _outlet_names().get(written.casefold(), written)


#: No word is this long; a run of non-space characters this long (binary junk, a row of quote marks) is cut
#: into pieces so that tokenizing it stays linear.
LONGEST_WORD = 100
_RUN = re.compile(rf"(?<!\S)\S{{{LONGEST_WORD},}}")  # tried at word starts only
#: Control and format characters (other than newline and tab), zero-width spaces, byte-order marks.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]")


def _cut(m: re.Match) -> str:
    run = m.group(0)
    return " ".join(run[i:i + LONGEST_WORD // 2] for i in range(0, len(run), LONGEST_WORD // 2))


def normalize(text: str) -> str:
    """Unicode NFC, one kind of double and single quote, plain spaces, no space before a closing quote."""
    text = unicodedata.normalize("NFC", text)
    for mark, plain in _QUOTES.items():  # str.replace per mark is many times faster than str.translate
        if mark in text:
            text = text.replace(mark, plain)
    if "  " in text or "\t" in text or (not text.isascii() and _ODD_SPACE.search(text)):  # else none to change
        text = _SPACES.sub(" ", text)
    if max(map(len, text.split()), default=0) >= LONGEST_WORD:  # split finds runs faster than _RUN's scan
        text = _RUN.sub(_cut, text)
    text = _CONTROL.sub("", text)
    # "…Kalsel, ”" — a stray space between the last punctuation and the closing mark.
    return re.sub(r'([,.!?;])\s+"(?=\s|$|[,.;)])', r'\1"', text)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are lines; blank lines, ``<br>``-runs turned into newlines and spacers all separate."""
    return [p for p in map(str.strip, normalize(text).split("\n")) if p]


def find_dateline(paragraph: str) -> tuple[str | None, str | None, int]:
    """``find_dateline("Denpasar (ANTARA) - Isi")`` returns ``("Denpasar", "ANTARA", 19)``: city, outlet, length."""
    if not any(mark in paragraph for mark in _DATELINE_MARKS):
        return None, None, 0
    for pattern in _DATELINES:
        m = pattern.match(paragraph)
        if m:
            groups = m.groupdict()
            city = groups.get("city")
            city = city.strip().title() if city and city.isupper() else city
            return city, outlet_name(groups.get("outlet")), m.end()
    return None, None, 0


_WORDS = re.compile(r"\w+")


def _key(paragraph: str) -> str:
    """What two copies of a paragraph share: its words (``\\w+``), casefolded, one space apart. An ASCII
    paragraph (nearly all) is cut by ``ascii_words``, about twice as fast as the pattern."""
    if paragraph.isascii():
        return b" ".join(ascii_words(paragraph.lower())).decode()
    return " ".join(_WORDS.findall(paragraph.casefold()))


def clean_text(text: str, title: str | None = None) -> CleanText:
    """Clean one article's text: drop chrome, captions, credits and repeated paragraphs.

    ``title``, when the caller knows it (from the page's metadata), is dropped where it repeats
    inside the text; when it is not known, a plain-text page's header lines give it.
    """
    rules = _rules()
    out = CleanText(paragraphs=[], title=title)
    paragraphs = split_paragraphs(text)

    # Header chrome: lines before the dateline paragraph (top-bar date, breadcrumb, title).
    for i, paragraph in enumerate(paragraphs[:8]):
        city, outlet, _ = find_dateline(paragraph)
        if outlet:
            out.dateline, out.outlet = city, outlet
            header, paragraphs = paragraphs[:i], paragraphs[i:]
            candidates = [h for h in header if not _is_chrome(h, rules) and len(h.split()) >= 3]
            if out.title is None and candidates:
                out.title = max(candidates, key=header.count)
            out.dropped.extend(header)
            break

    seen: set[str] = set()
    title_key = _key(out.title) if out.title else None
    for paragraph in paragraphs:
        credit = rules["credit"].match(paragraph)
        if credit:
            out.credit = outlet_name(credit.group("credit").strip(" ."))
            out.dropped.append(paragraph)
            continue
        key = _key(paragraph)
        if _is_chrome(paragraph, rules) or any(p.search(paragraph) for p in rules["captions"]) or key == title_key:
            out.dropped.append(paragraph)
            continue
        initials = _has_initials(paragraph) and rules["initials"].search(paragraph)
        if initials:
            paragraph = paragraph[:initials.start()].strip()
            key = _key(paragraph)
        if key in seen:
            out.repeated += 1
            continue
        # A repeated copy of the first paragraph may have lost its dateline.
        _, _, cut = find_dateline(paragraph)
        seen.update({key, _key(paragraph[cut:])} if cut else {key})
        out.paragraphs.append(paragraph)
    return out


def _has_initials(paragraph: str) -> bool:
    """Whether the paragraph ends the way ``trailing_initials`` needs (``(dik)``, or ``*dik`` in its last
    characters): checked first, because the pattern's leading ``\\s+`` is tried at every space."""
    end = paragraph.rstrip()
    return end.endswith(")") or "*" in end[-8:]


def _is_chrome(paragraph: str, rules: dict) -> bool:
    return bool(rules["drop"].search(paragraph) or rules["date_only"].match(paragraph))
