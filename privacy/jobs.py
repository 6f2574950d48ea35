"""Timed work of the privacy module, run by `kring worker`."""

from kring.jobs import Job

JOBS: dict[str, Job] = {}
