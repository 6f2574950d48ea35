"""Rows as JSON-ready values; credentials are withheld (they are secrets, not information)."""

from __future__ import annotations

import base64
import json
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from kring.messages import N_

WITHHELD = N_("[withheld: a credential]")
CREDENTIALS = frozenset({"password_hash", "token_hash", "token"})


def plain(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def row(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _cell(name, value, values) for name, value in values.items()}


def _cell(name: str, value: Any, values: dict[str, Any]) -> Any:
    if name in CREDENTIALS and value:
        return WITHHELD
    if name == "content" and isinstance(value, bytes) and "sha256" in values:
        # an uploaded file (kring.uploads.FileColumns): the copy itself, in the usual encoding
        return {"base64": base64.b64encode(value).decode("ascii")}
    return plain(value)
