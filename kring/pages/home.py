"""The start page after login: the panels the apps declared for the viewer's role."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from kring.home import panels_for
from kring.web.auth import current, signed_in
from kring.web.templating import page


@get("/", guards=[signed_in], name="home")
async def home(request: Request) -> Template:
    viewer = current(request)
    panels = await panels_for(viewer, request.app.state.get("home_panels", ()))
    return page(request, "home.html", panels=panels)


ROUTES = [home]
