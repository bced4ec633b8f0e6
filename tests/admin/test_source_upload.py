"""Uploading a file as a source in the admin: over the processing limit (5 MB) it is refused with a
form error and nothing is kept; under it, the source is saved with its file."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims import intake
from claims.models import Source

FIVE_MB = 5 * 1024 * 1024


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FACTDESK = {**settings.FACTDESK, "FETCH_MAX_BYTES": FIVE_MB}
    return tmp_path


def kept_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()]


def post_upload(client, data: bytes, name="statement.txt"):
    return client.post(
        reverse("admin:claims_source_add"),
        {
            "url": "",
            "title": "Council statement",
            "outlet": "",
            "kind": "other",
            "reliability": "C",
            "published_at_0": "",
            "published_at_1": "",
            "text": "",
            "file": SimpleUploadedFile(name, data),
            "feed": "",
            "feed_entry_id": "",
        },
    )


def test_an_upload_over_the_limit_gets_a_form_error_and_nothing_is_kept(admin_client, media):
    response = post_upload(admin_client, b"a" * (FIVE_MB + 1))
    assert response.status_code == 200
    assert "File larger than 5 MB" in response.content.decode()
    assert not Source.objects.exists() and kept_files(media) == []


def test_an_upload_within_the_limit_is_saved_with_its_file(admin_client, media):
    response = post_upload(admin_client, b"Over 76,000 people were evacuated, officials said." * 10)
    assert response.status_code == 302
    source = Source.objects.get()
    assert source.file.name.endswith("statement.txt") and len(kept_files(media)) == 1


def test_the_intake_service_refuses_an_upload_over_the_limit_too(checker, media):
    with pytest.raises(ValidationError) as caught:
        intake.add_source(checker, file=SimpleUploadedFile("big.txt", b"a" * (FIVE_MB + 1)))
    assert "File larger than 5 MB" in str(caught.value.message_dict["file"])
    assert not Source.objects.exists() and kept_files(media) == []
