from matching import Engine, ExpertiseRecord, MemberFacts

CHALLENGE = "Wij zoeken hulp bij de certificering van ons kwaliteitssysteem volgens ISO 9001"


def test_explanation_lists_shared_terms_in_the_experts_own_words(records):
    explanation = Engine(records).explain(CHALLENGE, ("iso 9001",), "ann")
    terms = [t.term for t in explanation.terms]
    assert "certificering" in terms and "ISO" in terms
    assert all(t.weight > 0 for t in explanation.terms)


def test_explanation_shows_matched_tags_with_similarity(records):
    explanation = Engine(records).explain(CHALLENGE, ("iso 9001", "kwaliteitszorg"), "ann")
    assert [(m.challenge_tag, m.expert_tag, m.similarity) for m in explanation.tags] == [
        ("iso 9001", "ISO9001", 1.0)
    ]


def test_explanation_has_a_dutch_and_an_english_sentence(records):
    explanation = Engine(records).explain(CHALLENGE, ("iso 9001",), "ann")
    assert (
        explanation.sentence_nl.startswith("Voorgesteld omdat")
        and "certificering" in explanation.sentence_nl
    )
    assert (
        explanation.sentence_en.startswith("Suggested because")
        and "ISO9001" in explanation.sentence_en
    )


def test_explanation_contains_no_private_fields(records):
    private = MemberFacts(
        "ann", "secret-org", "secret-domain.be", "paused", False, frozenset({"blocked-bob"})
    )
    engine = Engine(records)
    explanation = engine.explain(CHALLENGE + " secret-org secret-domain.be", ("iso 9001",), "ann")
    public_text = " ".join(
        r.text + " " + " ".join(r.tags) for r in engine.records_of("ann")
    ).lower()
    rendered = repr(explanation).lower()
    for value in (private.organisation_id, private.email_domain, "blocked-bob", "paused"):
        assert value not in rendered
    for term in explanation.terms:
        assert term.term.lower() in public_text
    for match in explanation.tags:
        assert match.expert_tag.lower() in public_text


def test_explanation_never_uses_other_members_records(records):
    engine = Engine(
        [*records, ExpertiseRecord("x", "zed", "certificering kwaliteitssysteem geheim", ())]
    )
    explanation = engine.explain(CHALLENGE, (), "ann")
    assert "kwaliteitssysteem" not in {t.term for t in explanation.terms}
