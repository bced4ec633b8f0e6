"""Figures as the desk shows them: thousands separated, no stray ".0", units in the plural."""

import pytest

from claims.figure_text import figure_text, number_text, plural_unit


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (76000.0, "76,000"),
        (121000, "121,000"),
        (6.2, "6.2"),
        (6.25, "6.25"),
        (1234.5678, "1,234.57"),
        (0.5, "0.5"),
        (0.0, "0"),
        (-1200.0, "-1,200"),
        (-0.001, "0"),
        (412_000_000.0, "412,000,000"),
        (None, ""),
    ],
)
def test_number_text(value, text):
    assert number_text(value) == text


@pytest.mark.parametrize(
    ("unit", "plural"),
    [
        ("person", "people"),
        ("Person", "People"),
        ("people", "people"),
        ("metre", "metres"),
        ("drone", "drones"),
        ("homes", "homes"),
        ("percent", "percent"),
        ("foot", "feet"),
        ("inch", "inches"),
        ("box", "boxes"),
        ("casualty", "casualties"),
        ("day", "days"),
        ("child", "children"),
        ("US dollar", "US dollars"),
        ("kilometre per hour", "kilometres per hour"),
        ("degree Celsius", "degrees Celsius"),
        ("square metre", "square metres"),
        ("  tonne ", "tonnes"),
        ("", ""),
    ],
)
def test_plural_unit(unit, plural):
    assert plural_unit(unit) == plural


@pytest.mark.parametrize(
    ("value", "unit", "bound", "text"),
    [
        (76000.0, "person", "at_least", "at least 76,000 people"),
        (76000.0, "person", "exact", "76,000 people"),
        (1.0, "person", "", "1 person"),
        (14.0, "drone", "at_most", "at most 14 drones"),
        (6.2, "metre", "approx", "about 6.2 metres"),
        (12.5, "%", "", "12.5%"),
        (40.0, "percent", "", "40 percent"),
        (1200.0, "", "", "1,200"),
        (None, "person", "at_least", ""),
    ],
)
def test_figure_text(value, unit, bound, text):
    assert figure_text(value, unit, bound) == text
