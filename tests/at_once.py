"""Two people saving one edit form, both changing the same field: the second save is refused
(409) with both values on the page and nothing stored; saving that page again writes the
second person's value (`kring.seen.EditedMeanwhile`). Shared by each form's test."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from typing import Any

from litestar.testing import TestClient

from tests.members.test_profile_edits_at_once import HTML, _fields


def both_change_one_field(
    mine: TestClient,
    other: TestClient,
    path: str,
    field: str,
    values: tuple[str, str],
    stored: Callable[[], Any],
    shown: tuple[Any, Any] | None = None,
    action: str | None = None,
) -> None:
    """Both sessions (logged in) open the form at `path`; `other` saves `field` as `values[0]`,
    then `mine` saves it as `values[1]`: refused with both shown, the first kept (`stored()`
    gives `shown[0]`); the refused page saved again stores the second (`shown[1]`)."""
    action = action or path
    shown = shown or values
    opened = _fields(mine.get(path, headers=HTML).text, action)
    theirs = _fields(other.get(path, headers=HTML).text, action)
    saved = other.post(action, data=theirs | {field: values[0]}, headers=HTML)
    assert saved.status_code in (200, 303), saved.text[:300]

    refused = mine.post(action, data=opened | {field: values[1]}, headers=HTML)

    assert refused.status_code == 409, refused.text[:500]
    page = unescape(refused.text)
    assert "intussen door iemand anders gewijzigd" in page
    meanwhile = re.search(r'class="meanwhile-value">(.*?)</strong>', page, re.S)
    assert meanwhile and meanwhile.group(1).strip() == str(values[0]).strip(), meanwhile
    assert f'name="_keep.{field}"' in page
    assert stored() == shown[0]

    again = _fields(refused.text, action)
    assert again[field].strip() == values[1].strip()  # the person's own value, kept typed
    resaved = mine.post(action, data=again, headers=HTML, follow_redirects=False)
    assert resaved.status_code == 303, resaved.text[:500]
    assert stored() == shown[1]
