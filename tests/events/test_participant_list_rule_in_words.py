"""An event page told a member who sees its participant list in the organisers' shorthand
('Deelnemerslijst zichtbaar voor: deelnemers · Vermelding: vermeld tenzij ze nee zeggen'): it
now says it in two plain sentences addressed to the member: to one registered, whether they are
on the list; to one who is not, what registering means for it."""

from __future__ import annotations

import re

import pytest

from events.registration import register
from kring.choices import Role
from tests import factories
from tests.conftest import run
from tests.events.helpers import event, signed_in_browser


@pytest.mark.parametrize(
    ("visibility", "listing", "who", "me"),
    [
        (
            "organisers",
            "opt_out",
            "Alleen de organisatoren zien wie er deelneemt.",
            "Je staat op de deelnemerslijst, tenzij je aangeeft dat je dat niet wilt.",
        ),
        (
            "participants",
            "opt_in",
            "Wie deelneemt, ziet wie er nog deelneemt.",
            "Je staat alleen op de deelnemerslijst als je dat aangeeft.",
        ),
        (
            "public",
            "opt_out",
            "Iedereen met een account ziet wie er deelneemt.",
            "Je staat op de deelnemerslijst, tenzij je aangeeft dat je dat niet wilt.",
        ),
    ],
)
def test_the_event_page_says_who_sees_the_list_in_plain_words(
    served_app, visibility, listing, who, me
):
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, list_visibility=visibility, listing=listing)
    member = factories.account(Role.member)
    run(register(event_id, member.member_id))
    with signed_in_browser(served_app.url, member.email) as browser:
        html = browser.get(f"/events/{event_id}").text
    found = re.search(r'<p class="muted" id="list-visibility">(.*?)</p>', html, re.S)
    assert found, html
    said = " ".join(found.group(1).split())
    assert said == f"{who} {me}"


def test_a_member_not_registered_reads_the_rule_for_those_who_register(served_app):
    """'Je staat op de deelnemerslijst' read as if they were on it; they are not registered."""
    organiser = factories.account(Role.organiser)
    event_id = event(organiser, list_visibility="participants", listing="opt_out")
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        html = browser.get(f"/events/{event_id}").text
    found = re.search(r'<p class="muted" id="list-visibility">(.*?)</p>', html, re.S)
    assert found, html
    assert " ".join(found.group(1).split()) == (
        "Wie deelneemt, ziet wie er nog deelneemt. Wie zich inschrijft, staat op de "
        "deelnemerslijst, tenzij die aangeeft dat niet te willen."
    )
