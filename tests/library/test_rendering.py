"""An item's body on its page: Markdown without raw HTML or images."""

from __future__ import annotations

from kring.choices import Role
from library.rendering import body_html
from tests import factories
from tests.library.helpers import item


def test_a_markdown_image_shows_as_a_plain_link_without_the_exclamation_mark(client):
    """Found from outside: `![schema](https://…)` showed as `!<a href=…>schema</a>`."""
    organiser = factories.account(Role.organiser)
    body = "Zie ![het schema](https://example.org/schema.png) hier."
    item_id = item(organiser, title="Met een afbeelding", body=body)
    factories.log_in(client, organiser.email)
    page = client.get(f"/library/{item_id}").text
    assert 'Zie <a href="https://example.org/schema.png">het schema</a> hier.' in page
    assert "<img" not in page.split('id="main"')[1] and "!<a" not in page


def test_an_image_that_is_no_web_address_shows_only_its_text():
    shown = body_html(
        "![punt](data:image/png;base64,AAAA) en ![x](javascript:alert(1))", "markdown"
    )
    assert str(shown) == "<p>punt en ![x](javascript:alert(1))</p>\n"
