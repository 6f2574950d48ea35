"""Every text shown to people exists in Dutch, read with babel's own extractor and parser."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from introductions.tables import Feedback, IntroductionState
from kring.vocabulary import ENUMS
from members.importing.report import Outcome
from privacy.audit import Action

# Shown with `_(value)` in templates, so only marked values reach the catalogue: `make messages`
# drops every entry it does not extract (the introduction states once went that way).
SHOWN_WITH_UNDERSCORE = (*ENUMS, IntroductionState, Feedback, Outcome, Action)

ROOT = Path(__file__).parents[2]


def _extracted() -> set[str]:
    """What `make messages` extracts: babel.cfg's own mapping."""
    with (ROOT / "babel.cfg").open() as config:
        method_map, _ = parse_mapping_cfg(config)
    return {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(ROOT, method_map)
    }


def _catalog(language: str):
    with (ROOT / "kring" / "locale" / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=language)


def _translated(entry) -> bool:
    """Fuzzy entries are guesses of `pybabel update`; gettext ignores them, so do we. A plural
    needs every form."""
    if not entry or entry.fuzzy:
        return False
    forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    return all(forms)


def test_every_text_in_code_and_templates_has_a_dutch_translation():
    catalog = _catalog("nl")
    missing = sorted(m for m in _extracted() if not _translated(catalog.get(m)))
    assert missing == []


def test_every_vocabulary_value_is_marked_for_translation():
    extracted = _extracted()
    missing = [
        value.value
        for enum in SHOWN_WITH_UNDERSCORE
        for value in enum
        if value.value not in extracted
    ]
    assert missing == []
