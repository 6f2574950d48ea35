"""The register of processing activities (GDPR art. 30), generated from the declarations."""

from __future__ import annotations

from typing import Any

from kring.declarations import REGISTER
from privacy.subjects import is_linked


def processing_register() -> dict[str, Any]:
    """One entry per declared table: what, why, on which basis, how long, to whom, erasure."""
    activities = [
        {
            "table": d.tablename,
            "category": d.category,
            "purpose": d.purpose,
            "legal_basis": str(d.legal_basis),
            "retention": d.retention_text,
            "recipients": list(d.recipients),
            "columns": {name: str(how) for name, how in d.columns.items()},
            "linked_to_members": is_linked(d),
            "notes": d.notes,
        }
        for d in sorted(REGISTER.personal.values(), key=lambda d: (d.category, d.tablename))
    ]
    not_personal = [
        {"table": name, "reason": n.reason} for name, n in sorted(REGISTER.not_personal.items())
    ]
    categories = sorted({a["category"] for a in activities})
    return {
        "schema": "kring-register/1",
        "categories": categories,
        "activities": activities,
        "not_personal": not_personal,
    }
