"""Small charts drawn on the server as inline SVG.

No style attributes (the strict CSP would block them): colours come from CSS classes
or SVG presentation attributes such as fill.
"""

from __future__ import annotations

from datetime import datetime

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..figure_text import figure_text, number_text
from ..models import Claim

STATUS_ORDER = [s.value for s in Claim.Status]
STATUS_LETTER = {"unverified": "?", "checking": "…", "supported": "✓", "disputed": "±", "refuted": "✗", "outdated": "↻"}


def health_bar(counts: dict[str, int], width: int = 320, height: int = 18) -> str:
    total = sum(counts.values())
    summary = ", ".join(f"{counts[s]} {s}" for s in STATUS_ORDER if counts.get(s)) or "no claims yet"
    parts = [
        format_html(
            '<svg class="chart health-bar" viewBox="0 0 {} {}" width="{}" height="{}" role="img" aria-label="{}">',
            width,
            height,
            width,
            height,
            f"Fact health: {summary}",
        )
    ]
    if not total:
        parts.append(format_html('<rect class="fill-empty" x="0" y="0" width="{}" height="{}" rx="3"/>', width, height))
    x = 0.0
    for status in STATUS_ORDER:
        n = counts.get(status, 0)
        if not n:
            continue
        w = width * n / total
        parts.append(
            format_html(
                '<rect class="fill-{}" x="{}" y="0" width="{}" height="{}"><title>{} {}</title></rect>',
                status,
                f"{x:.1f}",
                f"{w:.1f}",
                height,
                n,
                status,
            )
        )
        x += w
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(parts))


def figure_timeline(
    points: list[tuple[datetime, float, str]], unit: str = "", width: int = 560, height: int = 200
) -> str:
    """Values of one tracked figure over time: (when, value, label) points, oldest first."""
    if not points:
        return ""
    pad_l, pad_r, pad_t, pad_b = 64, 16, 16, 36
    times = [p[0].timestamp() for p in points]
    values = [p[1] for p in points]
    t0, t1 = min(times), max(times)
    v0, v1 = min(0.0, min(values)), max(values)
    t_span = (t1 - t0) or 1.0
    v_span = (v1 - v0) or 1.0

    def xy(t, v):
        x = pad_l + (width - pad_l - pad_r) * ((t - t0) / t_span if t1 > t0 else 0.5)
        y = height - pad_b - (height - pad_t - pad_b) * (v - v0) / v_span
        return x, y

    coords = [xy(t, v) for t, v in zip(times, values)]
    label = "Figure over time: " + "; ".join(f"{figure_text(p[1], unit)} on {p[0]:%d %b %Y}" for p in points)
    out = [
        format_html('<svg class="chart timeline" viewBox="0 0 {} {}" role="img" aria-label="{}">', width, height, label)
    ]
    out.append(
        format_html(
            '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/><line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            pad_l,
            height - pad_b,
            width - pad_r,
            height - pad_b,
            pad_l,
            pad_t,
            pad_l,
            height - pad_b,
        )
    )
    out.append(
        format_html(
            '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>', pad_l - 6, pad_t + 4, number_text(v1)
        )
    )
    out.append(
        format_html(
            '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>', pad_l - 6, height - pad_b, number_text(v0)
        )
    )
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        out.append(format_html('<polyline class="series" points="{}"/>', path))
    for (x, y), (when, value, what) in zip(coords, points):
        out.append(
            format_html(
                '<circle class="point" cx="{}" cy="{}" r="5"><title>{} — {} ({})</title></circle>',
                f"{x:.1f}",
                f"{y:.1f}",
                figure_text(value, unit),
                what,
                f"{when:%d %b %Y}",
            )
        )
        out.append(
            format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                f"{x:.1f}",
                height - pad_b + 16,
                f"{when:%d %b}",
            )
        )
    out.append(mark_safe("</svg>"))
    return mark_safe("".join(out))


def track_record(rows: list[tuple[str, list[tuple[str, str, str, int]]]], width: int = 560, height: int = 180) -> str:
    """Verdicts per month, stacked by rating: rows of (month label, [(slug, label, colour, count)])."""
    if not rows:
        return ""
    pad_l, pad_b, pad_t = 28, 28, 10
    most = max(sum(n for *_, n in bars) for _, bars in rows) or 1
    slot = (width - pad_l) / len(rows)
    bar_w = min(48.0, slot * 0.7)
    summary = "; ".join(f"{month}: " + ", ".join(f"{n} {label}" for _, label, _, n in bars) for month, bars in rows)
    out = [
        format_html(
            '<svg class="chart track-record" viewBox="0 0 {} {}" role="img" aria-label="{}">',
            width,
            height,
            f"Verdicts over time — {summary}",
        )
    ]
    out.append(
        format_html(
            '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', pad_l, height - pad_b, width, height - pad_b
        )
    )
    out.append(format_html('<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>', pad_l - 4, pad_t + 8, most))
    scale = (height - pad_b - pad_t) / most
    for i, (month, bars) in enumerate(rows):
        x = pad_l + slot * i + (slot - bar_w) / 2
        y = height - pad_b
        for slug, label, colour, n in bars:
            h = n * scale
            y -= h
            out.append(
                format_html(
                    '<rect class="rating-{}" x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}: {} {}</title></rect>',
                    slug,
                    f"{x:.1f}",
                    f"{y:.1f}",
                    f"{bar_w:.1f}",
                    f"{h:.1f}",
                    colour,
                    month,
                    n,
                    label,
                )
            )
        out.append(
            format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="middle">{}</text>',
                f"{x + bar_w / 2:.1f}",
                height - pad_b + 16,
                month,
            )
        )
    out.append(mark_safe("</svg>"))
    return mark_safe("".join(out))
