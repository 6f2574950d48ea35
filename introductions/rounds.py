"""Who runs the rounds of stale proposals, and when one last started.

`kring worker` starts one every minute. Without a worker (the demo, a small network on SQLite)
nobody would match a new challenge, yet its page says its proposals are being prepared:
`kring serve` on SQLite stands in while no worker round started in the last minutes, and a
page promises proposals only while some round starts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from datetime import datetime, timedelta
from enum import StrEnum

import asyncpg

from introductions.tables import MatchingRound
from kring.clock import utc_now
from kring.settings import SettingsError
from kring.validation import briefly

RUNNING = timedelta(minutes=3)
"""A runner whose last round started longer ago than this is not running (the worker starts
one every minute by default)."""
STAND_IN_EVERY = 30.0
"""Seconds between the checks of `kring serve` whether to stand in for the worker."""


class Runner(StrEnum):
    worker = "worker"
    serve = "serve"


async def mark_round(runner: Runner, now: datetime | None = None) -> None:
    """Record that `runner` starts a round now (one row per runner)."""
    now = now or utc_now()
    updated = (
        await MatchingRound.update({MatchingRound.started_at: now})
        .where(MatchingRound.runner == runner)
        .returning(MatchingRound.id)
    )
    if updated:
        return
    try:
        await MatchingRound.insert(MatchingRound(runner=runner, started_at=now))
    except (sqlite3.IntegrityError, asyncpg.UniqueViolationError):
        await mark_round(runner, now)  # another process inserted it meanwhile


async def last_rounds() -> dict[str, datetime]:
    rows = await MatchingRound.select(MatchingRound.runner, MatchingRound.started_at)
    return {row["runner"]: row["started_at"] for row in rows}


async def rounds_running(now: datetime | None = None) -> bool:
    """Whether some round (a worker's or serve's) started recently: a challenge waiting for
    one is then matched within minutes."""
    since = (now or utc_now()) - RUNNING
    return any(started > since for started in (await last_rounds()).values())


async def serve_should_stand_in(now: datetime | None = None) -> bool:
    """No worker round started recently, and no other serve process started one since the
    last check (several `kring serve --workers` processes stand in once between them)."""
    now = now or utc_now()
    last = await last_rounds()
    worker = last.get(Runner.worker)
    serve = last.get(Runner.serve)
    if worker is not None and worker > now - RUNNING:
        return False
    return serve is None or serve <= now - timedelta(seconds=STAND_IN_EVERY * 0.8)


SERVE_VARIABLE = "KRING_SERVE_MATCHING"


def serve_stands_in(env: Mapping[str, str], on_postgres: bool) -> bool:
    """Whether `kring serve` runs the round of stale proposals itself while no worker does:
    on SQLite (the embedded default, one machine) unless KRING_SERVE_MATCHING is off; never on
    PostgreSQL, where `kring worker` runs beside any number of app processes."""
    raw = env.get(SERVE_VARIABLE, "").strip().lower()
    if raw in ("", "1", "true", "yes", "on"):
        return not on_postgres
    if raw in ("0", "false", "no", "off"):
        return False
    raise SettingsError(
        f"{SERVE_VARIABLE} is {briefly(env[SERVE_VARIABLE], 24)!r}: it must be true or false "
        "(or 1 or 0, yes or no, on or off)"
    )
