""" "For you": the items that fit a member's open challenges, ranked by the matching engine,
with the words and tags that matched; an invitation to add a challenge when there is none; the
home page's panel."""

from __future__ import annotations

from kring.choices import Role
from kring.tables import Challenge
from members.records import create_record
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal
from tests.library.helpers import item, library


def test_for_you_ranks_items_by_the_challenge_with_the_reason(client):
    library(with_filler=True)
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    empty = client.get("/library/for-you")
    assert 'id="no-challenges"' in empty.text and 'href="/my/challenges"' in empty.text
    assert client.get("/api/library/for-you", headers=member.headers).json() == {
        "open_challenges": 0,
        "suggestions": [],
    }
    assert 'id="library-for-you"' not in client.get("/").text
    challenge = {
        "title": "Interne audits opzetten",
        "body": "We willen een auditprogramma voor ISO 9001 met onafhankelijke auditoren.",
        "tags": ["ISO9001"],
        "language": "nl",
    }
    run(create_record(Challenge, principal(member), challenge))
    found = client.get("/api/library/for-you", headers=member.headers).json()
    titles = [s["item"]["title"] for s in found["suggestions"]]
    assert found["open_challenges"] == 1
    assert set(titles[:2]) == {"Interne audits voor ISO 9001", "Running internal audits"}
    assert "Efficiëntie in de zorg" not in titles and "Nieuwsbrief 3" not in titles
    scores = [s["score"] for s in found["suggestions"]]
    assert scores == sorted(scores, reverse=True)
    best = found["suggestions"][0]["reason"]
    assert best["challenge_title"] == "Interne audits opzetten"
    assert best["tags"] == ["iso 9001"] and best["terms"]
    page = client.get("/library/for-you")
    assert "Interne audits opzetten" in page.text and "iso 9001" in page.text
    home = client.get("/")
    assert 'id="library-for-you"' in home.text and "Interne audits voor ISO 9001" in home.text


def test_for_you_picks_candidates_by_the_challenges_rarest_words():
    """A long challenge's candidates come from the words the fewest items hold: items that
    share only its most common word are left out, an item sharing a rare one is found. On
    PostgreSQL the counts come from ANALYZE's statistics."""
    from piccolo.engine import engine_finder

    from kring.database import is_postgres
    from library.analysis import query_words
    from library.search import RAREST_WORDS, item_counts, shortlist
    from library.tables import LibraryItem

    organiser = factories.account(Role.organiser)
    common = [
        item(organiser, title=f"Kwaliteitshandboek deel {n}", summary="Een hoofdstuk.")
        for n in range(6)
    ]
    rare_words = [
        "kalibratie",
        "meetonzekerheid",
        "ijkcertificaat",
        "referentienormaal",
        "spanningsbron",
        "thermokoppel",
        "drukopnemer",
        "weegschaal",
        "schuifmaat",
    ]
    rare = {
        word: item(organiser, title=word.capitalize(), summary="Notities.") for word in rare_words
    }
    if is_postgres(engine_finder()):
        run(LibraryItem.raw("ANALYZE library_item"))
    text = "Kwaliteitshandboek: " + ", ".join(rare_words)
    handbook, calibration, absent = (
        stems[0] for stems in query_words("kwaliteitshandboek kalibratie onbestaand")
    )
    counts = run(item_counts([handbook, calibration, absent]))
    assert counts[handbook] > counts[calibration] >= 1
    assert counts[absent] == (1 if is_postgres(engine_finder()) else 0)
    found = run(shortlist(text, [], 50))
    assert len(rare_words) > RAREST_WORDS
    assert not set(common) & set(found)
    assert rare["kalibratie"] in found and set(found) < set(rare.values())


def test_an_account_without_a_member_profile_is_not_offered_for_you(client):
    """An organiser has no challenges of their own: the library does not offer "For you"
    (whose empty state linked to /my/challenges, a 403 for such an account), and the page says
    why it is not theirs, as /my/challenges does."""
    organiser = factories.account(Role.organiser)
    factories.log_in(client, organiser.email)
    assert 'href="/library/for-you"' not in client.get("/library").text
    page = client.get("/library/for-you", headers={"accept": "text/html"})
    assert page.status_code == 403
