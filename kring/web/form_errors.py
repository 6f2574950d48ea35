"""What a form shows when a submission is refused: each message beside the field it names, and
every message in the summary at the top of the page, in the viewer's language. A FieldErrors
(`kring.validation.Checks`) refuses several fields at once."""

from __future__ import annotations

from dataclasses import dataclass

from kring.errors import DomainError
from kring.messages import Gettext, field_key, field_label, translate
from kring.validation import FieldError, FieldErrors


@dataclass(frozen=True)
class FormError:
    """`field` is the form field's name (`tags` for `tags[2]`), or None for a general error."""

    field: str | None
    label: str
    message: str


def form_error(error: object, gettext: Gettext) -> FormError | None:
    """A page's `error` as a form shows it; other values (a page's own flags) give None."""
    if isinstance(error, FieldError):
        return FormError(
            field_key(error.field), field_label(error.field, gettext), error.translate(gettext)
        )
    if isinstance(error, DomainError):
        message = translate(error.template, error.params, gettext)
        if error.field:
            return FormError(field_key(error.field), field_label(error.field, gettext), message)
        return FormError(None, "", message)
    return None


def form_errors(error: object, gettext: Gettext) -> list[FormError]:
    """Every refusal in a page's `error`, in the order the fields were checked."""
    if isinstance(error, FieldErrors):
        return [shown for e in error.errors if (shown := form_error(e, gettext))]
    shown = form_error(error, gettext)
    return [shown] if shown else []


def by_field(errors: list[FormError]) -> dict[str, FormError]:
    """The first refusal of each field: the one shown beside it."""
    found: dict[str, FormError] = {}
    for error in errors:
        if error.field is not None:
            found.setdefault(error.field, error)
    return found
