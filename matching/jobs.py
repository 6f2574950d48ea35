"""Timed work of the matching module, run by `kring worker`."""

from kring.jobs import Job
from matching.introductions import expire_due, send_reminders
from matching.service import rematch_stale

JOBS: dict[str, Job] = {
    "introduction reminders": send_reminders,
    "expired introductions": expire_due,
    "stale proposals": rematch_stale,
}
