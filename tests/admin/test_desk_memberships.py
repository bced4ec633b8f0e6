"""Staff editors manage who belongs to which desk in the admin, through the service that logs it."""

from django.urls import reverse

from claims.models import Activity, DeskMembership

ADD = reverse("admin:claims_deskmembership_add")


def test_an_editor_adds_a_desk_member_in_the_admin(client, editor, checker):
    client.force_login(editor)
    response = client.post(ADD, {"user": checker.pk, "desk": "Sport"})
    assert response.status_code == 302, response.content
    assert DeskMembership.objects.filter(user=checker, desk="Sport").exists()
    assert Activity.objects.filter(verb="added desk member", actor=editor).exists()


def test_the_same_desk_in_other_case_is_not_added_twice(client, editor, checker):
    client.force_login(editor)
    client.post(ADD, {"user": checker.pk, "desk": "National"})  # the factory made him a National member
    assert DeskMembership.objects.filter(user=checker, desk__iexact="national").count() == 1


def test_an_editor_removes_a_desk_member(client, editor, checker):
    membership = DeskMembership.objects.get(user=checker, desk="National")
    client.force_login(editor)
    url = reverse("admin:claims_deskmembership_delete", args=[membership.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not DeskMembership.objects.filter(pk=membership.pk).exists()
    assert Activity.objects.filter(verb="removed desk member", actor=editor).exists()


def test_staff_who_are_not_editors_cannot_manage_memberships(client, checker, reporter):
    checker.is_staff = True
    checker.save()
    client.force_login(checker)
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"user": reporter.pk, "desk": "Sport"}).status_code == 403
    assert not DeskMembership.objects.filter(desk="Sport").exists()
