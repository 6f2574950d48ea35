"""Every route says who may use it: a guard, or the explicit `public` marker."""

from kring.web.auth import public
from tests.conftest import _app

# The static files router and OpenAPI docs are public by nature (no personal data).
PUBLIC_PREFIXES = ("/schema",)


def handlers(route):
    """Our handlers; Litestar's automatic OPTIONS answers carry no data and need no guard."""
    found = getattr(route, "route_handlers", None) or [route.route_handler]
    return [h for h in found if getattr(h, "http_methods", None) != {"OPTIONS"}]


def guards(handler):
    return [getattr(guard, "func", guard) for guard in handler.resolve_guards()]


def test_every_route_has_a_guard():
    app = _app()
    unguarded = []
    for route in app.routes:
        if route.path.startswith(PUBLIC_PREFIXES):
            continue
        for handler in handlers(route):
            if not guards(handler):
                unguarded.append(f"{route.path} {handler}")
    assert unguarded == []


def test_public_routes_are_the_few_we_intend():
    app = _app()
    public_paths = {
        route.path
        for route in app.routes
        for handler in handlers(route)
        if public in guards(handler)
    }
    assert public_paths == {
        "/login",
        "/language/{language:str}",
        "/api/tokens",
        "/health",
        # The tab's icon, for a browser that asks for it without reading a page's link.
        "/favicon.ico",
        "/static/{file_path:path}",
        # The vendored Redoc bundle without its logo from cdn.redoc.ly (kring.web.docs).
        "/static/vendor/redoc/redoc.kring.js",
        # Privacy: a download link's token is its credential; the mailed code is the check.
        "/privacy/downloads/{request_id:int}/{token:str}",
        "/privacy/verify/{kind:str}/{request_id:int}",
        # A forgotten password: asked for by address; the mailed link's token is its credential.
        "/password/forgotten",
        "/password/reset/{token:str}",
        "/api/privacy/access-requests/{request_id:int}/verify",
        "/api/privacy/erasure-requests/{request_id:int}/verify",
        # Mailings: the signed token of a mail's one-click unsubscribe (RFC 8058) and of an
        # article link (recorded only with the member's consent) is their credential.
        "/mailings/unsubscribe/{token:str}",
        "/mailings/r/{token:str}",
        # A member's calendar feed: its secret address is its credential (events.pages.feed).
        "/events/feed/{token:str}",
    }


def test_anonymous_requests_to_guarded_api_routes_are_401(client):
    for path in (
        "/api/me",
        "/api/members",
        "/api/organisations",
        "/api/challenges",
        "/api/expertise",
    ):
        assert client.get(path).status_code == 401, path


def test_options_names_every_method_of_a_path_without_logging_in(client):
    """Litestar's own OPTIONS answer listed only the first router's methods of a path (GET
    without POST on /api/awards/editions) and, behind a guarded router, was a 401."""
    table = client.app.route_handler_method_map
    for spelled, path in [
        ("/api/awards/editions", "/api/awards/editions"),
        ("/api/challenges", "/api/challenges"),
        ("/api/challenges/1", "/api/challenges/{record_id:int}"),
        ("/api/library/7/file", "/api/library/{item_id:int}/file"),
    ]:
        answer = client.options(spelled)
        assert answer.status_code == 204, (spelled, answer.status_code)
        allowed = set(answer.headers["allow"].split(", "))
        assert allowed == set(table[path]) | {"HEAD"}, spelled
        assert "POST" in allowed or "PATCH" in allowed
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert client.options("/api/no-such-thing").status_code == 404
