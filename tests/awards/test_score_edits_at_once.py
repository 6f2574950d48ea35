"""A juror's scores saved from two tabs (the laptop and the phone) keep both changes. The
dossier's score form sends every score and comment it shows, so a save wrote back what it held
when it was opened: the score given to one criterion in one tab went back to the old one (or
was removed) when a comment on another criterion was saved in the other tab, without a word.
The form carries the scores as it showed them (`_seen`, `kring.seen`); a save writes only what
was changed, and a score changed in both tabs to different values is refused (409) with both
shown, never silently lost."""

from __future__ import annotations

import re

from litestar.testing import TestClient

from awards import jury
from awards.choices import EditionState
from awards.tables import Score
from kring.choices import Role
from tests import factories
from tests.awards.helpers import candidate, edition, principal, set_state, submitted_candidacy
from tests.conftest import _app, run
from tests.members.test_profile_edits_at_once import HTML, _fields


def _juror_with_a_dossier():
    organiser = factories.account(Role.organiser)
    juror = factories.account(Role.member)
    on = edition(organiser)
    candidacy_id = submitted_candidacy(candidate(), on)
    set_state(on.id, EditionState.judging)
    seat = run(jury.appoint_juror(principal(organiser), on.id, juror.account_id))
    run(jury.agree(principal(juror), on.id))
    run(jury.assign(principal(organiser), on.id, seat, candidacy_id))
    path = f"/awards/jury/{on.id}/candidacies/{candidacy_id}"
    return juror, on, candidacy_id, path


def _scores(candidacy_id: int) -> dict[int, tuple[int, str]]:
    rows = run(
        Score.select(Score.criterion, Score.score, Score.comment).where(
            Score.candidacy == candidacy_id
        )
    )
    return {row["criterion"]: (row["score"], row["comment"]) for row in rows}


def test_two_tabs_scoring_one_dossier_keep_both_scores(client):
    juror, on, candidacy_id, path = _juror_with_a_dossier()
    first, second = on.criterion_ids[0], on.criterion_ids[1]
    with TestClient(app=_app(), base_url="http://testserver.local") as phone:
        factories.log_in(client, juror.email)
        factories.log_in(phone, juror.email)
        laptop = _fields(client.get(path, headers=HTML).text, f"{path}/scores")
        other = _fields(phone.get(path, headers=HTML).text, f"{path}/scores")
        saved = phone.post(f"{path}/scores", data=other | {f"score_{first}": "8"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]
        saved = client.post(
            f"{path}/scores",
            data=laptop | {f"score_{second}": "6", f"comment_{second}": "Sterk plan."},
            headers=HTML,
        )
        assert saved.status_code in (200, 303), saved.text[:300]

    assert _scores(candidacy_id) == {first: (8, ""), second: (6, "Sterk plan.")}


def test_a_score_changed_in_both_tabs_is_refused_with_both_values(client):
    juror, on, candidacy_id, path = _juror_with_a_dossier()
    first = on.criterion_ids[0]
    with TestClient(app=_app(), base_url="http://testserver.local") as phone:
        factories.log_in(client, juror.email)
        factories.log_in(phone, juror.email)
        laptop = _fields(client.get(path, headers=HTML).text, f"{path}/scores")
        other = _fields(phone.get(path, headers=HTML).text, f"{path}/scores")
        saved = phone.post(f"{path}/scores", data=other | {f"score_{first}": "8"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]

        refused = client.post(f"{path}/scores", data=laptop | {f"score_{first}": "5"}, headers=HTML)

        assert refused.status_code == 409, refused.text[:300]
        assert re.search(r'class="meanwhile-value">\s*8\s*<', refused.text)
        assert re.search(rf'name="score_{first}"[^>]*value="5"', refused.text)
        assert _scores(candidacy_id) == {first: (8, "")}
        again = _fields(refused.text, f"{path}/scores")
        saved = client.post(f"{path}/scores", data=again, headers=HTML, follow_redirects=False)
        assert saved.status_code == 303, saved.text[:300]

    assert _scores(candidacy_id) == {first: (5, "")}
