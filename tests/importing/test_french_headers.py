"""A Brussels or Walloon member's CRM exports French headers: `Nom complet;Courriel;Société;
Fonction;Téléphone portable;Adresse;Numéro d'entreprise` was recognised only in part ('nom',
'prénom', 'téléphone'), so the import asked for every other column by hand (found by an outside
probe of `kring serve`). Their common French names are recognised as the Dutch and English
ones are. An upload to the served app over real HTTP."""

from __future__ import annotations

import httpx

from kring.choices import Role
from tests import factories

FILE = (
    "Nom complet;Courriel;Société;Fonction;Portable;Adresse;Numéro d'entreprise;Site web;"
    "Remarques\n"
    "An Peeters;an@peeters.be;Peeters SA;directrice;0470 12 34 56;Rue Haute 1, 1000 Bruxelles;"
    "0417497106;peeters.be;cliente depuis 1998\n"
).encode("cp1252")


def test_french_headers_are_recognised(live_server):
    organiser = factories.account(Role.organiser)
    answer = httpx.post(
        live_server + "/api/import/members",
        headers=organiser.headers,
        files={"file": ("contacts.csv", FILE)},
        data={"dry_run": "true"},
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    said = answer.json()
    assert said["mapping"] == {
        "Nom complet": "name",
        "Courriel": "email",
        "Société": "company",
        "Fonction": "job_title",
        "Portable": "phone",
        "Adresse": "address",
        "Numéro d'entreprise": "enterprise_number",
        "Site web": "website",
        "Remarques": "notes",
    }, said
    assert said["counts"]["created"] == 1, said
