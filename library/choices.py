"""Closed vocabularies of the library, with the labels pages show for them."""

from enum import StrEnum

from kring.vocabulary import N_


class ItemKind(StrEnum):
    article = "article"
    slides = "slides"  # the slides of a past event, often a speaker's own
    guide = "guide"
    template = "template"
    link = "link"


class BodyFormat(StrEnum):
    markdown = "markdown"
    plain = "plain"


KIND_LABELS = {
    ItemKind.article: N_("article"),
    ItemKind.slides: N_("slides of an event"),
    ItemKind.guide: N_("guide"),
    ItemKind.template: N_("template"),
    ItemKind.link: N_("link"),
}
FORMAT_LABELS = {
    BodyFormat.markdown: N_("Markdown"),
    BodyFormat.plain: N_("plain text"),
}
LANGUAGE_LABELS = {"nl": N_("Dutch"), "en": N_("English")}
