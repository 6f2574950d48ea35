"""In-memory fixtures for the matching tests (no database).

There is deliberately no ``__init__.py`` here: without a ``tests/__init__.py`` it would
make pytest import this folder as the package ``matching`` and shadow the real one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from matching import EligibilityFacts, ExpertiseRecord, MemberFacts

TODAY = date(2025, 6, 1)

RECORDS = (
    ExpertiseRecord(
        "r1",
        "ann",
        "ISO 9001 certificering en interne audits bij kmo's",
        ("ISO9001", "audit"),
        "nl",
    ),
    ExpertiseRecord(
        "r2", "ann", "Leveranciersevaluatie en aankoopbeleid", ("leveranciersbeheer",), "nl"
    ),
    ExpertiseRecord(
        "r3",
        "bob",
        "Lean six sigma black belt, kaizen events and value stream mapping",
        ("lean", "six sigma"),
        "en",
    ),
    ExpertiseRecord(
        "r4",
        "cas",
        "Veiligheidscultuur en ISO 45001 op bouwwerven",
        ("veiligheid", "ISO 45001"),
        "nl",
    ),
    ExpertiseRecord(
        "r5",
        "dee",
        "GDPR compliance, DPIA and records of processing for municipalities",
        ("GDPR",),
        "en",
    ),
    ExpertiseRecord(
        "r6",
        "eva",
        "Milieuzorg volgens ISO 14001 en CO2-rapportering",
        ("ISO 14001", "duurzaamheid"),
        "nl",
    ),
    ExpertiseRecord(
        "r7",
        "fay",
        "EFQM zelfevaluatie, balanced scorecard en KPI dashboards",
        ("EFQM", "KPI"),
        "nl",
    ),
)

FactsFactory = Callable[..., EligibilityFacts]


@pytest.fixture
def records() -> list[ExpertiseRecord]:
    return list(RECORDS)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def make_facts() -> FactsFactory:
    """Facts where every id is an active, consenting member of their own organisation."""

    def build(
        *ids: str, overrides: dict[str, MemberFacts] | None = None, **kwargs: object
    ) -> EligibilityFacts:
        members = {
            m: MemberFacts(m, organisation_id=f"org-{m}", email_domain=f"{m}.example") for m in ids
        }
        members.update(overrides or {})
        return EligibilityFacts(members=members, today=TODAY, **kwargs)  # type: ignore[arg-type]

    return build
