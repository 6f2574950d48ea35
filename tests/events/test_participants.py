import csv
import io
import itertools
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from events import exports, registration
from events.participants import FullParticipant, Participant, shareable_participants
from events.tables import Event, ExportLog, Registration
from kring.choices import Role
from kring.tables import Member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, principal
from tests.privacy.canary import pdf_text

STATUSES = ["confirmed", "waitlisted", "offered", "cancelled", "attended", "no_show"]
person = st.fixed_dictionaries(
    {
        "status": st.sampled_from(STATUSES),
        "opt_out": st.booleans(),
        "hide": st.booleans(),
        "organiser_hidden": st.booleans(),
        "erased": st.booleans(),
        "paused": st.booleans(),
        "guest": st.booleans(),
        "consent": st.booleans(),
        "hide_job_title": st.booleans(),
        "hide_company": st.booleans(),
    }
)


def _csv_text(content: bytes) -> str:
    return content.decode("utf-8-sig")


def _xlsx_text(content: bytes) -> str:
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
    )


ORGANISER: list = []
EXAMPLES = itertools.count()


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    people=st.lists(person, min_size=1, max_size=8),
    listing=st.sampled_from(["opt_out", "opt_in"]),
)
def test_no_shareable_output_ever_contains_an_excluded_person(client, people, listing):
    if not ORGANISER:  # one login for all examples: hashing passwords is slow on purpose
        ORGANISER.append(factories.account(Role.organiser))
        factories.log_in(client, ORGANISER[0].email)
        ORGANISER.append(factories.organisation(name="Bedrijf Zichtbaar"))
    organiser, org = ORGANISER
    event_id = event(organiser, capacity=100, members_only=False, listing=listing)
    example = next(EXAMPLES)
    expected, excluded = set(), set()
    hidden_titles, shown_titles, hides_company = set(), set(), {}
    for n, wish in enumerate(people):
        last = f"Naam{example:03d}n{n:02d}x"
        if wish["guest"]:
            guest = registration.Guest(f"Gast{n}", last, f"gast{n}@example.be", "gast", "=cmd()")
            run(registration.register(event_id, guest=guest))
            reg = run(
                Registration.select(Registration.id)
                .where(Registration.guest_last_name == last)
                .first()
            )
            erased = False
            opt_out = False
            hides_title = hides_org = False
        else:
            title = f"Functie{example:03d}n{n:02d}t"
            member_id = factories.member(
                org, last_name=last, first_name=f"Voor{n}", job_title=title
            )
            run(registration.register(event_id, member_id=member_id))
            reg = run(
                Registration.select(Registration.id).where(Registration.member == member_id).first()
            )
            opt_out, erased = wish["opt_out"], wish["erased"]
            if opt_out:
                run(set_opt_out(member_id, OptOut.listing, True, Channel.web, None))
            hides_title, hides_org = wish["hide_job_title"], wish["hide_company"]
            if hides_title:
                run(set_opt_out(member_id, OptOut.list_job_title, True, Channel.web, None))
            if hides_org:
                run(set_opt_out(member_id, OptOut.list_company, True, Channel.web, None))
            # Erased last: nothing is recorded about an erased member (set_opt_out refuses).
            if erased:
                run(Member.update({Member.status: "erased"}).where(Member.id == member_id))
            elif wish["paused"]:
                # Paused is "not active in the network now", not "do not list me": a paused
                # member who holds a seat is listed like anyone else (README, list rule).
                run(Member.update({Member.status: "paused"}).where(Member.id == member_id))
        run(
            Registration.update(
                {
                    Registration.status: wish["status"],
                    Registration.hide_from_list: wish["hide"],
                    Registration.organiser_hidden: wish["organiser_hidden"],
                    Registration.listing_consent: wish["consent"],
                }
            ).where(Registration.id == reg["id"])
        )
        visible = wish["status"] in ("confirmed", "attended") and not (
            opt_out
            or erased
            or wish["hide"]
            or wish["organiser_hidden"]
            or (listing == "opt_in" and not wish["consent"])
        )
        (expected if visible else excluded).add(last)
        if not wish["guest"]:
            (hidden_titles if hides_title or not visible else shown_titles).add(title)
            if visible:
                hides_company[last] = hides_org

    listed = run(shareable_participants(event_id))
    assert {p.last_name for p in listed} == expected
    viewer = principal(organiser)
    outputs = {
        "csv": _csv_text(run(exports.shareable_export(viewer, event_id, exports.Format.csv))),
        "xlsx": _xlsx_text(run(exports.shareable_export(viewer, event_id, exports.Format.xlsx))),
        "html": run(exports.shareable_export(viewer, event_id, exports.Format.html)).decode(),
        "page": client.get(f"/events/{event_id}/participants").text,
        "print": client.get(f"/events/{event_id}/participants/print").text,
        "api": client.get(f"/api/events/{event_id}/participants", headers=organiser.headers).text,
    }
    for name, text in outputs.items():
        for last in excluded:
            assert last not in text, (name, last)
        for last in expected:
            assert last in text, (name, last)
        for title in hidden_titles:
            assert title not in text, (name, title)
        for title in shown_titles:
            assert title in text, (name, title)
    companies = {p["last_name"]: p["company"] for p in json.loads(outputs["api"])}
    for last, hides in hides_company.items():
        assert companies[last] == ("" if hides else "Bedrijf Zichtbaar"), last
    pdf = pdf_text(run(exports.shareable_export(viewer, event_id, exports.Format.pdf)))
    for last in excluded:
        assert last not in pdf, ("pdf", last)
    for last in expected:
        assert last in pdf, ("pdf", last)


def test_formula_injection_is_escaped_in_csv_and_xlsx():
    dangerous = ["=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "safe"]
    people = [Participant(v, v, v, v) for v in dangerous]
    rows = list(csv.reader(io.StringIO(_csv_text(exports.to_csv(people, "t")))))[1:]
    for row, value in zip(rows, dangerous, strict=True):
        expected = value if value == "safe" else "'" + value
        assert row == [expected] * 4
    # In XLSX a string cell is never a formula: the text stays as typed, with no apostrophe.
    book = load_workbook(io.BytesIO(exports.to_xlsx(people, "t")))
    cells = [row[0] for row in book.active.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [v.replace("\r", "\n") for v in dangerous]
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.quotePrefix for cell in cells] == [True] * 6 + [False]


def test_pdf_renderer_writes_unicode_names_and_marks_the_full_list_confidential():
    people = [Participant("Çelik", "Zoë", "CEO", "Brouwerij Ŝ")]
    assert exports.to_pdf(people, "Avond").startswith(b"%PDF")
    full = [FullParticipant(1, "Çelik", "Zoë", "CEO", "X", "z@x.be", "confirmed", False, True)]
    content = exports.to_csv(full, "Avond", full=True).decode("utf-8-sig")
    assert content.startswith("VERTROUWELIJK")
    assert "VERTROUWELIJK" in _xlsx_text(exports.to_xlsx(full, "Avond", full=True))
    assert exports.to_pdf(full, "Avond", full=True).startswith(b"%PDF")


def test_exports_speak_the_requesting_viewers_language():
    full = [FullParticipant(1, "Çelik", "Zoë", "CEO", "X", "z@x.be", "no_show", True, False)]
    dutch = list(csv.reader(io.StringIO(_csv_text(exports.to_csv(full, "Avond", full=True)))))
    english = exports.to_csv(full, "Avond", full=True, language="en").decode("utf-8-sig")
    english_rows = list(csv.reader(io.StringIO(english)))
    assert dutch[0][0].startswith("VERTROUWELIJK: ")
    assert dutch[1][:2] == ["Achternaam", "Voornaam"] and dutch[2][5:] == [
        "niet opgedaagd",
        "ja",
        "nee",
    ]
    assert english_rows[0][0].startswith("CONFIDENTIAL: ")
    assert english_rows[1][:2] == ["Last name", "First name"]
    assert english_rows[2][5:] == ["did not show up", "yes", "no"]
    page = exports.to_html(full, "Avond", full=True).decode()
    assert '<html lang="nl">' in page and "VERTROUWELIJK" in page and "last_name" not in page


def test_full_export_includes_everyone_is_for_the_events_organisers_and_is_logged(client):
    organiser = factories.account(Role.organiser)
    other_organiser = factories.account(Role.organiser)
    admin = factories.account(Role.admin)
    participant = factories.account(Role.member)
    event_id = event(organiser)
    run(registration.register(event_id, member_id=participant.member_id, hide_from_list=True))
    assert run(shareable_participants(event_id)) == []
    url = f"/api/events/{event_id}/exports/full/csv"
    answer = client.get(url, headers=organiser.headers)
    assert answer.status_code == 200
    assert answer.text.lstrip("\ufeff").startswith("VERTROUWELIJK")
    assert "Achternaam" in answer.text
    assert client.get(url, headers=admin.headers).status_code == 200
    assert client.get(url, headers=other_organiser.headers).status_code == 403
    assert client.get(url, headers=participant.headers).status_code == 403
    logs = run(ExportLog.select())
    assert [(log["account"], log["event"], log["format"]) for log in logs] == [
        (organiser.account_id, event_id, "csv"),
        (admin.account_id, event_id, "csv"),
    ]


def test_who_may_see_the_shareable_list(client):
    organiser = factories.account(Role.organiser)
    participant = factories.account(Role.member)
    waiting = factories.account(Role.member)
    stranger = factories.account(Role.member)
    event_id = event(organiser, capacity=1, list_visibility="participants")
    run(registration.register(event_id, member_id=participant.member_id))
    run(registration.register(event_id, member_id=waiting.member_id))
    url = f"/api/events/{event_id}/participants"
    assert client.get(url, headers=participant.headers).status_code == 200
    assert client.get(url, headers=organiser.headers).status_code == 200
    assert client.get(url, headers=waiting.headers).status_code == 403
    assert client.get(url, headers=stranger.headers).status_code == 403
    assert (
        client.get("/api/events/999999/participants", headers=organiser.headers).status_code == 404
    )
    bad = client.get(f"/api/events/{event_id}/exports/docx", headers=organiser.headers)
    assert bad.status_code == 400 and [e["field"] for e in bad.json()["errors"]] == ["fmt"]
    upper = client.get(f"/api/events/{event_id}/exports/CSV", headers=organiser.headers)
    assert upper.status_code == 200 and 'participants.csv"' in upper.headers["content-disposition"]
    assert (
        client.get(f"/api/events/{event_id}/exports/csv", headers=stranger.headers).status_code
        == 403
    )


def test_the_organiser_chooses_who_sees_the_list(client):
    organiser = factories.account(Role.organiser)
    other_organiser = factories.account(Role.organiser)
    participant = factories.account(Role.member)
    stranger = factories.account(Role.member)
    event_id = event(organiser)
    run(registration.register(event_id, member_id=participant.member_id))
    url = f"/api/events/{event_id}/participants"
    seen = {}
    for visibility in ("organisers", "participants", "public"):
        changed = client.patch(
            f"/api/events/{event_id}",
            json={"list_visibility": visibility},
            headers=organiser.headers,
        )
        assert changed.status_code == 200 and changed.json()["list_visibility"] == visibility
        seen[visibility] = [
            client.get(url, headers=viewer.headers).status_code
            for viewer in (organiser, participant, stranger, other_organiser)
        ]
    assert seen == {
        "organisers": [200, 403, 403, 403],
        "participants": [200, 200, 403, 403],
        "public": [200, 200, 200, 200],
    }


def test_lists_are_for_organisers_only_unless_the_organiser_shares_them(client):
    organiser = factories.account(Role.organiser)
    event_id = client.post(
        "/api/events",
        json={
            "title": "Standaard",
            "starts_at": "2031-05-04T18:30:00+02:00",
            "ends_at": "2031-05-04T21:00:00+02:00",
            "capacity": 5,
        },
        headers=organiser.headers,
    ).json()["id"]
    detail = client.get(f"/api/events/{event_id}", headers=organiser.headers).json()
    assert (detail["list_visibility"], detail["listing"]) == ("organisers", "opt_out")
    participant = factories.account(Role.member)
    run(registration.register(event_id, member_id=participant.member_id))
    url = f"/api/events/{event_id}/participants"
    assert client.get(url, headers=participant.headers).status_code == 403
    assert (
        client.get(f"/api/events/{event_id}/exports/csv", headers=participant.headers).status_code
        == 403
    )
    bad = client.patch(
        f"/api/events/{event_id}", json={"list_visibility": "everyone"}, headers=organiser.headers
    )
    assert bad.status_code == 400 and "list_visibility" in bad.text


def test_on_an_opt_in_event_only_a_yes_lists_a_participant(client):
    organiser = factories.account(Role.organiser)
    yes, silent = factories.account(Role.member), factories.account(Role.member)
    event_id = event(organiser, listing="opt_in", list_visibility="participants")
    answer = client.post(
        f"/api/events/{event_id}/registration",
        json={"listing_consent": True},
        headers=yes.headers,
    )
    assert answer.status_code == 201 and answer.json()["listing_consent"] is True
    client.post(f"/api/events/{event_id}/registration", headers=silent.headers)
    names = {
        p["last_name"]
        for p in client.get(f"/api/events/{event_id}/participants", headers=silent.headers).json()
    }
    yes_name, silent_name = (
        run(Member.select(Member.last_name).where(Member.id == m).first())["last_name"]
        for m in (yes.member_id, silent.member_id)
    )
    assert names == {yes_name}
    shown = client.post(
        f"/api/events/{event_id}/registration/visibility",
        json={"hidden": False},
        headers=silent.headers,
    )
    assert shown.json()["listing_consent"] is True
    assert len(client.get(f"/api/events/{event_id}/participants", headers=yes.headers).json()) == 2
    client.post(
        f"/api/events/{event_id}/registration/visibility",
        json={"hidden": True},
        headers=yes.headers,
    )
    names = {
        p["last_name"]
        for p in client.get(f"/api/events/{event_id}/participants", headers=yes.headers).json()
    }
    assert names == {silent_name}


def test_a_member_hides_job_title_and_organisation_but_the_name_shows(client):
    organiser = factories.account(Role.organiser)
    org = factories.organisation(name="Geheime Firma")
    member_id = factories.member(org, last_name="Zichtbaar", job_title="Directeur Geheim")
    me = factories.account(Role.member, member_id=member_id)
    event_id = event(organiser, list_visibility="participants")
    run(registration.register(event_id, member_id=member_id))
    for kind in ("list_job_title", "list_company"):
        answer = client.put(
            "/api/privacy/me/opt-outs",
            json={"kind": kind, "active": True},
            headers=me.headers,
        )
        assert answer.status_code == 200, answer.text
    listed = client.get(f"/api/events/{event_id}/participants", headers=me.headers).json()
    assert [(p["last_name"], p["job_title"], p["company"]) for p in listed] == [
        ("Zichtbaar", "", "")
    ]
    csv_text = client.get(
        f"/api/events/{event_id}/exports/csv", headers=organiser.headers
    ).content.decode("utf-8-sig")
    assert "Zichtbaar" in csv_text
    assert "Directeur Geheim" not in csv_text and "Geheime Firma" not in csv_text
    full = client.get(f"/api/events/{event_id}/exports/full/csv", headers=organiser.headers)
    assert "Geheime Firma" in full.text  # the organisers' confidential list keeps what they need


def test_organiser_and_member_choose_on_the_pages(client):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser)
    factories.log_in(client, organiser.email)
    form = client.get(f"/events/{event_id}/edit").text
    assert 'name="list_visibility"' in form and 'name="listing"' in form
    saved = client.post(
        f"/events/{event_id}/edit",
        data={
            "_csrf_token": factories.csrf_token(client),
            "title": "Netwerkavond",
            "starts_at": "2031-05-04T18:30",
            "ends_at": "2031-05-04T21:00",
            "capacity": "20",
            "timezone": "Europe/Brussels",
            "list_visibility": "public",
            "listing": "opt_in",
        },
        follow_redirects=False,
    )
    assert saved.status_code == 303, saved.text
    stored = run(Event.select(Event.list_visibility, Event.listing).where(Event.id == event_id))
    assert stored == [{"list_visibility": "public", "listing": "opt_in"}]
    client.post("/logout", data={"_csrf_token": factories.csrf_token(client)})
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    assert 'name="list_me"' in client.get(f"/events/{event_id}").text  # opt-in: ask for a yes
    client.post(
        "/privacy/opt-outs",
        data={
            "_csrf_token": factories.csrf_token(client),
            "list_company": "on",
            "choices_form": "1",
        },
        follow_redirects=False,
    )
    flags = run(
        Member.select(Member.hide_company_on_lists, Member.hide_job_title_on_lists).where(
            Member.id == member.member_id
        )
    )
    assert flags == [{"hide_company_on_lists": True, "hide_job_title_on_lists": False}]
    assert 'name="list_company" checked' in client.get("/privacy").text
