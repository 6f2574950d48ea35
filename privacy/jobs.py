"""Timed work of the privacy module, run by `kring worker`."""

from kring.jobs import Job
from privacy.requests import extension_notices_job
from privacy.retention import retention_job

JOBS: dict[str, Job] = {
    "privacy retention": retention_job,
    "privacy extension notices": extension_notices_job,
}
