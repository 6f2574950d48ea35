"""Piccolo Admin writes no column that Kring keeps itself (`id`, `created_at`, `updated_at`,
`search_name`): an outside probe's PATCH `{"id": 900001}` moved an activity to another id (and
answered 500), `{"id": <another row's>}` answered the database's own words, and `created_at`
took any date sent."""

from datetime import UTC, date, datetime

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


def _as_admin(client) -> dict[str, str]:
    factories.log_in(client, factories.account(Role.admin).email)
    assert client.get("/admin/", headers=HTML).status_code == 200
    return {"X-CSRFToken": client.cookies.get("csrftoken", ""), "accept": "application/json"}


def _rows(table, row_id: int) -> list[dict]:
    from tests.conftest import run

    return run(table.select().where(table.id == row_id))


def test_a_patch_never_moves_a_row_to_another_id(client):
    from kring.tables import Activity
    from tests.conftest import run

    member_id = factories.member(None)
    activity = Activity(member=member_id, title="Netwerkavond", occurred_on=date(2025, 3, 1))
    run(activity.save())
    other = Activity(member=member_id, title="Webinar", occurred_on=date(2025, 4, 1))
    run(other.save())
    headers = _as_admin(client)
    path = f"/admin/api/tables/activity/{activity.id}/"
    for body in ({"id": 900001}, {"id": other.id}, {"id": 900002, "title": "Nieuwjaarsreceptie"}):
        answer = client.patch(path, json=body, headers=headers)
        assert answer.status_code < 500, (body, answer.status_code, answer.text)
        assert "db_error" not in answer.text, answer.text
    assert _rows(Activity, 900001) == [] and _rows(Activity, 900002) == []
    assert [row["title"] for row in _rows(Activity, activity.id)] == ["Nieuwjaarsreceptie"]
    assert [row["title"] for row in _rows(Activity, other.id)] == ["Webinar"]


def test_a_body_of_columns_kring_keeps_only_says_so(client):
    from kring.tables import Activity
    from tests.conftest import run

    activity = Activity(member=factories.member(None), title="Netwerkavond")
    run(activity.save())
    answer = client.patch(
        f"/admin/api/tables/activity/{activity.id}/", json={"id": 900001}, headers=_as_admin(client)
    )
    assert answer.status_code == 400, answer.text
    assert answer.json() == {
        "detail": "body: holds only id, which Kring keeps itself; send a field to change",
        "message": "de inhoud bevat alleen id, dat Kring zelf bijhoudt; stuur een veld om te "
        "wijzigen",
    }


def test_a_patch_or_a_new_row_keeps_kring_s_own_times(client):
    from kring.tables import Challenge
    from tests.conftest import run

    member_id = factories.member(None)
    challenge = Challenge(member=member_id, title="ISO 9001 vereenvoudigen", tags=[])
    run(challenge.save())
    created = _rows(Challenge, challenge.id)[0]["created_at"]
    headers = _as_admin(client)
    long_ago = "2001-01-01T00:00:00+00:00"
    answer = client.patch(
        f"/admin/api/tables/challenge/{challenge.id}/",
        json={"title": "ISO 9001 eenvoudiger", "created_at": long_ago, "updated_at": long_ago},
        headers=headers,
    )
    assert answer.status_code == 200, answer.text
    row = _rows(Challenge, challenge.id)[0]
    assert row["title"] == "ISO 9001 eenvoudiger"
    assert row["created_at"] == created
    assert row["updated_at"].year > 2001
    answer = client.post(
        "/admin/api/tables/challenge/",
        json={"member": member_id, "title": "Lean in de zorg", "tags": [], "created_at": long_ago},
        headers=headers,
    )
    assert answer.status_code == 201, answer.text
    new = run(Challenge.select().where(Challenge.title == "Lean in de zorg").first())
    assert new["created_at"] > datetime(2020, 1, 1, tzinfo=UTC)
