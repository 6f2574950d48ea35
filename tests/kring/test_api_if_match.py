"""A client of the API that read a record, then changed it after someone else had, overwrote
the other change without a word (a lost update). The single-record GET of what can be changed
now answers an `ETag`; a PUT, PATCH or DELETE sending `If-Match` with a tag that is no longer
current is refused with 412 and writes nothing (`kring.web.preconditions`). Two clients,
each with its own token; over `kring serve` too."""

from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from litestar.testing import TestClient

from awards import jury
from awards.choices import EditionState
from kring.choices import Role
from kring.tables import Challenge, Member
from privacy.audit import Action, audit_entries
from privacy.consents import Purpose, give_consent
from tests import factories
from tests.awards.helpers import (
    candidate,
    edition,
    organiser,
    principal,
    set_state,
    submitted_candidacy,
)
from tests.conftest import _app, run
from tests.privacy.people import new_person

STRONG_TAG = re.compile(r'"[\x21\x23-\x7e]+"')


def _challenge(client, login, title: str = "Audits plannen") -> str:
    body = {"title": title, "body": "Hoe plan ik interne audits?", "tags": ["audit"]}
    made = client.post("/api/challenges", json=body, headers=login.headers)
    assert made.status_code == 201, made.text
    return f"/api/challenges/{made.json()['id']}"


def _stored(path: str) -> dict:
    record_id = int(path.rsplit("/", 1)[-1])
    rows = run(Challenge.select(Challenge.body, Challenge.tags).where(Challenge.id == record_id))
    return rows[0] if rows else {}


def _with(login, tag: str) -> dict[str, str]:
    return login.headers | {"If-Match": tag}


def test_a_record_answers_a_strong_etag_that_changes_with_it(client):
    member = factories.account(Role.member)
    path = _challenge(client, member)
    first = client.get(path, headers=member.headers)
    assert STRONG_TAG.fullmatch(first.headers["etag"]), first.headers.get("etag")
    assert client.get(path, headers=member.headers).headers["etag"] == first.headers["etag"]
    assert client.head(path, headers=member.headers).headers["etag"] == first.headers["etag"]
    changed = client.patch(path, json={"tags": ["iso 9001"]}, headers=member.headers)
    assert changed.status_code == 200, changed.text
    assert changed.headers["etag"] != first.headers["etag"]
    assert client.get(path, headers=member.headers).headers["etag"] == changed.headers["etag"]


def test_a_change_with_a_stale_tag_is_refused_and_keeps_the_other_change(client):
    member = factories.account(Role.member)
    organiser = factories.account(Role.organiser)
    path = _challenge(client, member)
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        mine = client.get(path, headers=member.headers).headers["etag"]
        theirs = other.get(path, headers=organiser.headers).headers["etag"]
        saved = other.patch(
            path, json={"tags": ["audit", "iso 9001"]}, headers=_with(organiser, theirs)
        )
        assert saved.status_code == 200, saved.text
        refused = client.patch(path, json={"body": "Wie plant mee?"}, headers=_with(member, mine))
    assert refused.status_code == 412, refused.text
    problem = refused.json()
    assert problem["status"] == 412
    assert problem["title"] == "Precondition failed"
    assert "changed since you read it" in problem["detail"]
    assert [error["field"] for error in problem["errors"]] == ["If-Match"]
    assert _stored(path) == {"body": "Hoe plan ik interne audits?", "tags": ["audit", "iso 9001"]}


def test_a_change_with_the_current_tag_is_written_and_answers_the_new_one(client):
    member = factories.account(Role.member)
    path = _challenge(client, member)
    tag = client.get(path, headers=member.headers).headers["etag"]
    saved = client.patch(path, json={"body": "Wie plant mee?"}, headers=_with(member, tag))
    assert saved.status_code == 200, saved.text
    again = client.patch(
        path, json={"tags": ["lean"]}, headers=_with(member, saved.headers["etag"])
    )
    assert again.status_code == 200, again.text
    assert _stored(path) == {"body": "Wie plant mee?", "tags": ["lean"]}


def test_a_list_of_tags_matches_when_one_is_current_and_a_star_matches_any(client):
    member = factories.account(Role.member)
    path = _challenge(client, member)
    tag = client.get(path, headers=member.headers).headers["etag"]
    listed = f'"0123456789abcdef", {tag}'
    assert (
        client.patch(path, json={"tags": ["a"]}, headers=_with(member, listed)).status_code == 200
    )
    assert client.patch(path, json={"tags": ["b"]}, headers=_with(member, "*")).status_code == 200
    assert _stored(path)["tags"] == ["b"]


def test_a_weak_tag_never_matches(client):
    member = factories.account(Role.member)
    path = _challenge(client, member)
    tag = client.get(path, headers=member.headers).headers["etag"]
    refused = client.patch(path, json={"tags": ["a"]}, headers=_with(member, f"W/{tag}"))
    assert refused.status_code == 412, refused.text
    assert _stored(path)["tags"] == ["audit"]


@pytest.mark.parametrize(
    "sent", ["abc", '"abc", garbage', 'W/"abc', '"a b"', ",", "**", '* , "abc"']
)
def test_an_if_match_that_is_no_entity_tag_is_a_400_naming_the_header(client, sent):
    member = factories.account(Role.member)
    path = _challenge(client, member)
    refused = client.patch(path, json={"tags": ["a"]}, headers=_with(member, sent))
    assert refused.status_code == 400, refused.text
    assert [error["field"] for error in refused.json()["errors"]] == ["If-Match"]
    assert "If-Match" in refused.json()["detail"]
    assert _stored(path)["tags"] == ["audit"]


def test_without_if_match_a_change_is_written_as_before(client):
    member = factories.account(Role.member)
    path = _challenge(client, member)
    client.patch(path, json={"tags": ["lean"]}, headers=member.headers)
    saved = client.patch(path, json={"body": "Wie plant mee?"}, headers=member.headers)
    assert saved.status_code == 200, saved.text
    assert _stored(path) == {"body": "Wie plant mee?", "tags": ["lean"]}


def test_a_delete_with_a_stale_tag_keeps_the_record(client):
    member = factories.account(Role.member)
    path = _challenge(client, member)
    tag = client.get(path, headers=member.headers).headers["etag"]
    client.patch(path, json={"tags": ["lean"]}, headers=member.headers)
    refused = client.delete(path, headers=_with(member, tag))
    assert refused.status_code == 412, refused.text
    assert _stored(path)["tags"] == ["lean"]
    current = client.get(path, headers=member.headers).headers["etag"]
    assert client.delete(path, headers=_with(member, current)).status_code == 204
    assert _stored(path) == {}


def test_if_match_on_a_record_that_is_not_there_is_its_404(client):
    member = factories.account(Role.member)
    path = _challenge(client, member)
    assert client.delete(path, headers=member.headers).status_code == 204
    for tag in ("*", '"0123456789abcdef"'):
        gone = client.patch(path, json={"tags": ["a"]}, headers=_with(member, tag))
        assert gone.status_code == 404, gone.text


def test_another_members_record_stays_a_404_whatever_the_tag(client):
    owner = factories.account(Role.member)
    other = factories.account(Role.member)
    path = _challenge(client, owner)
    for tag in ("*", '"0123456789abcdef"', "garbage"):
        refused = client.patch(path, json={"tags": ["a"]}, headers=_with(other, tag))
        assert refused.status_code in (400, 404), refused.text
    assert _stored(path)["tags"] == ["audit"]


def test_a_profile_and_an_event_refuse_a_stale_tag_the_same_way(client):
    """The same mechanism on the other records (one shared check, no copy per route)."""
    member = factories.account(Role.member)
    organiser = factories.account(Role.organiser)
    profile = f"/api/members/{member.member_id}"
    tag = client.get(profile, headers=member.headers).headers["etag"]
    saved = client.patch(
        profile, json={"job_title": "Kwaliteitscoördinator"}, headers=organiser.headers
    )
    assert saved.status_code == 200, saved.text
    refused = client.patch(profile, json={"job_title": "Auditor"}, headers=_with(member, tag))
    assert refused.status_code == 412, refused.text
    fresh = client.get(profile, headers=member.headers)
    assert fresh.json()["job_title"] == "Kwaliteitscoördinator"
    kept = client.patch(
        profile, json={"job_title": "Auditor"}, headers=_with(member, fresh.headers["etag"])
    )
    assert kept.status_code == 200, kept.text


def test_two_clients_over_http_cannot_overwrite_each_other(live_server):
    member = factories.account(Role.member)
    organiser = factories.account(Role.organiser)
    with (
        httpx.Client(base_url=live_server, timeout=30) as mine,
        httpx.Client(base_url=live_server, timeout=30) as theirs,
    ):
        path = _challenge(mine, member)
        tag = mine.get(path, headers=member.headers).headers["etag"]
        seen = theirs.get(path, headers=organiser.headers).headers["etag"]
        assert seen == tag
        saved = theirs.patch(path, json={"tags": ["iso 9001"]}, headers=_with(organiser, seen))
        assert saved.status_code == 200, saved.text
        refused = mine.patch(path, json={"body": "Wie plant mee?"}, headers=_with(member, tag))
        assert refused.status_code == 412, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
    assert _stored(path) == {"body": "Hoe plan ik interne audits?", "tags": ["iso 9001"]}


def test_the_api_document_names_if_match_the_412_and_the_etag(client):
    document = client.get("/schema/openapi.json").json()
    record = document["paths"]["/api/challenges/{record_id}"]
    for method in ("patch", "delete"):
        names = [(p["name"], p["in"]) for p in record[method].get("parameters", [])]
        assert ("If-Match", "header") in names
        assert "412" in record[method]["responses"]
    assert "ETag" in record["get"]["responses"]["200"]["headers"]
    assert "ETag" in record["patch"]["responses"]["200"]["headers"]
    assert "412" not in document["paths"]["/api/challenges"]["post"]["responses"]


def test_an_article_is_guarded_by_the_tag_of_its_mailings_articles(client):
    """A path with no GET of its own takes the tag of the nearest GET above it: an article of
    a mailing, that of `GET /api/mailings/{id}/articles`."""
    organiser = factories.account(Role.organiser)
    colleague = factories.account(Role.organiser)
    mailing = client.post("/api/mailings", json={"name": "Juni"}, headers=organiser.headers)
    articles = f"/api/mailings/{mailing.json()['id']}/articles"
    made = client.post(articles, json={"title_nl": "Audits"}, headers=organiser.headers)
    assert made.status_code == 201, made.text
    article = f"{articles}/{made.json()['id']}"
    with TestClient(app=_app(), base_url="http://testserver.local") as other:
        mine = client.get(articles, headers=organiser.headers).headers["etag"]
        changed = other.patch(
            article, json={"text_nl": "Plan ze samen."}, headers=colleague.headers
        )
        assert changed.status_code == 200, changed.text
        refused = client.patch(
            article, json={"text_nl": "Plan ze alleen."}, headers=_with(organiser, mine)
        )
        assert refused.status_code == 412, refused.text
        assert client.delete(article, headers=_with(organiser, mine)).status_code == 412
        now = client.get(articles, headers=organiser.headers)
        assert now.json()[0]["text_nl"] == "Plan ze samen."
        saved = client.patch(
            article,
            json={"text_nl": "Plan ze alleen."},
            headers=_with(organiser, now.headers["etag"]),
        )
        assert saved.status_code == 200, saved.text


def test_every_change_in_the_api_document_takes_if_match(client):
    """Every PUT, PATCH and DELETE names If-Match and the 412, and the GET whose tag to send;
    only these are left without one, for want of a GET above them that answers their state."""
    unguarded = {("put", "/api/privacy/members/{member_id}/opt-outs")}
    document = client.get("/schema/openapi.json").json()
    missing, guards = [], {}
    for path, item in document["paths"].items():
        for method in ("put", "patch", "delete"):
            if method not in item:
                continue
            named = [p for p in item[method].get("parameters", []) if p["name"] == "If-Match"]
            if not named or "412" not in item[method]["responses"]:
                missing.append((method, path))
                continue
            guard = re.search(r"`GET (\S+)`", named[0]["description"]).group(1)
            guards[(method, path)] = guard
            assert "ETag" in document["paths"][guard]["get"]["responses"]["200"]["headers"], guard
    assert set(missing) == unguarded
    assert guards[("patch", "/api/projects/{project_id}/milestones/{milestone_id}")] == (
        "/api/projects/{project_id}/milestones"
    )
    assert guards[("patch", "/api/library/{item_id}/retired")] == "/api/library/{item_id}"
    assert guards[("put", "/api/awards/jury/{edition_id}/candidacies/{candidacy_id}/scores")] == (
        "/api/awards/jury/{edition_id}/candidacies/{candidacy_id}"
    )


def test_retiring_a_library_item_takes_the_items_tag_and_answers_its_new_one(client):
    organiser = factories.account(Role.organiser)
    body = {"title": "Interne audits", "summary": "Een checklist."}
    made = client.post("/api/library", json=body, headers=organiser.headers)
    item = f"/api/library/{made.json()['id']}"
    tag = client.get(item, headers=organiser.headers).headers["etag"]
    client.patch(item, json={"summary": "Een checklist, herzien."}, headers=organiser.headers)
    stale = client.patch(f"{item}/retired", json={"retired": True}, headers=_with(organiser, tag))
    assert stale.status_code == 412, stale.text
    tag = client.get(item, headers=organiser.headers).headers["etag"]
    retired = client.patch(f"{item}/retired", json={"retired": True}, headers=_with(organiser, tag))
    assert retired.status_code == 200, retired.text
    assert retired.json()["retired"] is True
    assert retired.headers["etag"] == client.get(item, headers=organiser.headers).headers["etag"]


def test_checking_a_tag_records_no_read_of_a_dossier(client):
    """A juror's dossier read is audited; the read that checks their If-Match shows them
    nothing, so it is not (nor is a HEAD). Their scores' answer shows the dossier: audited."""
    boss = organiser()
    award = edition(boss)
    who = candidate()
    candidacy_id = submitted_candidacy(who, award)
    login = factories.account(Role.member)
    seat = run(jury.appoint_juror(principal(boss), award.id, login.account_id))
    run(jury.agree(principal(login), award.id))
    run(jury.assign(principal(boss), award.id, seat, candidacy_id))
    set_state(award.id, EditionState.judging)
    dossier = f"/api/awards/jury/{award.id}/candidacies/{candidacy_id}"
    read = client.get(dossier, headers=login.headers)
    assert client.head(dossier, headers=login.headers).status_code == 200
    criterion = read.json()["criteria"][0]["id"]
    scores = {"scores": [{"criterion_id": criterion, "score": 7}]}
    saved = client.put(f"{dossier}/scores", json=scores, headers=_with(login, read.headers["etag"]))
    assert saved.status_code == 200, saved.text
    assert saved.headers["etag"] == client.get(dossier, headers=login.headers).headers["etag"]
    entries = run(audit_entries(actor=login.account_id))
    views = [e for e in entries if e["action"] == Action.viewed]
    assert len(views) == 3  # the first GET, the scores' answer, the last GET


def test_checking_a_tag_records_no_read_of_private_details(client):
    """A privacy officer's read of someone's private details is audited; the read that
    checks the officer's If-Match shows nothing, so it is not (nor is a HEAD)."""
    person = run(new_person())
    run(give_consent(person.member_id, Purpose.private_contact, "web"))
    run(
        Member.update({Member.private_email: person.private_email}).where(
            Member.id == person.member_id
        )
    )
    officer = factories.account(Role.privacy_officer)
    profile = f"/api/members/{person.member_id}"
    read = client.get(profile, headers=officer.headers)
    assert read.json()["private_email"] == person.private_email
    assert client.head(profile, headers=officer.headers).status_code == 200
    refused = client.patch(
        profile, json={"job_title": "Auditor"}, headers=_with(officer, read.headers["etag"])
    )
    assert refused.status_code == 403, refused.text  # only the member or an organiser
    entries = run(audit_entries(actor=officer.account_id, member=person.member_id))
    assert [e["action"] for e in entries] == [Action.viewed]  # the GET's


def test_a_caller_who_may_not_change_it_hears_so_whatever_the_tag(client):
    """If-Match is weighed only where the change would otherwise be made: a member's change
    of a mailing is the 403 it was, not a 412."""
    organiser = factories.account(Role.organiser)
    member = factories.account(Role.member)
    mailing = client.post("/api/mailings", json={"name": "Juni"}, headers=organiser.headers)
    path = f"/api/mailings/{mailing.json()['id']}"
    for tag in ("*", client.get(path, headers=organiser.headers).headers["etag"]):
        refused = client.patch(path, json={"name": "Juli"}, headers=_with(member, tag))
        assert refused.status_code == 403, refused.text


def test_two_changes_sent_at_once_with_the_same_tag_are_one_written_one_refused(live_server):
    """The check and the write are one step: of two changes sent at the same moment with the
    tag both read, one is written and the other refused, never both written."""
    member = factories.account(Role.member)
    with httpx.Client(base_url=live_server, timeout=60) as setup:
        paths = [_challenge(setup, member, f"Audits plannen ({n})") for n in range(4)]
        tags = [setup.get(path, headers=member.headers).headers["etag"] for path in paths]

    def change(path: str, tag: str, body: str, start: threading.Barrier) -> tuple[int, str, str]:
        with httpx.Client(base_url=live_server, timeout=60) as client:
            start.wait()
            sent = client.patch(path, json={"body": body}, headers=_with(member, tag))
            return sent.status_code, body, sent.text[:400]

    for path, tag in zip(paths, tags, strict=True):
        start = threading.Barrier(2)
        with ThreadPoolExecutor(2) as pool:
            bodies = ["Eerst", "Tegelijk"]
            answers = list(pool.map(change, [path] * 2, [tag] * 2, bodies, [start] * 2))
        assert sorted(status for status, *_ in answers) == [200, 412], answers
        written = next(body for status, body, _ in answers if status == 200)
        assert _stored(path)["body"] == written
