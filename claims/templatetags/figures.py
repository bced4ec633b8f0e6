"""{% load figures %}: figures in thousands with their units in the plural (claims.figure_text)."""

from django import template

from ..figure_text import figure_text

register = template.Library()


@register.simple_tag
def figure(value, unit="", bound=""):
    """{% figure claim.quantity_value claim.quantity_unit claim.quantity_bound %} → "at least 76,000 people"."""
    return figure_text(value, unit, bound)
