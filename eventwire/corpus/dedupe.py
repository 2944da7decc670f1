"""Near-duplicate articles: MinHash over shingles of normalised words, LSH band buckets that persist in the store.

Syndicated copies differ in boilerplate, headline and trimmed paragraphs. Two texts are one story when their
estimated Jaccard similarity reaches ``threshold`` or when the shorter is (mostly) contained in the longer
(a trimmed copy): containment is estimated from the Jaccard estimate and the two shingle-set sizes.
"""
from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.5          # Jaccard at which two texts are one story
DEFAULT_CONTAINMENT = 0.75       # share of the shorter text found in the longer one (trimmed copies)
# LSH gathers candidates well below the story threshold: a copy trimmed to its first quarter has Jaccard ~0.2
# with the original. Measured on BBC articles (bench_store.py --dedupe-only): 0.2 finds 90% of such trims and
# makes no more candidate pairs between different articles than 0.3.
CANDIDATE_THRESHOLD = 0.2
MIN_CONTAINED_SHINGLES = 40      # below this, shared boilerplate alone could make a short text "contained"

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Signature:
    """A text's MinHash and the size of its shingle set (needed to estimate containment)."""
    hashvalues: np.ndarray
    n_shingles: int

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u8").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, n_shingles: int) -> "Signature":
        return cls(np.frombuffer(bytes(data), dtype="<u8").astype(np.uint64), n_shingles)


def normalised_words(text: str) -> list[str]:
    # NFKC folds typographic variants (curly quotes, ligatures) that differ between syndicated copies.
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    words = normalised_words(text)
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> Signature:
    grams = shingles(text)
    minhash = MinHash(num_perm=num_perm)
    minhash.update_batch([g.encode("utf-8") for g in grams])
    return Signature(minhash.hashvalues.copy(), len(grams))


@lru_cache(maxsize=8)
def band_layout(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) minimising false positives+negatives around ``threshold`` (datasketch's optimiser)."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def buckets(sig: Signature, bands: int, rows: int) -> list[int]:
    """One signed 63-bit bucket id per band; the band number is hashed in so buckets never collide across bands."""
    out = []
    for band in range(bands):
        chunk = sig.hashvalues[band * rows:(band + 1) * rows].astype("<u8").tobytes()
        digest = hashlib.blake2b(struct.pack("<I", band) + chunk, digest_size=8).digest()
        out.append(int.from_bytes(digest, "little", signed=True) >> 1)
    return out


def jaccard(a: Signature, b: Signature) -> float:
    if a.n_shingles == 0 or b.n_shingles == 0:
        return 0.0
    return float((a.hashvalues == b.hashvalues).sum()) / len(a.hashvalues)


def containment(a: Signature, b: Signature) -> float:
    """Estimated share of the smaller shingle set found in the larger: |A∩B| / min(|A|,|B|)."""
    j = jaccard(a, b)
    if j == 0.0:
        return 0.0
    intersection = j * (a.n_shingles + b.n_shingles) / (1.0 + j)
    return min(1.0, intersection / min(a.n_shingles, b.n_shingles))


def same_story(a: Signature, b: Signature, threshold: float = DEFAULT_THRESHOLD,
               min_containment: float = DEFAULT_CONTAINMENT) -> bool:
    if jaccard(a, b) >= threshold:
        return True
    return min(a.n_shingles, b.n_shingles) >= MIN_CONTAINED_SHINGLES and containment(a, b) >= min_containment
