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


def attempt(client, username: str, password: str = "wrong", address: str = "198.51.100.7", **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def test_a_password_spray_across_usernames_from_one_address_is_locked_out(client, checker, settings):
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    codes = [attempt(client, f"user{i}").status_code for i in range(limit)]
    assert codes[: limit - 1] == [200] * (limit - 1)  # one guess per username: no pair lock applies
    # The address is locked now, even for a real account with its right password.
    assert attempt(client, "chk", "pw-for-tests-123").status_code == 429
    # Another address is not.
    assert attempt(client, "chk", "pw-for-tests-123", address="198.51.100.8").status_code == 302


def test_a_few_typos_from_a_shared_address_do_not_lock_colleagues_out(client, checker, reporter):
    for username in ("chk", "rep", "ed"):
        assert attempt(client, username).status_code == 200
    assert attempt(client, "rep", "pw-for-tests-123").status_code == 302


def test_signing_in_to_ones_own_account_does_not_reset_a_spray(client, checker, settings):
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    for i in range(limit - 2):
        attempt(client, f"user{i}")
    assert attempt(client, "chk", "pw-for-tests-123").status_code == 302
    client.logout()
    attempt(client, "user-a")
    assert attempt(client, "user-b").status_code == 429


def test_a_forged_x_forwarded_for_does_not_escape_the_lockout(client, checker, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for i in range(5):
        attempt(client, "chk", address="203.0.113.5", HTTP_X_FORWARDED_FOR=f"192.0.2.{i}")
    locked = attempt(client, "chk", "pw-for-tests-123", address="203.0.113.5", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert locked.status_code == 429
    # Behind our proxy the forwarded client address is the one counted.
    ok = attempt(client, "chk", "pw-for-tests-123", address="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert ok.status_code == 302
