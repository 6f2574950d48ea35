from members.importing.duplicates import (
    OrganisationRecord,
    PersonRecord,
    candidate_pairs,
    duplicate_pairs,
    find_member_duplicates,
)
from tests import factories
from tests.conftest import run


def test_jan_janssens_and_janssens_jan_are_duplicates_with_the_reason():
    org = factories.organisation("Metaal De Smet")
    first = factories.member(org, first_name="Jan", last_name="Janssens", email="jan@smet.be")
    second = factories.member(org, first_name="JANSSENS", last_name="Jan", email="jj@gmail.com")
    pairs = run(find_member_duplicates())
    assert [(p.left.id, p.right.id) for p in pairs] == [(first, second)]
    assert "same name, first and last name swapped" in pairs[0].signals
    assert "same organisation" in pairs[0].signals


def test_accents_and_a_typo_still_match_with_the_same_phone():
    people = [
        PersonRecord(1, "Frédéric", "Vandeweghe", phone="+32475123456"),
        PersonRecord(2, "Frederic", "Vandeweghe", phone="+32475123456"),
        PersonRecord(3, "Hélène", "Janssens", email="h@x.be"),
        PersonRecord(4, "Helene", "Jansens", email="h@x.be"),
    ]
    found = {(p.left.id, p.right.id): p for p in duplicate_pairs(people)}
    assert set(found) == {(1, 2), (3, 4)}
    assert "same name apart from accents or capitals" in found[(1, 2)].signals
    assert "same e-mail" in found[(3, 4)].signals


def test_different_people_are_not_proposed():
    people = [PersonRecord(1, "An", "Peeters"), PersonRecord(2, "Bram", "Wouters")]
    assert duplicate_pairs(people) == []


def test_blocking_never_compares_people_with_nothing_in_common():
    people = [PersonRecord(i, f"Voornaam{i}", f"Familie{i:05d}x") for i in range(500)]
    assert len(candidate_pairs(people)) < 500 * 499 / 2 / 10


def test_organisations_with_the_same_domain_and_similar_name_are_duplicates():
    orgs = [
        OrganisationRecord(1, "Bouwbedrijf Peeters NV", "0204.219.147", frozenset({"peeters.be"})),
        OrganisationRecord(2, "Bouwbedrijf Peters", "", frozenset({"peeters.be"})),
        OrganisationRecord(3, "Zorgnet Vlaanderen", "", frozenset({"zorgnet.be"})),
    ]
    pairs = duplicate_pairs(orgs)
    assert [(p.left.id, p.right.id) for p in pairs] == [(1, 2)]
    assert "same domain peeters.be" in pairs[0].signals
