"""Refuse admin query strings no admin screen can use, before they reach a filter or the database.

PostgreSQL cannot store or compare text with NUL in it, and Django's admin turns a date
hierarchy year like 99999999999 into a datetime that overflows: both were 500s in every
changelist, autocomplete and filter (ours and third-party admins alike), so they are refused
here once, with a 400, for the whole admin. The desk's views and the API validate their own
parameters (tests/views/test_odd_input.py, 422 JSON).
"""

from __future__ import annotations

import re

from django.http import HttpResponseBadRequest
from django.urls import reverse

DATE_PART = re.compile(r"__(year|month|day)$")
DATE_VALUE = re.compile(r"^\d{1,4}$")


def admin_prefix() -> str:
    return reverse("admin:index")


class OddQueryGuard:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(admin_prefix()):
            problem = self.problem(request)
            if problem:
                return HttpResponseBadRequest(problem, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def problem(request) -> str | None:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return "The address contains a NUL character."
            if DATE_PART.search(key) and not all(DATE_VALUE.match(value) for value in values):
                return f"“{key[:60]}” must be a year, month or day."
        return None
