"""A body of 20,000 `[` (the longest a body may be) rendered in 1.7 s on a loaded server, where
prose of that length takes milliseconds: markdown-it's link and image rules looked for the
label's `]` from every `[`, through each `[` after it up to 20 deep, so every character cost
20 of its token look-ups. A `[` after the text's last `](` can open no link, and is text at once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from library.items import BODY_LIMIT
from library.rendering import _markdown, body_html

PARAGRAPH = (
    "Plan de **interne audits** per proces en kies auditoren uit _andere_ afdelingen. Zie de "
    "[checklist](https://example.org/checklist) en `ISO 9001` (clausule 9.2) <https://x.be>.\n\n"
)
PROSE = (PARAGRAPH * (BODY_LIMIT // len(PARAGRAPH) + 1))[:BODY_LIMIT]
RUNS = {
    "[": "[" * BODY_LIMIT,
    "![": "![" * (BODY_LIMIT // 2),
    "[x": "[x" * (BODY_LIMIT // 2),
    "[ and one ]": "[" * (BODY_LIMIT - 1) + "]",
    "[^": "[^" * (BODY_LIMIT // 2),
    "[<": "[<" * (BODY_LIMIT // 2),
    "[`": "[`" * (BODY_LIMIT // 2),
    "([": "([" * (BODY_LIMIT // 2),
    "[ on lines": "[\n" * (BODY_LIMIT // 2),
    "(": "(" * BODY_LIMIT,
    "*": "*" * BODY_LIMIT,
    "_": "_" * BODY_LIMIT,
    "`": "`" * BODY_LIMIT,
    "<": "<" * BODY_LIMIT,
    "*a": "*a" * (BODY_LIMIT // 2),
    "&": "&" * BODY_LIMIT,
}


@contextmanager
def _look_ups() -> Iterator[list[int]]:
    """How often the inline parser looks a token up ahead (markdown-it's skipToken), which a
    link's label search does once for each character it passes."""
    inline = _markdown().inline
    counted = [0]
    skip = inline.skipToken

    def counting(state):
        counted[0] += 1
        skip(state)

    inline.skipToken = counting
    try:
        yield counted
    finally:
        del inline.skipToken


def _seconds(body: str) -> float:
    fastest = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        body_html(body, "markdown")
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


@pytest.mark.parametrize("run", RUNS)
def test_a_run_of_markup_costs_at_most_one_look_ahead_a_character(run):
    body = RUNS[run]
    with _look_ups() as counted:
        body_html(body, "markdown")
    assert counted[0] <= len(body), counted[0]


def test_a_run_of_markup_renders_about_as_fast_as_prose_of_its_length():
    """A net under the look-up count, loose on purpose (a loaded machine, and emphasis runs
    such as `*a` cost markdown-it 3 to 6 times prose of their length): what grows faster than
    the body fails it at 20,000 characters. Lines cost markdown-it a paragraph's continuation
    each: `[` on lines is held to as many lines of a word."""
    prose = _seconds(PROSE)
    lines = _seconds("a\n" * (BODY_LIMIT // 2))
    for run, body in RUNS.items():
        normal = lines if "\n" in body else prose
        assert _seconds(body) < 10 * normal + 0.05, run


def test_links_and_images_still_render_where_brackets_abound():
    body = "[[a](https://a.be) [b] ![c](https://c.be/c.png) [d][r] [[[\n\n[r]: https://r.be"
    assert str(body_html(body, "markdown")) == (
        '<p>[<a href="https://a.be">a</a> [b] <a href="https://c.be/c.png">c</a> '
        '<a href="https://r.be">d</a> [[[</p>\n'
    )
