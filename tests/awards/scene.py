"""The award in the navigation crawl's scene (tests/web/test_navigation.py): an open edition
in which the member drafts a candidacy with a file, and one in judging where the member is a
juror who agreed and judges another organisation's submitted candidacy."""

from __future__ import annotations

from kring.tables import Member
from kring.uploads import check_upload
from tests import factories
from tests.awards.helpers import (
    candidacy,
    candidate,
    edition,
    pdf_bytes,
    principal,
    set_state,
    submitted_candidacy,
)
from tests.conftest import run
from tests.factories import Login


def award_values(organiser: Login, member: Login) -> dict[str, list[str]]:
    from awards import candidacies, jury
    from awards.choices import EditionState
    from tests.awards.helpers import Candidate

    organisation = factories.organisation("Eigen Huis bv", domain="eigenhuis.be")
    run(Member.update({Member.organisation: organisation}).where(Member.id == member.member_id))
    own = Candidate(member, member.member_id, organisation, "eigenhuis.be")
    open_edition = edition(organiser)
    draft = candidacy(own, open_edition)
    attachment = run(
        candidacies.add_attachment(
            principal(member), draft, check_upload("dossier.pdf", pdf_bytes())
        )
    )
    judged = edition(organiser)
    other = submitted_candidacy(candidate(), judged)
    set_state(judged.id, EditionState.judging)
    seat = run(jury.appoint_juror(principal(organiser), judged.id, member.account_id))
    run(jury.agree(principal(member), judged.id))
    run(jury.assign(principal(organiser), judged.id, seat, other))
    return {
        "edition_id": [str(open_edition.id), str(judged.id)],
        "candidacy_id": [str(draft), str(other)],
        "attachment_id": [str(attachment)],
    }
