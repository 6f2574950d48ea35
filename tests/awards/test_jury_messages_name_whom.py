"""The organisers' jury page said 'Het jurylid is aangesteld.', 'De kandidatuur is toegewezen.',
'De toewijzing is beëindigd.' and 'Het jurylid is uit de jury verwijderd.' after each action,
on a page of ten jurors and twenty candidacies, without saying whom or which (the desk of an
event names its people since 1c360cf). Each message names the juror, and the candidacy where
there is one; the names are looked up by the jury page, the message cookie carries numbers
only. Over HTTP against the app, in Dutch."""

from __future__ import annotations

import base64
from html import unescape
from typing import Any

from awards import jury
from awards.tables import Assignment
from kring.choices import Role
from kring.web.flash import FLASH_COOKIE
from tests import factories
from tests.awards.helpers import candidate, edition, organiser, submitted_candidacy
from tests.conftest import run

HTML = {"accept": "text/html"}


def _flash(page: Any) -> str:
    return unescape(page.text.split('id="flash"', 1)[1].split(">", 1)[1].split("</p>", 1)[0])


def _cookie_text(answer: Any) -> str:
    """Everything the message cookie holds, its encoded parts decoded."""
    parts = answer.cookies[FLASH_COOKIE].split(".")
    return " ".join(
        base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)).decode("latin-1") for p in parts
    )


def _act(client: Any, path: str, **fields: str) -> str:
    """The page after the organiser's button, its message; the name never in the cookie."""
    fields |= {"_csrf_token": factories.csrf_token(client)}
    answer = client.post(path, data=fields, headers=HTML, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    assert "Vandersteen" not in _cookie_text(answer)
    return _flash(client.get(answer.headers["location"], headers=HTML))


def test_each_jury_action_names_the_juror_and_the_candidacy(client):
    boss = organiser()
    award = edition(boss)
    dossier = submitted_candidacy(candidate(), award, title="Samen naar nul fouten")
    person = factories.member(factories.organisation(), first_name="Griet", last_name="Vandersteen")
    juror = factories.account(Role.member, member_id=person)
    factories.log_in(client, boss.email)
    path = f"/awards/editions/{award.id}/jury"

    said = _act(client, f"{path}/appoint", account_id=str(juror.account_id))
    assert said == "Griet Vandersteen is aangesteld als jurylid."
    seat = run(jury.jurors(award.id))[0]["id"]

    said = _act(client, f"{path}/assign", juror_id=str(seat), candidacy_id=str(dossier))
    assert said == "“Samen naar nul fouten” is toegewezen aan Griet Vandersteen."

    assignment = run(Assignment.select(Assignment.id).where(Assignment.juror == seat).first())
    said = _act(client, f"{path}/assignments/{assignment['id']}/remove")
    assert said == (
        "De toewijzing is beëindigd: Griet Vandersteen beoordeelt “Samen naar nul fouten” "
        "niet meer."
    )

    said = _act(client, f"{path}/{seat}/remove")
    assert said == "Griet Vandersteen is uit de jury verwijderd."


def test_a_jury_message_read_on_another_page_says_someone(client):
    """The message reaching another page (a second tab) reads 'Iemand', never a number, with
    a capital where it starts the sentence ('iemand is aangesteld…' before)."""
    boss = organiser()
    award = edition(boss)
    juror = factories.account(Role.member)
    factories.log_in(client, boss.email)
    fields = {"account_id": str(juror.account_id), "_csrf_token": factories.csrf_token(client)}
    answer = client.post(
        f"/awards/editions/{award.id}/jury/appoint",
        data=fields,
        headers=HTML,
        follow_redirects=False,
    )
    assert answer.status_code == 303
    elsewhere = client.get(f"/awards/editions/{award.id}", headers=HTML)
    assert elsewhere.status_code == 200
    assert _flash(elsewhere) == "Iemand is aangesteld als jurylid."


def test_an_edition_created_or_saved_is_named(client):
    """'De editie is aangemaakt.' and 'De editie is opgeslagen.' named none of an award's
    editions; the message names the edition and its year."""
    factories.log_in(client, organiser().email)
    form = {
        "_csrf_token": factories.csrf_token(client),
        "name": "Kring Excellence Award",
        "year": "2030",
        "submission_deadline": "2030-03-01T17:00",
        "jury_deadline": "2030-05-01T17:00",
        "category_id": [""],
        "category_name": ["Kmo's"],
        "criterion_id": [""],
        "criterion_name": ["Resultaten"],
        "criterion_description": [""],
        "criterion_weight": ["5"],
        "criterion_position": ["1"],
    }
    created = client.post("/awards/editions/new", data=form, headers=HTML)
    assert created.status_code == 200, created.text
    assert _flash(created) == "De editie “Kring Excellence Award” (2030) is aangemaakt."
    saved = client.post(f"{created.url.path}/edit", data=form, headers=HTML)
    assert saved.status_code == 200, saved.text
    assert _flash(saved) == "De editie “Kring Excellence Award” (2030) is opgeslagen."
