"""The jury's confidentiality at the privacy desk: a privacy officer (or admin) who sits on an
edition's jury reads no fellow juror's scores of it in an access answer they prepare while the
edition is open or in judging. Jurors see each other's scores only from the deliberation on
(`scoring.others_visible`), and a staff role grants a juror no more than the seat does."""

from __future__ import annotations

from typing import Any

from awards.scoring import others_visible
from awards.tables import Juror
from privacy.withheld import withhold_from_viewer

WHY = (
    "you sit on this award jury and jurors see each other's scores only from the deliberation "
    "on: another privacy officer prepares these rows, or the person downloads their own answer"
)


async def fellow_jurors_scores(viewer_account_id: int, rows: list[dict[str, Any]]) -> set[int]:
    """Scores by another juror of an edition where the viewer holds a seat and scores are not
    shared yet."""
    seats = {
        r["id"]: r
        for r in await Juror.select(
            Juror.id, Juror.account, Juror.edition, Juror.edition.state
        ).where(Juror.id.is_in(sorted({row["juror"] for row in rows})))
    }
    mine = {
        r["edition"]
        for r in await Juror.select(Juror.edition).where(Juror.account == viewer_account_id)
    }
    hidden = set()
    for row in rows:
        seat = seats.get(row["juror"])
        if (
            seat is not None
            and seat["edition"] in mine
            and seat["account"] != viewer_account_id
            and not others_visible(seat["edition.state"])
        ):
            hidden.add(row["id"])
    return hidden


withhold_from_viewer("award_score", fellow_jurors_scores, WHY)
