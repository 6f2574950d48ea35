"""One Dutch word for a request to erase: the desk's panel said 'Wisverzoeken' and
'Openstaande wissingsverzoeken', its outcome 'Wissingsverzoek #4 … is uitgevoerd', a member's
notice 'Je verzoek tot wissing is ontvangen' and the admin 'privacyverzoek tot wissing'. It is
'wisverzoek' everywhere, short and plain, as its sibling is 'inzageverzoek'; 'wissing' stays the
erasure itself (art. 17's 'gegevenswissing')."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).parents[2]
OTHER_SPELLINGS = re.compile(r"wissingsverzoek|verzoek(en)? (tot|om) wissing", re.IGNORECASE)


def test_the_dutch_catalogue_says_wisverzoek():
    with (ROOT / "kring/locale/nl/LC_MESSAGES/messages.po").open("rb") as catalogue:
        catalog = read_po(catalogue, locale="nl")
    said = {
        message.id if isinstance(message.id, str) else message.id[0]: text
        for message in catalog
        if message.id
        for text in (message.string if isinstance(message.string, tuple) else (message.string,))
        if OTHER_SPELLINGS.search(text)
    }
    assert said == {}
    assert any("wisverzoek" in str(message.string).lower() for message in catalog)


def test_the_readme_quotes_wisverzoek():
    readme = (ROOT / "README.md").read_text()
    assert [found.group(0) for found in OTHER_SPELLINGS.finditer(readme)] == []
