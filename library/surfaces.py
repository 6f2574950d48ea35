"""Where the library shows a person to someone else: an item's contributor, on its page and in
the API (see privacy.surfaces). The search results and "for you" name nobody.

The privacy tests' scene has no library: `_scene_items` makes one item per member of the test
network (once per scene), each contributed by that member, and renders what the item's page and
the API name, through the same functions they call.
"""

from __future__ import annotations

from privacy.opt_outs import OptOut
from privacy.surfaces import Scene, Surface


async def _contributors(scene: Scene) -> str:
    from kring.clock import utc_now
    from kring.tables import Member
    from library.contributors import nameable_contributors
    from library.tables import LibraryItem

    title = f"Slides of event {scene.event_id}"
    found = await LibraryItem.select(LibraryItem.contributor).where(LibraryItem.title == title)
    if not found:
        now = utc_now()
        for row in await Member.select(Member.id).limit(500):
            await LibraryItem.insert(
                LibraryItem(
                    title=title,
                    summary="Slides",
                    tags=[],
                    contributor=row["id"],
                    published_at=now,
                    updated_at=now,
                )
            )
        found = await LibraryItem.select(LibraryItem.contributor).where(LibraryItem.title == title)
    named = await nameable_contributors(row["contributor"] for row in found)
    return repr(sorted(named.values(), key=lambda c: (c.last_name, c.first_name)))


SURFACES: tuple[Surface, ...] = (
    Surface(
        "library item contributor (page and API)",
        (OptOut.sharing, OptOut.listing),
        render=_contributors,
        templates=("library/item.html",),
        api=(
            "/api/library/{item_id}",
            "POST /api/library",
            "PATCH /api/library/{item_id}/retired",
            "POST /api/library/{item_id}/file",
        ),
    ),
)

NOT_A_SURFACE: dict[str, str] = {}
