"""Every answer carries the security headers, also those no route handler produced."""

import pytest

from kring.web.headers import CONTENT_SECURITY_POLICY

HTML = {"Accept": "text/html"}


def assert_secured(answer) -> None:
    assert answer.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "same-origin"
    assert answer.headers["x-frame-options"] == "DENY"
    assert "camera=()" in answer.headers["permissions-policy"]
    assert "strict-transport-security" not in answer.headers  # plain HTTP in the tests


@pytest.mark.parametrize("path", ["/no-such-page", "/api/no-such-thing", "/static/nothing.css"])
def test_unknown_path_404_carries_the_headers(client, path):
    answer = client.get(path, headers=HTML)
    assert answer.status_code == 404
    assert_secured(answer)


def test_method_not_allowed_405_carries_the_headers(client):
    answer = client.put("/health")
    assert answer.status_code == 405
    assert_secured(answer)


def test_static_file_carries_the_headers(client):
    answer = client.get("/static/kring.css")
    assert answer.status_code == 200 and "text/css" in answer.headers["content-type"]
    assert_secured(answer)


def test_api_answers_are_not_cached(client):
    answer = client.get("/api/no-such-thing")
    assert answer.headers["cache-control"] == "no-store"
    assert_secured(answer)


@pytest.mark.parametrize("path", ["/schema", "/schema/redoc"])
def test_the_api_documentation_may_load_nothing_from_another_site(client, path):
    """Swagger UI and Redoc need inline scripts and styles, never another origin."""
    answer = client.get(path)
    assert answer.status_code == 200
    policy = answer.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self' 'unsafe-inline'" in policy
    assert "http" not in policy and "*" not in policy
    assert "/static/vendor/" in answer.text and "cdn" not in answer.text.lower()


def test_https_answers_ask_browsers_to_keep_to_https(client, monkeypatch):
    from kring import settings as settings_module

    monkeypatch.setenv("KRING_SECURE_COOKIES", "1")
    settings_module.get_settings.cache_clear()
    try:
        answer = client.get("/health")
        assert answer.headers["strict-transport-security"] == "max-age=31536000"
    finally:
        monkeypatch.delenv("KRING_SECURE_COOKIES")
        settings_module.get_settings.cache_clear()


def test_signed_in_pages_and_the_admin_json_are_never_stored(client):
    """Found from outside: signed-in HTML pages went out without Cache-Control, so a shared
    browser's cache or a proxy could keep a member's page, the privacy desk or a profile."""
    from kring.choices import Role
    from tests import factories

    member = factories.account(Role.member)
    officer = factories.account(Role.privacy_officer)
    for login, paths in (
        (member, ("/", "/profile", "/privacy", "/members", "/no-such-page")),
        (officer, ("/", "/members", "/privacy/desk")),
    ):
        factories.log_in(client, login.email)
        for path in paths:
            answer = client.get(path, headers=HTML)
            assert answer.status_code in (200, 404), (path, answer.status_code)
            assert answer.headers.get("cache-control") == "no-store", path
    admin = factories.account(Role.admin)
    factories.log_in(client, admin.email)
    tables = client.get("/admin/api/tables/", headers={"accept": "application/json"})
    assert tables.status_code == 200 and tables.headers["cache-control"] == "no-store"


def test_public_static_files_stay_cacheable(client):
    client.get("/static/kring.css")  # the first answer sets the CSRF cookie, so it is not kept
    answer = client.get("/static/kring.css")
    assert answer.status_code == 200 and "no-store" not in answer.headers.get("cache-control", "")
