"""No page writes a date as numbers ("19/12/2026, 07:01"): every page a role may use, filled
from the navigation crawl's scene (introductions, mailings, the award, projects, the privacy
desk and audit trail, events…), in Dutch and in English, over HTTP. Dates and moments come from
one helper, `kring.i18n.show_date` ("19 dec 2026", "19 dec 2026, 07:01")."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kring.choices import Role
from kring.web.templating import LANGUAGE_COOKIE, TEMPLATES
from tests import factories
from tests.web.language import visible_text
from tests.web.test_navigation import REACHED_OTHERWISE, _filled, _page_routes, _scene

NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
FORMAT_HINT = re.compile(r'<p class="hint" id="[^"]*-format">.*?</p>', re.S)
"""A date field's hint shows how to type a date ('for example 28-02-2027'), not a date."""


def test_no_template_asks_for_the_numeric_date_style():
    asking = [
        str(path.relative_to(TEMPLATES))
        for path in Path(TEMPLATES).rglob("*.*")
        if re.search(r"show_date\([^)]*style=\"short\"", path.read_text())
    ]
    assert asking == []


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_no_page_a_role_may_use_writes_a_date_in_numbers(client, role):
    scene = _scene()
    factories.log_in(client, scene["logins"][role].email)
    numeric: dict[str, list[str]] = {}
    pages = 0
    for template in _page_routes():
        for url in (
            () if template in REACHED_OTHERWISE else _filled(template, scene["values"]) or ()
        ):
            for language in ("nl", "en"):
                client.cookies.set(LANGUAGE_COOKIE, language)
                answer = client.get(url, follow_redirects=False)
                if answer.status_code != 200 or "text/html" not in answer.headers.get(
                    "content-type", ""
                ):
                    continue
                pages += 1
                found = NUMERIC_DATE.findall(visible_text(FORMAT_HINT.sub("", answer.text)))
                if found:
                    numeric[f"{url} ({language})"] = found
    assert pages > 20
    assert numeric == {}
