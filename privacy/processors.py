"""The processor register (GDPR art. 28): who processes data for the network, under which DPA."""

from __future__ import annotations

from datetime import date

from kring.clock import today
from kring.validation import FieldError, require_text
from privacy.tables import Processor


async def add_processor(
    name: str, service: str, data_categories: str, dpa_signed_on: date | None
) -> int:
    if dpa_signed_on is not None and dpa_signed_on > today():
        raise FieldError("dpa_signed_on", "cannot be in the future")
    row = Processor(
        name=require_text(name, "name", 200),
        service=require_text(service, "service", 300),
        data_categories=require_text(data_categories, "data_categories", 300, required=False),
        dpa_signed_on=dpa_signed_on,
    )
    await row.save()
    return row.id


async def list_processors(without_agreement: bool = False) -> list[dict]:
    """All processors, or only those without a signed agreement (the report to act on)."""
    query = Processor.select().order_by(Processor.name)
    if without_agreement:
        query = query.where(Processor.dpa_signed_on.is_null())
    return await query
