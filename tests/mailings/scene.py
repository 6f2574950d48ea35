"""Mailings in the navigation crawl's scene (tests/web/test_navigation.py): a draft with an
article (its pages, the audience step, the preview) and a queued mailing (its progress), so the
organisers' crawl reaches every page of the app by clicking."""

from __future__ import annotations

from mailings.compose import add_article, create_mailing
from mailings.outbox import queue_mailing
from tests.conftest import run
from tests.events.helpers import principal
from tests.factories import Login


def mailing_values(organiser: Login) -> dict[str, list[str]]:
    viewer = principal(organiser)
    draft = run(create_mailing(viewer, {"name": "Nieuwsbrief", "subject_nl": "Nieuws"}))
    article = run(
        add_article(viewer, draft, {"title_nl": "Auditdag", "text_nl": "Kom naar de auditdag."})
    )
    queued = run(create_mailing(viewer, {"name": "Uitnodiging", "subject_nl": "Uitnodiging"}))
    run(add_article(viewer, queued, {"title_nl": "Netwerkavond", "text_nl": "Welkom."}))
    run(queue_mailing(queued))
    return {"mailing_id": [str(draft), str(queued)], "article_id": [str(article)]}
