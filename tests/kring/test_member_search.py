"""Member and organisation search: accents, case and word order do not matter, enterprise
numbers in any spelling find their organisation's members, the folded columns follow every
write, and peers still see only who they saw before. Runs on both databases."""

from __future__ import annotations

import pytest

from kring.choices import Role
from kring.search import fold, member_search_text, search_words
from kring.tables import Member, Organisation
from members.importing.importer import import_rows
from members.importing.merge import merge_members
from members.organisations import list_organisations, update_organisation
from members.profiles import list_members, update_member
from privacy.erasure import erase_member
from privacy.opt_outs import Channel, OptOut, set_opt_out
from privacy.restriction import restrict
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal

NUMBER = "0123.456.749"


@pytest.fixture
def network() -> dict[str, int]:
    zorgnet = factories.organisation("Zorgnet Vlaanderen vzw", enterprise_number=NUMBER)
    metaal = factories.organisation("Metaal De Smet BV")
    return {
        "zorgnet": zorgnet,
        "metaal": metaal,
        "helene": factories.member(zorgnet, first_name="Hélène", last_name="Müller-Lefèvre"),
        "kevin": factories.member(metaal, first_name="Kevin", last_name="Dubois"),
        "other_kevin": factories.member(zorgnet, first_name="Kevin", last_name="Peeters"),
        "van": factories.member(metaal, first_name="Jan", last_name="Van den Berghe"),
    }


def _found(viewer, query: str) -> set[int]:
    return {row["id"] for row in run(list_members(viewer, search=query, limit=100))}


@pytest.fixture
def staff():
    return principal(factories.account(Role.organiser))


def test_folding_drops_case_accents_and_punctuation():
    assert fold("HÉLÈNE  Müller-Lefèvre") == "helene muller lefevre"
    assert fold("O'Brien, Øster & Straße") == "obrien oster strasse"
    assert search_words("Dubois  KEVIN dubois") == ["dubois", "kevin"]
    assert search_words("50%_") == ["50"]
    assert member_search_text("Jan", "Van den Berghe") == "jan van den berghe vandenberghe"


@pytest.mark.parametrize(
    "spelling", [NUMBER, "0123456749", "BE0123456749", "BE 0123 456 749", "123456749"]
)
def test_an_enterprise_number_in_any_spelling_is_ten_digits(spelling):
    assert search_words(spelling) == ["0123456749"]


def test_accents_and_case_do_not_matter(network, staff):
    for query in ("helene", "HÉLÈNE", "hélène", "Helene muller", "lefevre"):
        assert _found(staff, query) == {network["helene"]}, query


def test_words_match_in_any_order_and_all_must_match(network, staff):
    for query in ("dubois kevin", "kevin dubois", "KEVIN  Dubois", "dub kev"):
        assert _found(staff, query) == {network["kevin"]}, query
    assert _found(staff, "kevin") == {network["kevin"], network["other_kevin"]}


def test_a_word_may_match_the_organisation(network, staff):
    assert _found(staff, "kevin zorgnet") == {network["other_kevin"]}
    assert _found(staff, "metaal") == {network["kevin"], network["van"]}
    assert _found(staff, "vandenberghe") == {network["van"]}


def test_an_enterprise_number_finds_the_members_of_that_organisation(network, staff):
    for spelling in (NUMBER, "BE0123456749", "123456749", "be 0123 456 749"):
        assert _found(staff, spelling) == {network["helene"], network["other_kevin"]}, spelling
        assert _found(staff, f"kevin {spelling}") == {network["other_kevin"]}, spelling


def test_organisations_are_found_by_name_words_and_number(network):
    for query in ("vlaanderen zorgnet", "ZORGNET", "BE 0123 456 749", "123456749"):
        assert [o["id"] for o in run(list_organisations(search=query))] == [network["zorgnet"]]
    assert run(list_organisations(search="smet metaal bv"))[0]["id"] == network["metaal"]


def test_peers_never_find_hidden_opted_out_paused_or_restricted_members(network):
    peer = principal(factories.account(Role.member))
    assert _found(peer, "kevin") == {network["kevin"], network["other_kevin"]}
    run(set_opt_out(network["kevin"], OptOut.sharing, True, Channel.web, None))
    run(restrict(network["other_kevin"], "the member", "disputes accuracy", None))
    run(Member.update({Member.status: "paused"}).where(Member.id == network["helene"]))
    assert _found(peer, "kevin") == set()
    assert _found(peer, "helene") == set()
    assert _found(peer, NUMBER) == set()
    staff = principal(factories.account(Role.organiser))
    assert _found(staff, "kevin") == {network["kevin"], network["other_kevin"]}


def test_peers_cannot_find_anyone_by_what_they_may_not_see(network):
    peer = principal(factories.account(Role.member))
    email = run(Member.select(Member.email).where(Member.id == network["kevin"]).first())["email"]
    assert _found(peer, email) == set()
    assert _found(peer, "kerkstraat") == set()  # the address


def test_a_changed_name_is_found_by_the_new_one_only(network, staff):
    owner = principal(factories.account(Role.organiser))
    run(update_member(owner, network["kevin"], {"last_name": "Désiré"}))
    assert _found(staff, "kevin desire") == {network["kevin"]}
    assert _found(staff, "dubois") == set()


def test_members_of_a_renamed_organisation_are_found_by_the_new_name(network, staff):
    run(update_organisation(network["metaal"], {"name": "Staalbouw Noord"}))
    assert _found(staff, "staalbouw kevin") == {network["kevin"]}
    assert _found(staff, "metaal") == set()
    number = factories.enterprise_number(4242424)  # 0424.242.4xx
    run(update_organisation(network["metaal"], {"enterprise_number": "BE " + number}))
    assert _found(staff, number.replace(".", "")[1:]) == {network["kevin"], network["van"]}


def test_imported_members_are_found(staff):
    rows = [(2, {"Naam": "Émile Verhaegen", "Bedrijf": "Brouwerij Ter Dolen", "BTW": NUMBER})]
    run(import_rows(rows, {"Naam": "name", "Bedrijf": "company", "BTW": "enterprise_number"}))
    assert len(_found(staff, "emile verhaegen")) == 1
    assert _found(staff, "verhaegen 0123456749") == _found(staff, "dolen emile")


def test_a_merge_keeps_the_chosen_name_searchable(network, staff):
    duplicate = factories.member(None, first_name="Kévin", last_name="Dubois-Smet")
    run(merge_members(None, network["kevin"], duplicate, {"last_name": "loser"}))
    assert _found(staff, "dubois smet kevin") == {network["kevin"]}
    assert _found(staff, "duboissmet") == {network["kevin"]}


def test_erasure_blanks_the_search_column(network, staff):
    run(erase_member(network["helene"]))
    stored = run(Member.select(Member.search_name).where(Member.id == network["helene"]).first())
    assert stored == {"search_name": ""}
    assert _found(staff, "helene") == set()


def test_organisation_search_text_holds_the_number_digits(network):
    row = run(
        Organisation.select(Organisation.search_name)
        .where(Organisation.id == network["zorgnet"])
        .first()
    )
    assert row["search_name"] == "zorgnet vlaanderen vzw zorgnetvlaanderenvzw 0123456749"


def test_the_directory_page_finds_members_in_any_order(client, network):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    page = client.get("/members", params={"q": "DUBOIS kévin"}, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert f'href="/members/{network["kevin"]}"' in page.text
    assert f'href="/members/{network["other_kevin"]}"' not in page.text
    organisations = client.get("/organisations", params={"q": "BE0123456749"})
    assert f'href="/organisations/{network["zorgnet"]}"' in organisations.text
    assert f'href="/organisations/{network["metaal"]}"' not in organisations.text


@pytest.mark.parametrize("query", ["Dubo_s", "Dub%s", "J_n"])
def test_underscore_and_percent_are_no_wildcards(network, staff, query):
    assert _found(staff, query) == set()


def test_a_query_without_letters_or_digits_finds_nobody_and_says_why(client, network):
    login = factories.account(Role.member)
    factories.log_in(client, login.email)
    page = client.get("/members", params={"q": "🚀"}, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert f'href="/members/{network["kevin"]}"' not in page.text
    assert "Zoek met letters of cijfers" in page.text
    found = client.get("/members", params={"q": "dubois"}, headers={"accept": "text/html"})
    assert "1 lid gevonden" in found.text
