"""Projects, their participants and their shared workspace: documents, meeting notes and
milestones. Everything in a workspace is seen only by the project's participants and the
network's organisers (`projects.access`)."""

from __future__ import annotations

import uuid

from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from kring.clock import utc_now
from kring.declarations import Erase, LegalBasis, declare, declare_free_text, declare_not_personal
from kring.tables import Account, Member
from kring.uploads import FileColumns
from kring.vocabulary import N_
from projects.choices import ParticipantRole, ProjectState


def new_milestone_uid() -> str:
    """An iCalendar UID, made once per milestone and never regenerated."""
    return f"milestone-{uuid.uuid4()}@kring"


class Project(Table):
    """A project members of several organisations run together. `ended_at` is when an
    organiser marked it ended; retention counts from then (or from `ends_on` when nobody did)."""

    title = Varchar(length=200)
    goal = Text(default="")
    starts_on = Date()
    ends_on = Date()
    state = Varchar(length=10, choices=ProjectState, default=ProjectState.planned, index=True)
    ended_at = Timestamptz(null=True, default=None)
    workspace_removed_at = Timestamptz(null=True, default=None)
    created_by = ForeignKey(Account, on_delete=OnDelete.set_null, null=True)
    """The organiser's account that created it: a double click of theirs makes one project,
    another organiser's same project within seconds is theirs (`projects.management`)."""
    created_at = Timestamptz()
    updated_at = Timestamptz(auto_update=utc_now)


class ProjectParticipant(Table):
    """A member taking part in a project. Being invited is being added: the member sees the
    project at once and may leave it (no pending state: `projects.management`)."""

    project = ForeignKey(Project, on_delete=OnDelete.cascade, index=True)
    member = ForeignKey(Member, on_delete=OnDelete.cascade, index=True)
    role = Varchar(length=8, choices=ParticipantRole, default=ParticipantRole.member)
    added_at = Timestamptz()


class ProjectDocument(FileColumns, Table):
    """A file shared in a project's workspace, served only as a download to its participants
    and organisers."""

    project = ForeignKey(Project, on_delete=OnDelete.cascade, index=True)
    uploaded_by = ForeignKey(Member, on_delete=OnDelete.set_null, null=True, index=True)
    uploaded_at = Timestamptz()


class ProjectNote(Table):
    """Notes of one project meeting, in plain text."""

    project = ForeignKey(Project, on_delete=OnDelete.cascade, index=True)
    title = Varchar(length=200)
    held_on = Date()
    text = Text()
    author = ForeignKey(Member, on_delete=OnDelete.set_null, null=True, index=True)
    created_at = Timestamptz()


class Milestone(Table):
    """A dated goal of a project; it appears in its participants' calendar feeds."""

    project = ForeignKey(Project, on_delete=OnDelete.cascade, index=True)
    uid = Varchar(length=80, unique=True, default=new_milestone_uid)
    title = Varchar(length=200)
    due_on = Date(index=True)
    done = Boolean(default=False)
    updated_at = Timestamptz(auto_update=utc_now)


WORKSPACE_RETENTION = N_(
    "while the project runs, then until the project workspaces' retention period after its end "
    "(default 5 years); leaving the project ends the participation at once"
)

declare_not_personal(
    Project,
    "a project of the network: title, goal, dates and the staff account that created it; its "
    "people are in ProjectParticipant",
)
declare_not_personal(Milestone, "a project's dated goal: a title, a date and a done flag")
declare(
    ProjectParticipant,
    subject="member",
    columns={"member": Erase.delete_row},
    category=N_("participation"),
    purpose=N_("run projects with members of several organisations: who takes part, who leads"),
    legal_basis=LegalBasis.contract,
    retention=WORKSPACE_RETENTION,
    notes="erasure removes the participation; the project goes on without the person",
)
declare(
    ProjectDocument,
    subject="uploaded_by",
    columns={"filename": Erase.delete_row, "content": Erase.delete_row},
    category=N_("participation"),
    purpose=N_("share a project's working documents among its participants"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=WORKSPACE_RETENTION,
    notes="erasure removes the documents the person uploaded: a file cannot be scrubbed of the "
    "person reliably, and erasure leaves nothing of them but the suppression record",
)
declare(
    ProjectNote,
    subject="author",
    columns={"title": Erase.delete_row, "text": Erase.delete_row},
    category=N_("participation"),
    purpose=N_("keep the notes of a project's meetings for its participants"),
    legal_basis=LegalBasis.legitimate_interest,
    retention=WORKSPACE_RETENTION,
    notes="erasure removes the notes the person wrote, for the same reason",
)

declare_free_text(Project, ("title", "goal"), owner=None, label=N_("Project"))
declare_free_text(ProjectNote, ("title", "text"), owner="author", label=N_("Project note"))
declare_free_text(Milestone, ("title",), owner=None, label=N_("Project milestone"))
