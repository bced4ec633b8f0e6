"""Signing in and out, passwords, and the login throttle."""

from django.core import mail
from django.urls import reverse

from tests.views.conftest import assert_csp_clean


def test_the_login_page_renders_without_inline_code(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert_csp_clean(response.content.decode())


def test_it_signs_in_and_lands_on_the_dashboard(client, checker):
    response = client.post(reverse("login"), {"username": "chk", "password": "pw-for-tests-123"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert response.context["user"] == checker


def test_the_sixth_bad_attempt_is_locked_out(client, checker):
    codes = [client.post(reverse("login"), {"username": "chk", "password": "wrong"}).status_code for _ in range(5)]
    assert codes[:4] == [200] * 4  # the form again, with its error
    # The sixth attempt is refused, even with the right password.
    response = client.post(reverse("login"), {"username": "chk", "password": "pw-for-tests-123"})
    assert response.status_code == 429  # locked: even the right password is refused
    assert "_auth_user_id" not in client.session


def test_it_signs_out_by_post_only(client, checker):
    client.force_login(checker)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_it_changes_the_password(client, checker):
    client.force_login(checker)
    assert client.get(reverse("password_change")).status_code == 200
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pw-for-tests-123",
            "new_password1": "a-new-long-passphrase-42",
            "new_password2": "a-new-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    checker.refresh_from_db()
    assert checker.check_password("a-new-long-passphrase-42")
    assert client.get(reverse("password_change_done")).status_code == 200


def test_it_mails_a_reset_link(client, checker):
    response = client.get(reverse("password_reset"))
    assert "Forgotten your password?" in response.content.decode()
    client.post(reverse("password_reset"), {"email": checker.email})
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Reset your Fact desk password"
    assert client.get(reverse("password_reset_done")).status_code == 200
