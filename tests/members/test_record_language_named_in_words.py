"""My challenges and My expertise named a record's language by its code ('(open · NL)'), which a
member need not know. It is now named as the language field names it: Nederlands, English."""

from __future__ import annotations

from kring.choices import Role
from tests import factories
from tests.events.helpers import signed_in_browser


def test_each_record_names_its_language_in_words(served_app):
    member = factories.account(Role.member)
    with signed_in_browser(served_app.url, member.email) as browser:
        for title, language in (("Risicoanalyse met FMEA", "nl"), ("Energy audits", "en")):
            answer = browser.post(
                "/my/expertise",
                data={
                    "title": title,
                    "language": language,
                    "_csrf_token": factories.csrf_token(browser),
                },
            )
            assert answer.status_code in (200, 303), answer.text
        html = browser.get("/my/expertise").text
    assert '(open · <span lang="nl">Nederlands</span>)' in html
    assert '(open · <span lang="en">English</span>)' in html
    assert "· NL)" not in html and "· EN)" not in html
