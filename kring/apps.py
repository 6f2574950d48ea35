"""What an app offers the composition root: its routes, menu entries, commands, timed jobs
and the places it shows people (privacy surfaces).

Each domain package declares one `DomainApp` in its `kring_app.py` (as its Piccolo app lives in
`piccolo_app.py`); `assembly` imports those declarations and nothing else of the package, so a
new app plugs in by declaring itself and being listed in `assembly/apps.py`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import click
from piccolo.table import Table
from piccolo_api.crud.hooks import Hook

from kring.calendar_entries import CalendarSource
from kring.home import HomePanel
from kring.jobs import Job
from kring.member_page import MemberSection
from kring.menu import MenuEntry
from kring.record_uses import RecordClosed, RecordUse

AdminExport = Callable[[int], Awaitable[None]]
"""Notes that an admin (an account id) exported a table from Piccolo Admin."""


@dataclass(frozen=True)
class DomainApp:
    name: str
    piccolo_app: str | None = None
    """The module of its Piccolo `APP_CONFIG` (tables, migrations), when it has tables."""
    routes: Sequence[Any] = ()
    """Litestar controllers, handlers and routers; their area follows from their path."""
    menu: Sequence[MenuEntry] = ()
    """Its entries in the main menu and the account menu, with the roles that see them."""
    home_panels: Sequence[HomePanel] = ()
    """Its parts of the home page: the work it has waiting for the viewer."""
    member_sections: Sequence[MemberSection] = ()
    """Its parts of the staff's page of one member (what the network knows of them)."""
    record_uses: Sequence[RecordUse] = ()
    """Checks that keep a member's challenge or expertise from deletion while its history
    (an introduction someone was asked for…) refers to it."""
    record_closed: Sequence[RecordClosed] = ()
    """What an app ends when a member closes a challenge or expertise (pending requests…)."""
    commands: Sequence[click.Command] = ()
    """Subcommands of `kring`."""
    jobs: Mapping[str, Job] = field(default_factory=dict)
    """Timed work for `kring worker`, by the name its reports use."""
    calendar_entries: Sequence[CalendarSource] = ()
    """Sources of a member's dated entries (milestones…) for their calendar feed."""
    surfaces: Sequence[Any] = ()
    """`privacy.surfaces.Surface`s: where this app shows a person to someone else."""
    not_surfaces: Mapping[str, str] = field(default_factory=dict)
    """Templates and API paths that name people but are not someone else's view, and why."""
    admin_hooks: Mapping[type[Table], Sequence[Hook]] = field(default_factory=dict)
    """Piccolo Admin's hooks per table it shows (`kring.admin_site`): the checks the app's own
    forms apply to what the admin writes there, and the audit of it."""
    admin_exports: Mapping[type[Table], AdminExport] = field(default_factory=dict)
    """What is noted when the admin reads one of those tables whole (Piccolo Admin's CSV
    export, `kring.admin_site.BULK_ROWS`): the audit of an export of personal data."""
