"""What a form shows when a submission is refused: the message beside the field it names, and
the same message in the summary at the top of the page, in the viewer's language."""

from __future__ import annotations

from dataclasses import dataclass

from kring.errors import DomainError
from kring.messages import Gettext, field_key, field_label, translate
from kring.validation import FieldError


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
