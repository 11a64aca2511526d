"""The facts pantau extracts, as plain dataclasses (what ``db/`` stores and ``pantau extract`` prints).

>>> Official(name="Hera Nugrahayu", title="Pj Wali Kota").as_dict()["title"]
'Pj Wali Kota'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Fact:
    """Every fact keeps the sentence it came from."""

    def as_dict(self, with_sentence: bool = False) -> dict:
        data = asdict(self)
        if not with_sentence:
            data.pop("sentence", None)
        return data


@dataclass
class Official(Fact):
    name: str
    title: str | None = None
    organization: str | None = None
    region: str | None = None
    sentence: str = ""


@dataclass
class Count(Fact):
    value: int | float
    unit: str
    category: str | None = None
    region: str | None = None
    funding: str | None = None
    text: str = ""
    sentence: str = ""


@dataclass
class Award(Fact):
    award: str
    year: int | None = None
    recipient: str | None = None
    rank: int | None = None
    category: str | None = None
    level: str | None = None
    region: str | None = None
    nominee: bool = False
    sentence: str = ""


@dataclass
class Quote(Fact):
    speaker: str | None
    text: str
    sentence: str = ""


@dataclass
class ArticleFacts:
    """Everything ``Extractor.extract`` finds in one article."""

    relevant: bool
    relevance: float = 0.0
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    dateline: str | None = None
    region: str | None = None
    credit: str | None = None
    repeated_paragraphs: int = 0
    paragraphs: list[str] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def as_json(self, source: str) -> dict:
        """The ``pantau extract --format jsonl`` object for this article (see SPEC.md)."""
        return {
            "source": source,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "relevant": self.relevant,
            "relevance": self.relevance,
            "officials": [f.as_dict() for f in self.officials],
            "counts": [f.as_dict() for f in self.counts],
            "awards": [f.as_dict() for f in self.awards],
            "quotes": [f.as_dict() for f in self.quotes],
        }
