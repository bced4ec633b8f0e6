"""A page's main text and metadata (title, date, outlet, canonical address), via trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from django.utils.html import strip_tags

from .sites import same_site

MIN_TEXT_CHARS = 40
HTML_TYPES = {"text/html", "application/xhtml+xml"}


class ExtractionError(Exception):
    pass


@dataclass
class Extracted:
    text: str
    title: str = ""
    published_at: datetime | None = None
    site_name: str = ""
    canonical_url: str = ""
    # Where published_at came from when not the page's metadata (a fetched twin's own origin).
    published_at_origin: str = ""
    # What came in before extraction (the page's HTML, the pasted text), for its ClaimReview markup.
    markup: str = ""


def extract(body: str, content_type: str, url: str = "") -> Extracted:
    """Main text of an HTML page or a plain-text document; raise ExtractionError if none."""
    if content_type in HTML_TYPES or (not content_type and _looks_like_html(body)):
        return _from_html(body, url)
    text = _tidy(body)
    if not readable(text):
        raise ExtractionError("No readable text found")
    return Extracted(text=text)


def _from_html(html: str, url: str) -> Extracted:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, favor_recall=True)
    except Exception as exc:  # trafilatura/lxml on hostile markup: record it, never crash the job
        raise ExtractionError(f"Could not read the page ({exc.__class__.__name__})")
    text = _tidy(getattr(doc, "text", "") or "") if doc is not None else ""
    if not readable(text):
        # Pages that are one short paragraph still count; markup noise does not.
        text = _tidy(strip_tags(re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)))
        if not readable(text):
            raise ExtractionError("No readable text found on the page")
    return Extracted(
        text=text,
        title=(getattr(doc, "title", None) or "")[:500] if doc is not None else "",
        published_at=_as_datetime(getattr(doc, "date", None)) if doc is not None else None,
        site_name=(getattr(doc, "sitename", None) or "")[:200] if doc is not None else "",
        canonical_url=_canonical(getattr(doc, "url", None) if doc is not None else None, url),
    )


def readable(text: str) -> bool:
    """Enough words to be prose: not empty, not binary noise decoded as text."""
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(ch.isalpha() for ch in visible)
    return len(text) >= MIN_TEXT_CHARS and letters >= 30 and letters >= 0.6 * len(visible)


def _canonical(found: str | None, fallback: str) -> str:
    """The page's declared canonical address when it is a full http(s) URL on the site the page came
    from, else where we fetched it ("" for an upload: a file cannot vouch for any address)."""
    if found and re.match(r"^https?://[^\s/]+", found) and len(found) <= 2000 and same_site(found, fallback):
        return found
    return fallback[:2000]


def _as_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


def _looks_like_html(body: str) -> bool:
    return bool(re.match(r"\s*(<!doctype html|<html|<head|<body|<article|<p[ >])", body[:500], re.IGNORECASE))


def _tidy(text: str) -> str:
    text = text.replace("\x00", "")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()
