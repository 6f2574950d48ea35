"""Every route of the privacy module; the app registers this list."""

from privacy import api, pages

ROUTES: list = [*api.ROUTES, *pages.ROUTES]
