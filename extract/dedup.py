"""Exact and near-duplicate articles: a hash of the normalised text, and MinHash over word shingles with
LSH banding.

An index is anything with ``candidates(keys) -> ids``, ``add(id, keys, signature)`` and
``signature(id) -> MinHash``: ``MemoryIndex`` here (benchmarks, rebuilds) or ``db.store.SqliteIndex``
(the one a crawl uses: it persists with the database, so a new page is checked against everything stored
without building anything first). ``assign`` puts one article in a cluster the same way for both.

>>> index = MemoryIndex()
>>> a = "Denpasar (ANTARA) - " + " ".join(f"kata{i}" for i in range(200))
>>> b = "Denpasar (bisnisbali.com) - " + " ".join(f"kata{i}" for i in range(190))
>>> assign(index, 1, signature(a), {}), assign(index, 2, signature(b), {1: 1})
(None, 1)
"""

from __future__ import annotations

import hashlib
import re
import zlib
from functools import cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from extract.text import find_dateline

SHINGLE = 5
NUM_PERM = 128
THRESHOLD = 0.25  # chosen on the labelled pairs: python -m benchmarks.dedup_pairs
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


def shingles(words: list[str], size: int = SHINGLE) -> set[str]:
    return {" ".join(words[i:i + size]) for i in range(max(1, len(words) - size + 1))}


def _crc32(data: bytes) -> int:
    return zlib.crc32(data)


@cache
def _permutations(num_perm: int):
    return MinHash(num_perm=num_perm, scheme=SCHEME).permutations


def signature(text: str, num_perm: int = NUM_PERM, size: int = SHINGLE, words: list[str] | None = None
              ) -> MinHash:
    """MinHash of the article's word ``size``-grams (CRC-32 per shingle: fast, and the same in every process)."""
    words = normalized_words(text) if words is None else words
    mh = MinHash(num_perm=num_perm, scheme=SCHEME, hashfunc=_crc32, permutations=_permutations(num_perm))
    mh.update_batch([g.encode("utf-8") for g in shingles(words, size)])
    return mh


def fingerprint(text: str) -> tuple[str, MinHash]:
    """``content_hash`` and ``signature`` of one text, reading its words once."""
    words = normalized_words(text)
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest(), signature(text, words=words)


def to_bytes(mh: MinHash) -> bytes:
    """A signature as bytes for the database; ``from_bytes`` reads it back."""
    return np.asarray(mh.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint32)
    return MinHash(num_perm=len(values), hashvalues=values, scheme=SCHEME, hashfunc=_crc32,
                   permutations=_permutations(len(values)))


@cache
def bands(threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """LSH bands and rows per band that best separate pairs above and below ``threshold``."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def band_keys(mh: MinHash, threshold: float = THRESHOLD) -> list[int]:
    """One 63-bit key per LSH band: two articles that share a key are candidates."""
    b, r = bands(threshold, len(mh.hashvalues))
    values = np.asarray(mh.hashvalues, dtype=np.uint32)
    keys = []
    for i in range(b):
        digest = hashlib.blake2b(values[i * r:(i + 1) * r].tobytes() + bytes([i]), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big") >> 1)
    return keys


class MemoryIndex:
    """LSH bands in memory (for benchmarks and rebuilds); ``db.store.SqliteIndex`` is the persistent one."""

    def __init__(self):
        self.buckets: dict[tuple[int, int], list] = {}
        self.signatures: dict = {}

    def candidates(self, keys: list[int]) -> set:
        found = set()
        for band, key in enumerate(keys):
            found.update(self.buckets.get((band, key), ()))
        return found

    def add(self, item, keys: list[int], mh: MinHash) -> None:
        for band, key in enumerate(keys):
            self.buckets.setdefault((band, key), []).append(item)
        self.signatures[item] = mh

    def signature(self, item) -> MinHash:
        return self.signatures[item]


def similar(index, mh: MinHash, keys: list[int] | None = None, threshold: float = THRESHOLD) -> list[tuple]:
    """Indexed items whose estimated Jaccard similarity with ``mh`` reaches ``threshold``, most similar first."""
    keys = keys if keys is not None else band_keys(mh, threshold)
    scored = [(item, mh.jaccard(index.signature(item))) for item in index.candidates(keys)]
    return sorted((s for s in scored if s[1] >= threshold), key=lambda s: -s[1])


def assign(index, item, mh: MinHash, clusters: dict, threshold: float = THRESHOLD):
    """Add ``item`` to ``index`` and return the cluster of its most similar indexed item (None for a new story).

    ``clusters`` maps indexed items to their cluster (a dict, or anything with ``.get``).
    """
    keys = band_keys(mh, threshold)
    cluster = None
    for other, _ in similar(index, mh, keys, threshold):
        if other != item and clusters.get(other) is not None:
            cluster = clusters.get(other)
            break
    index.add(item, keys, mh)
    return cluster
