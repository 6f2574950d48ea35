"""The award's forms come back with what was typed when a text holds a control character: the
edition form, a candidacy, a juror's scores and comments, a declared conflict; 400 with the
message, nothing stored."""

from __future__ import annotations

from html import unescape
from urllib.parse import urlencode

from awards import jury
from awards.choices import EditionState
from awards.tables import Candidacy, Conflict, Edition, Score
from kring.choices import Role
from tests import factories
from tests.awards.helpers import (
    candidate,
    edition,
    organiser,
    principal,
    set_state,
    submitted_candidacy,
)
from tests.conftest import run

HTML = {"accept": "text/html"}


_post = factories.post_page_form


def test_a_new_edition_keeps_its_lines_as_typed(client):
    factories.log_in(client, organiser().email)
    token = factories.csrf_token(client)
    fields = [
        ("name", "Kwaliteitsprijs 2027"),
        ("year", "2027"),
        ("category_name", "Kmo's"),
        ("criterion_name", "Leiderschap"),
        ("criterion_description", "Hoe de leiding\x07 richting geeft."),
        ("criterion_weight", "3"),
        ("_csrf_token", token),
    ]
    form = {"content-type": "application/x-www-form-urlencoded"}
    answer = client.post("/awards/editions/new", content=urlencode(fields), headers=HTML | form)
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'value="Kwaliteitsprijs 2027"' in text and 'value="Leiderschap"' in text
    assert "Hoe de leiding\ufffd richting geeft.</textarea>" in text and "U+0007" in text
    assert run(Edition.count()) == 0


def test_a_candidacy_keeps_what_was_typed(client):
    made = edition()
    who = candidate()
    factories.log_in(client, who.email)
    answer = _post(
        client,
        f"/awards/editions/{made.id}/candidacies/new",
        title="Samen naar nul\x00",
        summary="Onze aanpak in het kort.",
        **{f"text_{made.criterion_ids[0]}": "Een lange tekst over leiderschap."},
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Onze aanpak in het kort.</textarea>" in text
    assert "Een lange tekst over leiderschap.</textarea>" in text and "U+0000" in text
    assert 'id="field-title" name="title" required aria-invalid="true"' in text
    assert run(Candidacy.count()) == 0


def test_a_jurors_comments_and_conflict_reason_keep_what_was_typed(client):
    award = edition()
    candidacy_id = submitted_candidacy(candidate(), award)
    juror = factories.account(Role.member)
    run(jury.appoint_juror(principal(organiser()), award.id, juror.account_id))
    run(jury.agree(principal(juror), award.id))
    run(jury.assign_everyone(principal(organiser()), award.id))
    set_state(award.id, EditionState.judging)
    factories.log_in(client, juror.email)
    dossier = f"/awards/jury/{award.id}/candidacies/{candidacy_id}"
    first, second = award.criterion_ids[:2]
    answer = _post(
        client,
        f"{dossier}/scores",
        **{
            f"score_{first}": "8",
            f"comment_{first}": "Sterk\x1b leiderschap",
            f"comment_{second}": "Strategie is helder.",
        },
    )
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Strategie is helder.</textarea>" in text and 'value="8"' in text
    assert "U+001B" in text and f'id="field-comment_{first}"' in text
    assert run(Score.count()) == 0
    answer = _post(client, f"{dossier}/conflict", reason="Mijn zus\x07 werkt daar")
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert "Mijn zus\ufffd werkt daar</textarea>" in text and "U+0007" in text
    assert '<details class="confirm" id="declare-conflict" open>' in text
    assert run(Conflict.count()) == 0
