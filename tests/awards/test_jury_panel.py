"""The home page's jury panel says what a juror still has to do in each edition: candidacies to
judge while the edition is open or in judging, not once judging is over. It told the demo's
jurors that last year's decided edition still had 4 candidacies to judge."""

from __future__ import annotations

import re

import pytest

from awards import jury
from awards.choices import EditionState
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


def _panel(client) -> str:
    home = client.get("/").text
    found = re.search(r'<section[^>]*id="jury-work".*?</section>', home, re.S)
    assert found, "no jury panel on the home page"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))


@pytest.mark.parametrize(
    ("state", "said"),
    [
        (EditionState.judging, "1 kandidatuur te beoordelen"),
        (EditionState.deliberation, "1 kandidatuur beoordeeld · de jury beraadslaagt"),
        (EditionState.decided, "1 kandidatuur beoordeeld · beslist"),
    ],
)
def test_the_jury_panel_says_what_is_left_to_do(client, state, said):
    boss = organiser()
    award = edition(boss)
    judged = submitted_candidacy(candidate(), award)
    set_state(award.id, EditionState.judging)
    juror = factories.account(Role.member)
    seat = run(jury.appoint_juror(principal(boss), award.id, juror.account_id))
    run(jury.agree(principal(juror), award.id))
    run(jury.assign(principal(boss), award.id, seat, judged))
    set_state(award.id, state)

    factories.log_in(client, juror.email)
    panel = _panel(client)
    assert said in panel
    if state != EditionState.judging:
        assert "te beoordelen" not in panel
