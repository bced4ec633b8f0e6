"""The matcher's claim matrix: a large index ranks on principal components first, then exactly."""

import numpy as np
import pytest

from claims.matching import embeddings, index
from claims.models import Claim

pytestmark = pytest.mark.django_db


def unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def make_claims(vectors: np.ndarray) -> list[int]:
    made = Claim.objects.bulk_create(
        [
            Claim(text=f"claim {i}", text_key=f"claim {i}", embedding=embeddings.to_bytes(v))
            for i, v in enumerate(vectors)
        ]
    )
    return [c.pk for c in made]


@pytest.fixture
def sentence_like(monkeypatch):
    """Vectors that, like sentence embeddings, mostly lie in a few dozen directions."""
    monkeypatch.setattr(index, "REDUCE_ABOVE", 500)
    monkeypatch.setattr(index, "WIDE", 100)
    rng = np.random.default_rng(3)
    directions = rng.standard_normal((40, embeddings.DIMENSIONS))

    def draw(n: int) -> np.ndarray:
        return unit(rng.standard_normal((n, 40)) @ directions + 0.3 * rng.standard_normal((n, embeddings.DIMENSIONS)))

    return draw


def exact_nearest(ix: index.ClaimIndex, queries: np.ndarray, limit: int) -> list[int]:
    closeness = (queries @ ix.matrix.T).max(axis=0)
    return [int(i) for i in ix.ids[np.argsort(-closeness)[:limit]]]


def test_a_large_index_finds_the_same_nearest_claims_as_the_full_product(sentence_like):
    make_claims(sentence_like(2000))
    ix = index.ClaimIndex()
    queries = sentence_like(6)

    found = ix.nearest(queries, 20)

    assert ix.basis is not None and ix.reduced.shape == (2000, index.REDUCED_DIMENSIONS)
    assert found == exact_nearest(ix, queries, 20)


def test_claims_embedded_after_the_load_are_projected_and_found(sentence_like):
    make_claims(sentence_like(1000))
    ix = index.ClaimIndex()
    query = sentence_like(1)
    ix.nearest(query, 5)

    [newest] = make_claims(query)

    assert ix.nearest(query, 5)[0] == newest
    assert ix.reduced.shape == (1001, index.REDUCED_DIMENSIONS)


def test_a_small_index_uses_the_full_product_alone(sentence_like):
    make_claims(sentence_like(300))
    ix = index.ClaimIndex()
    queries = sentence_like(3)

    assert ix.nearest(queries, 10) == exact_nearest(ix, queries, 10)
    assert ix.basis is None
