"""Every page a role may use is within three clicks of that role's home, no page asks anything
of another site, axe-core finds no serious or critical violation on any of them (nor a skipped
heading level, which it rates moderate), and none is wider than a phone's or a laptop's screen.

For each role the browser starts at `/` and follows links only (no forms, no typed URLs),
three clicks deep, on a phone-sized viewport: every page it lands on must fit 390 px without
scrolling sideways (a wide table scrolls inside itself). The first page of each route is also
measured at 1280 px and checked by axe-core there and at 390 px (where a wide table scrolls and
must be reachable by keyboard), with every disclosure (`<details>`: the confirmation steps of
destructive actions, the account menu) opened, and so are the sign-in page and the phone menu.
Independently, every GET page route of the app is tried as that role with ids from the scene:
the ones that answer a page (200, HTML, not a download) are the pages the role may use, and
each must have been reached. A route with a path parameter this test does not know fails it: a
new page needs a way in, or a reason below why it has none.

Every page the crawl lands on is read in Dutch, and every usable page again in English over HTTP
(no second crawl): neither shows a sentence of the other language's catalogue nor a raw
vocabulary key (`tests/web/language.py`). The scene holds what those pages show: a privacy
history, consents, audit entries, requests, a restriction, registrations and feedback.

The PostgreSQL run of CI checks reachability only: looks and language do not depend on the
database, and the SQLite run checks them (`tests/conftest.py`, LOOKS_ARE_CHECKED_HERE). There the
same links are followed over HTTP, without rendering (`_crawl_over_http`): which pages a page
links to is decided by the server, and the browser's rendering, which the SQLite run covers, took
most of the walk's time. In both runs no page reached answers a server error.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable
from html.parser import HTMLParser
from itertools import product
from typing import Any
from urllib.parse import urljoin

import pytest

from kring.choices import Role
from kring.tables import Challenge
from kring.web.areas import Area, area_of_path
from kring.web.templating import LANGUAGE_COOKIE
from members.records import create_record
from privacy.requests import record_request
from tests import factories
from tests.awards.scene import award_values
from tests.conftest import LOOKS_ARE_CHECKED_HERE, _app, run
from tests.events.helpers import event, principal
from tests.importing.helpers import import_values
from tests.library.helpers import library_values
from tests.mailings.scene import mailing_values
from tests.projects.helpers import workspace_values
from tests.web.helpers import axe_violations, log_in, only_our_origin
from tests.web.language import mistakes, privacy_and_feedback, visible_text

pytestmark = pytest.mark.browser

CLICKS = 3
SERIOUS = ("serious", "critical")
# Rated moderate by axe-core, yet each fails a page: a heading level skipped (h1 → h3) breaks the
# outline a screen reader's user moves through.
ALWAYS = ("heading-order",)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# What sticks out past the right edge: the innermost such elements, named for the message.
_TOO_WIDE = """() => {
  if (document.documentElement.scrollWidth <= innerWidth) return [];
  const out = [...document.body.querySelectorAll('*')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.right > innerWidth + 1 && e.checkVisibility();
  });
  return out.filter(e => !out.some(o => o !== e && e.contains(o))).slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
      (typeof e.className === 'string' && e.className ? '.' + e.className.replace(/ +/g, '.') : '')
    );
}"""
_OPEN_DISCLOSURES = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"
REACHED_OTHERWISE = {
    "/login": "where everyone arrives before signing in",
    "/language/{language:str}": "switches the language and returns to the page",
    "/privacy/verify/{kind:str}/{request_id:int}": "the link in the mail with the person's code",
    "/privacy/downloads/{request_id:int}/{token:str}": "a one-time link made for a download",
    "/events/feed/{token:str}": "a calendar subscription address, for calendar programs",
    "/static/{file_path:path}": "stylesheets and scripts, not pages",
    "/mailings/unsubscribe/{token:str}": "the unsubscribe link of every mailing, and its header",
    "/mailings/r/{token:str}": "an article's link in a mailing, for a member who consents",
    "/mailings/{mailing_id:int}/preview/mail.html": "the mail itself, inside the preview's frame",
    "/password/reset/{token:str}": "the link in a password reset mail (test_password_pages.py)",
}
_PARAMETER = re.compile(r"\{(\w+):(\w+)\}")


def _scene() -> dict[str, Any]:
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    logins = {
        Role.member: member,
        Role.organiser: organiser,
        Role.privacy_officer: factories.account(Role.privacy_officer),
        Role.admin: factories.account(Role.admin),
    }
    organisation = factories.organisation()
    peer = factories.member(organisation, last_name="Peeters")
    # A likely duplicate, so the organisers' crawl reaches the merge page through its link.
    factories.member(organisation, first_name="Jan", last_name="Janssens")
    factories.member(organisation, first_name="Janssens", last_name="Jan")
    event_id = event(organiser)
    challenge = run(
        create_record(Challenge, principal(member), {"title": "Interne audits opzetten"})
    )
    request_id = run(record_request("access", peer, "email", None))
    privacy_and_feedback(member, logins[Role.privacy_officer], peer, event_id, challenge)
    values = {
        "member_id": [str(peer)],
        "organisation_id": [str(organisation)],
        "event_id": [str(event_id)],
        "ref": [str(event_id)],
        "record_id": [str(challenge)],
        "request_id": [str(request_id)],
        "kind": ["challenges", "expertise"],
        "fmt": ["csv", "xlsx", "pdf", "html"],
        "name": ["members", "organisations"],
        **workspace_values(organiser, member),
        **award_values(organiser, member),
        **mailing_values(organiser),
        **library_values(organiser),
        **import_values(organiser.account_id),
    }
    return {"logins": logins, "values": values}


def _page_routes() -> list[str]:
    found = set()
    for route in _app().routes:
        if area_of_path(route.path) is Area.pages and "GET" in getattr(route, "methods", ()):
            found.add(route.path)
    return sorted(found)


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{\w+:\w+\})", template)
    regex = "".join(
        (r"\d+" if part.endswith(":int}") else r"[^/]+")
        if _PARAMETER.fullmatch(part)
        else re.escape(part)
        for part in parts
    )
    return re.compile(regex + "$")


def _filled(template: str, values: dict[str, list[str]]) -> list[str] | None:
    """Every URL of the template with the scene's values, or None for an unknown parameter."""
    names = [name for name, _ in _PARAMETER.findall(template)]
    if any(name not in values for name in names):
        return None
    pieces = _PARAMETER.split(template)[::3]  # the text between the parameters
    return [
        "".join(piece + value for piece, value in zip(pieces, (*choice, ""), strict=True))
        for choice in product(*(values[name] for name in names))
    ]


class _Links(HTMLParser):
    """The `href` of every link of a page, as a browser resolves them against `url`."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url, self.hrefs = url, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href is not None:
            self.hrefs.append(urljoin(self.url, href))


def _crawl(page: Any, base: str, look: Callable[[str], None], broken: list[str]) -> set[str]:
    """Paths reached from `/` by following links, at most CLICKS deep; `look` examines each
    page of ours once it has loaded, and a page that answers a server error is noted in
    `broken`. A path is visited once, with the query of the first link to it (the merge page
    needs the pair it compares)."""

    def visit(path: str, query: str) -> tuple[str, list[str]] | None:
        try:
            # The admin and the API documentation build themselves with scripts: wait for them.
            settled = "networkidle" if path.startswith(("/admin", "/schema")) else "load"
            answer = page.goto(base + path + query, wait_until=settled)
        except Exception:  # a download (a file link) is not a page to look into
            return None
        if answer is not None and answer.status >= 500:
            broken.append(f"{path}{query}: {answer.status}")
        landed = page.url[len(base) :].split("?")[0] if page.url.startswith(base) else path
        if area_of_path(landed) is Area.pages:
            look(landed)
        return landed, page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")

    return _follow(base, visit)


def _crawl_over_http(requests: Any, base: str, broken: list[str]) -> set[str]:
    """`_crawl`'s walk without a browser: the same pages by the same links, read as HTML."""

    def visit(path: str, query: str) -> tuple[str, list[str]] | None:
        answer = requests.get(base + path + query)
        if answer.status >= 500:
            broken.append(f"{path}{query}: {answer.status}")
        landed = answer.url[len(base) :].split("?")[0] if answer.url.startswith(base) else path
        html = answer.headers.get("content-type", "").startswith("text/html")
        if not html or "attachment" in answer.headers.get("content-disposition", ""):
            return landed, []
        links = _Links(answer.url)
        links.feed(answer.text())
        return landed, links.hrefs

    return _follow(base, visit)


def _follow(base: str, visit: Callable[[str, str], tuple[str, list[str]] | None]) -> set[str]:
    """Breadth first from `/`, at most CLICKS deep; `visit` loads a page and gives where it
    landed (a redirect's target is reached too) and the links on it."""
    seen = {"/": 0}
    queue = deque([("/", "")])
    while queue:
        path, query = queue.popleft()
        visited = visit(path, query)
        if visited is None:
            continue
        landed, hrefs = visited
        seen.setdefault(landed, seen[path])
        if seen[path] >= CLICKS or path.startswith(("/admin", "/schema")):
            continue  # deep enough; the admin and the API documentation are apps of their own
        for href in hrefs:
            if not href.startswith(base):
                continue
            target, _, rest = href[len(base) :].split("#")[0].partition("?")
            target = target or "/"
            if target.startswith("/language/") or target in seen:
                continue
            seen[target] = seen[path] + 1
            queue.append((target, "?" + rest if rest else ""))
    return set(seen)


def _usable(
    requests: Any, base: str, values: dict[str, list[str]]
) -> tuple[list[tuple[str, str]], list[str]]:
    """The (template, URL) pairs that answer the signed-in role a page (200, HTML, not a
    download), and the templates with a parameter the scene cannot fill."""
    usable, unknown = [], []
    for template in _page_routes():
        if template in REACHED_OTHERWISE:
            continue
        urls = _filled(template, values)
        if urls is None:
            unknown.append(template)
            continue
        for url in urls:
            answer = requests.get(base + url, max_redirects=0)
            is_page = (
                answer.status == 200
                and answer.headers.get("content-type", "").startswith("text/html")
                and "attachment" not in answer.headers.get("content-disposition", "")
            )
            if is_page:
                usable.append((template, url))
    return usable, unknown


def audited_elsewhere(browser: Any, base: str, role: Role, scene: dict[str, Any]) -> set[str]:
    """The page routes another role's walk audits with axe-core and measures at 1280 px, so
    this role's walk need not:
    an admin's pages are an organiser's (the organiser's walk audits them) plus the admin's own;
    the admin's menu is audited on the home page, which stays the admin's to check. Auditing
    them twice took a third of the longest walk."""
    if role is not Role.admin or not LOOKS_ARE_CHECKED_HERE:
        return set()
    context = browser.new_context(locale="nl-BE")
    try:
        log_in(context.new_page(), base, scene["logins"][Role.organiser].email)
        usable, _ = _usable(context.request, base, scene["values"])
    finally:
        context.close()
    return {template for template, _ in usable} - {"/"}


HERE = (Role.member, Role.organiser)
"""The roles walked in this file; the others in test_navigation_of_other_roles.py. Each walk
takes minutes, and pytest-xdist gives a whole file to one process: in two files, the two
processes share them."""


@pytest.mark.parametrize("role", HERE, ids=[r.value for r in HERE])
def test_every_page_a_role_may_use_is_within_three_clicks_and_accessible(
    browser, live_server, role
):
    walk(browser, live_server, role)


def walk(browser: Any, live_server: str, role: Role) -> None:
    """The whole check of this module's docstring, as `role`."""
    scene = _scene()
    context = browser.new_context(locale="nl-BE", viewport=PHONE)
    left_the_origin = only_our_origin(context, live_server)
    page = context.new_page()
    patterns = {template: _pattern(template) for template in _page_routes()}
    checked, inaccessible, too_wide = audited_elsewhere(browser, live_server, role, scene), {}, {}
    wrong_language: dict[str, list[str]] = {}

    def audit(path: str) -> None:
        page.evaluate(_OPEN_DISCLOSURES)
        found = axe_violations(page)
        serious = [
            f"{v['id']}: {v['help']}" for v in found if v["impact"] in SERIOUS or v["id"] in ALWAYS
        ]
        if serious:
            inaccessible[path] = serious

    def measure(path: str, width: int) -> None:
        sticking_out = page.evaluate(_TOO_WIDE)
        if sticking_out:
            too_wide[f"{path} at {width} px"] = sticking_out

    def read(path: str, html: str, language: str) -> None:
        """No English on a Dutch page, no Dutch on an English one, no raw vocabulary key."""
        found = mistakes(visible_text(html), language)
        if found:
            wrong_language[f"{path} ({language})"] = found

    def look(path: str) -> None:
        """Every page fits a phone; the first page of each route also fits 1280 px, and
        axe-core finds no serious or critical violation there (in the SQLite run: how a page
        looks and reads does not depend on the database)."""
        if not LOOKS_ARE_CHECKED_HERE:
            return
        read(path, page.content(), "nl")
        measure(path, PHONE["width"])
        template = next((t for t, p in patterns.items() if p.match(path)), path)
        if template in checked:
            return
        checked.add(template)
        page.set_viewport_size(DESKTOP)
        measure(path, DESKTOP["width"])
        audit(path)
        page.set_viewport_size(PHONE)
        audit(f"{path} at {PHONE['width']} px")  # what scrolls sideways on a phone, too

    try:
        page.goto(f"{live_server}/login")
        look("/login")
        log_in(page, live_server, scene["logins"][role].email)
        if LOOKS_ARE_CHECKED_HERE:
            audit("/ (the phone menu opened)")
        broken: list[str] = []
        if LOOKS_ARE_CHECKED_HERE:
            reached = _crawl(page, live_server, look, broken)
        else:
            reached = _crawl_over_http(context.request, live_server, broken)
        assert broken == [], f"pages that answer {role.value} a server error"
        usable, unknown = _usable(context.request, live_server, scene["values"])
        assert unknown == [], f"pages with a parameter this test cannot fill: {unknown}"
        # The same pages in English, over HTTP (cheaper than a second crawl).
        context.add_cookies([{"name": LANGUAGE_COOKIE, "value": "en", "url": live_server}])
        for _, url in usable if LOOKS_ARE_CHECKED_HERE else ():
            read(url, context.request.get(live_server + url).text(), "en")
        missing = sorted(
            {t for t, _ in usable if not any(patterns[t].match(path) for path in reached)}
        )
        assert missing == [], f"{role.value} cannot click their way to {missing}"
        assert left_the_origin == []
        assert inaccessible == {}, f"axe-core finds serious violations for {role.value}"
        assert wrong_language == {}, f"texts in the wrong language for {role.value}"
        assert too_wide == {}, f"pages wider than the screen for {role.value}"
    finally:
        context.close()
