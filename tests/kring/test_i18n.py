"""Every text shown to people exists in Dutch, read with babel's own extractor and parser."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from kring.vocabulary import ENUMS

ROOT = Path(__file__).parents[2]


def _extracted() -> set[str]:
    method_map = [
        ("kring/**.py", "python"),
        ("events/**.py", "python"),
        ("kring/templates/**.html", "jinja2"),
        ("kring/templates/**.txt", "jinja2"),
    ]
    return {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, _ in extract_from_dir(ROOT, method_map)
    }


def _catalog(language: str):
    with (ROOT / "kring" / "locale" / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=language)


def _translated(entry) -> bool:
    """Fuzzy entries are guesses of `pybabel update`; gettext ignores them, so do we."""
    return bool(entry and entry.string and not entry.fuzzy)


def test_every_text_in_code_and_templates_has_a_dutch_translation():
    catalog = _catalog("nl")
    missing = sorted(m for m in _extracted() if not _translated(catalog.get(m)))
    assert missing == []


def test_every_vocabulary_value_is_marked_for_translation():
    extracted = _extracted()
    missing = [value.value for enum in ENUMS for value in enum if value.value not in extracted]
    assert missing == []
