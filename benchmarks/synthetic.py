"""Synthetic news articles for benchmarks, built from the project's own corpus sentences.

Each original is 6-12 paragraphs drawn from the corpus; a share of them is republished as syndicated
copies with realistic edits (new dateline and footer, a paragraph dropped or added, words changed), and
some pairs of different stories share a quotation, as two outlets' reports of one event do.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "models" / "corpus" / "raw"
CITIES = ["Palangka Raya", "Banjarmasin", "Denpasar", "Sampit", "Martapura", "Medan", "Makassar", "Kupang",
          "Ambon", "Jayapura", "Pontianak", "Samarinda", "Mataram", "Padang", "Kendari", "Manado"]
OUTLETS = ["ANTARA", "bakabar.com", "bisnisbali.com", "kompas.com", "tribunnews.com", "suarantb.com"]


def sentences() -> list[str]:
    """Every corpus sentence with its entity markup removed."""
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = re.sub(r"\[\[(.+?)\|[A-Z]+\]\]", r"\1", line).strip()
            if len(line.split()) >= 6:
                out.append(line)
    return out


def _original(rng: random.Random, pool: list[str]) -> list[str]:
    paragraphs = [" ".join(rng.sample(pool, rng.randint(1, 3))) for _ in range(rng.randint(6, 12))]
    paragraphs[0] = f"{rng.choice(CITIES)} (ANTARA) - {paragraphs[0]}"
    return paragraphs


def _copy(rng: random.Random, paragraphs: list[str], pool: list[str]) -> list[str]:
    body = [re.sub(r"^.*?\(ANTARA\) - ", "", p) for p in paragraphs]
    outlet = rng.choice(OUTLETS[1:])
    if len(body) > 6 and rng.random() < 0.6:
        del body[rng.randrange(1, len(body))]
    if rng.random() < 0.5:
        body.insert(rng.randrange(1, len(body)), " ".join(rng.sample(pool, 2)))
    if rng.random() < 0.3:
        body = body[:-1]
    body = [p.replace("BPJamsostek", "BPJS Ketenagakerjaan") for p in body]
    body[0] = f"{rng.choice(CITIES).upper()}, {outlet} - {body[0]}"
    return body + ["Sumber: ANTARA"]


def _same_event(rng: random.Random, paragraphs: list[str], pool: list[str]) -> list[str]:
    """Another outlet's own report: fresh text that shares one or two quotations with the original."""
    own = _original(rng, pool)
    for shared in rng.sample(paragraphs[1:], 2):
        own.insert(rng.randrange(1, len(own)), shared)
    return own


def generate(n: int, seed: int = 7, copy_share: float = 0.2, event_share: float = 0.05):
    """``n`` articles as (text, story id): about ``copy_share`` are copies of an earlier story."""
    rng = random.Random(seed)
    pool = sentences()
    originals: list[tuple[list[str], int]] = []
    out: list[tuple[str, int]] = []
    for i in range(n):
        roll = rng.random()
        if originals and roll < copy_share:
            paragraphs, story = rng.choice(originals)
            out.append(("\n".join(_copy(rng, paragraphs, pool)), story))
            continue
        if originals and roll < copy_share + event_share:
            paragraphs, _ = rng.choice(originals)
            paragraphs = _same_event(rng, paragraphs, pool)
        else:
            paragraphs = _original(rng, pool)
        originals.append((paragraphs, i))
        out.append(("\n".join(paragraphs), i))
    return out
