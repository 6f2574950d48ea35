from kring.choices import Role
from tests import factories


def test_organiser_creates_organisation_with_normalised_enterprise_number(client):
    organiser = factories.account(Role.organiser)
    answer = client.post(
        "/api/organisations",
        json={
            "name": "Kwaliteit NV",
            "enterprise_number": "BE0417497106",
            "email_domains": ["KW.be"],
        },
        headers=organiser.headers,
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["enterprise_number"] == "0417.497.106"
    assert body["email_domains"] == ["kw.be"]


def test_invalid_enterprise_number_is_a_400_naming_the_field(client):
    organiser = factories.account(Role.organiser)
    answer = client.post(
        "/api/organisations",
        json={"name": "Fout NV", "enterprise_number": "0417.497.107"},
        headers=organiser.headers,
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["errors"][0]["field"] == "enterprise_number"


def test_duplicate_enterprise_number_is_a_conflict(client):
    organiser = factories.account(Role.organiser)
    factories.organisation(enterprise_number="0417.497.106")
    answer = client.post(
        "/api/organisations",
        json={"name": "Tweede", "enterprise_number": "0417497106"},
        headers=organiser.headers,
    )
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == "enterprise_number"


def test_an_email_domain_belongs_to_one_organisation(client):
    organiser = factories.account(Role.organiser)
    factories.organisation(domain="gedeeld.be")
    answer = client.post(
        "/api/organisations",
        json={"name": "Ander", "email_domains": ["gedeeld.be"]},
        headers=organiser.headers,
    )
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == "email_domains"


def test_member_may_not_create_organisations(client):
    member = factories.account(Role.member)
    answer = client.post("/api/organisations", json={"name": "X"}, headers=member.headers)
    assert answer.status_code == 403


def test_without_token_the_api_answers_401(client):
    assert client.get("/api/organisations").status_code == 401
    bad = {"Authorization": "Bearer kr_not-a-real-token"}
    assert client.get("/api/organisations", headers=bad).status_code == 401


def test_unknown_organisation_is_404(client):
    member = factories.account(Role.member)
    assert client.get("/api/organisations/999999", headers=member.headers).status_code == 404


def test_wrong_types_and_oversize_names_are_400(client):
    organiser = factories.account(Role.organiser)
    for body in ({"name": 12}, {"name": "x" * 201}, {"name": "ok", "kind": "castle"}, [1, 2]):
        answer = client.post("/api/organisations", json=body, headers=organiser.headers)
        assert answer.status_code == 400, (body, answer.text)
        assert answer.json()["detail"]


def test_organiser_updates_domains_and_search_finds_by_name(client):
    organiser = factories.account(Role.organiser)
    organisation_id = factories.organisation(name="Brouwerij Leiebocht")
    answer = client.patch(
        f"/api/organisations/{organisation_id}",
        json={"email_domains": ["leiebocht.be", "leiebocht.com"]},
        headers=organiser.headers,
    )
    assert answer.status_code == 200
    assert answer.json()["email_domains"] == ["leiebocht.be", "leiebocht.com"]
    found = client.get("/api/organisations", params={"q": "leieb"}, headers=organiser.headers)
    assert [row["id"] for row in found.json()] == [organisation_id]
