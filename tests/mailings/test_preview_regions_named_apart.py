"""A mailing's preview named two regions alike: the section of the plain-text mail and the
region inside it that scrolls sideways were both named by the heading 'Als platte tekst', and a
screen reader's list of regions read it twice (axe-core: landmark-unique; seen walking the
organiser's journey). The scrolling region has a name of its own."""

from __future__ import annotations

import re

from kring.choices import Role
from mailings.compose import add_article, create_mailing
from tests import factories
from tests.conftest import run
from tests.events.helpers import principal


def test_every_region_of_the_preview_has_its_own_name(client):
    organiser = factories.account(Role.organiser)
    viewer = principal(organiser)
    mailing_id = run(create_mailing(viewer, {"name": "Nieuwsbrief", "subject_nl": "Nieuws"}))
    run(add_article(viewer, mailing_id, {"title_nl": "Auditdag", "text_nl": "Kom."}))
    factories.log_in(client, organiser.email)
    page = client.get(f"/mailings/{mailing_id}/preview").text
    named_by = re.findall(r'<(?:section|div)[^>]*aria-labelledby="([^"]+)"', page)
    assert len(named_by) == len(set(named_by)), named_by
    region = re.search(r'<div class="scroll-x"[^>]*role="region"[^>]*>', page)
    assert region and 'aria-label="De mail als platte tekst"' in region.group(0)
