"""Timed work of the matching module, run by `kring worker`."""

from kring.jobs import Job
from matching.service import rematch_stale

JOBS: dict[str, Job] = {"stale proposals": rematch_stale}
