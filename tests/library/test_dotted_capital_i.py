"""A capital I with a dot (Turkish İ, as in İzmir or İlker) lowercases to an i followed by a
combining dot, which split the word: 'İzmir' was indexed as 'zmir' and 'AUDİT' searched as
'audi', so neither was found by its plain spelling (found from outside)."""

from __future__ import annotations

from kring.choices import Role
from library.tables import LibraryItem
from tests import factories
from tests.conftest import run
from tests.library.helpers import item


def test_a_dotted_capital_i_is_an_i_in_items_and_searches(client):
    organiser = factories.account(Role.organiser)
    item(organiser, title="Een haven in İzmir", summary="Een bezoek aan de haven.")
    item(organiser, title="Interne audit", summary="Een checklist.")
    headers = factories.account(Role.member).headers

    def titles(q: str) -> list[str]:
        answer = client.get("/api/library", params={"q": q}, headers=headers)
        assert answer.status_code == 200, answer.text
        return [row["title"] for row in answer.json()["items"]]

    assert titles("izmir") == ["Een haven in İzmir"]
    assert titles("İZMİR") == ["Een haven in İzmir"]
    assert titles("AUDİT") == ["Interne audit"]


def test_the_migration_indexes_older_items_again():
    """Items saved before keep 'zmir' until the migration indexes them again."""
    import importlib

    organiser = factories.account(Role.organiser)
    made = item(organiser, title="İzmir", summary="Slides.")
    run(LibraryItem.update({LibraryItem.search_text: "zmir slides"}).where(LibraryItem.id == made))
    migration = importlib.import_module(
        "library.piccolo_migrations.library_2026_12_07t03_58_00_000000"
    )
    run(run(migration.forwards()).run())
    stored = run(LibraryItem.select(LibraryItem.search_text).where(LibraryItem.id == made))
    assert "izmir" in stored[0]["search_text"].split()
