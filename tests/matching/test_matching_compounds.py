"""Dutch compounds split against the corpus's own words (matching/compounds.py, TextSpace)."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from matching import Engine, ExpertiseRecord
from matching.compounds import Decompounder, learn_heads
from matching.text import STOP_WORDS, Stems, TextConfig, TextSpace, analyse, word_stem

dutch_stem = partial(word_stem, language="nl")


def decompounder(*texts: str, heads: dict[str, str] | None = None) -> Decompounder:
    known: dict[str, int] = {}
    for text in texts:
        for s in set(analyse(text, "nl")):
            known[s] = known.get(s, 0) + 1
    return Decompounder(known, dutch_stem, STOP_WORDS["nl"], heads)


def parts(split: Decompounder, word: str) -> tuple[str, ...]:
    return split.parts(dutch_stem(word))


def test_a_compound_splits_into_words_of_the_corpus() -> None:
    split = decompounder("voedsel en hygiëne", "veiligheid op de werf")
    assert parts(split, "voedselveiligheid") == (dutch_stem("voedsel"), dutch_stem("veiligheid"))


def test_linking_s_and_en_are_dropped() -> None:
    split = decompounder("leverancier", "audit", "klachten", "behandeling")
    assert parts(split, "leveranciersaudit") == ("leverancier", "audit")
    assert parts(split, "klachtenbehandeling") == ("klacht", dutch_stem("behandeling"))


def test_a_compound_of_three_words_splits_again() -> None:
    split = decompounder("voedsel", "veiligheid", "normen")
    assert parts(split, "voedselveiligheidsnormen") == tuple(
        dutch_stem(w) for w in ("voedsel", "veiligheid", "normen")
    )


def test_a_word_without_known_parts_stays_whole() -> None:
    split = decompounder("verslag", "audit", "klant")
    assert parts(split, "verslag") == ()
    assert parts(split, "klanttevredenheid") == ()


def test_stop_words_are_never_parts() -> None:
    split = Decompounder({"voor": 3, "raad": 2}, dutch_stem, STOP_WORDS["nl"])
    assert split.parts("voorraad") == ()


def test_a_head_used_only_in_compounds_is_learned() -> None:
    words = [
        dutch_stem(w)
        for w in ("kwaliteitssysteem", "kwaliteitshandboek", "kwaliteitszorg", "kwaliteitscijfers")
    ]
    heads = learn_heads(words, dutch_stem, known=set(words))
    assert heads["kwaliteits"] == dutch_stem("kwaliteit")
    assert "kwalit" not in heads  # continued by one letter only: not a word boundary
    split = decompounder("zorg", heads=heads)
    assert parts(split, "kwaliteitszorg") == (dutch_stem("kwaliteit"), "zorg")
    assert parts(split, "kwaliteitshandboek") == (dutch_stem("kwaliteit"),)


def dutch_records() -> list[ExpertiseRecord]:
    texts = {
        "ann": "Audits bij leveranciers en beoordeling van nieuwe leveranciers.",
        "bob": "Voedselveiligheid en HACCP in bakkerijen.",
        "cas": "Veiligheid op bouwwerven en preventie van ongevallen.",
        "dee": "Procesoptimalisatie met lean in de productie.",
        "eva": "Klantenaudits voor de voedingsindustrie.",
        "fien": "Voedsel en verpakking: etikettering en allergenen.",
    }
    return [ExpertiseRecord(f"{m}-0", m, text, (), "nl") for m, text in texts.items()]


def test_a_challenge_compound_finds_the_expert_who_wrote_its_words_apart() -> None:
    engine = Engine(dutch_records(), embeddings=None)
    top = engine.top_k("Wie kan bij ons een leveranciersaudit doen?", (), 2, language="nl")
    assert top[0].member_id == "ann"


def test_a_part_of_a_compound_weighs_less_than_the_whole_word() -> None:
    engine = Engine(dutch_records(), embeddings=None)
    scores = engine.scores("veiligheid", language="nl")
    assert scores["cas"] > scores["bob"] > 0


def test_without_splitting_no_part_is_shared() -> None:
    config = TextConfig(compound_weight=0)
    space = TextSpace(config)
    matrix = space.fit_transform([analyse(r.text, r.language) for r in dutch_records()])
    query = space.transform([analyse("veiligheid", "nl")])
    assert (matrix @ query.T).toarray().ravel()[1] == 0


def test_the_explanation_names_the_compound_the_expert_wrote() -> None:
    engine = Engine(dutch_records(), embeddings=None)
    explanation = engine.explain("Hoe verbeteren we de veiligheid?", (), "bob", language="nl")
    assert [t.term for t in explanation.terms] == ["voedselveiligheid"]


def test_english_texts_are_not_split() -> None:
    corpus = [
        Stems(analyse(text, "en"), "en")
        for text in ("workplace safety and healthcare", "work place", "health care")
    ]
    split = TextSpace().fit_transform(corpus)
    whole = TextSpace(TextConfig(compound_weight=0)).fit_transform(corpus)
    assert np.array_equal(split.toarray(), whole.toarray())


@pytest.mark.parametrize("min_df", [1, 2])
def test_without_compounds_the_space_equals_scikit_learns_tfidf(min_df: int) -> None:
    texts = [r.text for r in dutch_records()] + ["audits en veiligheid", "lean audits"]
    corpus = [list(analyse(t, "nl")) for t in texts]
    queries = [list(analyse(t, "nl")) for t in ("veiligheid en audits", "lean", "onbekend")]
    ours = TextSpace(TextConfig(min_df=min_df))
    sklearn = TfidfVectorizer(
        analyzer=lambda d: d, sublinear_tf=True, min_df=min_df, dtype=np.float32
    )
    assert np.allclose(
        ours.fit_transform(corpus).toarray(), sklearn.fit_transform(corpus).toarray()
    )
    assert np.allclose(ours.transform(queries).toarray(), sklearn.transform(queries).toarray())
    assert list(ours.word_names()) == list(sklearn.get_feature_names_out())


def test_a_part_weight_that_would_count_negative_is_refused() -> None:
    with pytest.raises(ValueError, match="compound_weight"):
        TextConfig(compound_weight=0.2)
