"""Finding schema.org ClaimReview in a page or a pasted document. Pure functions over strings.

Publishers ship the markup in several shapes, all read here: a `<script type="application/ld+json">`
block in HTML (one or many per page), a bare JSON-LD document, a list of them, an `@graph`
whose nodes point at each other by `@id`, a WebPage wrapping the review (`mainEntity`), and a
DataFeed whose `dataFeedElement` items carry the reviews. Anything broken is a problem in
words for the desk, never an exception: a page with one bad block keeps its good ones.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from urllib.parse import urlsplit, urlunsplit

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import strip_tags

# Per source: its job matches them all within the task's time limit (about 10 s per 100 on two
# cores, mostly the encoder); larger files go through `manage.py import_claim_reviews`.
MAX_REVIEWS = 200
MAX_NODES = 50_000
MAX_DEPTH = 12
_BLOCK = re.compile(
    r"<script\b[^>]*\btype\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(?P<body>.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
# Pasted or fetched JSON: an object or a list of objects ("[Reuters] said…" is prose).
_JSON_START = re.compile(r'(?:\{\s*["}]|\[\s*[{\]"])')
_MICRODATA = re.compile(r"itemtype\s*=\s*[\"']?https?://schema\.org/ClaimReview", re.IGNORECASE)


@dataclass(frozen=True)
class Review:
    claim_reviewed: str
    claim_author: str = ""
    claim_appearance: str = ""
    claim_date: date | None = None
    rating_value: str = ""  # as published: "2", "False"
    best_rating: float | None = None
    worst_rating: float | None = None
    rating_name: str = ""  # alternateName (or the rating's name): "Pants on Fire"
    organisation: str = ""
    organisation_url: str = ""
    date_published: datetime | None = None
    url: str = ""
    headline: str = ""
    body: str = ""

    @property
    def rating_label(self) -> str:
        """The rating as a desk reads it: its name, else its value with the scale."""
        if self.rating_name:
            return self.rating_name
        if self.rating_value and number(self.rating_value) is not None and self.best_rating is not None:
            return f"{self.rating_value} of {self.best_rating:g}"
        return self.rating_value

    def as_jsonld(self) -> dict:
        """The review as one plain schema.org ClaimReview (no @id references): what a feed's new
        reviews are stored as, read back by find_reviews to the same Review."""
        item: dict = {"@type": "Claim"}
        if self.claim_author:
            item["author"] = {"@type": "Person", "name": self.claim_author}
        if self.claim_appearance:
            item["appearance"] = {"@type": "CreativeWork", "url": self.claim_appearance}
        if self.claim_date:
            item["datePublished"] = self.claim_date.isoformat()
        rating: dict = {"@type": "Rating"}
        for key, value in (
            ("ratingValue", self.rating_value),
            ("bestRating", self.best_rating),
            ("worstRating", self.worst_rating),
            ("alternateName", self.rating_name),
        ):
            if value not in ("", None):
                rating[key] = value
        node: dict = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": self.claim_reviewed}
        optional = {
            "url": self.url,
            "headline": self.headline,
            "reviewBody": self.body,
            "datePublished": self.date_published.isoformat() if self.date_published else "",
        }
        node.update({k: v for k, v in optional.items() if v})
        if self.organisation:
            node["author"] = {"@type": "Organization", "name": self.organisation}
            if self.organisation_url:
                node["author"]["url"] = self.organisation_url
        if len(item) > 1:
            node["itemReviewed"] = item
        if len(rating) > 1:
            node["reviewRating"] = rating
        return node

    def key(self, organisation: str = "") -> str:
        """The same review arriving twice is one record: by its address, else by who rated what."""
        if self.url:
            return "url:" + hashlib.sha256(normal_url(self.url).encode()).hexdigest()
        who = " ".join((self.organisation or organisation).lower().split())
        what = " ".join(re.sub(r"[^\w\s]", " ", self.claim_reviewed.lower()).split())
        return "claim:" + hashlib.sha256(f"{who}|{what}".encode()).hexdigest()


@dataclass
class Found:
    reviews: list[Review] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # The text is markup (JSON-LD), not prose: the prose matcher has nothing to read in it.
    is_document: bool = False


def find_reviews(markup: str, limit: int = MAX_REVIEWS) -> Found:
    """Every ClaimReview in an HTML page or a JSON-LD document (at most `limit`), with what could not be read."""
    found = Found()
    stripped = markup.strip()
    if not stripped:
        return found
    if _JSON_START.match(stripped):
        found.is_document = True
        documents = [(stripped, "The document")]
    else:
        documents = [(m.group("body"), f"JSON-LD block {i}") for i, m in enumerate(_BLOCK.finditer(markup), 1)]
        if not documents and _MICRODATA.search(markup):
            found.problems.append("ClaimReview in microdata (itemtype) is not read: only JSON-LD is.")
    seen: set[str] = set()
    for text, where in documents:
        data = _load(text, where, found)
        if data is None:
            continue
        ids = _index(data)
        for node in _review_nodes(data, ids, limit):
            if len(found.reviews) >= limit:
                found.problems.append(
                    f"More than {limit} ClaimReviews: the rest were not read (import large files with "
                    "manage.py import_claim_reviews)."
                )
                return found
            review = read_review(node, ids, found.problems)
            if review is not None and review.key() not in seen:
                seen.add(review.key())
                found.reviews.append(review)
    if found.is_document and not found.reviews and not found.problems:
        found.problems.append("The document holds no ClaimReview.")
    return found


def _load(text: str, where: str, found: Found):
    text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$", "", text.strip())
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        line = f" (line {exc.lineno}, column {exc.colno})" if hasattr(exc, "lineno") else ""
        message = exc.msg if hasattr(exc, "msg") else exc.__class__.__name__
        found.problems.append(f"{where} is not valid JSON{line}: {message}.")
        return None


def is_type(node, name: str) -> bool:
    kinds = node.get("@type") if isinstance(node, dict) else None
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and re.split(r"[/:#]", k)[-1] == name for k in kinds)


def _index(data) -> dict[str, dict]:
    """Nodes by their @id, so `"author": {"@id": "#org"}` in an @graph finds its organisation."""
    ids: dict[str, dict] = {}
    stack, visited = [(data, 0)], 0
    while stack and visited < MAX_NODES:
        node, depth = stack.pop()
        visited += 1
        if depth > MAX_DEPTH:
            continue
        if isinstance(node, dict):
            if isinstance(node.get("@id"), str) and len(node) > 1:
                ids.setdefault(node["@id"], node)
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, dict | list))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, dict | list))
    return ids


def _review_nodes(data, ids: dict, limit: int) -> list[dict]:
    """The ClaimReview nodes, in document order, wherever they sit (graph, feed, wrapper)."""
    out: list[dict] = []
    taken: set[int] = set()

    def take(node: dict) -> None:
        if id(node) not in taken:
            taken.add(id(node))
            out.append(node)

    def walk(node, depth: int):
        if depth > MAX_DEPTH or len(out) > limit:
            return
        if isinstance(node, list):
            for item in node:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            if set(node) == {"@id"} and node["@id"] in ids and depth > 1:
                node = ids[node["@id"]]  # a reference (a DataFeed item pointing at a graph node)
                if is_type(node, "ClaimReview"):
                    take(node)
                return
            if is_type(node, "ClaimReview"):
                take(node)
                return  # a review's own parts hold no reviews
            for value in node.values():
                if isinstance(value, dict | list):
                    walk(value, depth + 1)

    walk(data, 0)
    return out


def read_review(node: dict, ids: dict, problems: list[str]) -> Review | None:
    """One ClaimReview node as a Review; None (with the reason) when it names no claim."""
    item = _resolve(_first(node.get("itemReviewed")), ids)
    claim = text(node.get("claimReviewed")) or (text(item.get("name")) if item else "")
    url = _url(node.get("url")) or _url(node.get("@id"))
    where = f"ClaimReview {url}" if url else "A ClaimReview"
    if not claim:
        problems.append(f"{where} names no claim (no claimReviewed): skipped.")
        return None
    rating = _resolve(_first(node.get("reviewRating")), ids) or {}
    if not rating:
        problems.append(f"{where} has no reviewRating: recorded without a rating.")
    value = text(rating.get("ratingValue"))
    best, worst = number(rating.get("bestRating")), number(rating.get("worstRating"))
    name = text(rating.get("alternateName")) or text(rating.get("name"))
    if value and number(value) is None and not name:
        name, value = value, ""  # a text verdict in ratingValue ("False"): it is the rating's name
    author = _resolve(_first(node.get("author")), ids) or _resolve(_first(node.get("publisher")), ids)
    claim_author = _resolve(_first(item.get("author")), ids) if item else None
    published, bad = _when(node.get("datePublished"))
    if bad:
        problems.append(f"{where} has an unreadable datePublished ({bad[:40]}): left out.")
    claim_day, _ = _when(item.get("datePublished")) if item else (None, "")
    return Review(
        claim_reviewed=claim[:2000],
        claim_author=_name(claim_author)[:200],
        claim_appearance=_appearance(item, ids) if item else "",
        claim_date=claim_day.date() if claim_day else None,
        rating_value=value[:50],
        best_rating=best,
        worst_rating=worst,
        rating_name=name[:300],
        organisation=_name(author)[:200],
        organisation_url=(_url(author.get("url")) if isinstance(author, dict) else "")[:2000],
        date_published=published,
        url=url[:2000],
        headline=(text(node.get("headline")) or text(node.get("name")))[:500],
        body=(text(node.get("reviewBody")) or text(node.get("description")))[:4000],
    )


def _first(value):
    return value[0] if isinstance(value, list) and value else value


def _resolve(value, ids: dict):
    if isinstance(value, dict) and isinstance(value.get("@id"), str) and len(value) == 1:
        return ids.get(value["@id"], value)
    return value if isinstance(value, dict | str) else None


def text(value) -> str:
    """A plain string from what publishers put in a text field: a string, a number, a
    language-tagged value, or a list of those (the first)."""
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name", ""))
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:g}"
    if not isinstance(value, str):
        return ""
    return " ".join(strip_tags(value).split())


def number(value) -> float | None:
    value = _first(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value == value and abs(value) < 1e9 else None
    if isinstance(value, str):
        try:
            found = float(value.strip().replace(",", "."))
        except ValueError:
            return None
        return found if found == found and abs(found) < 1e9 else None
    return None


def _name(value) -> str:
    if isinstance(value, str):
        return text(value)
    if isinstance(value, dict):
        return text(value.get("name")) or text(value.get("alternateName"))
    return ""


def _url(value) -> str:
    value = text(value)
    return value if re.match(r"^https?://[^\s/]+\S*$", value) else ""


def _appearance(item: dict, ids: dict) -> str:
    """Where the claim was made: appearance / firstAppearance (a URL or a CreativeWork), or
    the older convention of the item's own url / sameAs."""
    for key in ("firstAppearance", "appearance", "url", "sameAs"):
        value = _resolve(_first(item.get(key)), ids)
        found = _url(value.get("url")) if isinstance(value, dict) else _url(value)
        if found:
            return found[:2000]
    return ""


def _when(value) -> tuple[datetime | None, str]:
    """(moment, the unreadable value) for a schema.org Date or DateTime."""
    raw = text(value)
    if not raw:
        return None, ""
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw[:10])
            moment = datetime.combine(day, time(), tzinfo=UTC) if day else None
    except ValueError:
        moment = None
    if moment is None:
        return None, raw
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC), ""
    except (OverflowError, ValueError):  # "0001-01-01T00:00:00+05:00" has no UTC moment
        return None, raw


def normal_url(url: str) -> str:
    """An address as a key: no fragment, no trailing slash, host in lower case."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/"), parts.query, ""))
