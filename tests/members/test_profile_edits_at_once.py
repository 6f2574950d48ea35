"""Two people changing one profile at once each keep their change. A page form sends every field
it shows, so a save wrote back what the form held when it was opened: an organiser who had the
member form open while the member changed their phone number on /profile put the old number
back on saving a new job title, and the member's own save undid an organiser's change the same
way, without a word (found probing `kring serve`). Each form now carries the profile as it was
shown (`_seen`), and a save writes only the fields its person changed."""

from __future__ import annotations

import re
from html import unescape

from litestar.testing import TestClient

from kring.choices import Role
from kring.tables import Member
from tests import factories
from tests.conftest import _app, run

HTML = {"accept": "text/html"}


def _fields(html: str, action: str) -> dict[str, str]:
    """The values a browser would send with the form posting to `action`."""
    form = html[html.index(f'action="{action}"') :]
    form = form[: form.index("</form>")]
    fields: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if name and (not kind or kind.group(1) not in ("checkbox", "radio", "submit")):
            fields[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        fields[name] = unescape(chosen.group(1)) if chosen else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        fields[name] = unescape(text)
    return fields


def _held(member_id: int) -> dict:
    return run(Member.select(Member.phone, Member.job_title).where(Member.id == member_id).first())


def test_an_organisers_save_keeps_the_phone_the_member_changed_meanwhile(client):
    member = factories.account(Role.member)
    organiser = factories.account(Role.organiser)
    with TestClient(app=_app(), base_url="http://testserver.local") as staff:
        _organiser_saves_while_the_member_changes(client, staff, member, organiser)
    assert _held(member.member_id) == {"phone": "+32470123456", "job_title": "Preventieadviseur"}


def _organiser_saves_while_the_member_changes(client, staff, member, organiser) -> None:
    factories.log_in(staff, organiser.email)
    path = f"/members/{member.member_id}/edit"
    opened = _fields(staff.get(path, headers=HTML).text, path)

    factories.log_in(client, member.email)
    own = _fields(client.get("/profile", headers=HTML).text, "/profile")
    saved = client.post("/profile", data=own | {"phone": "0470 12 34 56"}, headers=HTML)
    assert saved.status_code in (200, 303), saved.text[:300]

    opened["_csrf_token"] = factories.csrf_token(staff)
    answer = staff.post(path, data=opened | {"job_title": "Preventieadviseur"}, headers=HTML)
    assert answer.status_code in (200, 303), answer.text[:300]


def test_a_members_save_keeps_the_job_title_an_organiser_changed_meanwhile(client):
    member = factories.account(Role.member)
    organiser = factories.account(Role.organiser)
    factories.log_in(client, member.email)
    opened = _fields(client.get("/profile", headers=HTML).text, "/profile")

    changed = client.patch(
        f"/api/members/{member.member_id}",
        json={"job_title": "Preventieadviseur"},
        headers=organiser.headers,
    )
    assert changed.status_code == 200, changed.text

    answer = client.post("/profile", data=opened | {"phone": "0470 12 34 56"}, headers=HTML)
    assert answer.status_code in (200, 303), answer.text[:300]
    assert _held(member.member_id) == {"phone": "+32470123456", "job_title": "Preventieadviseur"}


def test_a_phone_changed_by_both_is_refused_with_both_values_and_neither_lost(client):
    member = factories.account(Role.member)
    organiser = factories.account(Role.organiser)
    before = _held(member.member_id)["job_title"]
    with TestClient(app=_app(), base_url="http://testserver.local") as staff:
        factories.log_in(staff, organiser.email)
        path = f"/members/{member.member_id}/edit"
        opened = _fields(staff.get(path, headers=HTML).text, path)

        factories.log_in(client, member.email)
        own = _fields(client.get("/profile", headers=HTML).text, "/profile")
        saved = client.post("/profile", data=own | {"phone": "0470 12 34 56"}, headers=HTML)
        assert saved.status_code in (200, 303), saved.text[:300]

        opened["_csrf_token"] = factories.csrf_token(staff)
        refused = staff.post(
            path, data=opened | {"phone": "0471 98 76 54", "job_title": "Arts"}, headers=HTML
        )
        summary = refused.text[refused.text.find("error-summary") :][:700]
        assert refused.status_code == 409, summary
        assert "+32470123456" in refused.text or "0470 12 34 56" in refused.text
        assert re.search(r'name="phone"[^>]*value="0471 98 76 54"', refused.text)
        assert _held(member.member_id) == {"phone": "+32470123456", "job_title": before}

        kept = _fields(refused.text, path) | {"_keep.phone": "1"}
        answer = staff.post(path, data=kept, headers=HTML, follow_redirects=False)
        assert answer.status_code == 303, answer.text[:300]
    assert _held(member.member_id) == {"phone": "+32470123456", "job_title": "Arts"}
