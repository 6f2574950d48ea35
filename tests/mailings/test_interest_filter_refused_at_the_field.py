"""The "interested in" list with a tag filter of 41 characters (typed past the field's limit by
a link or a pasted address) showed an error page, away from the list; it now shows the list's
page with the filter as typed and why beside it, naming the limit of 40."""

from __future__ import annotations

from html import unescape

import pytest

from kring.choices import Role
from tests import factories

HTML = {"accept": "text/html"}


@pytest.mark.parametrize(
    ("tag", "said"), [("a" * 41, "40 tekens"), ("audit%07", "U+0007"), ("b" * 70, "40 tekens")]
)
def test_a_refused_tag_filter_shows_the_list_with_why_beside_the_filter(client, tag, said):
    factories.log_in(client, factories.account(Role.organiser).email)
    answer = client.get(f"/mailings/interests?tag={tag}", headers=HTML)
    assert answer.status_code == 400
    text = unescape(answer.text)
    assert 'id="interest-filter"' in text
    assert 'id="interests"' not in text  # no "none recorded" answering a filter it refused
    assert said in factories.field_error(answer.text, "tag")


def test_a_tag_of_forty_characters_filters(client):
    factories.log_in(client, factories.account(Role.organiser).email)
    answer = client.get(f"/mailings/interests?tag={'a' * 40}", headers=HTML)
    assert answer.status_code == 200
    assert f'value="{"a" * 40}"' in answer.text
