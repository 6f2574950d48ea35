"""Helpers for HTML forms: reading them and sending people somewhere safe afterwards."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from litestar import Request
from litestar.response import Redirect

from kring.messages import N_
from kring.same_site import same_site_path
from kring.validation import Checks, FieldError, FieldErrors, refuse_control_characters_in
from kring.web.flash import ALSO, Tone, attach
from kring.web.inputs import KEEPS_TYPED_FORM, KEEPS_TYPED_QUERY, form_text
from kring.web.query import refuse_undecodable_parameters


class RefusedForm(FieldErrors):
    """A form refused before its handler saw it (a control character, a text too long), with
    every field as typed in `data`: the page shows its form again with the input kept and each
    refused field's message beside it, instead of a bare error page that lost what was typed.
    The data is only ever shown again, never stored; pages that do not catch it answer as
    before."""

    def __init__(self, refusal: FieldError, data: dict[str, Any]) -> None:
        super().__init__([refusal])
        self.data = data


async def form_data(request: Request, lists: Collection[str] = ()) -> dict[str, Any]:
    """The submitted fields as strings; those named in `lists` (a multiple select) as lists.
    Any other field sent twice (`title=a&title=b`) is refused: handlers read one text, and a
    list reached them as "['a', 'b']" or failed as a 500. A field refused at the edge raises
    `RefusedForm`, which holds the rest of what was typed."""
    try:
        form = await request.form()
    except FieldError as refusal:
        if refusal.field == "body":  # a broken body or field name: nothing to show again
            raise
        form = await Request.form(request)  # parsed already; its texts are only shown again
        raise RefusedForm(refusal, _shown_again(form, lists)) from None
    for key in form:  # a route that keeps what was typed (KEEPS_TYPED_FORM) is checked here
        refuse_control_characters_in(key, "body")
    checks = Checks()  # every refused field at once, each message beside its field
    for key in form:
        if key not in lists and key != "_csrf_token" and len(form.getall(key)) > 1:
            checks.add(FieldError(key, N_("was sent more than once; send one value")))
            continue
        texts = [value for value in form.getall(key) if isinstance(value, str)]
        with checks:
            refuse_control_characters_in(texts[0] if len(texts) == 1 else texts, key)
        if not checks.refused(key):
            with checks:
                for value in form.getall(key):
                    form_text(key, value)
    try:
        checks.done()
    except FieldError as refusal:
        raise RefusedForm(refusal, _shown_again(form, lists)) from None
    return _fields(form, lists, form_text)


def query_data(request: Request, names: Collection[str]) -> dict[str, str]:
    """A search page's query parameters `names` as texts ("" when absent), checked as form
    fields are (`form_data`). A refused one (sent twice, a control character, a lost
    character) raises `RefusedForm` holding every one of them as typed, so the page shows its
    search form again with the words kept and the message at the field. Its route declares
    `keeps_typed_search(*names)`."""
    query = request.query_params
    typed = {name: _as_text(name, (query.getall(name, []) or [""])[0]) for name in names}
    checks = Checks()
    try:
        values = {name: str(query.get(name, "")) for name in names}
    except FieldError as refusal:  # sent twice
        raise RefusedForm(refusal, typed) from None
    for name, value in values.items():
        with checks:
            refuse_control_characters_in(value, name)
            form_text(name, value)
    try:
        checks.done()
    except FieldError as refusal:
        raise RefusedForm(refusal, typed) from None
    return values


def keeps_typed_search(*names: str) -> dict[str, frozenset[str]]:
    """The `opt` of a search page that reads the query parameters `names` through
    `query_data`: those are left to it, every other is checked before the page runs."""
    return {KEEPS_TYPED_QUERY: frozenset(names)}


KEEPS_TYPED = {KEEPS_TYPED_FORM: True}
"""The `opt` of a page route whose refused form comes back with what was typed: it catches
`RefusedForm` from `form_data`."""


def _fields(form: Any, lists: Collection[str], text: Callable[[str, Any], Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key in form:
        if key == "_csrf_token":
            continue
        values = [text(key, value) for value in form.getall(key)]
        if key in lists:
            data[key] = values
        elif len(values) > 1:
            raise FieldError(key, N_("was sent more than once; send one value"))
        else:
            data[key] = values[0]
    return data


def _shown_again(form: Any, lists: Collection[str]) -> dict[str, Any]:
    """What was typed, to show in the form again beside its refusals: texts only, and the
    first value of a field sent twice."""
    return {
        key: [_as_text(key, value) for value in form.getall(key)]
        if key in lists
        else _as_text(key, form.getall(key)[0])
        for key in form
        if key != "_csrf_token"
    }


def _as_text(_key: str, value: object) -> str:
    return value if isinstance(value, str) else ""


def safe_next(target: str | None, default: str = "/") -> str:
    """Only paths on this site (`kring.same_site`): a crafted `next` must not send people
    elsewhere."""
    return same_site_path(target) or default


def see_other(
    path: str,
    flash: str | None = None,
    *,
    refused: bool = False,
    values: Mapping[str, str] | None = None,
    also: Sequence[str] = (),
) -> Redirect:
    """Back to a page after an action; `flash` (an English message id, `values` its
    parameters) is shown there once, as a refusal when the action did not happen, followed by
    the sentences `also` (message ids without parameters)."""
    response = Redirect(path, status_code=303)
    tone: Tone = "refused" if refused else "done"
    message = ALSO.join([flash, *also]) if flash else None
    return attach(response, message, tone, values) if message else response


def typed_search(request: Request, name: str = "q") -> str:
    """A search page's words as typed; a refused search (`RefusedForm`) keeps them for the
    form. An escape of bytes that make no UTF-8 text is named as such, the lost byte left out
    of what the form shows again."""
    try:
        refuse_undecodable_parameters(request.scope.get("query_string", b""))
    except FieldError as refusal:
        typed = str((request.query_params.getall(name, []) or [""])[0]).replace("\ufffd", "")
        raise RefusedForm(refusal, {name: typed}) from None
    return query_data(request, [name])[name]
