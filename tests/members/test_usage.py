"""The organisers' area-usage page, its CSV and its API over HTTP on a real database: who is
counted, what is hidden, who may look, and that no person ever appears."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from kring.choices import MemberStatus, Role
from kring.clock import utc_now
from kring.tables import Member, Organisation
from members.usage import completed_months, month_end
from privacy.tables import LoginMonth, Restriction, RetentionRule
from tests import factories
from tests.conftest import run

SECRET = "Zwanenburg"  # every member's last name: it must never show


async def _scene() -> list[str]:
    """Acme: 12 counted members, 6 signed in last month; Brouwerij: 10, 2 signed in; Klein: 3,
    all signed in; plus people who must not count. Direct inserts: quick."""
    now = utc_now()
    previous, last = completed_months(now, 2)
    long_ago = date(2020, 1, 1)
    ids = {}
    for name in ("Acme", "Brouwerij", "Klein"):
        ids[name] = (await Organisation.insert(Organisation(name=name, created_at=now)))[0]["id"]

    async def members(organisation: str | None, count: int, **fields: object) -> list[int]:
        rows = [
            Member(
                first_name=f"Lid{i}",
                last_name=SECRET,
                email=None,
                organisation=ids[organisation] if organisation else None,
                joined_at=fields.get("joined_at", long_ago),
                status=fields.get("status", MemberStatus.active),
                created_at=now,
            )
            for i in range(count)
        ]
        return [row["id"] for row in await Member.insert(*rows)]

    acme = await members("Acme", 12)
    brouwerij = await members("Brouwerij", 10)
    klein = await members("Klein", 3)
    paused = await members("Acme", 1, status=MemberStatus.paused)
    erased = await members("Acme", 1, status=MemberStatus.erased)
    restricted = await members("Acme", 1)
    joined_later = await members("Acme", 1, joined_at=month_end(last) + timedelta(days=1))
    await Restriction.insert(
        Restriction(member=restricted[0], requested_by="lid", reason="", since=now)
    )
    signed = acme[:6] + brouwerij[:2] + klein + paused + erased + restricted + joined_later
    this_month = now.strftime("%Y-%m")
    await LoginMonth.insert(
        *[LoginMonth(member=m, month=last) for m in signed],
        # The running month is never shown; the month before has 6 + 3 at Acme and Klein.
        *[LoginMonth(member=m, month=this_month) for m in acme + brouwerij],
        *[LoginMonth(member=m, month=previous) for m in acme[:9] + brouwerij[:5]],
    )
    return [previous, last]


def _signed_in(client, role: Role) -> factories.Login:
    login = factories.account(role)
    assert factories.log_in(client, login.email).status_code == 303
    return login


def test_organisers_see_shares_by_the_rule_in_page_csv_and_api(client):
    previous, last = run(_scene())
    organiser = _signed_in(client, Role.organiser)

    answer = client.get("/api/usage/logins?months=2", headers=organiser.headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["months"] == [previous, last] and body["minimum_group"] == 5
    assert body["kept_months"] == 24
    rows = {(row["kind"], row["name"]): row for row in body["rows"]}
    # Staff accounts have no member profile: the counted members are Acme's 12, Brouwerij's 10
    # and Klein's 3.
    assert set(rows) == {
        ("all", "All members"),
        ("organisation", "Acme"),
        ("organisation", "Brouwerij"),
        ("other", "Other organisations (fewer than 5 members each)"),
    }
    total = rows["all", "All members"]["cells"]
    # Last month: 11 of 25 signed in (paused, erased, restricted and later members left out).
    assert total[1] == {
        "month": last,
        "state": "shown",
        "members": 25,
        "signed_in": 11,
        "share": 0.44,
    }
    # Brouwerij's 2 are too few; Klein (3 members) is pooled and too small: left out. The hidden
    # part (2 + 3 of 13) cannot be shown by subtraction, so Acme is hidden too.
    acme = rows["organisation", "Acme"]["cells"][1]
    brouwerij = rows["organisation", "Brouwerij"]["cells"][1]
    other = rows["other", "Other organisations (fewer than 5 members each)"]["cells"][1]
    assert (acme["state"], acme["signed_in"], acme["members"]) == ("hidden", None, 12)
    assert (brouwerij["state"], brouwerij["signed_in"]) == ("hidden", None)
    assert (other["state"], other["members"], other["signed_in"]) == ("too_small", 3, None)
    # The month before: 14 of 25; Acme 9 of 12 (3 did not: hidden); Brouwerij 5 of 10 shown.
    assert [c["state"] for c in total] == ["shown", "shown"]
    assert total[0]["signed_in"] == 14
    assert rows["organisation", "Brouwerij"]["cells"][0]["state"] == "hidden"  # second hiding
    assert rows["organisation", "Acme"]["cells"][0]["state"] == "hidden"

    # A month reads the same whatever the period asked for.
    one = client.get("/api/usage/logins?months=1", headers=organiser.headers).json()
    assert [row["cells"][0] for row in one["rows"]] == [row["cells"][1] for row in body["rows"]]

    client.cookies["kring_lang"] = "en"
    page = client.get("/usage?months=2")
    assert page.status_code == 200
    assert 'id="usage"' in page.text and "scroll-x" in page.text and "Acme" in page.text
    assert "44&nbsp;%" in page.text and 'href="/usage/csv?months=2"' in page.text
    download = client.get("/usage/csv?months=2")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    assert f"area-usage-{previous}-{last}.csv" in download.headers["content-disposition"]
    lines = list(csv.reader(io.StringIO(download.content.decode("utf-8-sig"))))
    assert lines[0] == ["Month", "Group", "Members", "Signed in", "Share signed in (%)", "Note"]
    assert [last, "All members", "25", "11", "44.0", ""] in lines
    assert all(line[3] == "" for line in lines[1:] if line[1] in ("Acme", "Brouwerij"))
    for text in (page.text, download.content.decode("utf-8-sig"), answer.text):
        assert SECRET not in text and "Lid1" not in text


def test_old_months_are_not_kept_and_bad_periods_are_named(client):
    run(_scene())
    # a period below today's floor, as a database kept it from before the floor existed
    rule = RetentionRule(category="login_months", months=1, updated_at=utc_now())
    run(RetentionRule.insert(rule))
    organiser = factories.account(Role.organiser)
    body = client.get("/api/usage/logins?months=3", headers=organiser.headers).json()
    assert body["kept_months"] == 1
    assert [c["state"] for c in body["rows"][0]["cells"]] == ["not_kept", "not_kept", "shown"]
    assert body["rows"][0]["cells"][0]["signed_in"] is None
    _signed_in(client, Role.organiser)
    for bad in ("0", "37", "abc", "-3", "1e2", "²"):
        api = client.get(f"/api/usage/logins?months={bad}", headers=organiser.headers)
        assert api.status_code == 400, bad
        assert api.json()["errors"][0]["field"] == "months"
        for path in ("/usage", "/usage/csv"):
            page = client.get(path, params={"months": bad})
            assert page.status_code == 400, (path, bad)
            assert "months" in page.text.lower() or "maanden" in page.text.lower()


def test_members_and_privacy_officers_are_refused_everywhere(client):
    run(_scene())
    assert client.get("/usage", follow_redirects=False).status_code in (302, 303, 401)
    assert client.get("/api/usage/logins").status_code == 401
    for role in (Role.member, Role.privacy_officer):
        login = _signed_in(client, role)
        assert client.get("/api/usage/logins", headers=login.headers).status_code == 403
        for path in ("/usage", "/usage/csv", "/usage?months=3"):
            answer = client.get(path)
            assert answer.status_code == 403, (role, path)
            assert SECRET not in answer.text
        client.cookies.clear()
    admin = factories.account(Role.admin)
    assert client.get("/api/usage/logins", headers=admin.headers).status_code == 200
