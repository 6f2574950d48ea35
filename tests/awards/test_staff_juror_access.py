"""A staff member who sits on a jury without being an organiser (the privacy officer, say) and
opens the organisers' page of that jury read only 'Geen toegang. Je account mag deze pagina niet
openen of dit niet doen.': the guard's reason had no Dutch, so the page said neither why nor where
their own jury work is (found from outside on the served demo). The page now says that only
organisers manage the jury and, to a juror of that edition, where their jury work is. Over HTTP
against `kring serve`, in Dutch and English."""

from __future__ import annotations

from html import unescape

import httpx
import pytest

from awards import jury
from awards.choices import EditionState
from kring.choices import Role
from tests import factories
from tests.awards.helpers import edition, organiser, principal, set_state
from tests.conftest import run


def _error(live_server: str, email: str, path: str, language: str) -> tuple[int, str]:
    with httpx.Client(base_url=live_server, timeout=30) as client:
        assert factories.log_in(client, email).status_code == 303
        client.get(f"/language/{language}?next=/", headers={"accept": "text/html"})
        answer = client.get(path, headers={"accept": "text/html", "accept-language": language})
    page = unescape(answer.text)
    start = page.index('id="error-detail"')
    return answer.status_code, page[page.index(">", start) + 1 : page.index("</p>", start)]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "nl",
            "Alleen organisatoren beheren de jury; jij zit erin als jurylid: je eigen jurywerk "
            "voor deze editie vind je op /awards/jury/{id}",
        ),
        (
            "en",
            "Only organisers manage the jury; you sit on it as a juror: your own jury work for "
            "this edition is at /awards/jury/{id}",
        ),
    ],
)
def test_a_staff_juror_reads_why_and_where_their_jury_work_is(live_server, language, said):
    boss = organiser()
    award = edition(boss)
    set_state(award.id, EditionState.judging)
    officer = factories.account(Role.privacy_officer)
    run(jury.appoint_juror(principal(boss), award.id, officer.account_id))
    status, detail = _error(
        live_server, officer.email, f"/awards/editions/{award.id}/jury", language
    )
    assert status == 403
    assert detail == said.format(id=award.id)


def test_anyone_else_reads_that_only_organisers_manage_the_jury(live_server):
    award = edition(organiser())
    for role in (Role.privacy_officer, Role.member):
        login = factories.account(role)
        status, detail = _error(live_server, login.email, f"/awards/editions/{award.id}/jury", "nl")
        assert (status, detail) == (403, "Alleen organisatoren beheren de jury")
