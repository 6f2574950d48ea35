"""Where mailings show a person to someone else: the audience's sample before sending (page and
API) and the "interested in" list (page and API); see privacy.surfaces.

The sample shows only people the mailing may reach (`mailings.audience.reachable`): nobody who
said no to mailings, is restricted, erased or paused; and, being a list, nobody who opted out
of listings (nor, of an event, anyone its shareable participant list leaves out). The interest
list shows only signals of members who consented, never a restricted or erased one. The renders
call the functions the pages and the API call; the interest scene gives every member of the
test network the consent and a click on one article.
"""

from __future__ import annotations

from privacy.opt_outs import OptOut
from privacy.surfaces import Scene, Surface


async def _sample(scene: Scene) -> str:
    from mailings.audience import AudienceSpec, audience_summary

    return repr(await audience_summary(AudienceSpec(), scene.staff, sample=500))


async def _interests(scene: Scene) -> str:
    from kring.clock import today, utc_now
    from kring.tables import Member
    from mailings.delivery_tables import InterestClick
    from mailings.interests import InterestFilter, interest_list
    from mailings.tables import Article, Mailing
    from privacy.consents import Purpose, give_consent

    name = f"Scene of event {scene.event_id}"
    found = await Mailing.select(Mailing.id).where(Mailing.name == name).first()
    if found is None:
        mailing = Mailing(name=name, subject_nl="Nieuws", created_at=utc_now())
        await mailing.save()
        article = Article(mailing=mailing.id, title_nl="ISO 45001", link="https://example.org/")
        await article.save()
        for row in await Member.select(Member.id).limit(500):
            await give_consent(row["id"], Purpose.interest_signals, "web")
            await InterestClick.insert(
                InterestClick(
                    member=row["id"], article=article.id, mailing=mailing.id, clicked_on=today()
                )
            ).on_conflict(action="DO NOTHING")
    return repr(await interest_list(InterestFilter()))


SURFACES: tuple[Surface, ...] = (
    Surface(
        "mailing audience sample (organisers, page and API)",
        (OptOut.mailings, OptOut.listing),
        render=_sample,
        templates=("mailings/audience.html",),
        api=("/api/mailings/{mailing_id}/audience",),
    ),
    Surface(
        "interested-in list (organisers, page and API)",
        (),
        render=_interests,
        templates=("mailings/interests.html",),
        api=("/api/mailings/interests",),
    ),
)

NOT_A_SURFACE: dict[str, str] = {}
