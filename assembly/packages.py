"""The installed domain packages, bottom layer first: the only list that names them.

Each package declares a `DomainApp` in its `kring_app.py` (`assembly.apps` loads them) and, when
it has tables, its Piccolo app in `piccolo_app.py`. This module imports neither: Piccolo's
configuration and the `kring` commands that need only the tables (`kring migrate`) find the
Piccolo apps here without loading every page, service and engine, which took a second and a
half of every command's start.
"""

from __future__ import annotations

from importlib.util import find_spec

PACKAGES = (
    "kring",
    "privacy",
    "members",
    "introductions",
    "events",
    "awards",
    "projects",
    "library",
    "mailings",
)


def piccolo_apps() -> list[str]:
    """The Piccolo app module of each package that has tables, in the order of PACKAGES."""
    return [f"{package}.piccolo_app" for package in PACKAGES if find_spec(f"{package}.piccolo_app")]
