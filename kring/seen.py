"""What an edit form showed, so a save writes only what its person changed.

A page form sends every field it shows, so a save wrote back what the form held when it was
opened, silently undoing a change another person made meanwhile. Each edit form therefore
carries the record as it showed it in a hidden `_seen` field (`snapshot`); on saving, the fields
sent back as they were shown (`untouched`) are left as they are now. A field both this save and
someone else changed since (to other values) is never silently overwritten: the save is refused
with `EditedMeanwhile` (409), and the form shows both values and lets its person choose.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from kring.messages import N_
from kring.validation import FieldError, FieldErrors

FIELD = "_seen"
KEEP = "_keep."
"""A conflicting field's box on the refused form (`_keep.title`): ticked, the value saved
meanwhile stays and the person's is dropped."""
KEPT = "_kept"
"""Where `sent` writes the fields so ticked into the `_seen` it returns."""
MEANWHILE = N_(
    "was changed by someone else while you had this form open; choose which value to keep"
)


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
    kept = _kept(held)
    return {
        name
        for name, value in clean.items()
        if name in kept or (name in held and plain(value) == held[name])
    }


def without_untouched(
    clean: Mapping[str, Any], seen: str | None, now: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """`clean` without the fields sent back as shown; with `now` (the record as its form would
    show it now) refused first if it overwrites a change saved meanwhile (`check_meanwhile`)."""
    if now is not None:
        check_meanwhile(clean, seen, now)
    same = untouched(clean, seen)
    return {name: value for name, value in clean.items() if name not in same}


class EditedMeanwhile(FieldErrors):
    """A save that would overwrite what someone else saved in the same field since the form
    showed it. `stored` holds each such field's value now (as `plain` writes it); `seen` is the
    `_seen` the refused form carries on: those fields as they are now, so a second save writes
    the person's value, unless they keep the stored one (`KEEP`)."""

    status_code = 409

    def __init__(self, stored: dict[str, Any], seen: str) -> None:
        super().__init__([FieldError(name, MEANWHILE) for name in stored])
        self.stored = stored
        self.seen = seen


def check_meanwhile(clean: Mapping[str, Any], seen: str | None, now: Mapping[str, Any]) -> None:
    """Refuses (`EditedMeanwhile`) a save of a field that both its person and someone else
    changed since the form showed it, to different values: one of the two would be lost
    without a word. `clean` and `now` are shaped as the form's snapshot; without `_seen`
    (the API) nothing is refused."""
    held = shown(seen)
    kept = _kept(held)
    stored: dict[str, Any] = {}
    for name, value in clean.items():
        if name in kept or name not in held or name not in now:
            continue
        before, mine, theirs = held[name], plain(value), plain(now[name])
        if mine != before and theirs != before and mine != theirs:
            stored[name] = theirs
    if stored:
        raise EditedMeanwhile(stored, json.dumps(held | stored))


def _kept(held: Mapping[str, Any]) -> set[str]:
    kept = held.get(KEPT)
    return {str(name) for name in kept} if isinstance(kept, list) else set()


def sent(data: Mapping[str, Any]) -> str | None:
    """The `_seen` a posted form carries, if any, with the fields whose stored value its
    person chose to keep (`KEEP`) named in it."""
    value = data.get(FIELD)
    if isinstance(value, list):  # a form read as lists
        value = value[0] if value else None
    seen = str(value or "") or None
    kept = sorted(
        key.removeprefix(KEEP) for key, ticked in data.items() if key.startswith(KEEP) and ticked
    )
    if not seen or not kept:
        return seen
    held = shown(seen)
    return json.dumps(held | {KEPT: sorted(_kept(held) | set(kept))}) if held else seen


def again(error: Exception, seen: str | None) -> tuple[int, str | None]:
    """The status and the `_seen` of a form shown again after `error`: 409 and the fields as
    they are now after a save refused as edited meanwhile (so the next save writes what its
    person chooses); else 400 and what it carried."""
    if isinstance(error, EditedMeanwhile):
        return 409, error.seen
    return 400, seen
