"""The merge page names both people, with their e-mail address and organisation to tell two of
the same name apart, never as bare record numbers ('#7 (blijft)')."""

from __future__ import annotations

from kring.choices import Role
from tests import factories


def test_the_merge_page_names_both_people(client):
    organiser = factories.account(Role.organiser)
    scheldecoat = factories.organisation(name="Scheldecoat")
    vijvers = factories.organisation(name="De Vijvers")
    first = factories.member(
        scheldecoat, first_name="Koen", last_name="Lemmens", email="koen@scheldecoat.be"
    )
    second = factories.member(
        vijvers, first_name="Koen", last_name="Lemmens", email="koen@devijvers.be"
    )
    factories.log_in(client, organiser.email)
    page = client.get(f"/import/merge?survivor={first}&loser={second}")
    assert page.status_code == 200, page.text
    head = page.text.split("<thead>")[1].split("</thead>")[0]
    assert "Koen Lemmens (blijft)" in head and "Koen Lemmens (wordt erin opgenomen)" in head
    for told_apart in ("koen@scheldecoat.be", "Scheldecoat", "koen@devijvers.be", "De Vijvers"):
        assert told_apart in head
    assert f"#{first}" not in page.text and f"#{second}" not in page.text
    assert "tot die van Koen Lemmens (koen@scheldecoat.be)" in page.text
