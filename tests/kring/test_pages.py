import re
from urllib.parse import quote

import pytest

from kring.choices import Role
from kring.web.headers import DOCS_POLICY
from tests import factories
from tests.conftest import run

HTML = {"accept": "text/html"}


def _member_session(client):
    login = factories.account(Role.member)
    assert factories.log_in(client, login.email).status_code == 303
    return login


def test_anonymous_page_visit_redirects_to_login(client):
    answer = client.get("/profile", headers=HTML, follow_redirects=False)
    assert answer.status_code in (302, 303, 307)
    assert answer.headers["location"].startswith("/login?next=/profile")


def test_the_login_brings_back_the_page_and_its_query(client):
    """Found from outside: `/members?q=a&b=c` sent to `/login?next=/members`, dropping the
    search, and `/admin/` to `/login?next=/` (the mounted admin saw only its own part)."""
    answer = client.get("/members?q=a&b=c", headers=HTML, follow_redirects=False)
    assert answer.status_code == 302
    assert answer.headers["location"] == "/login?next=/members%3Fq%3Da%26b%3Dc"
    admin_page = client.get("/admin/", headers=HTML, follow_redirects=False)
    assert admin_page.headers["location"] == "/login?next=/admin/"
    login = factories.account(Role.member)
    form = client.get(answer.headers["location"], headers=HTML)
    assert 'value="/members?q=a&amp;b=c"' in form.text
    signed = client.post(
        "/login",
        data={
            "email": login.email,
            "password": factories.PASSWORD,
            "next": "/members?q=a&b=c",
            "_csrf_token": factories.csrf_token(client),
        },
        follow_redirects=False,
    )
    assert signed.headers["location"] == "/members?q=a&b=c"


@pytest.mark.parametrize(
    "target", ["//evil.example/x?a=b", "/\\evil.example/x", "https://evil.example/?next=/"]
)
def test_a_hostile_next_with_a_query_is_still_refused(client, target):
    """`next` now keeps a query; the login's check of it is unchanged: off the site is home."""
    form = client.get(f"/login?next={quote(target, safe='')}", headers=HTML)
    assert "evil.example" not in form.text
    login = factories.account(Role.member)
    signed = client.post(
        "/login",
        data={
            "email": login.email,
            "password": factories.PASSWORD,
            "next": target,
            "_csrf_token": factories.csrf_token(client),
        },
        follow_redirects=False,
    )
    assert signed.headers["location"] == "/"


def test_dutch_is_the_default_and_english_is_one_click_away(client):
    _member_session(client)
    assert "Mijn uitdagingen" in client.get("/", headers=HTML).text
    client.get("/language/en?next=/", headers=HTML)
    page = client.get("/", headers=HTML).text
    assert "My challenges" in page and 'lang="en"' in page


def test_language_switch_does_not_redirect_off_site(client):
    answer = client.get("/language/en?next=//evil.example/x", follow_redirects=False)
    assert answer.headers["location"] == "/"


@pytest.mark.parametrize(
    "target",
    ["/\\evil.example/x", "/\\/evil.example", "/\t/evil.example", "/\n/evil.example", "\\\\evil"],
)
def test_no_spelling_of_next_leads_off_site(client, target):
    """Browsers read a backslash as a slash and drop tabs and line breaks from addresses."""
    answer = client.get("/language/en", params={"next": target}, follow_redirects=False)
    assert answer.headers["location"] == "/"


def test_form_without_csrf_token_is_refused(client):
    _member_session(client)
    answer = client.post("/my/challenges", data={"title": "Zonder token"}, headers=HTML)
    assert answer.status_code == 403
    # The page says what is wrong: the form, not the account's rights.
    assert "Dit formulier is verlopen of kwam niet van deze site" in answer.text
    assert "Je account mag deze pagina niet openen" not in answer.text
    assert "Zonder token" not in client.get("/my/challenges", headers=HTML).text


def test_member_adds_a_challenge_through_the_page(client):
    _member_session(client)
    answer = client.post(
        "/my/challenges",
        data={
            "title": "Lean in de administratie",
            "body": "Hoe starten?",
            "tags": "lean, kaizen",
            "language": "nl",
            "_csrf_token": factories.csrf_token(client),
        },
        headers=HTML,
    )
    assert answer.status_code == 200
    assert "Lean in de administratie" in answer.text and "kaizen" in answer.text
    from kring.tables import Challenge

    record = run(Challenge.select(Challenge.id).first())["id"]
    token = factories.csrf_token(client)
    path = f"/my/challenges/{record}/status"
    closed = client.post(path, data={"status": "closed", "_csrf_token": token}, headers=HTML)
    assert closed.status_code == 200 and "Uitdaging afgesloten." in closed.text
    # Found from outside: anything but "closed" reopened the challenge.
    for bad in ({"status": "bogus"}, {}):
        refused = client.post(path, data={**bad, "_csrf_token": token}, headers=HTML)
        assert refused.status_code == 400 and "kies open of gesloten" in refused.text
    status = run(Challenge.select(Challenge.status).where(Challenge.id == record).first())
    assert status["status"] == "closed"


def test_script_in_a_text_field_is_rendered_as_text(client):
    _member_session(client)
    client.post(
        "/my/challenges",
        data={"title": "<script>alert(1)</script>", "_csrf_token": factories.csrf_token(client)},
        headers=HTML,
    )
    page = client.get("/my/challenges", headers=HTML).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_invalid_profile_phone_shows_the_error_and_keeps_the_input(client):
    _member_session(client)
    answer = client.post(
        "/profile",
        data={
            "first_name": "Jan",
            "last_name": "Peeters",
            "phone": "123",
            "_csrf_token": factories.csrf_token(client),
        },
        headers=HTML,
    )
    assert answer.status_code == 400
    assert "phone" in answer.text and 'value="Peeters"' in answer.text
    assert 'id="field-phone-error"' in answer.text and "telefoonnummer" in answer.text


def test_security_headers_are_set(client):
    answer = client.get("/login", headers=HTML)
    assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["referrer-policy"] == "same-origin"


def test_api_answers_are_never_stored_and_each_security_header_comes_once(client):
    answer = client.get("/api/me")
    assert answer.status_code == 401
    assert answer.headers["cache-control"] == "no-store"
    assert answer.headers.get_list("x-frame-options") == ["DENY"]
    assert len(answer.headers.get_list("content-security-policy")) == 1
    # The API documentation has a policy of its own: inline scripts, nothing from elsewhere.
    docs = client.get("/schema/openapi.json").headers.get_list("content-security-policy")
    assert docs == [DOCS_POLICY]


def test_peer_profile_page_shows_no_contact_details(client):
    _member_session(client)
    peer = factories.member(factories.organisation(), email="peer@example.be")
    page = client.get(f"/members/{peer}", headers=HTML).text
    assert "peer@example.be" not in page
    assert "+32" not in page


def test_unknown_member_page_is_404_page(client):
    _member_session(client)
    answer = client.get("/members/987654", headers=HTML)
    assert answer.status_code == 404 and "Niet gevonden" in answer.text


def test_error_pages_speak_the_viewers_language(client):
    """The explanation is translated, and so is a domain error's detail; an English detail
    nobody translated is not shown to a Dutch reader of a 403, 404 or 405, where the
    explanation says enough."""
    _member_session(client)
    pages = {
        403: client.get("/privacy/desk", headers=HTML),
        404: client.get("/members/987654", headers=HTML),
        405: client.delete("/profile", headers=HTML),
    }
    dutch = {
        403: "Je account mag deze pagina niet openen",
        404: "Deze pagina bestaat niet, of is er niet voor jou.",
        405: "Deze pagina werkt zo niet.",
    }
    for status, answer in pages.items():
        assert answer.status_code == status
        assert dutch[status] in answer.text, status
        assert "not found" not in answer.text and "needs the role" not in answer.text
    assert "Lid 987654 niet gevonden" in pages[404].text  # a sentence: capital first
    client.get("/language/en?next=/", headers=HTML)
    english = client.get("/members/987654", headers=HTML).text
    assert "This page does not exist" in english and "Member 987654 not found" in english


def test_openapi_schema_documents_the_api(client):
    schema = client.get("/schema/openapi.json").json()
    assert {"/api/members", "/api/challenges", "/api/tokens"} <= set(schema["paths"])


def test_events_page_lists_upcoming_and_past(client):
    _member_session(client)
    page = client.get("/events", headers=HTML)
    assert page.status_code == 200
    assert "Binnenkort" in page.text and "Voorbij" in page.text


def test_a_refused_token_name_is_named_beside_the_field_and_kept(client):
    _member_session(client)
    answer = client.post(
        "/tokens",
        data={"name": "   ", "_csrf_token": factories.csrf_token(client)},
        headers=HTML,
    )
    assert answer.status_code == 400
    assert '<p class="field-error" id="field-name-error">' in answer.text
    assert "Is verplicht" in answer.text
    assert '<a href="#field-name">Naam van de nieuwe sleutel: is verplicht</a>' in answer.text


def test_the_tokens_page_says_what_a_token_is_for_and_what_to_do_first(client):
    """It was a bare table ('Nog geen sleutels.') and a name field: nothing said what a token
    does, how a program sends it, how long it works, or where the API is described."""
    from kring.tables import ApiToken

    login = _member_session(client)
    run(ApiToken.delete().where(ApiToken.account == login.account_id))  # the factory's own
    answer = client.get("/tokens", headers=HTML)
    assert answer.status_code == 200
    assert "Authorization: Bearer" in answer.text and "werkt een jaar" in answer.text
    assert 'href="/schema/redoc"' in answer.text.split('id="tokens-what"')[1]
    assert "Maak er hieronder een aan" in answer.text


def test_a_huge_offset_in_a_directory_link_is_an_empty_page_not_a_conflict(client):
    """Found from outside: `/members?offset=` + 20 digits answered 409 ("saved at the same
    moment") from the database's integer overflow."""
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    for path in ("/members", "/organisations"):
        answer = client.get(f"{path}?offset=99999999999999999999", headers=HTML)
        assert answer.status_code == 200, (path, answer.status_code)


def test_a_path_no_route_knows_shows_a_signed_in_member_the_navigation(client):
    """`/nope` is answered before the authentication middleware runs; the error page reads the
    session itself, so the member keeps the menu and can log out from it."""
    _member_session(client)
    answer = client.get("/nope", headers=HTML)
    assert answer.status_code == 404 and "Niet gevonden" in answer.text
    assert 'aria-label="Hoofdmenu"' in answer.text and 'action="/logout"' in answer.text
    token = re.search(r'name="_csrf_token" value="([^"]+)"', answer.text)
    assert token, "the logout form on the error page has no CSRF token"
    logged_out = client.post(
        "/logout", data={"_csrf_token": token.group(1)}, follow_redirects=False
    )
    assert logged_out.status_code == 303
    assert client.get("/profile", headers=HTML, follow_redirects=False).status_code != 200


def test_a_path_no_route_knows_shows_a_visitor_no_menu(client):
    answer = client.get("/nope", headers=HTML)
    assert answer.status_code == 404 and 'action="/logout"' not in answer.text
