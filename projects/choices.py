"""Closed vocabularies of projects, with the labels pages show for them."""

from enum import StrEnum

from kring.vocabulary import N_


class ProjectState(StrEnum):
    """Organisers move a project from planned to running to ended; the retention job archives
    an ended project when its workspace's time is up (the workspace goes, the record stays)."""

    planned = "planned"
    running = "running"
    ended = "ended"
    archived = "archived"


class ParticipantRole(StrEnum):
    lead = "lead"  # invites members and keeps the workspace going; appointed by an organiser
    member = "member"


SET_BY_ORGANISERS = (ProjectState.planned, ProjectState.running, ProjectState.ended)
"""`archived` is the retention job's: it means the workspace was removed."""

STATE_LABELS = {
    ProjectState.planned: N_("planned"),
    ProjectState.running: N_("running"),
    ProjectState.ended: N_("ended"),
    ProjectState.archived: N_("archived (workspace removed)"),
}
ROLE_LABELS = {
    ParticipantRole.lead: N_("project lead"),
    ParticipantRole.member: N_("participant"),
}
