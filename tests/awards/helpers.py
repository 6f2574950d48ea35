"""Award rows for tests: an open edition with categories and weighted criteria, a candidate
member of an organisation with an e-mail domain, an organiser, candidacies and files.

Editions and candidacies are made through the award's own domain functions, as the app makes
them; `set_state` jumps an edition to a later state the way a test needs it.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from awards import candidacies, editions, jury, scoring
from awards.choices import EditionState
from awards.tables import Edition
from kring.accounts import create_api_token
from kring.choices import Role
from kring.clock import utc_now
from kring.uploads import check_upload
from members.accounts import create_account
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.factories import Login

__all__ = [
    "Candidate",
    "EditionRef",
    "candidacy",
    "candidate",
    "deliberating",
    "docx_bytes",
    "edition",
    "login_with_email",
    "organiser",
    "pdf_bytes",
    "png_bytes",
    "principal",
    "set_state",
    "submitted_candidacy",
]

_counter = itertools.count(1)

CATEGORIES = ("Kmo's", "Grote organisaties")
CRITERIA = (
    ("Leiderschap", "Hoe de leiding richting geeft.", 3),
    ("Strategie", "Hoe de strategie tot stand komt.", 2),
    ("Resultaten", "Wat de organisatie bereikt.", 5),
)


@dataclass(frozen=True)
class EditionRef:
    id: int
    category_ids: tuple[int, ...]
    criterion_ids: tuple[int, ...]
    """In their order (position)."""


@dataclass(frozen=True)
class Candidate:
    login: Login
    member_id: int
    organisation_id: int
    domain: str
    """The organisation's e-mail domain; the account's e-mail is in it."""

    @property
    def headers(self) -> dict[str, str]:
        return self.login.headers

    @property
    def email(self) -> str:
        return self.login.email


def login_with_email(email: str, role: Role = Role.member, member_id: int | None = None) -> Login:
    """An account with a chosen e-mail (a juror in a candidate's domain…) and an API token."""
    account_id = run(
        create_account(
            email, factories.PASSWORD, role, member_id, f"Account {email}", adult_confirmed=True
        )
    )
    token = run(create_api_token(account_id, "tests")).token
    return Login(account_id=account_id, email=email, member_id=member_id, token=token)


def organiser() -> Login:
    return factories.account(Role.organiser)


def candidate(organisation_id: int | None = None, domain: str | None = None) -> Candidate:
    """A member with an account whose e-mail is in their organisation's domain. Pass an
    `organisation_id` for a colleague (its domain must then be given too)."""
    n = next(_counter)
    if organisation_id is None:
        domain = domain or f"kandidaat{n}.be"
        organisation_id = factories.organisation(f"Kandidaat {n} nv", domain=domain)
    assert domain is not None, "a colleague needs the organisation's domain"
    email = f"kandidaat{n}@{domain}"
    member_id = factories.member(organisation_id, email=email)
    return Candidate(
        login=login_with_email(email, Role.member, member_id),
        member_id=member_id,
        organisation_id=organisation_id,
        domain=domain,
    )


def edition(
    by: Login | None = None,
    *,
    name: str | None = None,
    year: int = 2026,
    submission_deadline: datetime | None = None,
    jury_deadline: datetime | None = None,
    categories: tuple[str, ...] = CATEGORIES,
    criteria: tuple[tuple[str, str, int], ...] = CRITERIA,
    state: EditionState = EditionState.open,
) -> EditionRef:
    """An open edition (deadlines 30 and 60 days ahead) with two categories and three weighted
    criteria, made by `by` (a fresh organiser when not given); then moved to `state`."""
    submission = submission_deadline or utc_now() + timedelta(days=30)
    data: dict[str, Any] = {
        "name": name or f"Kwaliteitsprijs {next(_counter)}",
        "year": year,
        "submission_deadline": submission,
        "jury_deadline": jury_deadline or max(submission, utc_now()) + timedelta(days=30),
        "categories": list(categories),
        "criteria": [
            {"name": c_name, "description": description, "weight": weight}
            for c_name, description, weight in criteria
        ],
    }
    edition_id = run(editions.create_edition(principal(by or organiser()), data, check_dates=False))
    found = run(editions.get_edition(edition_id))
    if state != EditionState.open:
        set_state(edition_id, state)
    return EditionRef(
        id=edition_id,
        category_ids=tuple(c["id"] for c in found["categories"]),
        criterion_ids=tuple(c["id"] for c in found["criteria"]),
    )


def set_state(edition_id: int, state: EditionState) -> None:
    """Jump an edition to a state (decided sets decided_at as the real step does)."""
    values: dict[Any, Any] = {Edition.state: state}
    if state in (EditionState.decided, EditionState.archived):
        values[Edition.decided_at] = utc_now()
    run(Edition.update(values).where(Edition.id == edition_id))


def candidacy(
    who: Candidate,
    on: EditionRef,
    *,
    title: str = "Samen naar nul fouten",
    summary: str = "Hoe wij in drie jaar onze klachten halveerden.",
    texts: bool = True,
    category: int | None = None,
) -> int:
    """A draft candidacy of `who`'s organisation, with a text for every criterion (unless
    `texts` is false), in the first category unless another is given."""
    viewer = principal(who.login)
    data: dict[str, Any] = {
        "title": title,
        "summary": summary,
        "category": category if category is not None else on.category_ids[0],
    }
    if texts:
        data["texts"] = {
            criterion_id: f"Onze aanpak voor criterium {position}."
            for position, criterion_id in enumerate(on.criterion_ids, start=1)
        }
    return run(candidacies.start_candidacy(viewer, on.id, data))


def submitted_candidacy(who: Candidate, on: EditionRef, **fields: Any) -> int:
    """A complete candidacy, submitted (with one PDF attached)."""
    candidacy_id = candidacy(who, on, **fields)
    viewer = principal(who.login)
    run(candidacies.add_attachment(viewer, candidacy_id, check_upload("dossier.pdf", pdf_bytes())))
    run(candidacies.submit_candidacy(viewer, candidacy_id))
    return candidacy_id


def deliberating() -> tuple[Login, EditionRef, int, Login]:
    """An edition in deliberation with one submitted candidacy that two jurors scored (4 and 9 on
    every criterion): its organiser, the edition, the candidacy and the first juror."""
    boss = organiser()
    award = edition(boss)
    judged = submitted_candidacy(candidate(), award)
    set_state(award.id, EditionState.judging)
    jurors = [factories.account(Role.member) for _ in range(2)]
    for value, juror in zip((4, 9), jurors, strict=True):
        seat = run(jury.appoint_juror(principal(boss), award.id, juror.account_id))
        run(jury.agree(principal(juror), award.id))
        run(jury.assign(principal(boss), award.id, seat, judged))
        entries = [scoring.Entry(c, value) for c in award.criterion_ids]
        run(scoring.save_scores(principal(juror), award.id, judged, entries))
    set_state(award.id, EditionState.deliberation)
    return boss, award, judged, jurors[0]


# --- Files ------------------------------------------------------------------------------------


def pdf_bytes(text: str = "Kandidatuur") -> bytes:
    """A small, well-formed PDF."""
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"% " + text.encode() + b"\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return body


def png_bytes() -> bytes:
    """A 1×1 PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def docx_bytes() -> bytes:
    """A minimal Word document (the parts Kring checks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def zip_bytes() -> bytes:
    """A plain ZIP archive (not an Office file)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a pdf")
    return buffer.getvalue()
