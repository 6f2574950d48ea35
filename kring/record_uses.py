"""Why a member's challenge or expertise may not be deleted: another app's history refers to
it. Each app that keeps such history declares a check (`DomainApp.record_uses`); members ask
them all before deleting, so deleting one's own record never erases someone else's past."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable

RecordUse = Callable[[str, int], Awaitable[str | None]]
"""(record kind: "challenge" or "expertise", record id) -> an English message id saying what
still refers to the record, or None when nothing does."""


RecordClosed = Callable[[str, int], Awaitable[str | None]]
"""(record kind, record id) of a record just closed -> an English message id telling its owner
what closing it ended (requests withdrawn…), or None when it ended nothing."""


async def after_closing(kind: str, record_id: int, hooks: Iterable[RecordClosed]) -> str | None:
    """Let every app end what the closed record still had going; the first message tells."""
    said = [await hook(kind, record_id) for hook in hooks]
    return next((message for message in said if message is not None), None)


async def why_kept(kind: str, record_id: int, uses: Iterable[RecordUse]) -> str | None:
    for use in uses:
        reason = await use(kind, record_id)
        if reason is not None:
            return reason
    return None
