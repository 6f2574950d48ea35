"""A request's expiry reads as the rest of the site writes moments (babel's medium date to the
minute, "19 dec 2026, 07:01", in Brussels time and the reader's language), never "19/12/2026,
07:01"."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from introductions import workflow
from introductions.tables import Introduction
from kring.web.templating import LANGUAGE_COOKIE
from tests import factories
from tests.conftest import run
from tests.introductions.helpers import scene

NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")


def test_the_expiry_of_a_request_reads_in_words_in_both_languages(client):
    s = scene(experts=3)
    intro = s.proposals()[0]["id"]  # a proposal becomes the request
    run(workflow.request_introduction(s.owner_principal, intro))
    expires = datetime(2026, 12, 19, 6, 1, tzinfo=UTC)  # 07:01 in Brussels (winter time)
    run(Introduction.update({Introduction.expires_at: expires}).where(Introduction.id == intro))
    factories.log_in(client, s.login_of_expert(intro).email)
    page = client.get("/introductions/requests").text
    assert "De aanvraag vervalt op 19 dec 2026, 07:01." in page
    assert NUMERIC_DATE.search(page) is None
    client.cookies.set(LANGUAGE_COOKIE, "en")
    page = client.get("/introductions/requests").text
    assert "The request expires on 19 Dec 2026, 07:01." in page
    assert NUMERIC_DATE.search(page) is None
