"""A visitor who did not log in is asked to log in first, whatever the id in a closed path:
`/library/abc`, `/library/01` or an id beyond every row got a 404 (the router and the
canonical-ids check answer before the route's guard), while `/library/1` led to the login
(found by the outside probe). Now every closed area answers such a miss as its guard would:
a page leads to the login, the API answers 401. A signed-in member still gets the 404, and a
path of no route, or a public route's, stays a 404 (`kring.web.closed_paths`)."""

from __future__ import annotations

from tests import factories

HTML = {"accept": "text/html", "accept-language": "nl"}
ODD_IDS = ("abc", "01", "+1", "99999999999", "-0")
CLOSED_PAGES = ("/library/{}", "/members/{}", "/awards/jury/{}", "/projects/{}/edit")
CLOSED_API = ("/api/library/{}", "/api/members/{}", "/api/events/{}")


def test_a_visitor_is_asked_to_log_in_whatever_the_id(client):
    for template in CLOSED_PAGES:
        for odd in ODD_IDS:
            path = template.format(odd)
            answer = client.get(path, headers=HTML, follow_redirects=False)
            assert answer.status_code == 302, (path, answer.status_code)
            assert answer.headers["location"].startswith("/login?next=/"), path
    for template in CLOSED_API:
        for odd in ODD_IDS:
            answer = client.get(template.format(odd))
            assert answer.status_code == 401, (template, odd, answer.status_code)
            assert "log in first" in answer.json()["detail"]
    refused = client.get("/api/library/abc", headers={"authorization": "Bearer nope"})
    assert refused.status_code == 401 and "unknown, revoked or expired" in refused.text


def test_signed_in_and_public_misses_stay_not_found(client):
    member = factories.account(factories.Role.member)
    assert client.get("/api/library/abc", headers=member.headers).status_code == 404
    assert client.get("/api/library/01", headers=member.headers).status_code == 404
    factories.log_in(client, member.email)
    assert client.get("/library/abc", headers=HTML).status_code == 404
    client.cookies.clear()
    for path in ("/nothing-here", "/library/1/nothing/here", "/privacy/verify/access/01"):
        assert client.get(path, headers=HTML, follow_redirects=False).status_code == 404, path
    assert client.options("/api/library/01").status_code == 404


def test_other_spellings_of_a_closed_path_are_asked_to_log_in_too(client):
    """The decision reads the normalised path: a trailing or doubled slash is still the
    library's path (found in the review of 9a7d938)."""
    for path in ("/library/abc/", "/library//abc", "/api/library/abc/", "/api/library//abc"):
        answer = client.get(path, headers=HTML, follow_redirects=False)
        assert answer.status_code in (302, 401), (path, answer.status_code)
