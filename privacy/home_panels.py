"""The privacy officer's home: the open requests with their deadlines, overdue first."""

from __future__ import annotations

from typing import Any

from kring.audience import PRIVACY_OFFICERS
from kring.home import HomePanel
from kring.principal import Principal
from privacy.requests import ON_THE_DESK, Kind, list_requests


async def open_requests(viewer: Principal) -> dict[str, Any]:
    rows = [
        {**row, "kind": kind}
        for kind in Kind
        for row in await list_requests(kind)
        if row["status"] in ON_THE_DESK
    ]
    rows.sort(key=lambda row: (not row["overdue"], row["due"]))
    return {"requests": rows[:10], "count": len(rows), "overdue": sum(r["overdue"] for r in rows)}


PANELS = (HomePanel("home/privacy_requests.html", open_requests, PRIVACY_OFFICERS, order=10),)
