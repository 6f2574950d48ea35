"""Every route of the privacy module; the app registers this list."""

from privacy import api, pages, rights_web

ROUTES: list = [*api.ROUTES, *pages.ROUTES, *rights_web.ROUTES]
