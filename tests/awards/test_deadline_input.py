"""An award's deadlines as organisers type them, in Brussels time: a time in the hour the clock
skips (spring) or shows twice (autumn) is refused naming the field, as on events, not moved an
hour or taken as the first; a passed jury deadline is named as every page writes dates."""

from __future__ import annotations

from datetime import UTC, datetime
from html import unescape
from html.parser import HTMLParser

from awards.tables import Edition
from kring.typed_dates import moment_text
from tests import factories
from tests.awards import helpers
from tests.awards.test_scoring import _panel, _score
from tests.conftest import run

GAP = "2031-03-30T02:30"  # Brussels: 02:00 becomes 03:00
FOLD = "2031-10-26T02:30"  # Brussels: 03:00 becomes 02:00 again
FORM = {
    "name": "Prijs 2031",
    "year": "2031",
    "submission_deadline": "2031-03-01T17:00",
    "jury_deadline": "2031-05-01T17:00",
    "category_name": "Kmo's",
    "criterion_name": "Resultaten",
    "criterion_weight": "2",
}


_field_error = factories.field_error


def test_a_submission_deadline_in_the_spring_gap_is_refused_at_its_field(client):
    factories.log_in(client, helpers.organiser().email)
    before = run(Edition.count())
    typed = FORM | {"submission_deadline": GAP}
    answer = factories.post_page_form(client, "/awards/editions/new", **typed)
    assert answer.status_code == 400
    message = _field_error(answer.text, "submission_deadline")
    assert "2031-03-30 02:30 bestaat niet in Europe/Brussels" in message
    assert "de klok een uur vooruit" in message
    assert f'value="{moment_text(GAP)}"' in answer.text and 'value="Prijs 2031"' in answer.text
    assert run(Edition.count()) == before


def test_a_jury_deadline_in_the_autumn_fold_is_refused_at_its_field_on_the_edit_form(client):
    boss = helpers.organiser()
    made = helpers.edition(boss)
    stored = run(Edition.select(Edition.jury_deadline).where(Edition.id == made.id).first())
    factories.log_in(client, boss.email)
    edit = client.get(f"/awards/editions/{made.id}/edit")
    assert edit.status_code == 200
    typed = {"name": "Kwaliteitsprijs", "year": "2031", "jury_deadline": FOLD}
    answer = factories.post_page_form(client, f"/awards/editions/{made.id}/edit", **FORM | typed)
    assert answer.status_code == 400
    message = _field_error(answer.text, "jury_deadline")
    assert "2031-10-26 02:30 komt twee keer voor in Europe/Brussels" in message
    assert "de klok een uur terug; kies een tijd buiten de herhaalde periode" in message
    assert f'value="{moment_text(FOLD)}"' in answer.text
    after = run(Edition.select(Edition.jury_deadline).where(Edition.id == made.id).first())
    assert after == stored


def test_the_api_refuses_a_naive_deadline_in_the_gap_or_the_fold_naming_it(client):
    boss = helpers.organiser()
    body = {
        "name": "Prijs via API",
        "year": 2031,
        "submission_deadline": f"{GAP}:00",
        "jury_deadline": f"{FOLD}:00",
        "categories": [{"name": "Kmo's"}],
        "criteria": [{"name": "Resultaten", "weight": 2}],
    }
    answer = client.post("/api/awards/editions", json=body, headers=boss.headers)
    assert answer.status_code == 400, answer.text
    said = answer.text
    assert "submission_deadline" in said and "does not exist in Europe/Brussels" in said
    assert "jury_deadline" in said and "happens twice in Europe/Brussels" in said
    aware = body | {
        "submission_deadline": "2031-03-30T00:30:00+00:00",
        "jury_deadline": "2031-10-26T01:30:00+00:00",
    }
    made = client.post("/api/awards/editions", json=aware, headers=boss.headers)
    assert made.status_code == 201, made.text


def _passed_jury_deadline():
    """A juror with a score, in an edition whose jury deadline was 1 March 2024, 18:00 in
    Brussels; the scores path of their candidacy."""
    _, award, (candidacy_id,), (login,) = _panel(jurors=1)
    _score(login, award, candidacy_id, [6])
    deadline = datetime(2024, 3, 1, 17, 0, tzinfo=UTC)
    run(Edition.update({Edition.jury_deadline: deadline}).where(Edition.id == award.id))
    return award, candidacy_id, login


def test_a_passed_jury_deadline_reads_as_dates_read_in_english_on_the_api(client):
    award, candidacy_id, login = _passed_jury_deadline()
    path = f"/api/awards/jury/{award.id}/candidacies/{candidacy_id}/scores"
    body = {"scores": [{"criterion_id": award.criterion_ids[0], "score": 0}]}
    answer = client.put(path, json=body, headers=login.headers)
    assert answer.status_code == 409
    assert "jury deadline (1 Mar 2024, 18:00, Brussels time) has passed" in answer.text


def test_a_passed_jury_deadline_reads_as_dates_read_in_dutch_on_the_page(client):
    award, candidacy_id, login = _passed_jury_deadline()
    factories.log_in(client, login.email)
    first = award.criterion_ids[0]
    path = f"/awards/jury/{award.id}/candidacies/{candidacy_id}/scores"
    answer = factories.post_page_form(client, path, **{f"score_{first}": "0"})
    assert answer.status_code == 409
    assert "jurydeadline (1 mrt 2024, 18:00, Brusselse tijd) is voorbij" in unescape(answer.text)
    assert "2024-03-01" not in answer.text


SECOND_FOLD = datetime(2031, 10, 26, 1, 30, tzinfo=UTC)  # the second 02:30 in Brussels


class _ListForm(HTMLParser):
    """The fields of a page's form as a browser sends them, repeated names as lists."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, list[str]] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        name = found.get("name", "")
        if tag == "input" and name:
            self.fields.setdefault(name, []).append(found.get("value", ""))
        elif tag == "textarea":
            self._textarea = name
            self.fields.setdefault(name, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea][-1] += data


def _edit_form(client, edition_id: int) -> dict[str, list[str]]:
    page = client.get(f"/awards/editions/{edition_id}/edit")
    assert page.status_code == 200, page.text
    parser = _ListForm()
    parser.feed(page.text)
    return parser.fields


def _deadlines(edition_id: int) -> dict[str, datetime]:
    return run(
        Edition.select(Edition.submission_deadline, Edition.jury_deadline)
        .where(Edition.id == edition_id)
        .first()
    )


def test_a_deadline_in_the_repeated_hour_is_saved_unchanged_from_the_edit_form(client):
    boss = helpers.organiser()
    made = helpers.edition(
        boss,
        submission_deadline=datetime(2031, 3, 1, 16, 0, tzinfo=UTC),
        jury_deadline=SECOND_FOLD,
    )
    before = _deadlines(made.id)
    factories.log_in(client, boss.email)
    shown = _edit_form(client, made.id)
    assert shown["jury_deadline"] == ["26-10-2031 02:30"]  # as the field asks: dd-mm-jjjj uu:mm
    answer = client.post(
        f"/awards/editions/{made.id}/edit",
        data=shown | {"name": ["Herdoopte prijs"]},
        headers={"accept": "text/html"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    assert _deadlines(made.id) == before
    name = run(Edition.select(Edition.name).where(Edition.id == made.id).first())["name"]
    assert name == "Herdoopte prijs"
    changed = client.post(
        f"/awards/editions/{made.id}/edit",
        data=shown | {"jury_deadline": ["2031-10-26T02:20"]},
        headers={"accept": "text/html"},
    )
    assert changed.status_code == 400
    assert "komt twee keer voor" in _field_error(changed.text, "jury_deadline")
    assert _deadlines(made.id) == before


def test_the_api_keeps_a_stored_deadline_in_the_repeated_hour_sent_back_without_offset(client):
    boss = helpers.organiser()
    made = helpers.edition(
        boss,
        submission_deadline=datetime(2031, 3, 1, 16, 0, tzinfo=UTC),
        jury_deadline=SECOND_FOLD,
    )
    before = _deadlines(made.id)
    answer = client.patch(
        f"/api/awards/editions/{made.id}",
        json={"jury_deadline": "2031-10-26T02:30:00", "name": "Anders"},
        headers=boss.headers,
    )
    assert answer.status_code == 200, answer.text
    assert _deadlines(made.id) == before
    assert answer.json()["jury_deadline"] == "2031-10-26T01:30:00Z"
