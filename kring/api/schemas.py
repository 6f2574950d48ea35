"""Request and response shapes of the API. Limits here give early, field-named 400 answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from kring.choices import (
    InteractionKind,
    Language,
    MemberStatus,
    MetVia,
    OrganisationKind,
    RecordStatus,
    Role,
)

Name = Annotated[str, Meta(min_length=1, max_length=100)]
ShortText = Annotated[str, Meta(max_length=300)]
Title = Annotated[str, Meta(min_length=1, max_length=200)]
Body = Annotated[str, Meta(max_length=5000)]
Tag = Annotated[str, Meta(max_length=40)]
Tags = Annotated[list[Tag], Meta(max_length=20)]
Email = Annotated[str, Meta(max_length=254)]
Phone = Annotated[str, Meta(max_length=40)]
Id = Annotated[int, Meta(ge=1, le=2**31 - 1)]


def present(struct: Struct) -> dict[str, Any]:
    """The fields a client actually sent (PATCH semantics: absent means unchanged)."""
    return {
        name: value for name, value in msgspec.structs.asdict(struct).items() if value is not UNSET
    }


class OrganisationRef(Struct):
    id: int
    name: str
    kind: OrganisationKind


class MemberCard(Struct, omit_defaults=True):
    """What a member may see of a peer; staff and the member themself get the other fields too."""

    id: int
    first_name: str
    last_name: str
    job_title: str
    organisation: OrganisationRef | None
    email: str | UnsetType | None = UNSET
    phone: str | UnsetType = UNSET
    address: str | UnsetType = UNSET
    met_via: MetVia | UnsetType = UNSET
    joined_at: date | UnsetType = UNSET
    status: MemberStatus | UnsetType = UNSET
    language: Language | UnsetType = UNSET
    opt_out_sharing: bool | UnsetType = UNSET
    opt_out_listing: bool | UnsetType = UNSET
    no_mailings: bool | UnsetType = UNSET
    private_email: str | UnsetType | None = UNSET
    private_address: str | UnsetType | None = UNSET


class MemberCreate(Struct, forbid_unknown_fields=True):
    first_name: Name
    last_name: Name
    email: Email
    organisation: Id | None = None
    job_title: Annotated[str, Meta(max_length=150)] = ""
    phone: Phone = ""
    address: ShortText = ""
    met_via: MetVia = MetVia.unknown
    joined_at: date | UnsetType = UNSET
    language: Language = Language.nl


class MemberUpdate(Struct, forbid_unknown_fields=True):
    first_name: Name | UnsetType = UNSET
    last_name: Name | UnsetType = UNSET
    job_title: Annotated[str, Meta(max_length=150)] | UnsetType = UNSET
    phone: Phone | UnsetType = UNSET
    address: ShortText | UnsetType = UNSET
    language: Language | UnsetType = UNSET
    private_email: Email | UnsetType | None = UNSET
    private_address: ShortText | UnsetType | None = UNSET
    email: Email | UnsetType = UNSET
    organisation: Id | UnsetType | None = UNSET
    met_via: MetVia | UnsetType = UNSET
    joined_at: date | UnsetType = UNSET
    status: MemberStatus | UnsetType = UNSET


class Organisation(Struct):
    id: int
    name: str
    kind: OrganisationKind
    enterprise_number: str | None
    website: str
    address: str
    email_domains: list[str]
    member_count: int


class OrganisationSummary(Struct):
    id: int
    name: str
    kind: OrganisationKind
    enterprise_number: str | None


class OrganisationCreate(Struct, forbid_unknown_fields=True):
    name: Title
    enterprise_number: Annotated[str, Meta(max_length=20)] | None = None
    kind: OrganisationKind = OrganisationKind.company
    website: ShortText = ""
    address: ShortText = ""
    email_domains: Annotated[list[Annotated[str, Meta(max_length=253)]], Meta(max_length=20)] = []


class OrganisationUpdate(Struct, forbid_unknown_fields=True):
    name: Title | UnsetType = UNSET
    enterprise_number: Annotated[str, Meta(max_length=20)] | UnsetType | None = UNSET
    kind: OrganisationKind | UnsetType = UNSET
    website: ShortText | UnsetType = UNSET
    address: ShortText | UnsetType = UNSET
    email_domains: (
        Annotated[list[Annotated[str, Meta(max_length=253)]], Meta(max_length=20)] | UnsetType
    ) = UNSET


class Record(Struct):
    """A challenge or an expertise record."""

    id: int
    member: int
    title: str
    body: str
    tags: list[str]
    language: Language
    status: RecordStatus
    created_at: datetime
    updated_at: datetime


class RecordCreate(Struct, forbid_unknown_fields=True):
    title: Title
    body: Body = ""
    tags: Tags = []
    language: Language = Language.nl
    member: Id | UnsetType = UNSET


class RecordUpdate(Struct, forbid_unknown_fields=True):
    title: Title | UnsetType = UNSET
    body: Body | UnsetType = UNSET
    tags: Tags | UnsetType = UNSET
    language: Language | UnsetType = UNSET
    status: RecordStatus | UnsetType = UNSET


class Me(Struct):
    account_id: int
    email: str
    role: Role
    member: MemberCard | None


class TokenRequest(Struct, forbid_unknown_fields=True):
    email: Email
    password: Annotated[str, Meta(max_length=1024)]
    name: Annotated[str, Meta(min_length=1, max_length=100)] = "api"
    days: Annotated[int, Meta(ge=1, le=3650)] = 365


class NewToken(Struct):
    id: int
    token: str
    prefix: str


class TokenInfo(Struct):
    id: int
    name: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None


class Interaction(Struct):
    id: int
    member: int
    kind: InteractionKind
    occurred_on: date
    note: str
    staff: int | None


class InteractionCreate(Struct, forbid_unknown_fields=True):
    occurred_on: date
    kind: InteractionKind = InteractionKind.meeting
    note: Annotated[str, Meta(max_length=500)] = ""


class PasswordChange(Struct, forbid_unknown_fields=True):
    current_password: Annotated[str, Meta(max_length=1024)]
    new_password: Annotated[str, Meta(max_length=1024)]
    revoke_tokens: bool = False
    """Also revoke every API token of the account (the one this request uses too)."""


class PasswordChanged(Struct):
    sessions_ended: bool
    tokens_revoked: bool
