"""A member's candidacy: who may start, read and change it, deadlines, submitting, attachments;
by domain function and through the pages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from awards import candidacies
from awards.choices import EditionState
from kring.choices import Role
from kring.clock import utc_now
from kring.errors import Conflict, Forbidden, NotFound
from kring.tables import Member
from kring.uploads import check_upload
from kring.validation import FieldError
from tests import factories
from tests.awards import helpers
from tests.conftest import run


def test_a_member_without_an_organisation_is_told_to_have_it_added(client):
    made = helpers.edition()
    login = factories.account(Role.member, member_id=factories.member(None))
    with pytest.raises(Conflict, match="names no organisation"):
        run(candidacies.start_candidacy(helpers.principal(login), made.id, {"title": "Wij"}))
    factories.log_in(client, login.email)
    page = client.get(f"/awards/editions/{made.id}/candidacies/new")
    assert page.status_code == 409
    assert "error-summary" in page.text and 'name="title"' not in page.text


def test_an_organisation_has_one_candidacy_per_edition_until_it_withdraws():
    made = helpers.edition()
    who = helpers.candidate()
    colleague = helpers.candidate(who.organisation_id, who.domain)
    first = helpers.candidacy(who, made)
    with pytest.raises(Conflict, match="already has a candidacy"):
        helpers.candidacy(colleague, made)
    run(candidacies.withdraw_candidacy(helpers.principal(who.login), first))
    assert helpers.candidacy(colleague, made) != first


def test_only_the_submitter_and_organisers_read_a_candidacy(client):
    made = helpers.edition()
    who = helpers.candidate()
    candidacy_id = helpers.submitted_candidacy(who, made)
    colleague = helpers.candidate(who.organisation_id, who.domain)
    for stranger in (
        colleague.login,
        helpers.candidate().login,
        factories.account(Role.privacy_officer),
    ):
        with pytest.raises(NotFound):
            run(candidacies.get_candidacy(helpers.principal(stranger), candidacy_id))
        with pytest.raises(NotFound):
            run(
                candidacies.update_candidacy(
                    helpers.principal(stranger), candidacy_id, {"title": "X"}
                )
            )
    boss = helpers.organiser()
    found = run(candidacies.get_candidacy(helpers.principal(boss), candidacy_id))
    assert found["submitter"].startswith("Voornaam") and not found["changeable"]
    with pytest.raises(Forbidden):
        run(candidacies.update_candidacy(helpers.principal(boss), candidacy_id, {"title": "X"}))
    factories.log_in(client, colleague.email)
    attachment_id = found["attachments"][0]["id"]
    for path in (
        f"/awards/candidacies/{candidacy_id}",
        f"/awards/candidacies/{candidacy_id}/edit",
        f"/awards/candidacies/{candidacy_id}/attachments/{attachment_id}",
    ):
        assert client.get(path).status_code == 404, path


def test_nothing_changes_after_the_deadline_or_once_judging_started(client):
    who = helpers.candidate()
    late = helpers.edition(submission_deadline=utc_now() - timedelta(minutes=1))
    viewer = helpers.principal(who.login)
    with pytest.raises(Conflict, match="deadline has passed"):
        helpers.candidacy(who, late)
    made = helpers.edition()
    candidacy_id = helpers.candidacy(who, made)
    helpers.set_state(made.id, EditionState.judging)
    for change in (
        candidacies.update_candidacy(viewer, candidacy_id, {"title": "Later"}),
        candidacies.submit_candidacy(viewer, candidacy_id),
        candidacies.withdraw_candidacy(viewer, candidacy_id),
        candidacies.add_attachment(
            viewer, candidacy_id, check_upload("a.pdf", helpers.pdf_bytes())
        ),
    ):
        with pytest.raises(Conflict):
            run(change)
    factories.log_in(client, who.email)
    page = client.get(f"/awards/candidacies/{candidacy_id}")
    assert 'id="read-only"' in page.text and 'id="upload"' not in page.text
    assert client.get(f"/awards/candidacies/{candidacy_id}/edit").status_code == 409
    refused = client.post(
        f"/awards/candidacies/{candidacy_id}/edit",
        data={"_csrf_token": factories.csrf_token(client), "title": "Later"},
    )
    assert refused.status_code == 409


def test_submitting_lists_what_is_missing_then_succeeds(client):
    made = helpers.edition()
    who = helpers.candidate()
    candidacy_id = helpers.candidacy(who, made, texts=False, summary="")
    viewer = helpers.principal(who.login)
    with pytest.raises(candidacies.Incomplete) as refused:
        run(candidacies.submit_candidacy(viewer, candidacy_id))
    assert [str(part) for part in refused.value.missing] == [
        "a summary",
        "a text for the criterion ‘Leiderschap’",
        "a text for the criterion ‘Strategie’",
        "a text for the criterion ‘Resultaten’",
    ]
    factories.log_in(client, who.email)
    token = factories.csrf_token(client)
    page = client.post(f"/awards/candidacies/{candidacy_id}/submit", data={"_csrf_token": token})
    assert page.status_code == 422 and 'id="incomplete"' in page.text and "Strategie" in page.text
    texts = {f"text_{criterion_id}": "Zo doen wij het." for criterion_id in made.criterion_ids}
    saved = client.post(
        f"/awards/candidacies/{candidacy_id}/edit",
        data={
            "_csrf_token": token,
            "title": "Nul fouten",
            "summary": "Kort.",
            "category": str(made.category_ids[1]),
            **texts,
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303
    done = client.post(
        f"/awards/candidacies/{candidacy_id}/submit",
        data={"_csrf_token": token},
        follow_redirects=False,
    )
    assert done.status_code == 303
    found = run(candidacies.get_candidacy(viewer, candidacy_id))
    assert found["state"] == "submitted" and found["category_name"] == "Grote organisaties"
    with pytest.raises(FieldError):  # a submitted candidacy stays complete
        run(candidacies.update_candidacy(viewer, candidacy_id, {"summary": ""}))
    landing = client.get("/awards")
    assert "Nul fouten" in landing.text and 'id="my-candidacies"' in landing.text


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "Twee\nregels"}, "title"),
        ({"category": "²"}, "category"),
        ({"texts": {"999999": "x"}}, "texts"),
        ({"summary": "x" * 3001}, "summary"),
    ],
)
def test_bad_input_is_refused_naming_the_field(data, field):
    made = helpers.edition()
    who = helpers.candidate()
    candidacy_id = helpers.candidacy(who, made)
    with pytest.raises(FieldError) as refused:
        run(candidacies.update_candidacy(helpers.principal(who.login), candidacy_id, data))
    assert refused.value.field == field


def test_another_editions_category_is_refused():
    made, other = helpers.edition(), helpers.edition()
    who = helpers.candidate()
    with pytest.raises(FieldError):
        helpers.candidacy(who, made, category=other.category_ids[0])


def test_a_member_starts_a_candidacy_through_the_pages(client):
    made = helpers.edition()
    who = helpers.candidate()
    factories.log_in(client, who.email)
    landing = client.get("/awards")
    assert f"/awards/editions/{made.id}/candidacies/new" in landing.text
    form = client.get(f"/awards/editions/{made.id}/candidacies/new")
    assert form.status_code == 200 and f'name="text_{made.criterion_ids[0]}"' in form.text
    answer = client.post(
        f"/awards/editions/{made.id}/candidacies/new",
        data={"_csrf_token": factories.csrf_token(client), "title": "", "summary": "Iets"},
    )
    assert answer.status_code == 400 and 'value=""' in answer.text and "Iets" in answer.text
    answer = client.post(
        f"/awards/editions/{made.id}/candidacies/new",
        data={"_csrf_token": factories.csrf_token(client), "title": "Lean in de zorg"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"])
    assert (
        "Lean in de zorg" in page.text and 'id="missing"' in page.text and 'id="flash"' in page.text
    )


def _upload(client, candidacy_id, name, content, content_type="application/pdf"):
    return client.post(
        f"/awards/candidacies/{candidacy_id}/attachments",
        data={"_csrf_token": factories.csrf_token(client)},
        files={"file": (name, content, content_type)},
        follow_redirects=False,
    )


def test_attachments_are_checked_kept_downloaded_and_removed(client):
    made = helpers.edition()
    who = helpers.candidate()
    candidacy_id = helpers.candidacy(who, made)
    factories.log_in(client, who.email)
    assert (
        _upload(client, candidacy_id, "../../etc/plan.pdf", helpers.pdf_bytes()).status_code == 303
    )
    disguised = _upload(client, candidacy_id, "dossier.pdf", helpers.zip_bytes())
    assert disguised.status_code == 400 and "error-summary" in disguised.text
    assert (
        _upload(client, candidacy_id, "foto.png", helpers.png_bytes(), "image/png").status_code
        == 303
    )
    files = run(candidacies.get_candidacy(helpers.principal(who.login), candidacy_id))[
        "attachments"
    ]
    assert [f["filename"] for f in files] == ["plan.pdf", "foto.png"]
    download = client.get(f"/awards/candidacies/{candidacy_id}/attachments/{files[0]['id']}")
    assert download.status_code == 200 and download.content == helpers.pdf_bytes()
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"
    page = client.get(f"/awards/candidacies/{candidacy_id}")
    assert f'id="remove-{files[0]["id"]}"' in page.text
    removed = client.post(
        f"/awards/candidacies/{candidacy_id}/attachments/{files[0]['id']}/delete",
        data={"_csrf_token": factories.csrf_token(client)},
        follow_redirects=False,
    )
    assert removed.status_code == 303
    again = client.post(
        f"/awards/candidacies/{candidacy_id}/attachments/{files[0]['id']}/delete",
        data={"_csrf_token": factories.csrf_token(client)},
    )
    assert again.status_code == 404
    boss = helpers.organiser()
    client.cookies.clear()
    factories.log_in(client, boss.email)
    assert (
        client.get(f"/awards/candidacies/{candidacy_id}/attachments/{files[1]['id']}").status_code
        == 200
    )
    # Organisers read, never change: no upload for them.
    assert _upload(client, candidacy_id, "x.pdf", helpers.pdf_bytes()).status_code in (403, 404)


def test_the_organisers_desk_leaves_a_restricted_submitter_unnamed(client):
    from privacy.restriction import restrict

    made = helpers.edition()
    shown, restricted = helpers.candidate(), helpers.candidate()
    for who in (shown, restricted):
        helpers.submitted_candidacy(who, made, title=f"Dossier {who.member_id}")
    run(restrict(restricted.member_id, "het lid", "betwist", None))
    boss = helpers.organiser()
    rows = run(candidacies.edition_candidacies(helpers.principal(boss), made.id))
    names = {row["title"]: row["submitter"] for row in rows}
    assert names[f"Dossier {shown.member_id}"].startswith("Voornaam")
    assert names[f"Dossier {restricted.member_id}"] == ""
    factories.log_in(client, boss.email)
    restricted_name = run(
        Member.select(Member.last_name).where(Member.id == restricted.member_id).first()
    )["last_name"]
    for path in (f"/awards/editions/{made.id}", f"/awards/candidacies/{rows[1]['id']}"):
        page = client.get(path)
        assert page.status_code == 200 and restricted_name not in page.text
