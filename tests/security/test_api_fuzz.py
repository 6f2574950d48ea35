"""Schemathesis over the whole OpenAPI schema, as each role: no answer is ever a 5xx, and every
answer matches the documented schema. A fixed seed keeps CI repeatable; `make fuzz` runs longer."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from assembly.app import create_app
from kring.choices import Role
from tests import factories

# Schemathesis gives all its items one node id, which pytest-xdist would collapse into one.
pytestmark = pytest.mark.serial
EXAMPLES = int(os.environ.get("KRING_FUZZ_EXAMPLES", "15"))

schema = schemathesis.openapi.from_asgi("/schema/openapi.json", create_app())


ROLES = (Role.member, Role.organiser, Role.privacy_officer, Role.admin)


@pytest.fixture(scope="module")
def callers() -> dict[str, dict[str, str]]:
    """One login per role for the whole module (the module keeps its rows between tests)."""
    return {"anonymous": {}} | {role.value: factories.account(role).headers for role in ROLES}


CALLERS = ["anonymous", *(role.value for role in ROLES)]


@schema.parametrize()
@schema.given(caller=st.sampled_from(CALLERS))
@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.generate],
)
def test_no_5xx_and_answers_match_the_schema(case, caller, callers):
    """Every operation is called by every kind of caller (hypothesis draws the caller too)."""
    case.call_and_validate(
        headers=callers[caller], checks=[not_a_server_error, response_schema_conformance]
    )


@schema.parametrize()
@settings(phases=[Phase.explicit], deadline=None, suppress_health_check=list(HealthCheck))
def test_documented_examples_are_answered_without_5xx(case, callers):
    case.call_and_validate(
        headers=callers["organiser"], checks=[not_a_server_error, response_schema_conformance]
    )
