"""Near-duplicate articles: MinHash signatures over word shingles, an LSH index.

Wire copies and lightly edited re-posts of one story differ in a few words (a
byline, a date line, "المصدر: …"); their normalised word 3-gram sets still overlap
heavily.  An article whose estimated Jaccard similarity with a stored one is at
least :data:`THRESHOLD` is a near-duplicate: stored as metadata linked to the
first article, its text not stored or processed again.

Signatures are :data:`NUM_PERM` 32-bit values (datasketch 2's default ``affine32``
scheme, fed a 32-bit xxhash as it expects) and are saved with each article so the
index is rebuilt on start-up (``Store.minhashes``): about 256 bytes per article.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import xxhash
from datasketch import MinHash, MinHashLSH

from marsad.text.normalize import normalize

__all__ = ["NearDupIndex", "signature", "THRESHOLD", "NUM_PERM", "SHINGLE", "MIN_SHINGLES"]

THRESHOLD = 0.7  # estimated Jaccard of 3-gram sets; re-posts score 0.8-1.0, distinct stories < 0.3
LSH_THRESHOLD = 0.5  # candidates are looked up generously, then checked against THRESHOLD
NUM_PERM = 64  # standard error of the estimate ~0.06: fine against a 0.7 cut-off
SHINGLE = 3  # words per shingle
MIN_SHINGLES = 8  # texts shorter than this are left to the exact-hash test


def _hash32(data: bytes) -> int:
    return xxhash.xxh32_intdigest(data)


def _shingles(text: str) -> set[bytes]:
    words = normalize(text).split()
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(max(0, len(words) - SHINGLE + 1))}


# datasketch draws the permutation parameters from a seeded RNG in every MinHash
# constructor (a third of ingest's MinHash time); draw them once and share them.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, hashfunc=_hash32, scheme="affine32").permutations


def signature(text: str) -> MinHash | None:
    """MinHash of ``text``'s shingles, None for texts too short to judge."""
    shingles = _shingles(text)
    if len(shingles) < MIN_SHINGLES:
        return None
    mh = MinHash(num_perm=NUM_PERM, hashfunc=_hash32, scheme="affine32", permutations=_PERMUTATIONS)
    mh.update_batch(list(shingles))
    return mh


def to_bytes(mh: MinHash) -> bytes:
    return np.asarray(mh.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(data: bytes) -> MinHash:
    return MinHash(
        num_perm=NUM_PERM,
        hashfunc=_hash32,
        scheme="affine32",
        permutations=_PERMUTATIONS,
        hashvalues=np.frombuffer(data, dtype=np.uint32).copy(),
    )


class NearDupIndex:
    """LSH over stored articles' signatures; :meth:`find` the article a text repeats."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=min(threshold, LSH_THRESHOLD), num_perm=NUM_PERM)
        self._sigs: dict[int, np.ndarray] = {}

    def load(self, rows: Iterable[tuple[int, bytes]]) -> int:
        """Add stored signatures (article id, bytes); returns how many were loaded."""
        n = 0
        for article_id, data in rows:
            if len(data) == NUM_PERM * 4 and article_id not in self._sigs:
                self.add(article_id, from_bytes(data))
                n += 1
        return n

    def add(self, article_id: int, mh: MinHash) -> None:
        if article_id in self._sigs:
            return
        self._lsh.insert(article_id, mh)
        self._sigs[article_id] = np.asarray(mh.hashvalues)

    def find(self, mh: MinHash) -> tuple[int, float] | None:
        """(article id, estimated similarity) of the closest stored near-duplicate."""
        best: tuple[int, float] | None = None
        values = np.asarray(mh.hashvalues)
        for cand in self._lsh.query(mh):
            sim = float(np.count_nonzero(values == self._sigs[cand])) / NUM_PERM  # MinHash.jaccard, minus checks
            if sim >= self.threshold and (best is None or sim > best[1] or (sim == best[1] and cand < best[0])):
                best = (cand, sim)
        return best

    def __len__(self) -> int:
        return len(self._sigs)
