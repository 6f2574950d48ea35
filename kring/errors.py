"""Domain errors. Web handlers turn them into 4xx answers; none of them is ever a 500."""

from __future__ import annotations

from kring.validation import FieldError


class DomainError(Exception):
    status_code = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """Also used for what exists but the viewer may not see: its existence is not revealed."""

    status_code = 404


class Forbidden(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409


class TooManyAttempts(DomainError):
    status_code = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


__all__ = ["Conflict", "DomainError", "FieldError", "Forbidden", "NotFound", "TooManyAttempts"]
