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


def _engine_of(*texts_and_tags):
    records = [
        ExpertiseRecord(f"r{i}", "dee", text, tags, "nl")
        for i, (text, tags) in enumerate(texts_and_tags)
    ]
    others = [
        ExpertiseRecord("o1", "eva", "Boekhouding en fiscaliteit voor kmo's", ("fiscaliteit",)),
        ExpertiseRecord("o2", "fin", "Marketing en communicatie via sociale media", ("media",)),
    ]
    return Engine([*records, *others], embeddings=None)


def test_explanation_shows_no_hyphen_fragments_or_short_pieces():
    engine = _engine_of(("Re-integratie na langdurige afwezigheid en psychosociale risico's", ()))
    explanation = engine.explain("Re-integratie van medewerkers na ziekte", (), "dee")
    terms = [t.term for t in explanation.terms]
    assert "Re" not in terms and "re" not in terms
    assert all(sum(c.isalnum() for c in t) >= 3 for t in terms)
    assert "re-integratie" in terms


def test_explanation_lists_a_term_and_a_tag_once_in_lower_case():
    engine = _engine_of(
        ("Collega's coachen. Collega begeleiden bij welzijn op het werk", ("welzijn op het werk",)),
        ("Welzijn: risicoanalyse psychosociale risico's", ("Welzijn op het werk",)),
    )
    explanation = engine.explain(
        "Een collega zoekt hulp bij welzijn en risicoanalyse",
        ("welzijn op het werk", "welzijn op het werk ", "Welzijn op het Werk"),
        "dee",
    )
    terms = [t.term for t in explanation.terms]
    assert len({t.lower() for t in terms}) == len(terms)
    assert "Collega" not in terms and "collega" in terms
    assert [m.expert_tag.lower() for m in explanation.tags] == ["welzijn op het werk"]
    assert explanation.sentence_nl.count("welzijn op het werk") == 1


def test_explanation_skips_stop_words_and_words_too_common_to_be_a_reason():
    engine = _engine_of(("Deel je ervaring: help twee teams terug op weg met lean", ("lean",)))
    explanation = engine.explain("Wie deelt lean: twee teams helpen, deel terug", (), "dee")
    terms = {t.term for t in explanation.terms}
    assert not terms & {"deel", "Deel", "twee", "terug", "help"}
    assert "lean" in terms


def test_ordinary_verbs_are_no_reason():
    """'leest' and 'werkte' were cited as why a library item fits a challenge ("Voor jou in de
    bibliotheek", found by the outside probe): a verb the two texts share says nothing of their
    subject. Scores keep them; only the shown reasons leave them out."""
    engine = _engine_of(
        ("Wie leest dit? Ik werkte jaren aan lean in de zorg en schreef erover", ("lean",)),
    )
    explanation = engine.explain(
        "Mijn team leest veel over lean; ik werkte in de zorg en schreef een plan", (), "dee"
    )
    terms = {t.term.lower() for t in explanation.terms}
    assert not terms & {"leest", "werkte", "schreef", "lees", "werk"}
    assert {"lean", "zorg"} <= terms


def test_explanation_keeps_acronyms_and_proper_tags_as_written():
    engine = _engine_of(("KPI dashboards en HACCP audits met Power BI", ("HACCP", "Power BI")))
    explanation = engine.explain("KPI dashboards en HACCP", (), "dee")
    terms = {t.term for t in explanation.terms}
    assert {"KPI", "HACCP"} <= terms


def test_an_english_explanation_never_cites_like(records):
    """Found from outside: 'Suggested because the expertise mentions “risk”, “like” and
    “management”', the 'like' of 'Who would like to…' and of the expert's own text."""
    expert = ExpertiseRecord(
        "e1", "eve", "I would like to share how we manage supplier risk, like audits", (), "en"
    )
    engine = Engine([*records, expert])
    challenge = "Who would like to talk about supplier risk management?"
    explanation = engine.explain(challenge, (), "eve", language="en")
    terms = {t.term.lower() for t in explanation.terms}
    assert "supplier" in terms and "risk" in terms
    assert "like" not in terms and "“like”" not in explanation.sentence_en


def test_a_dutch_explanation_never_cites_niemand(records):
    """Found from outside: the library's 'for you' offered 'Slides: Lean in de zorg' for a
    challenge about ISO documents, because both said that 'niemand' reads something."""
    expert = ExpertiseRecord(
        "e1", "eve", "Verbeterborden die niemand leest, en procedures die niemand volgt", (), "nl"
    )
    engine = Engine([*records, expert])
    challenge = "Onze procedures zijn documenten die niemand nog leest"
    explanation = engine.explain(challenge, (), "eve", language="nl")
    terms = {t.term.lower() for t in explanation.terms}
    assert "procedures" in terms
    assert not any(t.startswith("niemand") for t in terms), terms


def test_explanation_names_the_records_its_reasons_come_from(records):
    """ann knows ISO 9001 audits (r1) and supplier evaluation (r2): a question about audits
    rests on r1 only, one about both on both, the stronger first; the expert who is asked
    sees which of their expertise it is about."""
    engine = Engine(records)
    assert engine.explain(CHALLENGE, ("iso 9001",), "ann").records == ("r1",)
    both = engine.explain(
        "ISO 9001 certificering en de evaluatie van leveranciers", ("leveranciersbeheer",), "ann"
    )
    assert set(both.records) == {"r1", "r2"}


def test_a_match_without_shared_words_or_tags_names_no_record(records):
    engine = Engine(records)
    assert engine.explain("Vergaderen met drones op de maan", (), "ann").records == ()
