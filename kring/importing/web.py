"""Every route of the import module; the app registers this list."""

from kring.importing import api, pages

ROUTES = [*api.ROUTES, *pages.ROUTES]
