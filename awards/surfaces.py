"""Where the jury part of the award shows a person to someone else (see privacy.surfaces):
who submitted a dossier (to its jurors, in the organisers' results and report) and who sits on
the jury (to the organisers, in the report, and to fellow jurors from the deliberation on).

The rules: a candidacy is the organisation's dossier, so a restriction of processing of the
member who submitted it keeps the dossier readable and scorable, but their name is left off
what the jury and the report show; erasure unlinks them. A juror's name stays visible to the
organisers and to the jurors they judge with during a restriction (the seat is a role they
accepted for the network); erasing them removes their seat.

Each render builds its own edition from the scene: every member but the viewer and the
requester submits a candidacy (or, for the juror surfaces, sits on the jury); the viewer is a
bound juror; the scene's staff account is the organiser.
"""

from __future__ import annotations

from typing import Any

from privacy.surfaces import Hides, Render, Scene, Surface

JUROR_EXEMPT = (
    "a juror's seat is a role they accepted for the network: the organisers who appointed them "
    "and the jurors they judge with see their name during a restriction; erasure removes the seat"
)


async def _edition(scene: Scene) -> tuple[int, list[int]]:
    from awards.choices import EditionState
    from awards.tables import AwardCategory, Criterion, Edition
    from kring.clock import utc_now

    now = utc_now()
    edition = Edition(
        name="Kwaliteitsprijs",
        year=now.year,
        state=EditionState.open,
        submission_deadline=now,
        jury_deadline=now,
    )
    await edition.save()
    await AwardCategory.insert(AwardCategory(edition=edition.id, name="Kmo's"))
    criteria = [
        Criterion(edition=edition.id, name=name, weight=weight, position=n)
        for n, (name, weight) in enumerate((("Leiderschap", 2), ("Resultaten", 3)))
    ]
    await Criterion.insert(*criteria)
    return edition.id, [c.id for c in criteria]


async def _people(scene: Scene) -> list[dict[str, Any]]:
    from kring.tables import Account, Member

    others = [scene.viewer.member_id, scene.requester.member_id]
    members = await Member.select(Member.id, Member.organisation).where(
        Member.id.not_in([m for m in others if m is not None])
    )
    accounts = {
        a["member"]: a["id"]
        for a in await Account.select(Account.id, Account.member).where(
            Account.member.is_in([m["id"] for m in members] or [0])
        )
    }
    return [{**m, "account": accounts.get(m["id"])} for m in members]


async def _candidacies(scene: Scene) -> tuple[int, list[int]]:
    """An edition in judging where every person submitted a candidacy and the viewer, a bound
    juror, is assigned to all of them."""
    from awards import jury
    from awards.choices import CandidacyState, EditionState
    from awards.tables import Candidacy, Edition
    from kring.clock import utc_now

    edition_id, _ = await _edition(scene)
    ids = []
    for person in await _people(scene):
        row = Candidacy(
            edition=edition_id,
            member=person["id"],
            organisation=person["organisation"],
            title=f"Dossier {person['id']}",
            state=CandidacyState.submitted,
            submitted_at=utc_now(),
        )
        await row.save()
        ids.append(row.id)
    await jury.appoint_juror(scene.staff, edition_id, scene.viewer.account_id)
    await jury.agree(scene.viewer, edition_id)
    await jury.assign_everyone(scene.staff, edition_id)
    await Edition.update({Edition.state: EditionState.judging}).where(Edition.id == edition_id)
    return edition_id, ids


async def _dossiers(scene: Scene) -> str:
    from awards import jury

    edition_id, ids = await _candidacies(scene)
    read = [await jury.read_dossier(scene.viewer, edition_id, i) for i in ids]
    return "\n".join(d["submitter"] for d in read)


async def _results(scene: Scene) -> str:
    from awards import scoring

    edition_id, _ = await _candidacies(scene)
    found = await scoring.results(scene.staff, edition_id)
    return "\n".join(item["submitter"] for item in found["ranking"])


def _report(fmt: str) -> Render:
    async def render(scene: Scene) -> str:
        from awards import jury_report

        edition_id, _ = await _candidacies(scene)
        if fmt == "xlsx":
            data = await jury_report.report(scene.staff, edition_id, jury_report.Format.xlsx)
            return _xlsx(data)
        # The PDF writer gets exactly these rows (its glyph codes are not searchable text;
        # tests/awards/test_jury_report.py reads the PDF itself).
        found = await jury_report.results(scene.staff, edition_id)
        tables = jury_report.tables(found, str, "nl")
        await jury_report.report(scene.staff, edition_id, jury_report.Format.pdf)
        return "\n".join(cell for table in tables for row in table for cell in row)

    return render


def _xlsx(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True)
    return "\n".join(
        str(v) for s in book.worksheets for r in s.iter_rows(values_only=True) for v in r if v
    )


async def _jury_of_people(scene: Scene) -> tuple[int, int, list[int]]:
    """An edition where every person with an account sits on the jury, bound and assigned to
    one candidacy of the requester, each with a score; the viewer is a juror too."""
    from awards import jury
    from awards.choices import CandidacyState, EditionState
    from awards.tables import Assignment, Candidacy, Edition, Juror, Score
    from kring.clock import utc_now

    edition_id, criteria = await _edition(scene)
    candidacy = Candidacy(
        edition=edition_id,
        member=scene.requester.member_id,
        title="Dossier",
        state=CandidacyState.submitted,
        submitted_at=utc_now(),
    )
    await candidacy.save()
    seats = []
    accounts = [p["account"] for p in await _people(scene) if p["account"] is not None]
    for account_id in [scene.viewer.account_id, *accounts]:
        seat = await jury.appoint_juror(scene.staff, edition_id, account_id)
        await Juror.update({Juror.agreed_at: utc_now()}).where(Juror.id == seat)
        await Assignment.insert(Assignment(juror=seat, candidacy=candidacy.id))
        await Score.insert(
            Score(juror=seat, candidacy=candidacy.id, criterion=criteria[0], score=5)
        )
        seats.append(seat)
    await Edition.update({Edition.state: EditionState.deliberation}).where(Edition.id == edition_id)
    return edition_id, candidacy.id, seats


async def _jurors_for_organisers(scene: Scene) -> str:
    from awards import jury

    edition_id, _, _ = await _jury_of_people(scene)
    return "\n".join(j["name"] for j in await jury.jurors(edition_id))


async def _fellow_jurors(scene: Scene) -> str:
    from awards import scoring

    edition_id, candidacy_id, _ = await _jury_of_people(scene)
    found = await scoring.jury_scores(scene.viewer, edition_id, candidacy_id)
    return "\n".join(j["juror"] for j in found["jurors"])


async def _report_jurors(scene: Scene) -> str:
    from awards import jury_report

    edition_id, _, _ = await _jury_of_people(scene)
    return _xlsx(await jury_report.report(scene.staff, edition_id, jury_report.Format.xlsx))


SURFACES: tuple[Surface, ...] = (
    Surface(
        "jury dossier page and API: who submitted it (its jurors)",
        (),
        render=_dossiers,
        templates=("awards/jury_dossier.html",),
        api=("/api/awards/jury/{edition_id}/candidacies/{candidacy_id}",),
    ),
    Surface(
        "jury results page and API: who submitted each candidacy (organisers)",
        (),
        render=_results,
        api=("/api/awards/editions/{edition_id}/results",),
    ),
    *(
        Surface(
            f"jury report {fmt}: who submitted each candidacy (organisers)", (), render=_report(fmt)
        )
        for fmt in ("xlsx", "pdf")
    ),
    Surface(
        "jury page and API: the jurors (organisers)",
        (),
        render=_jurors_for_organisers,
        hides=(Hides.erasure,),
        exempt=JUROR_EXEMPT,
        templates=("awards/jury_edition.html",),
        api=(
            "/api/awards/editions/{edition_id}/jurors",
            "/api/awards/editions/{edition_id}/assignments",
            "/api/awards/editions/{edition_id}/conflicts",
        ),
    ),
    Surface(
        "jury scores from the deliberation on: fellow jurors",
        (),
        render=_fellow_jurors,
        hides=(Hides.erasure,),
        exempt=JUROR_EXEMPT,
    ),
    Surface(
        "jury report: the jurors and their scores (organisers)",
        (),
        render=_report_jurors,
        hides=(Hides.erasure,),
        exempt=JUROR_EXEMPT,
    ),
)


NOT_A_SURFACE = {
    "awards/jury_work.html": "a juror's own list of dossiers: titles and organisations only",
    "awards/jury_home.html": "the viewer's own jury seats: editions only",
    "/api/awards/editions/{edition_id}/juror-candidates": "an organiser finding an account to "
    "appoint, like the organisers' member search: whom they look for, whatever their choices",
}
