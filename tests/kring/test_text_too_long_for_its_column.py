"""A text longer than its column, which only PostgreSQL refuses, is said as what it is.

Every `asyncpg.DataError` answered 400 "a number in the request is out of range": when a
mail's refusal code ('bad_address') did not fit its column, a member's registration got that
answer, naming a number nobody sent, and nothing in the log said it was ours (90e6620).
"""

from __future__ import annotations

import logging

import asyncpg

from kring.i18n import gettext_for
from kring.web.errors import describe


def test_a_text_too_long_for_its_column_is_named_and_logged(caplog):
    exc = asyncpg.StringDataRightTruncationError("value too long for type character varying(10)")
    with caplog.at_level(logging.ERROR, logger="kring.web"):
        status, detail, _, _ = describe(exc)
    assert status == 400
    assert detail == "a text in the request is longer than can be stored"
    assert gettext_for("nl")(detail) != detail  # in Dutch on a page
    assert "value too long for type character varying(10)" in caplog.text


def test_a_number_out_of_range_keeps_its_own_words():
    status, detail, _, _ = describe(asyncpg.NumericValueOutOfRangeError("integer out of range"))
    assert (status, detail) == (400, "a number in the request is out of range")
