"""Every route of the events module; the app registers this list."""

from events import api, pages

ROUTES = [*api.ROUTES, *pages.ROUTES]
