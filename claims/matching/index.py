"""Every open claim's sentence vector in one matrix, per worker process.

Finding the claims a source may bear on is one matrix product: the source's passage
vectors against all claims, multilingual and without ranking thousands of full-text
matches. The matrix is read once and then topped up on each use with the claims embedded
since (their job runs after the claim is made); it is read again in full every
REFRESH_SECONDS, which also drops archived claims and picks up re-embedded ones. Nothing
here writes.

The product is bound by memory, not arithmetic (100,000 × 512 float32 is 200 MB read per
source, ~35 ms), so a large index first ranks on the claims' first REDUCED_DIMENSIONS
principal components (38 MB, ~3× faster) and then scores the best WIDE of that pass
exactly: on the benchmark's claims the exact top 50 came back every time.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from ..models import Claim
from . import embeddings

REFRESH_SECONDS = 600
# Below this many claims the exact product is cheap enough alone.
REDUCE_ABOVE = 20_000
REDUCED_DIMENSIONS = 96
WIDE = 500


class ClaimIndex:
    def __init__(self):
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)
        # The principal directions of the claims' vectors, and the claims projected on them.
        self.basis: np.ndarray | None = None
        self.reduced = np.zeros((0, REDUCED_DIMENSIONS), dtype=np.float32)
        self.loaded_at = 0.0
        # Claims above this id may still be waiting for their embedding job: look again.
        self.low_water = 0
        self._lock = threading.Lock()

    def nearest(self, vectors: np.ndarray, limit: int) -> list[int]:
        """Ids of the claims closest to any of the vectors, best first."""
        self.refresh()
        if not len(self.ids) or not len(vectors):
            return []
        rows = None
        if self.basis is not None and len(self.ids) > WIDE:
            rough = ((vectors @ self.basis) @ self.reduced.T).max(axis=0)
            rows = np.argpartition(-rough, WIDE - 1)[:WIDE]
        matrix = self.matrix if rows is None else self.matrix[rows]
        closeness = (vectors @ matrix.T).max(axis=0)
        top = min(limit, len(closeness))
        best = np.argpartition(-closeness, top - 1)[:top]
        best = best[np.argsort(-closeness[best])]
        if rows is not None:
            best = rows[best]
        return [int(i) for i in self.ids[best]]

    def refresh(self) -> None:
        with self._lock:
            if time.monotonic() - self.loaded_at > REFRESH_SECONDS:
                self._load(full=True)
            else:
                self._load(full=False)

    def _load(self, full: bool) -> None:
        rows = Claim.objects.filter(archived_at__isnull=True)
        if not full:
            rows = rows.filter(pk__gt=self.low_water)
        found = list(rows.order_by("pk").values_list("pk", "embedding"))
        ids, vectors, waiting = [], [], None
        for pk, data in found:
            vector = embeddings.from_bytes(data)
            if vector is None:
                waiting = pk if waiting is None else waiting
                continue
            ids.append(pk)
            vectors.append(vector)
        fresh_ids = np.asarray(ids, dtype=np.int64)
        fresh = np.stack(vectors) if vectors else np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)
        if full:
            self.ids, self.matrix = fresh_ids, fresh
            self.basis = principal_directions(fresh) if len(fresh) > REDUCE_ABOVE else None
            self.reduced = fresh @ self.basis if self.basis is not None else self.reduced[:0]
            self.loaded_at = time.monotonic()
        elif len(fresh_ids):
            keep = ~np.isin(self.ids, fresh_ids)
            self.ids = np.concatenate([self.ids[keep], fresh_ids])
            self.matrix = np.concatenate([self.matrix[keep], fresh])
            if self.basis is not None:
                self.reduced = np.concatenate([self.reduced[keep], fresh @ self.basis])
        top = int(self.ids.max()) if len(self.ids) else 0
        self.low_water = (waiting - 1) if waiting is not None else max(top, self.low_water)


def principal_directions(matrix: np.ndarray, sample: int = 20_000) -> np.ndarray:
    """(512, REDUCED_DIMENSIONS): the directions that keep most of the claims' dot products
    (uncentred, so a dot product of projections approximates the dot product itself)."""
    rows = matrix[np.random.default_rng(0).choice(len(matrix), min(sample, len(matrix)), replace=False)]
    _, directions = np.linalg.eigh(rows.T @ rows)  # eigenvalues ascending
    return np.ascontiguousarray(directions[:, ::-1][:, :REDUCED_DIMENSIONS], dtype=np.float32)


_index = ClaimIndex()


def nearest_claims(vectors: np.ndarray, limit: int) -> list[int]:
    return _index.nearest(vectors, limit)


def reset() -> None:
    """Forget the matrix (tests: each test database starts empty)."""
    global _index
    _index = ClaimIndex()
