"""Every open claim's sentence vector in one matrix, per worker process.

Finding the claims a source may bear on is one matrix product: the source's passage
vectors against all claims (100,000 × 512 float32 is 200 MB and ~30 ms on two cores),
exact, multilingual and without ranking thousands of full-text matches. The matrix is
read once and then topped up on each use with the claims embedded since (their job runs
after the claim is made); it is read again in full every REFRESH_SECONDS, which also
drops archived claims and picks up re-embedded ones. Nothing here writes.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from ..models import Claim
from . import embeddings

REFRESH_SECONDS = 600


class ClaimIndex:
    def __init__(self):
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, embeddings.DIMENSIONS), dtype=np.float32)
        self.loaded_at = 0.0
        # Claims above this id may still be waiting for their embedding job: look again.
        self.low_water = 0
        self._lock = threading.Lock()

    def nearest(self, vectors: np.ndarray, limit: int) -> list[int]:
        """Ids of the claims closest to any of the vectors, best first."""
        self.refresh()
        if not len(self.ids) or not len(vectors):
            return []
        closeness = (vectors @ self.matrix.T).max(axis=0)
        top = min(limit, len(self.ids))
        best = np.argpartition(-closeness, top - 1)[:top]
        best = best[np.argsort(-closeness[best])]
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
            self.loaded_at = time.monotonic()
        elif len(fresh_ids):
            keep = ~np.isin(self.ids, fresh_ids)
            self.ids = np.concatenate([self.ids[keep], fresh_ids])
            self.matrix = np.concatenate([self.matrix[keep], fresh])
        top = int(self.ids.max()) if len(self.ids) else 0
        self.low_water = (waiting - 1) if waiting is not None else max(top, self.low_water)


_index = ClaimIndex()


def nearest_claims(vectors: np.ndarray, limit: int) -> list[int]:
    return _index.nearest(vectors, limit)


def reset() -> None:
    """Forget the matrix (tests: each test database starts empty)."""
    global _index
    _index = ClaimIndex()
