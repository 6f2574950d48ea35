import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from matching import affinity
from matching.text import analyse, detect_language, fold, surface_tokens


def test_dutch_stemming_matches_inflected_forms():
    assert analyse("de certificeringen van leveranciers", "nl") == analyse(
        "certificering leverancier", "nl"
    )


def test_dutch_plurals_of_latin_nouns_stem_like_their_singular():
    assert analyse("auditoren operatoren sectoren assessoren", "nl") == analyse(
        "auditor operator sector assessor", "nl"
    )
    assert analyse("sporen", "nl") == analyse("spoor", "nl")


def test_stems_remember_the_language_they_were_stemmed_in():
    assert analyse("wij zoeken een auditor", None).language == "nl"
    assert analyse("we need an auditor", None).language == "en"


def test_english_stemming_matches_inflected_forms():
    assert analyse("improving audited processes", "en") == analyse("improve audit process", "en")


def test_stop_words_are_dropped_in_both_languages():
    assert analyse("wij zoeken iemand voor de audit", "nl") == analyse("audit", "nl")
    assert analyse("we need someone for the audit", "en") == analyse("audit", "en")


def test_accents_are_folded():
    assert analyse("efficiëntie", "nl") == analyse("efficientie", "nl")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_fold_drops_exactly_the_combining_marks(text: str) -> None:
    """The ASCII shortcut and the translation table equal the plain definition: lower-case,
    decompose, drop every combining mark."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    assert fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c))


@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.text("aZ09 -é", max_size=40)
)
def test_tokens_split_letters_from_digits(text: str) -> None:
    """As the earlier definition: a space between every letter and digit, then the runs of
    letters and digits."""
    spaced = re.sub(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])", " ", fold(text))
    assert surface_tokens(text) == re.findall(r"[a-z0-9]+", spaced)


def test_fold_keeps_letters_without_marks() -> None:
    assert fold("Ærøskøbing Straße Œuvre ĳs naïve CAFÉ") == "ærøskøbing straße œuvre ijs naive cafe"


def test_iso9001_written_together_tokenises_like_apart():
    assert surface_tokens("ISO9001") == surface_tokens("ISO 9001") == ["iso", "9001"]


def test_language_is_detected_from_stop_words():
    assert detect_language(surface_tokens("wij zoeken hulp bij de audit van het systeem")) == "nl"
    assert detect_language(surface_tokens("we are looking for help with the audit")) == "en"


def test_empty_texts_score_zero():
    result = affinity(
        {"c1": "", "c2": "ISO 9001 audit"}, {"e1": [""], "e2": [], "e3": ["ISO 9001"]}
    )
    assert result["c1"] == {"e1": 0.0, "e2": 0.0, "e3": 0.0}
    assert result["c2"]["e1"] == 0.0 and result["c2"]["e2"] == 0.0
    assert result["c2"]["e3"] > 0


def test_affinity_covers_every_challenge_and_expert():
    result = affinity(
        {"a": "lean", "b": "gdpr", "c": ""}, {"x": ["lean"], "y": ["privacy"], "z": []}
    )
    assert set(result) == {"a", "b", "c"}
    assert all(set(row) == {"x", "y", "z"} for row in result.values())


def test_affinity_ranks_the_fitting_expert_first():
    result = affinity(
        {"c": "Wie helpt ons met de ISO 14001 milieuvergunning?"},
        {
            "env": ["Milieuvergunningen en ISO 14001"],
            "lean": ["Lean en kaizen"],
            "hr": ["HR-beleid"],
        },
    )
    assert max(result["c"], key=result["c"].get) == "env"


def test_affinity_all_empty_inputs_do_not_crash():
    assert affinity({}, {}) == {}
    assert affinity({"c": ""}, {"e": [""]}) == {"c": {"e": 0.0}}


def test_one_strong_record_beats_many_weak_ones():
    result = affinity(
        {"c": "ISO 45001 veiligheidscultuur op bouwwerven"},
        {
            "strong": ["ISO 45001 veiligheidscultuur op bouwwerven"],
            "weak": [
                "ISO audit",
                "veiligheid in het magazijn",
                "bouw planning",
                "cultuur verandering",
            ],
        },
    )
    assert result["c"]["strong"] > result["c"]["weak"]
