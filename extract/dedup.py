"""Exact and near-duplicate articles: a hash of the normalised text, and MinHash over word shingles with LSH.

>>> a = "Denpasar (ANTARA) - " + " ".join(f"kata{i}" for i in range(200))
>>> b = "Denpasar (bisnisbali.com) - " + " ".join(f"kata{i}" for i in range(190))
>>> index = DedupIndex()
>>> index.add(1, signature(a))
>>> index.similar(signature(b))[0][0]
1
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

from extract.text import find_dateline

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.5
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are read back with the same one


def normalized_words(text: str) -> list[str]:
    """The words of an article's body, without its dateline, punctuation and case."""
    paragraphs = [p for p in text.split("\n") if p.strip()]
    if paragraphs:
        _, _, cut = find_dateline(paragraphs[0])
        paragraphs[0] = paragraphs[0][cut:]
    return re.findall(r"\w+", " ".join(paragraphs).casefold())


def content_hash(text: str) -> str:
    """Equal for exact copies, whatever their dateline, spacing or punctuation."""
    return hashlib.sha1(" ".join(normalized_words(text)).encode("utf-8")).hexdigest()


def signature(text: str, num_perm: int = NUM_PERM) -> MinHash:
    """MinHash of the article's word ``SHINGLE``-grams."""
    words = normalized_words(text)
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh = MinHash(num_perm=num_perm, scheme=SCHEME)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def to_bytes(mh: MinHash) -> bytes:
    """A signature as bytes for the database; ``from_bytes`` reads it back."""
    return np.asarray(mh.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint32)
    return MinHash(num_perm=len(values), hashvalues=values, scheme=SCHEME)


class DedupIndex:
    """An LSH index of article signatures that answers "which stored articles is this a copy of?"."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.signatures: dict = {}

    def add(self, key, mh: MinHash) -> None:
        if key in self.signatures:
            self.lsh.remove(key)
        self.lsh.insert(key, mh)
        self.signatures[key] = mh

    def similar(self, mh: MinHash) -> list[tuple[object, float]]:
        """Stored keys whose estimated Jaccard similarity reaches the threshold, most similar first."""
        found = [(k, mh.jaccard(self.signatures[k])) for k in self.lsh.query(mh)]
        return sorted([f for f in found if f[1] >= self.threshold], key=lambda f: -f[1])
