"""The import runs of a person (tests/privacy/people.py): a run they started as an organiser,
its file and its report still kept.

Erasing the organiser who started a run deletes it (declared in members/importing/tables.py), so
the person's canaries go into the file's name, its content, the fields chosen and the report.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from kring.clock import utc_now
from members.importing.tables import ImportRun, RunStatus

if TYPE_CHECKING:
    from tests.privacy.people import Factory, Person


async def _import_run(p: Person) -> None:
    now = utc_now()
    await ImportRun.insert(
        ImportRun(
            started_by=p.account_id,
            started_at=now,
            heartbeat_at=now,
            filename=p.text("leden") + ".csv",
            content=f"Naam;E-mail\n{p.secret};{p.email}\n".encode(),
            mapping=json.dumps({p.secret: "name"}),
            status=RunStatus.done,
            finished_at=now,
            report=json.dumps({"refused": [[2, p.text("geweigerd"), "E-mail", p.email]]}),
        )
    )


IMPORT_FACTORIES: dict[str, Factory] = {"import_run": _import_run}
