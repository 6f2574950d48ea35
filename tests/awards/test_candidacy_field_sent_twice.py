"""A candidacy form with a field sent twice (`title=a&title=b`: a tampered or doubled form)
answered 500: the page's refusal path read the typed fields that were never parsed (found from
outside). It now answers 400 with the form (the first of the two values kept) and the message
naming the field; nothing stored."""

from __future__ import annotations

from html import unescape
from urllib.parse import urlencode

from awards.tables import Candidacy
from tests import factories
from tests.awards.helpers import candidacy, candidate, edition
from tests.conftest import run

HTML = {"accept": "text/html", "content-type": "application/x-www-form-urlencoded"}


def _fields(client, category: int) -> list[tuple[str, str]]:
    return [
        ("_csrf_token", factories.csrf_token(client)),
        ("title", "Samen naar nul fouten"),
        ("title", "Een tweede titel"),
        ("summary", "Hoe wij onze klachten halveerden."),
        ("category", str(category)),
    ]


def test_a_new_candidacy_with_a_field_sent_twice_is_refused_naming_it(client):
    award = edition()
    who = candidate()
    factories.log_in(client, who.login.email)
    answer = client.post(
        f"/awards/editions/{award.id}/candidacies/new",
        content=urlencode(_fields(client, award.category_ids[0])),
        headers=HTML,
    )
    assert answer.status_code == 400, answer.text[-500:]
    text = unescape(answer.text)
    assert "Titel" in text and "werd meer dan eens verstuurd" in text
    assert 'value="Samen naar nul fouten"' in text  # the first of the two, kept
    assert run(Candidacy.count()) == 0


def test_an_edited_candidacy_with_a_field_sent_twice_is_refused_naming_it(client):
    award = edition()
    who = candidate()
    candidacy_id = candidacy(who, award, title="Zoals het was")
    factories.log_in(client, who.login.email)
    answer = client.post(
        f"/awards/candidacies/{candidacy_id}/edit",
        content=urlencode(_fields(client, award.category_ids[0])),
        headers=HTML,
    )
    assert answer.status_code == 400, answer.text[-500:]
    text = unescape(answer.text)
    assert "Titel" in text and "werd meer dan eens verstuurd" in text
    assert run(Candidacy.select(Candidacy.title).first())["title"] == "Zoals het was"
