from matching import match_tags, tag_score, tag_similarity
from matching.tags import alias_table, canonical_tag


def test_iso9001_tag_matches_iso_9001():
    assert tag_similarity("ISO9001", "ISO 9001") == 1.0
    assert tag_similarity("iso-9001", "ISO 9001:2015") == 1.0


def test_kwaliteitszorg_matches_kwaliteitsbeheer_via_alias():
    assert tag_similarity("kwaliteitszorg", "kwaliteitsbeheer") == 1.0


def test_dutch_and_english_aliases_meet():
    assert tag_similarity("AVG", "GDPR") == 1.0
    assert tag_similarity("leveranciersbeheer", "supplier management") == 1.0


def test_iso_9001_does_not_match_iso_14001():
    assert tag_similarity("ISO 9001", "ISO 14001") == 0.0


def test_typo_in_tag_still_matches_fuzzily():
    assert 0.85 < tag_similarity("procesmanagment", "procesmanagement") < 1.0


def test_unrelated_tags_do_not_match():
    assert tag_similarity("lean", "GDPR") == 0.0
    assert tag_similarity("HR", "QA") == 0.0


def test_match_tags_pairs_each_challenge_tag_with_best_expert_tag():
    matches = match_tags(["ISO 9001", "lean"], ["iso9001", "HACCP"])
    assert [(m.challenge_tag, m.expert_tag, m.similarity) for m in matches] == [
        ("ISO 9001", "iso9001", 1.0)
    ]


def test_tag_score_is_the_covered_share_of_challenge_tags():
    assert tag_score(["ISO 9001", "lean"], ["ISO9001"]) == 0.5
    assert tag_score([], ["ISO9001"]) == 0.0


def test_alias_table_is_shipped_as_package_data():
    assert canonical_tag("Kwaliteitszorg") == "qualitymanagement"
    assert len(alias_table()) > 100


def test_c_plus_plus_c_sharp_and_c_are_three_tags():
    """They all folded to the key 'c', so a C# expert covered a C++ challenge's tag fully."""
    assert tag_similarity("c++", "c#") == tag_similarity("C++", "c") == 0.0
    assert tag_similarity("C++", "c++") == tag_similarity("C#", "c#") == 1.0
    assert tag_similarity("#lean", "lean") == 1.0  # a leading hash is only punctuation


def test_a_sign_typed_after_a_space_still_ends_the_name():
    """'c #' folded to the key 'c' (the space cut the hash off its name), so a C expert covered
    a 'c #' challenge tag fully (found by the outside probe). Spaces before the signs that end
    a tag are read away: 'c #' is c#, 'c ++' is c++; a hash that starts a word stays
    punctuation."""
    assert tag_similarity("c #", "c#") == tag_similarity("C ++", "c++") == 1.0
    assert tag_similarity("c #", "c") == tag_similarity("c  + +", "c") == 0.0
    assert tag_similarity("lean #six", "lean six") == 1.0
