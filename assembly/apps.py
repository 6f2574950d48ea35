"""The installed apps, bottom layer first, in the order of `assembly.packages.PACKAGES`.

A new app (awards, mailings…) declares a `DomainApp` in its `kring_app.py`, its tables in its
`piccolo_app.py`, and is added to PACKAGES; Piccolo's configuration (`assembly/piccolo_conf.py`)
finds its tables from that list, and nothing in the other packages changes (ARCHITECTURE.md).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from piccolo.table import Table
from piccolo_api.crud.hooks import Hook

from assembly.packages import PACKAGES
from kring.apps import AdminExport, DomainApp
from kring.calendar_entries import CalendarSource
from kring.home import HomePanel
from kring.jobs import Job
from kring.member_page import MemberSection
from kring.menu import MenuEntry
from kring.record_uses import RecordClosed, RecordUse

APPS: tuple[DomainApp, ...] = tuple(
    import_module(f"{package}.kring_app").KRING_APP for package in PACKAGES
)


def admin_hooks() -> dict[type[Table], list[Hook]]:
    """Every app's Piccolo Admin hooks per table, in the order of the apps."""
    found: dict[type[Table], list[Hook]] = {}
    for app in APPS:
        for table, hooks in app.admin_hooks.items():
            found.setdefault(table, []).extend(hooks)
    return found


def admin_exports() -> dict[str, AdminExport]:
    """Every app's audit of a Piccolo Admin export, by table name."""
    return {
        table._meta.tablename: note for app in APPS for table, note in app.admin_exports.items()
    }


def routes() -> list[Any]:
    return [route for app in APPS for route in app.routes]


def menu() -> list[MenuEntry]:
    return [entry for app in APPS for entry in app.menu]


def home_panels() -> list[HomePanel]:
    return [panel for app in APPS for panel in app.home_panels]


def calendar_entries() -> list[CalendarSource]:
    return [source for app in APPS for source in app.calendar_entries]


def member_sections() -> list[MemberSection]:
    return [section for app in APPS for section in app.member_sections]


def record_uses() -> list[RecordUse]:
    return [use for app in APPS for use in app.record_uses]


def record_closed() -> list[RecordClosed]:
    return [hook for app in APPS for hook in app.record_closed]


def jobs() -> dict[str, Job]:
    found: dict[str, Job] = {}
    for app in APPS:
        for name, job in app.jobs.items():
            if name in found:
                raise ValueError(f"two apps declare the job {name!r}")
            found[name] = job
    return found


def surfaces() -> list[Any]:
    """Every registered `privacy.surfaces.Surface`, for the privacy tests and scans."""
    return [surface for app in APPS for surface in app.surfaces]


def not_surfaces() -> dict[str, str]:
    return {name: why for app in APPS for name, why in app.not_surfaces.items()}
