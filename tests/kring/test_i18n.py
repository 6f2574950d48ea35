"""Every text shown to people exists in Dutch, read with babel's own extractor and parser."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from awards.choices import CandidacyState, EditionState
from events.choices import EventStatus, ListingPolicy, ListVisibility, RegistrationStatus
from introductions.tables import Feedback, IntroductionState
from kring.declarations import REGISTER, LegalBasis
from kring.i18n import MOMENT, show_date, show_period
from kring.vocabulary import ENUMS, LABELS
from members.importing.report import Outcome
from privacy.audit import Action
from privacy.consents import Purpose
from privacy.holds import Reason
from privacy.opt_outs import Channel, OptOut
from privacy.recipients import NoticeReason
from privacy.requests import Kind, RequestChannel
from privacy.retention import Category, default_months

# Shown with `label(value)` on pages, in mails and exports: each value needs a label, and only
# marked labels reach the catalogue (`make messages` drops every entry it does not extract).
SHOWN = (
    *ENUMS,
    IntroductionState,
    Feedback,
    Outcome,
    Action,
    LegalBasis,
    Purpose,
    Reason,
    OptOut,
    Channel,
    RequestChannel,
    Kind,
    NoticeReason,
    Category,
    EventStatus,
    RegistrationStatus,
    ListVisibility,
    ListingPolicy,
    EditionState,
    CandidacyState,
)

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


def test_every_entry_of_the_catalogues_is_used_by_the_code():
    """An entry no code or template uses any more ('hold Ctrl (or Cmd) to choose several', of a
    select the audience page replaced with boxes) lingered in both catalogues: `make messages`
    keeps what hands added and never extracted. Every entry is extracted from the code."""
    extracted = _extracted()
    unused = {
        language: sorted(
            entry.id if isinstance(entry.id, str) else entry.id[0]
            for entry in _catalog(language)
            if entry.id
            and (entry.id if isinstance(entry.id, str) else entry.id[0]) not in extracted
        )
        for language in ("nl", "en")
    }
    assert unused == {"nl": [], "en": []}


def test_every_vocabulary_value_has_a_label_marked_for_translation():
    extracted = _extracted()
    unlabelled = [value.value for enum in SHOWN for value in enum if value.value not in LABELS]
    assert unlabelled == []
    # the retention categories the apps declare beside their tables are shown the same way
    assert [name for name in default_months() if name not in LABELS] == []
    assert sorted(set(LABELS.values()) - extracted) == []


def test_the_register_is_marked_for_translation():
    """Categories, purposes, retention and recipients are shown in the register and the access
    answer in the reader's language."""
    extracted = _extracted()
    texts = {
        text
        for d in REGISTER.personal.values()
        for text in (d.category, d.purpose, d.retention, *d.recipients)
    }
    assert sorted(texts - extracted) == []


def test_the_dutch_texts_say_je_never_u():
    formal = re.compile(r"\b(u|uw|U|Uw)\b")
    catalog = _catalog("nl")
    found = [
        entry.id
        for entry in catalog
        if entry.id
        and any(
            formal.search(form)
            for form in (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        )
    ]
    assert found == []


def test_the_dutch_texts_name_the_background_process_in_dutch():
    """Found from outside: 'opgeruimd door de worker', 'de volgende run van de worker'. The
    command keeps its name (kring worker); the process is 'het achtergrondproces'."""
    english = re.compile(r"\b(worker|run)\b")
    found = [
        entry.id
        for entry in _catalog("nl")
        if entry.id
        and isinstance(entry.string, str)
        and english.search(entry.string.replace("kring worker", ""))
    ]
    assert found == []


def test_a_moment_reads_like_a_date_to_the_minute():
    """One family of dates on the pages: "6 dec 2026" and "6 dec 2026, 05:40", not a short
    "6/12/2026, 05:40" beside them nor seconds."""
    moment = datetime(2026, 12, 6, 4, 40, tzinfo=UTC)
    assert show_date(moment, "nl", MOMENT) == "6 dec 2026, 05:40"
    assert show_date(moment, "en", MOMENT) == "6 Dec 2026, 05:40"
    assert show_date(date(2026, 12, 6), "nl", MOMENT) == show_date(date(2026, 12, 6), "nl")


def test_a_period_leaves_out_the_end_date_on_the_day_it_starts():
    """An event's "when": the end's date only when it ends on another day where it happens."""
    start = datetime(2031, 5, 4, 16, 30, tzinfo=UTC)
    evening, overnight = (
        datetime(2031, 5, 4, 19, 0, tzinfo=UTC),
        datetime(2031, 5, 4, 22, 30, tzinfo=UTC),
    )
    assert show_period(start, evening, "nl") == "4 mei 2031, 18:30 – 21:00"
    assert show_period(start, evening, "en") == "4 May 2031, 18:30 – 21:00"
    # 00:30 the next day in Brussels, but still the 4th in New York
    assert show_period(start, overnight, "nl") == "4 mei 2031, 18:30 – 5 mei 2031, 00:30"
    assert show_period(start, overnight, "nl", "America/New_York") == "4 mei 2031, 12:30 – 18:30"
