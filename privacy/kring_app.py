"""The privacy module as the composition root sees it: the rights desk's pages and API, the
`kring privacy` commands and its timed jobs. It shows nobody to anyone else, so it declares no
surface; the surfaces are the other apps'."""

from kring.apps import DomainApp
from privacy import api, jobs, pages, rights_web, surfaces
from privacy.cli import privacy as privacy_commands

KRING_APP = DomainApp(
    name="privacy",
    piccolo_app="privacy.piccolo_app",
    routes=[*api.ROUTES, *pages.ROUTES, *rights_web.ROUTES],
    commands=[privacy_commands],
    jobs=jobs.JOBS,
    not_surfaces=surfaces.NOT_A_SURFACE,
)
