import csv
import io
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from events import exports, registration
from events.participants import FullParticipant, Participant, shareable_participants
from events.tables import ExportLog, Registration
from kring.choices import Role
from kring.tables import Member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, principal

STATUSES = ["confirmed", "waitlisted", "offered", "cancelled", "attended", "no_show"]
person = st.fixed_dictionaries(
    {
        "status": st.sampled_from(STATUSES),
        "opt_out": st.booleans(),
        "hide": st.booleans(),
        "organiser_hidden": st.booleans(),
        "erased": st.booleans(),
        "guest": st.booleans(),
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
@given(people=st.lists(person, min_size=1, max_size=8))
def test_no_shareable_output_ever_contains_an_excluded_person(client, people):
    if not ORGANISER:  # one login for all examples: hashing passwords is slow on purpose
        ORGANISER.append(factories.account(Role.organiser))
        factories.log_in(client, ORGANISER[0].email)
        ORGANISER.append(factories.organisation(name="Bedrijf Zichtbaar"))
    organiser, org = ORGANISER
    event_id = event(organiser, capacity=100, members_only=False)
    example = next(EXAMPLES)
    expected, excluded = set(), set()
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
        else:
            member_id = factories.member(org, last_name=last, first_name=f"Voor{n}")
            run(registration.register(event_id, member_id=member_id))
            reg = run(
                Registration.select(Registration.id).where(Registration.member == member_id).first()
            )
            opt_out, erased = wish["opt_out"], wish["erased"]
            if opt_out:
                run(set_opt_out(member_id, OptOut.listing, True, Channel.web, None))
            if erased:
                run(Member.update({Member.status: "erased"}).where(Member.id == member_id))
        run(
            Registration.update(
                {
                    Registration.status: wish["status"],
                    Registration.hide_from_list: wish["hide"],
                    Registration.organiser_hidden: wish["organiser_hidden"],
                }
            ).where(Registration.id == reg["id"])
        )
        visible = wish["status"] in ("confirmed", "attended") and not (
            opt_out or erased or wish["hide"] or wish["organiser_hidden"]
        )
        (expected if visible else excluded).add(last)

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
    # the PDF renderer is fed by the same list; its own test below checks it renders all given
    pdf = run(exports.shareable_export(viewer, event_id, exports.Format.pdf))
    assert pdf.startswith(b"%PDF")


def test_formula_injection_is_escaped_in_csv_and_xlsx():
    dangerous = ["=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "safe"]
    people = [Participant(v, v, v, v) for v in dangerous]
    rows = list(csv.reader(io.StringIO(_csv_text(exports.to_csv(people, "t")))))[1:]
    for row, value in zip(rows, dangerous, strict=True):
        expected = value if value == "safe" else "'" + value
        assert row == [expected] * 4
    book = load_workbook(io.BytesIO(exports.to_xlsx(people, "t")))
    values = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    assert all(v.startswith("'") for v in values[:-1]) and values[-1] == "safe"


def test_pdf_renderer_writes_unicode_names_and_marks_the_full_list_confidential():
    people = [Participant("Çelik", "Zoë", "CEO", "Brouwerij Ŝ")]
    assert exports.to_pdf(people, "Avond").startswith(b"%PDF")
    full = [FullParticipant(1, "Çelik", "Zoë", "CEO", "X", "z@x.be", "confirmed", False, True)]
    content = exports.to_csv(full, "Avond", full=True).decode("utf-8-sig")
    assert content.startswith("CONFIDENTIAL")
    assert "CONFIDENTIAL" in _xlsx_text(exports.to_xlsx(full, "Avond", full=True))
    assert exports.to_pdf(full, "Avond", full=True).startswith(b"%PDF")


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
    assert answer.text.lstrip("\ufeff").startswith("CONFIDENTIAL")
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
    assert bad.status_code == 400 and "format" in bad.text
    assert (
        client.get(f"/api/events/{event_id}/exports/csv", headers=stranger.headers).status_code
        == 403
    )
