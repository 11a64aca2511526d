"""Is an article about workers' social security? The one test, shared by ``pantau extract`` and the crawl.

>>> is_relevant("Kepala BPJamsostek Banjarmasin menyerahkan santunan JKM.")
True
>>> is_relevant("BPJS Kesehatan menambah layanan JKN di puskesmas.")
False
"""

from __future__ import annotations

from functools import cache

from extract.matching import WordPattern
from extract.resources import load_yaml


@cache
def _patterns() -> dict[str, list[WordPattern]]:
    return {kind: [WordPattern(p) for p in patterns] for kind, patterns in load_yaml("relevance.yml").items()}


def relevance_hits(text: str) -> dict[str, int]:
    """How often ``text`` names each group of ``relevance.yml`` (strong, weak, off_topic)."""
    text = text.lower()
    return {kind: sum(p.count(text) for p in patterns) for kind, patterns in _patterns().items()}


def relevance_score(text: str, hits: dict[str, int] | None = None) -> float:
    """How much ``text`` is about workers' social security, from 0 (not at all) to 1.

    Strong terms count 1, weak terms 1/2, off-topic terms (BPJS Kesehatan, other awards) count against.
    ``hits``: ``relevance_hits(text)`` when the caller has it already.
    """
    hits = hits or relevance_hits(text)
    on_topic = hits["strong"] + hits["weak"] / 2
    if hits["strong"] < 1 and hits["weak"] < 2:
        return round(min(on_topic, 1) / 4, 3)
    return round(on_topic / (on_topic + hits["off_topic"] / 2 + 1), 3)


def is_relevant(text: str, hits: dict[str, int] | None = None) -> bool:
    """True when ``text`` is about BPJS Ketenagakerjaan, jamsostek or Paritrana (see relevance.yml)."""
    hits = hits or relevance_hits(text)
    on_topic = hits["strong"] + hits["weak"] / 2
    return (hits["strong"] >= 1 or hits["weak"] >= 2) and on_topic >= hits["off_topic"]
