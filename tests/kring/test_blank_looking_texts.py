"""A required name or title that a reader cannot see is empty. Zero-width spaces and direction
marks were refused so (Unicode's format characters), but the Hangul fillers (U+3164, U+115F,
U+1160, U+FFA0: letters that draw nothing, the usual way to make an "invisible" name), the
combining grapheme joiner U+034F, the variation selectors and the blank Braille pattern U+2800
were not: a member's first name of one U+3164 was stored and their card read as a last name alone
(found probing `kring serve`). Such text is now "is required", naming the field; among other
letters these characters are kept."""

from __future__ import annotations

import pytest

from kring.choices import Role
from kring.validation import FieldError, require_text
from tests import factories

BLANK = ["\u3164", "\u115f\u1160", "\uffa0", "\u034f", "\ufe0f", "\U000e0101", "\u2800", "\u17b4"]


@pytest.mark.parametrize("blank", BLANK)
def test_a_required_text_that_draws_nothing_is_empty(blank):
    with pytest.raises(FieldError) as refused:
        require_text(f" {blank} ", "title", 200)
    assert refused.value.field == "title" and refused.value.template == "is required"


def test_those_characters_among_letters_are_kept():
    assert require_text("한\u3164글", "title", 200) == "한\u3164글"
    assert require_text("❤\ufe0f ISO 9001", "title", 200) == "❤\ufe0f ISO 9001"
    assert require_text("\u2800Braille", "title", 200) == "\u2800Braille"


def test_the_api_refuses_a_first_name_and_a_title_that_draw_nothing(client):
    member = factories.account(Role.member)
    name = client.patch(
        f"/api/members/{member.member_id}", json={"first_name": "\u3164"}, headers=member.headers
    )
    assert name.status_code == 400, name.text
    assert name.json()["errors"] == [{"field": "first_name", "message": "is required"}]
    title = client.post(
        "/api/challenges", json={"title": "\u115f\u1160\u2800"}, headers=member.headers
    )
    assert title.status_code == 400, title.text
    assert title.json()["errors"] == [{"field": "title", "message": "is required"}]


def test_the_profile_form_says_the_first_name_is_required(client):
    member = factories.account(Role.member)
    factories.log_in(client, member.email)
    answer = factories.post_page_form(client, "/profile", first_name="\u3164", last_name="Claes")
    assert answer.status_code == 400
    assert "Is verplicht" in factories.field_error(answer.text, "first_name")
