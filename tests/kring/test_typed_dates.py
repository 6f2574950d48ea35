"""Dates typed in a form's text field: dd-mm-jjjj as the page asks, with / or . too, and ISO as
the API and older forms send it; shown again as the field asks for them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kring.typed_dates import day_text, moment_text, read_day, read_moment


@pytest.mark.parametrize(
    "typed", ["05-01-2027", "5-1-2027", "05/01/2027", "5.1.2027", " 2027-01-05 "]
)
def test_a_day_reads_as_typed_on_a_dutch_page_or_as_iso(typed):
    assert read_day(typed) == date(2027, 1, 5)


@pytest.mark.parametrize(
    "typed", ["05-01-2027 14:30", "5-1-2027, 14:30", "05/01/2027 14.30", "2027-01-05T14:30"]
)
def test_a_moment_reads_as_typed_on_a_dutch_page_or_as_iso(typed):
    assert read_moment(typed) == datetime(2027, 1, 5, 14, 30)


@pytest.mark.parametrize("typed", ["31-02-2027", "01-13-2027", "2027", "05-01-27", "gisteren", ""])
def test_what_is_no_day_is_refused(typed):
    with pytest.raises(ValueError):
        read_day(typed)


def test_a_moment_needs_its_time():
    with pytest.raises(ValueError):
        read_moment("05-01-2027")


def test_a_saved_value_shows_as_the_field_asks_and_a_refused_one_as_typed():
    assert day_text("2027-01-05") == day_text(date(2027, 1, 5)) == "05-01-2027"
    assert moment_text("2027-01-05T14:30") == moment_text(datetime(2027, 1, 5, 14, 30))
    assert moment_text("2027-01-05T14:30:00") == "05-01-2027 14:30"
    assert day_text("31-02-2027") == "31-02-2027" and day_text(None) == ""


@pytest.mark.parametrize(
    "typed", ["20270105", "2027-W01-2", "2027W012", "2027-1-5", "2027-01-05T00:00"]
)
def test_iso_spellings_no_page_asks_for_are_refused(typed):
    """date.fromisoformat reads these too; the audit page took 20270105 where the API refused it."""
    with pytest.raises(ValueError):
        read_day(typed)
