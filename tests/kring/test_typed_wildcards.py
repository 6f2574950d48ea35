"""What people type into a search is matched as written: `_`, `%` and `!` are characters of
e-mail addresses, not LIKE wildcards. Found from outside: `kring.queries.contains` dropped them,
so `jan_peeters@` found no one at the privacy desk and the audit trail's "done by" picker, and
the jury search obeyed them (`an_de_smet@` also found `anxdexsmet@`; `%@` found everyone).
Run on SQLite and, with KRING_TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from kring.choices import Role
from kring.queries import contains_pattern
from tests import factories
from tests.awards.helpers import edition, login_with_email


def _people(client, query: str) -> set[str]:
    answer = client.get("/privacy/desk/people.json", params={"q": query})
    assert answer.status_code == 200, answer.text
    return {person["email"] for person in answer.json()}


def _accounts(client, query: str) -> set[str]:
    answer = client.get("/privacy/desk/accounts.json", params={"q": query})
    assert answer.status_code == 200, answer.text
    return {account["email"] for account in answer.json()}


def test_a_pattern_escapes_what_was_typed_and_keeps_it_whole():
    assert contains_pattern(" jan_peeters ") == "%jan!_peeters%"
    assert contains_pattern("50%!") == "%50!%!!%"
    assert contains_pattern("a\\b") == "%a\\b%"
    assert contains_pattern("_" * 300) == "%" + "!_" * 100 + "%"


def test_the_desk_finds_people_by_an_address_with_an_underscore_or_a_percent_sign(client):
    addresses = (
        "jan_peeters@zorg.be",
        "janxpeeters@zorg.be",
        "korting%50@zorg.be",
        "korting1250@zorg.be",
        "x!y@zorg.be",
    )
    for address in addresses:
        factories.member(None, first_name="Jan", last_name="Peeters", email=address)
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    assert _people(client, "jan_peeters@") == {"jan_peeters@zorg.be"}
    assert _people(client, "JAN_PEETERS@zorg.be") == {"jan_peeters@zorg.be"}
    assert _people(client, "korting%50@") == {"korting%50@zorg.be"}
    assert _people(client, "x!y@") == {"x!y@zorg.be"}
    assert _people(client, "_@") == set()
    assert _people(client, "%@") == set()
    assert _people(client, "@zorg.be") == set(addresses)


def test_the_done_by_picker_finds_an_account_by_part_of_an_address_with_an_underscore(client):
    wanted = login_with_email("an_de_smet@kring-test.be", Role.organiser)
    login_with_email("anxdexsmet@kring-test.be", Role.organiser)
    login_with_email("korting%50@kring-test.be", Role.organiser)
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    assert _accounts(client, "an_de_smet@") == {wanted.email}
    assert _accounts(client, "AN_DE_SMET@kring-test") == {wanted.email}
    assert _accounts(client, "korting%50@") == {"korting%50@kring-test.be"}
    assert _accounts(client, "_@") == set()
    assert _accounts(client, "%@") == set()


def test_the_jury_search_matches_an_underscore_and_a_percent_sign_as_written(client):
    organiser = factories.account(Role.organiser)
    award = edition(organiser)
    wanted = login_with_email("an_de_smet@kring-test.be", Role.organiser)
    login_with_email("anxdexsmet@kring-test.be", Role.organiser)
    percent = login_with_email("korting%50@kring-test.be", Role.organiser)
    login_with_email("korting1250@kring-test.be", Role.organiser)

    def found(search: str) -> set[str]:
        answer = client.get(
            f"/api/awards/editions/{award.id}/juror-candidates",
            params={"search": search},
            headers=organiser.headers,
        )
        assert answer.status_code == 200, answer.text
        return {account["email"] for account in answer.json()}

    assert found("an_de_smet@") == {wanted.email}
    assert found("korting%50@") == {percent.email}
    assert found("@kring-test.be") >= {wanted.email, percent.email}


def test_part_of_an_address_without_its_at_sign_is_found_in_the_addresses(client):
    """`jan_peeters` is part of an address, not a name: names hold no `_`, so the desk found no
    one whose name did not happen to be Jan Peeters, and the "done by" picker and the jury
    search no one at all."""
    organiser = factories.account(Role.organiser)
    award = edition(organiser)
    for n, address in enumerate(("jan_peeters@zorg.be", "janxpeeters@zorg.be", "k%50@zorg.be")):
        factories.member(None, first_name="Johanna", last_name=f"Claes{n}", email=address)
        login_with_email(address.replace("zorg.be", "kring-test.be"), Role.organiser)
    factories.log_in(client, factories.account(Role.privacy_officer).email)
    assert _people(client, "jan_peeters") == {"jan_peeters@zorg.be"}
    assert _people(client, "k%50") == {"k%50@zorg.be"}
    assert _accounts(client, "jan_peeters") == {"jan_peeters@kring-test.be"}
    for typed in ("__", "%%", "_%", ".."):
        assert _people(client, typed) == set() and _accounts(client, typed) == set(), typed
    candidates = client.get(
        f"/api/awards/editions/{award.id}/juror-candidates",
        params={"search": "jan_peeters"},
        headers=organiser.headers,
    )
    assert [a["email"] for a in candidates.json()] == ["jan_peeters@kring-test.be"]
