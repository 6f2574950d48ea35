"""The processor register (GDPR art. 28): who processes data for the network, under which DPA.

Code that sends personal data outside names its register entry by key (`OUTBOUND`); see
`privacy.recipients.processor_for_sending`, which refuses a processor without a signed DPA.
"""

from __future__ import annotations

import re
from datetime import date

from kring.clock import home_today
from kring.errors import Conflict, NotFound
from kring.messages import N_
from kring.seen import check_meanwhile
from kring.validation import Checks, FieldError, require_line, require_text
from privacy.tables import Processor

OUTBOUND = {"smtp": "outgoing mail over SMTP (privacy.mail)"}
"""Every key code sends personal data under, and where; a processor entry must carry each."""

EARLIEST_AGREEMENT = date(1990, 1, 1)
"""No processing agreement is older: a date before it is a typing error (0001-01-01)."""

KEY = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}")


def _check_agreement_date(dpa_signed_on: date) -> None:
    if dpa_signed_on > home_today():
        raise FieldError("dpa_signed_on", N_("cannot be in the future"))
    if dpa_signed_on < EARLIEST_AGREEMENT:
        raise FieldError("dpa_signed_on", N_("cannot be before %(date)s"), date="1990-01-01")


async def add_processor(
    name: str,
    service: str,
    data_categories: str,
    dpa_signed_on: date | None,
    key: str | None = None,
) -> int:
    checks = Checks()  # every refused field at once, each beside its field on the desk's form
    if dpa_signed_on is not None:
        with checks:
            _check_agreement_date(dpa_signed_on)
    key = (key or "").strip() or None
    if key is not None and not KEY.fullmatch(key):
        checks.add(FieldError("key", N_("use lower-case letters, digits, - and _ (at most 40)")))
    texts = {"name": "", "service": "", "data_categories": ""}
    with checks:
        texts["name"] = require_line(name, "name", 200)
    with checks:
        texts["service"] = require_text(service, "service", 300)
    with checks:
        texts["data_categories"] = require_text(
            data_categories, "data_categories", 300, required=False
        )
    checks.done()
    if key is not None and await Processor.exists().where(Processor.key == key):
        raise Conflict(N_("another processor already has the key %(key)r"), field="key", key=key)
    row = Processor(**texts, dpa_signed_on=dpa_signed_on, key=key)
    await row.save()
    return row.id


async def record_agreement(processor_id: int, dpa_signed_on: date, seen: str | None = None) -> None:
    """The agreement of a processor registered before it was signed: until then the code's
    mail through it is refused, and adding the processor again would be refused by its key.
    With `seen` (the desk form's `_seen`: no agreement, as its row showed), a date another
    officer recorded meanwhile is not overwritten by another one (`kring.seen.EditedMeanwhile`)."""
    _check_agreement_date(dpa_signed_on)
    row = (
        await Processor.select(Processor.dpa_signed_on).where(Processor.id == processor_id).first()
    )
    if row is None:
        raise NotFound(
            N_("processor %(processor_id)s not found"),
            field="processor_id",
            processor_id=processor_id,
        )
    check_meanwhile({"dpa_signed_on": dpa_signed_on}, seen, row)
    await Processor.update({Processor.dpa_signed_on: dpa_signed_on}).where(
        Processor.id == processor_id
    )


async def list_processors(without_agreement: bool = False) -> list[dict]:
    """All processors, or only those without a signed agreement (the report to act on)."""
    query = Processor.select().order_by(Processor.name)
    if without_agreement:
        query = query.where(Processor.dpa_signed_on.is_null())
    return await query
