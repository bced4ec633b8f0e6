"""Published fact-checks: the only pages anonymous visitors see."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from ..models import Verification


def published_verdicts():
    return Verification.objects.filter(state="approved").select_related("claim", "claim__claimant", "rating")


@require_GET
def factcheck_index(request):
    return render(request, "claims/public_index.html", {"verdicts": published_verdicts()[:50]})


@require_GET
def factcheck_detail(request, pk):
    verdict = get_object_or_404(published_verdicts(), pk=pk)
    return render(request, "claims/public_factcheck.html", {"verdict": verdict})
