"""Where the members app shows a person to someone else: the directory, profiles, organisations
and the organisers' member export (see privacy.surfaces)."""

from __future__ import annotations

from privacy.opt_outs import OptOut
from privacy.surfaces import Render, Scene, Surface


def _members_file(fmt: str) -> Render:
    async def render(scene: Scene) -> str:
        from members.importing.export import export_file

        data = await export_file("members", fmt, scene.staff.account_id)
        return data.decode("utf-8-sig") if fmt == "csv" else _xlsx(data)

    return render


def _xlsx(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(v) for s in book.worksheets for r in s.iter_rows(values_only=True) for v in r if v
    )


SURFACES: tuple[Surface, ...] = (
    Surface(
        "member search page",
        (OptOut.sharing,),
        path="/members?q={marker}",
        templates=("members.html",),
    ),
    Surface(
        "member search API",
        (OptOut.sharing,),
        path="/api/members?search={marker}",
        fmt="json",
        api=("/api/members",),
    ),
    Surface(
        "member profile page",
        (OptOut.sharing,),
        path="/members/{member}",
        templates=("member.html",),
    ),
    Surface(
        "member profile API",
        (OptOut.sharing,),
        path="/api/members/{member}",
        fmt="json",
        api=("/api/members/{member_id}",),
    ),
    Surface(
        "organisation page",
        (OptOut.sharing,),
        path="/organisations/{organisation}",
        templates=("organisation.html",),
    ),
    *(
        Surface(
            f"member export {fmt} (organisers)",
            (OptOut.listing,),
            render=_members_file(fmt),
        )
        for fmt in ("csv", "xlsx")
    ),
)


NOT_A_SURFACE = {
    "profile.html": "the member's own profile",
    "/api/me": "the viewer's own record",
    "POST /api/members": "an organiser creating a member sees what they typed",
    "PATCH /api/members/{member_id}": "the member or an organiser editing that profile",
    "member_form.html": "an organiser adding or changing a member's record: the form they manage",
    "importing/merge.html": "an organiser merging two records of one person: the records they "
    "manage, named in full so the right one is kept, as on the member form",
}
