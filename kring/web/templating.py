"""Rendering pages: every template gets the viewer, the language, `_` and date formatting."""

from __future__ import annotations

import html
import re
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from litestar import Request, Response
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template
from litestar.template.config import TemplateConfig
from markupsafe import Markup, escape

from kring.i18n import (
    gettext_for,
    ngettext_for,
    pick_language,
    show_date,
    show_number,
    show_period,
    show_zone,
)
from kring.menu import Group, current_entry, menu_for
from kring.messages import field_label, shown
from kring.same_site import same_site_path
from kring.seen import EditedMeanwhile
from kring.settings import get_settings
from kring.typed_dates import day_text, moment_text
from kring.validation import format_phone
from kring.vocabulary import label, organisation_phrase, show_value
from kring.web import flash
from kring.web.form_errors import by_field, form_errors
from kring.writable import writable_output

LANGUAGE_COOKIE = "kring_lang"
TEMPLATES = Path(__file__).parent.parent / "templates"
STATIC = Path(__file__).parent.parent / "static"


def language_of(request: Request, reader_language: str | None = None) -> str:
    """The language chosen on this device; else the reader's own when the page knows who reads
    it (an unsubscribe link names its member); else the network's."""
    default = pick_language(reader_language, get_settings().default_language)
    return pick_language(request.cookies.get(LANGUAGE_COOKIE), default)


def _context(
    request: Request, context: dict[str, Any], reader_language: str | None = None
) -> dict[str, Any]:
    language = language_of(request, reader_language)
    _ = gettext_for(language)
    viewer = request.scope.get("user")
    entries = request.app.state.get("menu", ())  # the apps' entries, set by the app's builder
    errors = form_errors(context.get("error"), _)
    return {
        "_": _,
        "ngettext": ngettext_for(language),
        "lang": language,
        "viewer": viewer,
        "menu": menu_for(viewer, entries),
        "account_menu": menu_for(viewer, entries, Group.account),
        "manage_menu": menu_for(viewer, entries, Group.manage),
        "current_menu": current_entry(request.url.path, entries),
        "show_date": partial(show_date, language=language),
        "show_period": partial(show_period, language=language),
        "show_zone": partial(show_zone, language=language),
        "show_number": partial(show_number, language=language),
        "label": partial(label, gettext=_),
        "organisation_phrase": partial(organisation_phrase, gettext=_),
        "show_value": partial(show_value, gettext=_, language=language),
        "field_label": partial(field_label, gettext=_),
        "form_error": errors[0] if errors else None,
        "form_errors": errors,
        "field_errors": by_field(errors),
        # The fields a save would have overwritten, each with its value now (`field()` shows it
        # beside the person's, the page's `theirs` in the form's own spelling where it has one).
        "meanwhile": error.stored
        if isinstance(error := context.get("error"), EditedMeanwhile)
        else {},
        "theirs": {},
        "shown": partial(shown, gettext=_),
        "show_phone": lambda e164: format_phone(e164) if e164 else "",
        "path": _page_path(request),
        "flash": shown_flash.shown(_) if (shown_flash := flash.read(request)) else None,
        "flash_refused": shown_flash is not None and shown_flash.tone == "refused",
        **context,
    }


def _page_path(request: Request) -> str:
    """The address the language links return to: this page's own, or for a page answered to a
    form (a POST that refused what was typed) the page the form was on, since opening the
    form's address would be a 405; the start page when that is not known."""
    if request.method in ("GET", "HEAD"):
        return request.url.path
    return referring_page(request) or "/"


def page(
    request: Request,
    template: str,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    reader_language: str | None = None,
    **context: Any,
) -> Template:
    return Template(
        template_name=template,
        context=_context(request, context, reader_language),
        status_code=status_code,
        headers=headers,
        # A message is shown once: the page that shows it clears it.
        cookies=[flash.cleared()] if flash.FLASH_COOKIE in request.cookies else None,
    )


def render_error(
    request: Request,
    status: int,
    title: str,
    detail: str,
    headers: dict[str, str],
    explanation: str = "",
    detail_language: str = "",
    back_to: tuple[str, str] | None = None,
) -> Response[Any]:
    """`title` and `explanation` are message ids; `detail` is already in `detail_language`;
    `back_to` (a path and the message id of its link) leads back to where the error belongs."""
    return page(
        request,
        "error.html",
        status_code=status,
        headers=headers,
        title=title,
        detail=detail,
        explanation=explanation,
        detail_language=detail_language,
        # A refused upload, or any refused form: back to the page it was sent from.
        back=back_to[0]
        if back_to
        else referring_page(request)
        if status == 413 or request.method not in ("GET", "HEAD")
        else "",
        back_label=back_to[1] if back_to else "",
    )


def referring_page(request: Request) -> str:
    """The page of this site a refused upload or form was sent from (its Referer), so the
    error page leads back to it; "" for another site or anything else."""
    try:
        parts = urlsplit(request.headers.get("referer", ""))
    except ValueError:  # "http://[x": an unreadable address is nobody's page
        return ""
    if parts.scheme not in ("http", "https") or parts.netloc != request.url.netloc:
        return ""
    return same_site_path(parts.path + (f"?{parts.query}" if parts.query else "")) or ""


def lines(text: object) -> Markup:
    """The `lines` filter: a text typed line by line in a text area (a challenge, a programme, an
    address) shows its lines, each escaped, with a <br> between them; a plain paragraph ran them
    together. Pages use it for every such text, so all of them read alike."""
    if text is None:
        return Markup("")
    return Markup("<br>").join(escape(line) for line in str(text).splitlines())


def address(text: object) -> Markup:
    """The `address` filter: an e-mail address may break after a dot or before its @ (a <wbr>
    there), so a narrow column wraps it where a reader expects, not in the middle of a name."""
    if text is None:
        return Markup("")
    pieces = re.split(r"(?<=\.)|(?=@)", str(text))
    return Markup("<wbr>").join(escape(piece) for piece in pieces)


_TAG = re.compile(r"<[^>]*>")


def label_on_page(name: str, page: str, field: str) -> str:
    """The `label_on_page` filter: the error summary names a field as the page's own label does
    ("Persoon: lidnummer, naam of e-mailadres"), where the shared name of the field
    (`kring.messages.FieldNames`: "Lidnummer") may be shorter or other; `name` where the page
    has no label for it (a group of round buttons has a legend)."""
    opening = f'<label for="field-{field}">'
    start = page.find(opening)
    end = page.find("</label>", start) if start >= 0 else -1
    if end < 0:
        return name
    text = " ".join(html.unescape(_TAG.sub("", page[start + len(opening) : end])).split())
    return text or name


def _configure(engine: JinjaTemplateEngine) -> None:
    """What an older row holds (a NUL, a U+202E that reverses a name) shows as U+FFFD; typed
    texts keep their lines (`lines`); e-mail addresses break where a reader expects (`address`)."""
    engine.engine.finalize = writable_output
    engine.engine.filters["lines"] = lines
    engine.engine.filters["address"] = address
    engine.engine.filters["label_on_page"] = label_on_page
    engine.engine.filters["day_text"] = day_text
    engine.engine.filters["moment_text"] = moment_text


def template_config() -> TemplateConfig:
    return TemplateConfig(
        directory=TEMPLATES, engine=JinjaTemplateEngine, engine_callback=_configure
    )
