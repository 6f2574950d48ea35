"""What a search asks for, read the same way from a page's address and from the API's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kring.choices import Language
from kring.messages import N_
from kring.validation import FieldError, only_digits
from library.choices import ItemKind
from library.search import MAX_PAGE, Filters

MAX_QUERY = 1000
MAX_TAG = 40


@dataclass(frozen=True)
class SearchRequest:
    text: str
    filters: Filters
    page: int


def parse_search(raw: Mapping[str, str], include_retired: bool) -> SearchRequest:
    """A FieldError names a parameter that is not one of the allowed values."""
    text = str(raw.get("q") or "")
    if len(text) > MAX_QUERY:
        raise FieldError(
            "q",
            N_("the search is %(length)s characters long; at most %(limit)s allowed"),
            length=len(text),
            limit=MAX_QUERY,
        )
    kind = str(raw.get("kind") or "").strip()
    if kind and kind not in {k.value for k in ItemKind}:
        raise FieldError("kind", N_("%(value)r is not a kind of item"), value=kind[:40])
    language = str(raw.get("language") or "").strip()
    if language and language not in {lang.value for lang in Language}:
        raise FieldError(
            "language", N_("%(value)r is not a language of the library"), value=language[:40]
        )
    tag = str(raw.get("tag") or "").strip()
    if len(tag) > MAX_TAG:
        raise FieldError("tag", N_("tag %(tag)r is longer than 40 characters"), tag=tag[:50])
    page_text = str(raw.get("page") or "1").strip()
    if not only_digits(page_text) or len(page_text) > 4 or not 1 <= int(page_text) <= MAX_PAGE:
        raise FieldError(
            "page", N_("the page must be a number from 1 to %(limit)s"), limit=MAX_PAGE
        )
    filters = Filters(kind or None, language or None, tag, include_retired)
    return SearchRequest(text, filters, int(page_text))
