"""A number or id typed in a form or sent in a body has one spelling: digits 0-9. `int()` also
reads `+5`, `0_5`, ` 5` and `٥` (Arabic-Indic) as 5, and `str.isdigit()` says yes to `²`,
which `int()` then refuses (a 500): each is a clear 400 naming the field, nothing stored
(`kring.validation.only_digits`, `whole_number`, `read_id`)."""

from __future__ import annotations

from html import unescape

import pytest

from awards.tables import Candidacy, Edition
from events.check_in import check_in_code
from events.tables import Event, Registration
from introductions.tables import IntroductionState
from kring.choices import Role
from tests import factories
from tests.awards import helpers as awards
from tests.conftest import run
from tests.events.helpers import doors_open
from tests.introductions.helpers import scene, state_of

ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def spellings(number: int) -> list[str]:
    """Other ways `int()` reads `number`."""
    digits = str(number)
    return [f"+{digits}", f"0_{digits}", digits.translate(ARABIC), digits.translate(FULLWIDTH)]


def test_a_candidacy_form_with_a_superscript_criterion_key_is_a_400_keeping_the_form(client):
    made = awards.edition()
    who = awards.candidate()
    factories.log_in(client, who.email)
    answer = factories.post_page_form(
        client,
        f"/awards/editions/{made.id}/candidacies/new",
        title="Lean in de zorg",
        **{"text_²": "Onze aanpak", f"text_{made.criterion_ids[0]}": "Eerste criterium"},
    )
    assert answer.status_code == 400, answer.text[:300]
    text = unescape(answer.text)
    assert "“²” is geen criterium van deze editie" in text
    assert 'value="Lean in de zorg"' in text and "Eerste criterium" in text
    assert run(Candidacy.count()) == 0


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_a_criterion_spelled_otherwise_is_no_criterion_on_the_form_or_the_api(client, index):
    made = awards.edition()
    who = awards.candidate()
    spelled = spellings(made.criterion_ids[0])[index]
    factories.log_in(client, who.email)
    answer = factories.post_page_form(
        client,
        f"/awards/editions/{made.id}/candidacies/new",
        title="Lean in de zorg",
        **{f"text_{spelled}": "Onze aanpak"},
    )
    assert answer.status_code == 400
    assert f"“{spelled}” is geen criterium van deze editie" in unescape(answer.text)
    body = {"title": "Lean in de zorg", "texts": {spelled: "Onze aanpak"}}
    api = client.post(f"/api/awards/editions/{made.id}/candidacies", json=body, headers=who.headers)
    assert api.status_code == 400 and "is not a criterion of this edition" in api.text
    assert run(Candidacy.count()) == 0


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_an_introduction_is_asked_only_for_a_proposal_id_in_digits(client, index):
    s = scene(experts=3)
    proposal = s.proposals()[0]["id"]
    factories.log_in(client, s.owner_login.email)
    spelled = spellings(proposal)[index]
    answer = factories.post_page_form(client, "/introductions/request", proposal_id=spelled)
    assert answer.status_code == 400
    assert f"“{spelled}” is geen positief geheel getal" in unescape(answer.text)
    assert state_of(proposal) == IntroductionState.proposed
    asked = factories.post_page_form(client, "/introductions/request", proposal_id=str(proposal))
    assert asked.status_code == 200 and state_of(proposal) == IntroductionState.requested


EVENT = {
    "title": "Bedrijfsbezoek",
    "starts_at": "2031-05-06T18:30",
    "ends_at": "2031-05-06T21:00",
    "timezone": "Europe/Brussels",
}
API_EVENT = {
    "title": "Kwaliteitsdag",
    "starts_at": "2031-05-06T18:30:00+02:00",
    "ends_at": "2031-05-06T21:00:00+02:00",
    "capacity": 2,
}


@pytest.mark.parametrize("capacity", [*spellings(20), "2_0", "²"])
def test_an_event_capacity_is_digits_only(client, capacity):
    factories.log_in(client, factories.account(Role.organiser).email)
    answer = factories.post_page_form(client, "/events/new", **EVENT, capacity=capacity)
    assert answer.status_code == 400
    assert f"“{capacity}” is geen geheel getal" in unescape(answer.text)
    assert f'value="{capacity}"' in unescape(answer.text)
    assert run(Event.count()) == 0


EDITION = {
    "name": "Prijs 2031",
    "year": "2031",
    "submission_deadline": "2031-03-01T17:00",
    "jury_deadline": "2031-05-01T17:00",
    "category_name": "Kmo's",
    "criterion_name": "Resultaten",
    "criterion_weight": "3",
}


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("year", "+2031", "“+2031” is geen geheel getal"),
        ("year", "2031".translate(ARABIC), "“٢٠٣١” is geen geheel getal"),
        ("criterion_weight", "٣", "het gewicht"),
        ("criterion_weight", "+3", "het gewicht"),
        ("category_id", "+1", "“+1” is geen bekende id"),
    ],
)
def test_an_edition_form_reads_year_weight_and_ids_in_digits_only(client, field, value, said):
    factories.log_in(client, awards.organiser().email)
    before = run(Edition.count())
    answer = factories.post_page_form(client, "/awards/editions/new", **EDITION | {field: value})
    assert answer.status_code == 400
    assert said in unescape(answer.text)
    assert run(Edition.count()) == before


def test_a_check_in_code_in_other_digits_is_no_ticket(client):
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    event_id = client.post("/api/events", json=API_EVENT, headers=organiser.headers).json()["id"]
    joined = client.post(f"/api/events/{event_id}/registration", headers=member.headers)
    assert joined.status_code in (200, 201), joined.text
    doors_open(event_id)
    registration = run(
        Registration.select(Registration.id).where(Registration.event == event_id).first()
    )["id"]
    code = check_in_code(event_id, registration)
    url = f"/api/events/{event_id}/check-in"
    for table in (ARABIC, FULLWIDTH):
        number, signature = code[1:].split("-")
        spelled = f"K{number.translate(table)}-{signature}"
        answer = client.post(url, json={"code": spelled}, headers=organiser.headers)
        assert answer.status_code == 400, answer.text
        assert "is not a check-in code" in answer.text
    assert run(Registration.count().where(Registration.status == "attended")) == 0
    answer = client.post(url, json={"code": code}, headers=organiser.headers)
    assert answer.status_code == 200 and answer.json()["checked_in"] is True
