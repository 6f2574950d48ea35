import pytest
from hypothesis import given
from hypothesis import strategies as st

from kring.validation import (
    FieldError,
    enterprise_number_is_valid,
    format_phone,
    normalise_email,
    normalise_enterprise_number,
    normalise_phone,
    normalise_tags,
    normalise_website,
    require_text,
)


@pytest.mark.parametrize(
    "raw",
    [
        "0417.497.106",
        "0417497106",
        "BE 0417 497 106",
        "be0417.497.106",
        "417497106",
        "0417-497-106",
    ],
)
def test_enterprise_number_is_normalised_to_dotted_form(raw):
    assert normalise_enterprise_number(raw) == "0417.497.106"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("0417.497.107", "mod-97"),
        ("2417.497.106", "start with 0 or 1"),
        ("04174971", "has 8 digits"),
        ("0417.497.1O6", "not an enterprise number"),
    ],
)
def test_invalid_enterprise_number_names_the_field_and_the_problem(raw, reason):
    with pytest.raises(FieldError) as error:
        normalise_enterprise_number(raw)
    assert error.value.field == "enterprise_number"
    assert reason in error.value.message


@given(st.integers(min_value=0, max_value=19_999_999))
def test_every_number_with_its_check_digits_is_valid(base):
    head = f"{base:08d}"
    digits = head + f"{97 - int(head) % 97:02d}"
    assert enterprise_number_is_valid(digits)


@given(st.integers(min_value=0, max_value=19_999_999), st.integers(0, 9), st.integers(1, 9))
def test_a_single_wrong_digit_is_always_caught(base, position, delta):
    head = f"{base:08d}"
    digits = list(head + f"{97 - int(head) % 97:02d}")
    digits[position] = str((int(digits[position]) + delta) % 10)
    assert not enterprise_number_is_valid("".join(digits))


def test_belgian_phone_numbers_are_stored_in_e164():
    assert normalise_phone("09 264 12 34") == "+3292641234"
    assert normalise_phone("0470 12 34 56") == "+32470123456"
    assert normalise_phone("+31 20 123 4567") == "+31201234567"


def test_impossible_phone_number_is_refused_with_field():
    with pytest.raises(FieldError) as error:
        normalise_phone("12", field="phone")
    assert error.value.field == "phone"


@pytest.mark.parametrize("typed", ["0493 35 40 36 ext. 12", "09 264 12 34 x 5"])
def test_a_phone_extension_is_refused_not_dropped(typed):
    with pytest.raises(FieldError) as error:
        normalise_phone(typed, field="phone")
    assert error.value.field == "phone" and "extension" in error.value.message


def test_email_domain_is_lower_cased_and_bad_syntax_refused():
    assert normalise_email("An.Peeters@Example.BE") == "An.Peeters@example.be"
    with pytest.raises(FieldError):
        normalise_email("an.peeters@")


def test_website_gets_a_scheme_and_other_schemes_are_refused():
    assert normalise_website("www.kring.be") == "https://www.kring.be"
    with pytest.raises(FieldError):
        normalise_website("javascript:alert(1)")


def test_tags_are_lower_cased_deduplicated_and_limited():
    assert normalise_tags(["ISO 9001", "iso  9001", " Lean "]) == ["iso 9001", "lean"]
    with pytest.raises(FieldError):
        normalise_tags([f"tag{i}" for i in range(21)])


def test_a_stored_text_that_is_no_phone_number_is_shown_as_it_is():
    """Stored by hand (or, once, through the admin): the member's page answered 500."""
    assert format_phone("abc") == "abc"
    assert format_phone("+3292641234") == "09 264 12 34"


def test_the_member_page_shows_a_stored_phone_that_is_no_number(client):
    from kring.choices import Role
    from kring.tables import Member
    from tests import factories
    from tests.conftest import run

    admin = factories.account(Role.admin)
    member_id = factories.member(None)
    run(Member.update({Member.phone: "abc"}).where(Member.id == member_id))
    factories.log_in(client, admin.email)
    page = client.get(f"/members/{member_id}", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "<dd>abc</dd>" in page.text


@pytest.mark.parametrize("invisible", ["\u200b\u200b", "\u200e \u200f", "\ufeff\u2060", " \u200d "])
def test_a_required_text_of_only_invisible_characters_is_empty(invisible):
    """Zero-width spaces and direction marks made a challenge with a title nobody could see."""
    with pytest.raises(FieldError) as refused:
        require_text(invisible, "title", 200)
    assert refused.value.field == "title" and refused.value.template == "is required"
    assert require_text("ISO\u200b9001", "title", 200) == "ISO\u200b9001"
