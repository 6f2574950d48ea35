"""Timed work of the events module, run by `kring worker`."""

from kring.jobs import Job

JOBS: dict[str, Job] = {}
