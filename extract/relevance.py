"""Is an article about workers' social security? The one test, shared by ``pantau extract`` and the crawl.

>>> is_relevant("Kepala BPJamsostek Banjarmasin menyerahkan santunan JKM.")
True
>>> is_relevant("BPJS Kesehatan menambah layanan JKN di puskesmas.")
False
>>> is_relevant("Buruh berunjuk rasa menuntut kenaikan upah.\\n\\nMereka berkumpul di depan kantor gubernur."
...             "\\n\\nSalah satu tuntutan: perusahaan yang menunggak iuran BPJS Ketenagakerjaan ditindak.")
False
"""

from __future__ import annotations

from functools import cache

from extract.matching import WordPattern
from extract.resources import load_yaml


@cache
def _rules() -> tuple[dict[str, list[WordPattern]], int]:
    data = load_yaml("relevance.yml")
    lead = data.pop("lead_paragraphs")
    return {kind: [WordPattern(p) for p in patterns] for kind, patterns in data.items()}, lead


def relevance_hits(text: str) -> dict[str, int]:
    """How often ``text`` names each group of ``relevance.yml`` (strong, weak, off_topic); ``passing``: 1 where
    its one strong mention, with no weak one, lies below the lead (the title and first paragraphs, separated
    by blank lines), 0 otherwise."""
    patterns, lead = _rules()
    text = text.lower()
    hits = {kind: sum(p.count(text) for p in group) for kind, group in patterns.items()}
    hits["passing"] = 0
    if hits["strong"] == 1 and not hits["weak"]:
        top = "\n\n".join(text.split("\n\n", lead)[:lead])
        hits["passing"] = int(not any(p.count(top) for p in patterns["strong"]))
    return hits


def _on_topic(hits: dict[str, int]) -> tuple[float, int, int]:
    """Mentions of the topic (weak ones count 1/2), strong ones and weak ones, a passing mention as a weak one."""
    strong, weak = hits["strong"] - hits["passing"], hits["weak"] + hits["passing"]
    return strong + weak / 2, strong, weak


def relevance_score(text: str, hits: dict[str, int] | None = None) -> float:
    """How much ``text`` is about workers' social security, from 0 (not at all) to 1.

    Strong terms count 1, weak terms 1/2 (and so does a strong one passing mention), off-topic terms (BPJS
    Kesehatan, other awards) count against. ``hits``: ``relevance_hits(text)`` when the caller has it already.
    """
    hits = hits or relevance_hits(text)
    on_topic, strong, weak = _on_topic(hits)
    if strong < 1 and weak < 2:
        return round(min(on_topic, 1) / 4, 3)
    return round(on_topic / (on_topic + hits["off_topic"] / 2 + 1), 3)


def is_relevant(text: str, hits: dict[str, int] | None = None) -> bool:
    """True when ``text`` is about BPJS Ketenagakerjaan, jamsostek or Paritrana (see relevance.yml)."""
    hits = hits or relevance_hits(text)
    on_topic, strong, weak = _on_topic(hits)
    return (strong >= 1 or weak >= 2) and on_topic >= hits["off_topic"]
