"""A candidacy written in two places at once (only the member who started it changes it: on
the laptop and the phone, or in two tabs) keeps both changes. The candidacy form sends every
field it shows, so a save wrote back what it held when it was opened: the text for one
criterion rewritten in one tab went back to the old text when the summary was saved in the
other, still open on /awards/candidacies/N/edit, without a word. The form carries the
candidacy as it was shown (`_seen`, `kring.seen`), and a save writes only what was changed."""

from __future__ import annotations

from litestar.testing import TestClient

from awards.tables import Candidacy, CandidacyText
from tests import factories
from tests.at_once import both_change_one_field
from tests.awards.helpers import candidacy, candidate, edition
from tests.conftest import _app, run
from tests.members.test_profile_edits_at_once import HTML, _fields


def test_two_tabs_saving_one_candidacy_keep_both_changes(client):
    first = candidate()
    on = edition()
    candidacy_id = candidacy(first, on)
    criterion = on.criterion_ids[0]
    path = f"/awards/candidacies/{candidacy_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, first.email)
        factories.log_in(other, first.email)
        mine = _fields(client.get(path, headers=HTML).text, path)
        theirs = _fields(other.get(path, headers=HTML).text, path)
        text = {f"text_{criterion}": "Een nieuwe aanpak, op de telefoon."}
        saved = other.post(path, data=theirs | text, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        saved = client.post(
            path, data=mine | {"summary": "Een kortere samenvatting."}, headers=HTML
        )
        assert saved.status_code in (200, 303), saved.text[:300]

    held = run(Candidacy.select(Candidacy.summary).where(Candidacy.id == candidacy_id).first())
    assert held["summary"] == "Een kortere samenvatting."
    texts = run(
        CandidacyText.select(CandidacyText.text).where(
            (CandidacyText.candidacy == candidacy_id) & (CandidacyText.criterion == criterion)
        )
    )
    assert [row["text"] for row in texts] == ["Een nieuwe aanpak, op de telefoon."]


def test_a_summary_changed_in_both_tabs_is_refused_with_both_values(client):
    first = candidate()
    candidacy_id = candidacy(first, edition())
    path = f"/awards/candidacies/{candidacy_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, first.email)
        factories.log_in(other, first.email)
        both_change_one_field(
            client,
            other,
            path,
            "summary",
            ("Een kortere samenvatting.", "Een andere samenvatting."),
            lambda: run(
                Candidacy.select(Candidacy.summary).where(Candidacy.id == candidacy_id).first()
            )["summary"],
        )


def test_a_criterions_text_changed_in_both_tabs_is_refused_beside_its_field(client):
    first = candidate()
    on = edition()
    candidacy_id = candidacy(first, on)
    criterion = on.criterion_ids[0]
    path = f"/awards/candidacies/{candidacy_id}/edit"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        factories.log_in(client, first.email)
        factories.log_in(other, first.email)
        both_change_one_field(
            client,
            other,
            path,
            f"text_{criterion}",
            ("Op de telefoon herschreven.", "Op de laptop herschreven."),
            lambda: run(
                CandidacyText.select(CandidacyText.text)
                .where(
                    (CandidacyText.candidacy == candidacy_id)
                    & (CandidacyText.criterion == criterion)
                )
                .first()
            )["text"],
        )
