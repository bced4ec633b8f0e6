"""A claim's sentence embedding is computed once, by a job after the claim is made, and kept."""

import numpy as np

from claims.matching import embeddings
from claims.matching.context import embed_claims, load_claims
from claims.models import Claim
from tests.jobs.helpers import kursk_story


def test_a_new_claim_is_embedded_by_its_job(reporter, checker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _, evacuated, _ = kursk_story(reporter, checker)
    claim = Claim.objects.get(pk=evacuated.pk)
    vector = embeddings.from_bytes(claim.embedding)
    assert vector is not None and vector.shape == (512,)
    assert abs(float(np.linalg.norm(vector)) - 1) < 0.01
    assert claim.embedding_key == embeddings.key(claim.context.partition("\n")[2])


def test_the_job_is_idempotent_and_the_matcher_reuses_the_vector(
    reporter, checker, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        _, evacuated, _ = kursk_story(reporter, checker)
    assert embed_claims([evacuated.pk]) == 0  # already current: nothing recomputed
    with django_assert_num_queries(3):  # claims, aliases, first story: no vector written back
        (info,) = load_claims([evacuated.pk])
    assert info.vector is not None


def test_a_claim_without_a_current_vector_gets_one_when_first_matched(reporter, checker):
    _, evacuated, _ = kursk_story(reporter, checker)  # jobs never ran: no embedding yet
    Claim.objects.filter(pk=evacuated.pk).update(embedding=None, embedding_key="")
    (info,) = load_claims([evacuated.pk])
    assert info.vector is not None
    assert Claim.objects.get(pk=evacuated.pk).embedding_key == embeddings.key(info.embedded_text)
