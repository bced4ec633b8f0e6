"""The claim panel's forms replace the panel's contents, never the panel itself.

Inside the live part (which swaps itself outerHTML), a form that inherited that swap
removed #panel on the first review, and every later click failed with htmx:targetError.
"""

import re

from tests.views.conftest import HTMX


def test_every_panel_form_swaps_the_panels_contents(client, checker, story, claim, evidence):
    client.force_login(checker)
    html = client.get(f"/claims/{claim.pk}/panel/?story={story.pk}", **HTMX).content.decode()
    forms = re.findall(r"<form\b[^>]*hx-target=\"#panel\"[^>]*>", html)
    assert len(forms) >= 5
    live = re.search(r"<div class=\"panel-live\"[^>]*>", html).group(0)
    assert 'hx-disinherit="*"' in live
    for tag in forms:
        assert 'hx-swap="innerHTML"' in tag or "hx-swap" not in tag, tag
    inside_live = html[html.index(live) : html.index("<h3>Timeline</h3>")]
    for tag in re.findall(r"<form\b[^>]*>", inside_live):
        assert 'hx-swap="innerHTML"' in tag, tag


def test_accepting_answers_with_the_panel_and_the_next_item_to_review(client, checker, story, claim, evidence):
    from tests.factories import EvidenceFactory, SourceFactory

    second = EvidenceFactory(claim=claim, source=SourceFactory(outlet="Wire"))
    client.force_login(checker)
    response = client.post(f"/evidence/{evidence.pk}/accept/", {"story": story.pk}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-evidence="{evidence.pk}" data-state="accepted"' in html
    assert f'data-evidence="{second.pk}" data-state="suggested"' in html
    assert "<html" not in html  # the fragment, not a page
