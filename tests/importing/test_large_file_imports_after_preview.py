"""A file that the preview took could not be imported: between preview and import the file
travels back in the form as base64, a third larger, and the import's limit was the upload's
own (10 MB), so a CSV of 8 MB showed its preview and then answered 'Aanvraag te groot' on
Importeren (found by an outside probe of `kring serve`). The import takes the file the preview
took: the preview keeps it on the server now, and the form names the preview. Over real HTTP
against the served app, as the page's form posts it."""

from __future__ import annotations

import re
import time
from html import unescape

import httpx

from kring.choices import Role
from kring.tables import Member
from members.importing.limits import FORM_MAX, MAX_UPLOAD
from tests import factories
from tests.conftest import run

CELL = "x" * 100_000  # a CRM's long free-text column, ignored by the import
COLUMNS = 40


def _file(columns: int = COLUMNS) -> bytes:
    header = ";".join(["Voornaam", "Naam", "E-mail", *(f"Vrij {n}" for n in range(columns))])
    rows = [
        ";".join([first, last, email, *([CELL] * columns)])
        for first, last, email in (("An", "Peeters", "an@peeters.be"), ("Jan", "Claes", "j@c.be"))
    ]
    return "\n".join([header, *rows, ""]).encode()


def _until_done(browser: httpx.Client, path: str) -> str:
    """The run's page once done: the preview or the import goes on in the background."""
    for _ in range(300):
        page = browser.get(path)
        assert page.status_code == 200, page.text[:500]
        if 'data-status="done"' in page.text:
            return page.text
        time.sleep(0.2)
    raise AssertionError(f"{path} did not finish: {page.text[:500]}")


def test_a_file_the_preview_took_is_imported(live_server):
    data = _file()
    assert 7_600_000 < len(data) < 10_000_000  # under the upload's limit, over it as base64
    organiser = factories.account(Role.organiser)
    with httpx.Client(
        base_url=live_server, headers={"accept": "text/html"}, timeout=120
    ) as browser:
        assert factories.log_in(browser, organiser.email).status_code == 303
        token = browser.cookies["kring_csrf"]
        preview = browser.post(
            "/import/preview",
            files={"file": ("crm.csv", data)},
            data={"_csrf_token": token},
            follow_redirects=True,  # to the preview's page
        )
        assert preview.status_code == 200, preview.text[:500]
        page = unescape(_until_done(browser, preview.url.path))
        form = dict(re.findall(r'<input type="hidden" name="(preview)" value="(\d+)"', page))
        assert form, page[:2000]
        chosen = dict(
            re.findall(
                r'<select name="(map-\d+)"[^>]*>.*?<option value="(\w*)" selected', page, re.S
            )
        )
        posted = browser.post("/import/run", data={"_csrf_token": token, **form, **chosen})
        assert posted.status_code == 303, posted.text[:500]
        done = _until_done(browser, posted.headers["location"])
    assert re.search(r'data-count="created">2<', done)
    assert run(Member.count()) == 2


def test_a_file_above_the_limit_is_refused_beside_the_file_field(live_server):
    data = _file(MAX_UPLOAD // 200_000 + 5)  # 1 MB above the limit
    assert MAX_UPLOAD < len(data) < FORM_MAX
    organiser = factories.account(Role.organiser)
    with httpx.Client(
        base_url=live_server,
        headers={"accept": "text/html", "accept-language": "nl-BE"},
        timeout=120,
    ) as browser:
        assert factories.log_in(browser, organiser.email).status_code == 303
        token = browser.cookies["kring_csrf"]
        answer = browser.post(
            "/import/preview", files={"file": ("crm.csv", data)}, data={"_csrf_token": token}
        )
    assert answer.status_code == 400, answer.text[:500]
    assert f"groter dan de grens van {MAX_UPLOAD / 1_000_000:g} MB" in unescape(answer.text)
