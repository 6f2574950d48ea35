"""Composing over the API: organisers create, change, reorder and delete drafts and their
articles; every bad value gets a 400 naming the field, what is not a draft a 409, unknown ids
404, other roles 403; the rendered parts come back in the language asked for."""

from __future__ import annotations

from typing import Any

from kring.choices import Role
from mailings.choices import MailingState
from mailings.compose import problems_before_sending
from mailings.tables import Mailing
from tests import factories
from tests.conftest import run, same_on_every_database


def _field(answer: Any) -> str:
    body = answer.json()
    fields = [problem.get("field") for problem in body.get("errors", [])] or [body.get("field")]
    return str(fields[0] or body.get("detail", ""))


def test_an_organiser_composes_a_mailing_over_the_api(client):
    organiser = factories.account(Role.organiser)
    h = organiser.headers
    made = client.post("/api/mailings", json={"name": "Juni", "intro_nl": "Hallo"}, headers=h)
    assert made.status_code == 201, made.text
    mailing = made.json()
    assert mailing["state"] == "draft" and mailing["subject_nl"] == ""
    assert mailing["problems"] == [
        "give the mailing a subject in Dutch or in English",
        "add at least one article",
    ]
    base = f"/api/mailings/{mailing['id']}"
    changed = client.patch(base, json={"subject_en": "June news"}, headers=h)
    assert changed.status_code == 200 and changed.json()["subject_en"] == "June news"
    assert changed.json()["intro_nl"] == "Hallo"  # absent fields stay as they were

    first = client.post(
        f"{base}/articles",
        json={"title_nl": "Eerste", "text_nl": "*Tekst*", "link": "kring.example/a", "tags": []},
        headers=h,
    )
    assert first.status_code == 201, first.text
    assert first.json()["link"] == "https://kring.example/a"
    second = client.post(
        f"{base}/articles",
        json={"title_en": "Second", "tags": [" Audit ", "audit", "ISO 9001"]},
        headers=h,
    ).json()
    assert second["tags"] == ["audit", "iso 9001"] and second["position"] > first.json()["position"]
    assert client.get(base, headers=h).json()["problems"] == []

    moved = client.post(f"{base}/articles/{second['id']}/move", json={"direction": "up"}, headers=h)
    assert moved.status_code == 200
    assert [a["title_en"] or a["title_nl"] for a in moved.json()] == ["Second", "Eerste"]
    again = client.post(f"{base}/articles/{second['id']}/move", json={"direction": "up"}, headers=h)
    assert [a["id"] for a in again.json()] == [second["id"], first.json()["id"]]  # stays first
    listed = client.get(f"{base}/articles", headers=h).json()
    assert [a["id"] for a in listed] == [second["id"], first.json()["id"]]

    patched = client.patch(
        f"{base}/articles/{first.json()['id']}", json={"text_en": "Text"}, headers=h
    )
    assert patched.status_code == 200 and patched.json()["text_nl"] == "*Tekst*"

    rendered = client.get(f"{base}/render", params={"language": "en"}, headers=h)
    assert rendered.status_code == 200
    parts = rendered.json()
    assert parts["language"] == "en" and parts["subject"] == "June news"
    assert '<html lang="en"' in parts["html"] and "Second" in parts["text"]
    assert client.get(f"{base}/render", params={"language": "fr"}, headers=h).status_code == 400

    summaries = client.get("/api/mailings", headers=h).json()
    assert [(m["id"], m["articles"]) for m in summaries] == [(mailing["id"], 2)]

    assert client.delete(f"{base}/articles/{second['id']}", headers=h).status_code == 204
    assert [a["id"] for a in client.get(f"{base}/articles", headers=h).json()] == [
        first.json()["id"]
    ]
    assert client.delete(base, headers=h).status_code == 204
    assert client.get(base, headers=h).status_code == 404
    assert run(Mailing.count()) == 0


def test_bad_values_are_refused_naming_the_field(client):
    organiser = factories.account(Role.organiser)
    h = organiser.headers
    mailing = client.post("/api/mailings", json={"name": "Juli"}, headers=h).json()
    base = f"/api/mailings/{mailing['id']}"
    article = client.post(f"{base}/articles", json={"title_nl": "Een"}, headers=h).json()
    bad_mailings = [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "a\nb"}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Ok", "subject_nl": "two\nlines"}, "subject_nl"),
        ({"name": "Ok", "intro_en": "x" * 20_001}, "intro_en"),
        ({"name": "Ok", "state": "sent"}, "state"),
    ]
    for body, field in bad_mailings:
        answer = client.post("/api/mailings", json=body, headers=h)
        assert answer.status_code == 400 and field in answer.text, (body, answer.text)
    bad_articles = [
        ({"text_nl": "no title"}, "title_nl"),
        ({"title_nl": "T", "link": "javascript:alert(1)"}, "link"),
        ({"title_nl": "T", "link": "ftp://kring.example/x"}, "link"),
        ({"title_nl": "T", "link": "https://kring.example/a b"}, "link"),
        ({"title_nl": "T", "link": "http://[::1"}, "link"),
        ({"title_nl": "T", "link": "https://" + "a" * 500 + ".be"}, "link"),
        ({"title_nl": "T", "tags": ["x" * 41]}, "tags"),
        ({"title_nl": "T", "tags": [str(n) for n in range(21)]}, "tags"),
        ({"title_nl": "T", "position": 3}, "position"),
    ]
    for body, field in bad_articles:
        answer = client.post(f"{base}/articles", json=body, headers=h)
        assert answer.status_code == 400 and field in answer.text, (body, answer.text)
    emptied = client.patch(
        f"{base}/articles/{article['id']}", json={"title_nl": "", "title_en": ""}, headers=h
    )
    assert emptied.status_code == 400 and "title_nl" in emptied.text
    move = client.post(
        f"{base}/articles/{article['id']}/move", json={"direction": "left"}, headers=h
    )
    assert move.status_code == 400
    # Nothing of the refused values was stored.
    assert [a["title_nl"] for a in client.get(f"{base}/articles", headers=h).json()] == ["Een"]
    assert [m["name"] for m in client.get("/api/mailings", headers=h).json()] == ["Juli"]


def test_only_drafts_change_and_only_organisers_compose(client):
    organiser = factories.account(Role.organiser)
    admin = factories.account(Role.admin)
    h = organiser.headers
    mailing = client.post("/api/mailings", json={"name": "Aug", "subject_nl": "S"}, headers=h)
    mailing_id = mailing.json()["id"]
    base = f"/api/mailings/{mailing_id}"
    article = client.post(f"{base}/articles", json={"title_nl": "Een"}, headers=h).json()
    article_path = f"{base}/articles/{article['id']}"

    # Other roles are refused everywhere; admins may compose.
    for role in (Role.member, Role.privacy_officer):
        other = factories.account(role).headers
        for method, path, body in (
            ("GET", "/api/mailings", None),
            ("POST", "/api/mailings", {"name": "x"}),
            ("GET", base, None),
            ("PATCH", base, {"name": "x"}),
            ("DELETE", base, None),
            ("GET", f"{base}/articles", None),
            ("POST", f"{base}/articles", {"title_nl": "x"}),
            ("PATCH", article_path, {"title_nl": "x"}),
            ("POST", f"{article_path}/move", {"direction": "up"}),
            ("DELETE", article_path, None),
            ("GET", f"{base}/render", None),
        ):
            answer = client.request(method, path, json=body, headers=other)
            assert answer.status_code == 403, (role, method, path)
    assert client.patch(base, json={"name": "Admin"}, headers=admin.headers).status_code == 200

    # Unknown ids, and an article of another mailing, answer 404.
    other_mailing = client.post("/api/mailings", json={"name": "Ander"}, headers=h).json()
    assert client.get("/api/mailings/999999", headers=h).status_code == 404
    assert client.patch(f"{base}/articles/999999", json={}, headers=h).status_code == 404
    assert (
        client.delete(f"/api/mailings/{other_mailing['id']}/articles/{article['id']}", headers=h)
    ).status_code == 404

    # Queued (and later states): every change is a 409; reading and rendering still work.
    run(Mailing.update({Mailing.state: MailingState.queued}).where(Mailing.id == mailing_id))
    for method, path, body in (
        ("PATCH", base, {"name": "x"}),
        ("DELETE", base, None),
        ("POST", f"{base}/articles", {"title_nl": "x"}),
        ("PATCH", article_path, {"title_nl": "x"}),
        ("POST", f"{article_path}/move", {"direction": "up"}),
        ("DELETE", article_path, None),
    ):
        answer = client.request(method, path, json=body, headers=h)
        assert answer.status_code == 409 and "draft" in answer.text, (method, path)
    assert client.get(base, headers=h).json()["problems"] == ["only a draft can be sent"]
    assert client.get(f"{base}/render", headers=h).status_code == 200
    assert client.get(base, headers=h).json()["name"] == "Admin"


@same_on_every_database
def test_what_keeps_a_draft_from_the_audience_step():
    draft = {"state": "draft", "subject_nl": "", "subject_en": ""}
    assert problems_before_sending(draft, []) == [
        "give the mailing a subject in Dutch or in English",
        "add at least one article",
    ]
    assert problems_before_sending({**draft, "subject_en": "S"}, [{"id": 1}]) == []
    assert problems_before_sending({**draft, "state": "sent", "subject_nl": "S"}, [{}]) == [
        "only a draft can be sent"
    ]
