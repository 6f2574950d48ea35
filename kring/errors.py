"""Domain errors. Web handlers turn them into 4xx answers; none of them is ever a 500."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kring.messages import Gettext, english, translate
from kring.validation import FieldError


class DomainError(Exception):
    status_code = 400
    back_to: tuple[str, str] | None = None
    """(path, N_ message id): where the error page leads back to, for a page that belongs to
    a place of its own (the privacy desk); None: the page the form was sent from, if any."""

    def __init__(
        self,
        message: str,
        field: str | None = None,
        *,
        also: Sequence[str] = (),
        **params: Any,
    ) -> None:
        """`message` may be an `N_`-marked id with `%(name)s` parameters: a form shows it in
        the viewer's language (`kring.web.form_errors`), the API in English. `also` names
        further fields the message is about besides `field` (the API lists each in `errors`)."""
        self.template = message
        self.params = params
        self.message = english(message, params)
        super().__init__(self.message)
        self.field = field
        self.also = tuple(also)

    def translate(self, gettext: Gettext) -> str:
        return translate(self.template, self.params, gettext)


class NotFound(DomainError):
    """Also used for what exists but the viewer may not see: its existence is not revealed."""

    status_code = 404


class NotLoggedIn(DomainError):
    """Who asks must log in first: a page's GET is sent to the login, which brings the person
    back (`kring.web.errors`)."""

    status_code = 401


class Forbidden(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409


class TooLarge(DomainError):
    """A body or an uploaded file above its limit: answered 413."""

    status_code = 413


class TooManyAttempts(DomainError):
    status_code = 429

    def __init__(self, message: str, retry_after: int, **params: Any) -> None:
        super().__init__(message, **params)
        self.retry_after = retry_after


__all__ = [
    "Conflict",
    "DomainError",
    "FieldError",
    "Forbidden",
    "NotFound",
    "TooLarge",
    "TooManyAttempts",
]
