"""A candidate's access answer (art. 15) holds their candidacy with its texts and files: the
file itself in the JSON (base64), named on the printable page; a juror's holds their seat and
scores."""

from __future__ import annotations

import base64

from privacy.access import access_export
from tests.conftest import run
from tests.privacy.people import full_person


def test_the_access_answer_carries_the_candidacy_its_files_and_the_jury_seat():
    person = run(full_person())
    tables = run(access_export(person.member_id))["tables"]
    (candidacy,) = tables["award_candidacy"]["rows"]
    assert candidacy["title"] == person.text("kandidatuur")
    (text,) = tables["award_candidacy_text"]["rows"]
    assert text["text"].startswith(person.text("criteriumtekst"))
    (attachment,) = tables["award_attachment"]["rows"]
    content = base64.b64decode(attachment["content"]["base64"])
    assert content.startswith(b"%PDF-") and person.text("bijlage").encode() in content
    assert tables["award_juror"]["rows"] and tables["award_score"]["rows"]
    assert tables["award_score"]["rows"][0]["comment"] == person.text("jurycommentaar")
