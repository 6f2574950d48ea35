"""Every validation message can be shown in Dutch, and every field it names has a label.

Read from the source with `ast`: a `FieldError` whose message is not a marked literal would
never reach the catalogue and would show English on a Dutch page.
"""

import ast
from pathlib import Path

from babel.messages.pofile import read_po

from kring.i18n import gettext_for
from kring.messages import FIELD_LABELS, FieldName, field_label
from kring.validation import FieldError

ROOT = Path(__file__).parents[2]
PACKAGES = ("kring", "members", "events", "introductions", "privacy", "assembly")


def _calls(*names: str) -> list[tuple[str, ast.Call]]:
    found = []
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) in names:
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno}", node))
    return found


def _marked_text(node: ast.expr) -> str | None:
    if (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "N_"
        and isinstance(node.args[0], ast.Constant)
    ):
        return node.args[0].value
    return None


def _dutch() -> dict[str, str]:
    with (ROOT / "kring/locale/nl/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="nl")
    return {m.id: m.string for m in catalog if isinstance(m.id, str) and not m.fuzzy}


def test_every_field_error_message_is_marked_and_has_dutch():
    calls = _calls("FieldError", "WrongCode")  # WrongCode is a FieldError
    assert len(calls) > 80  # the scan sees the code
    dutch = _dutch()
    unmarked = [where for where, call in calls if _marked_text(call.args[1]) is None]
    untranslated = [
        (where, text)
        for where, call in calls
        if (text := _marked_text(call.args[1])) is not None and not dutch.get(text)
    ]
    assert unmarked == []
    assert untranslated == []


def test_every_field_an_error_names_has_a_label():
    named = {
        call.args[0].value
        for _, call in [*_calls("FieldError"), *_calls("FieldName")]
        if isinstance(call.args[0], ast.Constant)
    }
    assert named - FIELD_LABELS.keys() == set()
    dutch = _dutch()
    assert [label for label in FIELD_LABELS.values() if not dutch.get(label)] == []


def test_a_field_error_reads_english_for_the_api_and_dutch_on_a_page():
    error = FieldError("ends_at", "must be after %(other)s", other=FieldName("starts_at"))
    assert str(error) == "ends_at: must be after starts_at"
    assert error.message == "must be after starts_at"
    assert error.translate(gettext_for("nl")) == "moet na ‘Begin’ liggen"
    assert error.translate(gettext_for("en")) == "must be after ‘Starts’"


def test_a_field_path_is_labelled_by_its_field():
    assert field_label("tags[2]", gettext_for("nl")) == "Tags"
    assert field_label("met_via", gettext_for("nl")) == "Ontmoet via"
