"""What an edit form showed, so a save writes only what its person changed.

A page form sends every field it shows, so a save wrote back what the form held when it was
opened, silently undoing a change another person made meanwhile. Each edit form therefore
carries the record as it showed it in a hidden `_seen` field (`snapshot`); on saving, the fields
sent back as they were shown (`untouched`) are left as they are now.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

FIELD = "_seen"


def plain(value: Any) -> Any:
    """A value as `snapshot` writes it and `untouched` compares it: a referenced row (as a
    record holds it) by its id, days and moments as ISO, choices by their value, lists item by
    item; an empty text is no value, as a form's empty field is. A moment is compared in UTC:
    the database and a form's zone spell the same moment differently."""
    if isinstance(value, Mapping):
        return value.get("id")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime) and value.tzinfo is not None:  # one spelling per moment
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):  # a naive datetime too
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return None if value == "" else value


def snapshot(values: Mapping[str, Any]) -> str:
    """The fields a form shows, for its hidden `_seen` field."""
    return json.dumps({name: plain(value) for name, value in values.items()})


def shown(seen: str | None) -> dict[str, Any]:
    """The fields a form's `_seen` held; none for a missing or unreadable one, so such a save
    writes what it sends, as the API does."""
    try:
        held = json.loads(seen) if seen else {}
    except ValueError:
        return {}
    return held if isinstance(held, dict) else {}


def untouched(clean: Mapping[str, Any], seen: str | None) -> set[str]:
    """The fields of a save sent back as its form showed them: they are left as they are now,
    since someone else may have changed them meanwhile."""
    held = shown(seen)
    return {name for name, value in clean.items() if name in held and plain(value) == held[name]}


def without_untouched(clean: Mapping[str, Any], seen: str | None) -> dict[str, Any]:
    """`clean` without the fields sent back as shown."""
    same = untouched(clean, seen)
    return {name: value for name, value in clean.items() if name not in same}


def sent(data: Mapping[str, Any]) -> str | None:
    """The `_seen` a posted form carries, if any."""
    return str(data.get(FIELD) or "") or None
