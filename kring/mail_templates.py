"""Plain-text mail templates in the recipient's language, shared by every module that mails.

Templates live under `kring/templates` and use `_()` like the pages, so one catalogue
translates both; the first line is the subject, the rest the body.
"""

from __future__ import annotations

from functools import cache, partial
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from kring.i18n import gettext_for, show_date
from kring.settings import get_settings
from kring.validation import format_phone
from kring.vocabulary import label, organisation_phrase
from kring.web.templating import TEMPLATES
from kring.writable import writable_output


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=False,  # noqa: S701 - plain-text mails, never HTML
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        finalize=writable_output,  # what an older row holds shows as U+FFFD (kring.writable)
    )


def render(template: str, language: str, **context: Any) -> tuple[str, str]:
    """Subject and body of ``template`` (a path under kring/templates) in ``language``.

    ``base_url`` defaults to the environment's; a caller sending with other settings passes it.
    """
    helpers: dict[str, Any] = {
        "_": gettext_for(language),
        "label": partial(label, gettext=gettext_for(language)),
        "organisation_phrase": partial(organisation_phrase, gettext=gettext_for(language)),
        "show_date": partial(show_date, language=language),
        "show_phone": lambda e164: format_phone(e164) if e164 else "",
        "base_url": get_settings().base_url,
    }
    text = _environment().get_template(template).render(helpers | context)
    subject, _, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"
