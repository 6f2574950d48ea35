"""Library items for tests, made through the domain functions the app uses."""

from __future__ import annotations

from typing import Any

from kring.choices import Role
from library.items import create_item
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.factories import Login

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

CORPUS: list[dict[str, Any]] = [
    {
        "title": "Interne audits voor ISO 9001",
        "summary": "Hoe je een programma van interne audits opzet in een kleine organisatie.",
        "body": "Plan de audits per proces. Kies auditoren uit andere afdelingen.",
        "tags": ["iso 9001", "interne audit"],
        "language": "nl",
        "kind": "guide",
    },
    {
        "title": "Running internal audits",
        "summary": "Slides on auditing management systems, from the spring event.",
        "body": "Auditors need independence. Organisations often audit their suppliers too.",
        "tags": ["iso 9001", "audit"],
        "language": "en",
        "kind": "slides",
    },
    {
        "title": "Efficiëntie in de zorg",
        "summary": "Lean werken in ziekenhuizen: wachttijden verkorten.",
        "body": "Een verslag over **lean** in drie Vlaamse ziekenhuizen.",
        "tags": ["lean", "zorg"],
        "language": "nl",
        "kind": "article",
    },
    {
        "title": "Onboarding template for new employees",
        "summary": "A checklist for the first ninety days of a new colleague.",
        "body": "",
        "tags": ["hr", "onboarding"],
        "language": "en",
        "kind": "template",
    },
    {
        "title": "GDPR for small organisations",
        "summary": "The regulator's guide to data protection for small organisations.",
        "body": "",
        "tags": ["gdpr", "privacy"],
        "language": "en",
        "kind": "link",
        "link": "https://example.org/gdpr-guide",
    },
    {
        "title": "Veiligheid op de werkvloer",
        "summary": "ISO 45001 in de praktijk: risicoanalyse en veiligheidsrondes.",
        "body": "Veiligheidsrondes helpen bij het opsporen van risico's.",
        "tags": ["iso 45001", "veiligheid"],
        "language": "nl",
        "kind": "guide",
    },
]
FILLER = [
    {
        "title": f"Nieuwsbrief {n}",
        "summary": f"Verslag van netwerkavond {n} over samenwerken tussen organisaties.",
        "body": "Leden wisselden ervaringen uit over projecten en opleidingen.",
        "tags": ["netwerk"],
        "language": "nl",
        "kind": "article",
    }
    for n in range(1, 25)
]


def item(organiser: Login, contributor: int | None = None, **fields: Any) -> int:
    data = {"title": "Een item", "summary": "Een samenvatting"} | fields
    return run(create_item(principal(organiser), data, contributor))


def library(with_filler: bool = False) -> tuple[Login, dict[str, int]]:
    """An organiser and the corpus (and 24 newsletters with `with_filler`), by title."""
    organiser = factories.account(Role.organiser)
    made = {data["title"]: item(organiser, **data) for data in CORPUS}
    if with_filler:
        for data in FILLER:
            made[data["title"]] = item(organiser, **data)
    return organiser, made


def library_values(organiser: Login) -> dict[str, list[str]]:
    """For the navigation crawl (tests/web/test_navigation.py): an item with a file and the
    path values that reach it."""
    from kring.uploads import check_upload
    from library.items import attach_file, set_retired

    item_id = item(organiser, title="Slides van de lenteavond", tags=["audit"])
    run(attach_file(principal(organiser), item_id, check_upload("slides.pdf", PDF)))
    # A retired item, as organisers see it in the list (its look must keep its contrast).
    retired = item(organiser, title="Folder van vorig jaar", tags=["audit"])
    run(set_retired(principal(organiser), retired, True))
    return {"item_id": [str(item_id)]}
