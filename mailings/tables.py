"""A mailing and its articles, as organisers compose them, in Dutch and English.

Who receives a mailing, the outbox and the interest signals are in `mailings.delivery_tables`.
"""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Array,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from kring.clock import utc_now
from kring.declarations import declare_free_text, declare_not_personal
from kring.messages import N_
from kring.tables import Account
from mailings.choices import AudienceKind, MailingState


class Mailing(Table):
    """A newsletter or announcement. The subject and introduction exist per language; a
    recipient gets their own language, or the other when theirs is empty. `audience` holds the
    chosen audience's parameters (`mailings.audience.AudienceSpec` as JSON)."""

    name = Varchar(length=200)
    """The organisers' own name for it (not sent)."""
    subject_nl = Varchar(length=200, default="")
    subject_en = Varchar(length=200, default="")
    intro_nl = Text(default="")
    intro_en = Text(default="")
    state = Varchar(length=10, choices=MailingState, default=MailingState.draft, index=True)
    audience_kind = Varchar(length=16, choices=AudienceKind, default=AudienceKind.all_members)
    audience = JSON(default={})
    created_by = ForeignKey(Account, on_delete=OnDelete.set_null, null=True)
    created_at = Timestamptz()
    updated_at = Timestamptz(auto_update=utc_now)
    queued_at = Timestamptz(null=True, default=None)
    sent_at = Timestamptz(null=True, default=None)


class Article(Table):
    """One item of a mailing: a title, a text in Markdown, an optional link and tags (the
    tags feed the interest list and the audience by tags). Texts exist per language."""

    mailing = ForeignKey(Mailing, on_delete=OnDelete.cascade, index=True)
    position = Integer(default=0)
    title_nl = Varchar(length=200, default="")
    title_en = Varchar(length=200, default="")
    text_nl = Text(default="")
    text_en = Text(default="")
    link = Varchar(length=500, default="")
    tags = Array(base_column=Varchar(length=40))


declare_not_personal(
    Mailing,
    "a mailing as the organisers wrote it: subject, introduction and audience parameters; its "
    "recipients are in MailingRecipient",
)
declare_not_personal(Article, "an article of a mailing: title, text, link and tags")

declare_free_text(
    Mailing,
    ("name", "subject_nl", "subject_en", "intro_nl", "intro_en"),
    owner=None,
    label=N_("Mailing"),
)
declare_free_text(
    Article, ("title_nl", "title_en", "text_nl", "text_en"), owner=None, label=N_("Mailing article")
)
