"""Timed work of mailings, run by `kring worker`: send what is due, within the rate limit."""

from kring.jobs import Job
from mailings.sending import send_due


async def send_due_mailings() -> int:
    """Mails of queued mailings whose turn (or retry) has come; returns how many went."""
    return (await send_due()).sent


JOBS: dict[str, Job] = {"mailing mails to send": send_due_mailings}
