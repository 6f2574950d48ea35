"""Timed work of the privacy module, run by `kring worker`."""

from kring.jobs import Job
from privacy.erasure_recovery import resume_unfinished
from privacy.holds import release_job
from privacy.requests import request_notices_job
from privacy.retention import retention_job
from privacy.verification import send_due_codes

JOBS: dict[str, Job] = {
    "privacy retention": retention_job,
    "privacy unfinished erasures": resume_unfinished,
    "privacy expired holds": release_job,
    "privacy request notices": request_notices_job,
    "privacy request codes": send_due_codes,
}
