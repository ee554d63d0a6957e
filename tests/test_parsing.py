import datetime as dt
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from ucj.core.i18n import t
from ucj.core.parsing import (
    ParseError,
    add_months,
    number_convention,
    parse_count,
    parse_money,
    parse_number,
    parse_pct,
    parse_period,
    period_range,
)


@pytest.mark.parametrize(
    "text, convention, expected",
    [
        ("12.320", "id", 12320),
        ("1.234.567", None, 1234567),
        ("12320", None, 12320),
        ("1,234,567", None, 1234567),
        ("12,320", "en", 12320),
        (" 4.519 ", "id", 4519),
        ("0", None, 0),
    ],
)
def test_counts_in_both_forms(text, convention, expected):
    assert parse_count(text, convention) == expected


def test_indonesian_decimal_comma():
    assert parse_number("58,65") == Decimal("58.65")


@pytest.mark.parametrize("text", ["4.000", "4,000"])
def test_ambiguous_number_without_convention_is_an_error_with_both_readings(text):
    # Both readings are whole numbers (4.000 people or 4): nothing in the value says which.
    with pytest.raises(ParseError) as exc:
        parse_count(text)
    assert exc.value.reason == "ambiguous_number"
    assert {int(exc.value.params["as_id"]), int(exc.value.params["as_en"])} == {4000, 4}


@pytest.mark.parametrize("text, expected", [("12.320", 12320), ("220.618", 220618), ("12,320", 12320)])
def test_a_count_has_one_whole_reading(text, expected):
    # The other reading (12,32 or 220,618 people) is not a count.
    assert parse_count(text) == expected


def test_a_proven_english_file_reads_12_320_as_a_fraction():
    with pytest.raises(ParseError) as exc:
        parse_count("12.320", "en")
    assert exc.value.reason == "fractional"


def test_counts_prove_the_convention_of_a_file():
    assert number_convention(["220.618", "90.000"], counts=True) == "id"
    assert number_convention(["220.618", "90.000"]) is None
    assert number_convention(["4.000"], counts=True) is None


@pytest.mark.parametrize(
    "text, reason",
    [("abc", "not_a_number"), ("", "not_a_number"), ("-5", "negative"), ("12.5", "fractional"), ("1,5", "fractional")],
)
def test_bad_counts(text, reason):
    with pytest.raises(ParseError) as exc:
        parse_count(text, "id")
    assert exc.value.reason == reason


def test_file_convention_from_unambiguous_values():
    assert number_convention(["12.320", "1.234.567"]) == "id"
    assert number_convention(["12,320", "1,234,567"]) == "en"
    assert number_convention(["12.320", "500"]) is None
    with pytest.raises(ParseError):
        number_convention(["1.234.567", "1,234,567"])


@pytest.mark.parametrize(
    "value",
    [
        "2025-07",
        "07/2025",
        "7/2025",
        "Juli 2025",
        "JULI 2025",
        "Jul 2025",
        "July 2025",
        "31/07/2025",
        "2025-07-31",
        "1 Juli 2025",
        dt.date(2025, 7, 15),
        dt.datetime(2025, 7, 31, 0, 0),
    ],
)
def test_period_forms(value):
    assert parse_period(value) == "2025-07"


@pytest.mark.parametrize("value", ["Agustus 2025", "Agu 2025", "Ags 2025"])
def test_indonesian_month_abbreviations(value):
    assert parse_period(value) == "2025-08"


@pytest.mark.parametrize("value", ["13/2025", "Juli", "2025", "31/02/2025", "Julei 2025", ""])
def test_bad_periods(value):
    with pytest.raises(ParseError):
        parse_period(value)


@pytest.mark.parametrize(
    "value, expected",
    [("58,65", 58.65), ("58.65", 58.65), ("58.65%", 58.65), ("55", 55.0), (58.65, 58.65), ("58,65 %", 58.65)],
)
def test_percent_forms(value, expected):
    assert parse_pct(value) == expected


@pytest.mark.parametrize("value", ["0", "101", "abc", "1.234,5", "-3"])
def test_bad_percents(value):
    with pytest.raises(ParseError):
        parse_pct(value)


def test_month_arithmetic():
    assert add_months("2025-11", 3) == "2026-02"
    assert period_range("2024-11", "2025-02") == ["2024-11", "2024-12", "2025-01", "2025-02"]


@given(st.integers(min_value=0, max_value=10**9))
def test_formatting_then_parsing_returns_the_same_count(n):
    for locale in ("id", "en"):
        text = format_decimal(n, locale=locale)
        assert parse_count(text, locale) == n


@given(st.integers(min_value=2000, max_value=2100), st.integers(min_value=1, max_value=12))
def test_period_round_trip(year, month):
    p = f"{year:04d}-{month:02d}"
    assert parse_period(p) == p
    assert parse_period(f"{month:02d}/{year}") == p


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A\s{0,2}[0-9]{1,12}\s{0,2}\Z"))
def test_plain_digits_read_as_the_general_reader_reads_them(text):
    # parse_count takes a shortcut for plain digits; it must agree with the general reader.
    from ucj.core.parsing import parse_count, parse_number

    assert parse_count(text) == int(parse_number(text))


@pytest.mark.parametrize(
    "text, amount",
    [
        ("1.000.000.000", 1_000_000_000),
        ("Rp1.000.000.000", 1_000_000_000),
        ("Rp 1.000.000.000,00", 1_000_000_000),
        ("500000000", 500_000_000),
        ("500 juta", 500_000_000),
        ("1,5 M", 1_500_000_000),
        (16_800, 16_800),
    ],
)
def test_money_is_read_as_indonesians_write_it(text, amount):
    assert parse_money(text) == amount


@pytest.mark.parametrize(
    "text, reason",
    [
        ("-5.000", "negative_money"),
        ("1.000,50", "fractional_money"),
        ("seribu dolar?", "not_money"),
        ("", "not_money"),
        ("Rp 2.000.000.000.000.000", "implausible_money"),
    ],
)
def test_money_that_cannot_be_read_is_refused(text, reason):
    with pytest.raises(ParseError) as e:
        parse_money(text)
    assert e.value.reason == reason
    assert t(reason, "id", **e.value.params) and t(reason, "en", **e.value.params)


# --- issue 15: one rule for money and counts ---------------------------------------------------


@pytest.mark.parametrize(
    "text, amount",
    [
        ("1 250 000 000", 1_250_000_000),
        ("1\u00a0000\u00a0000\u00a0000", 1_000_000_000),
        ("1\u202f000\u202f000", 1_000_000),
        ("12 345 678", 12_345_678),
        ("Rp 1 250 000 000", 1_250_000_000),
        ("Rp. 5.000.000,-", 5_000_000),
        ("Rp1.250.000.000,00", 1_250_000_000),
        ("1,5 miliar", 1_500_000_000),
        ("1,25 Milyar", 1_250_000_000),
        ("500 juta", 500_000_000),
        ("Rp 750 jt", 750_000_000),
    ],
)
def test_money_in_the_forms_offices_write(text, amount):
    assert parse_money(text) == amount


@pytest.mark.parametrize(
    "text, reason",
    [
        ("1/2 M", "number_fraction"),
        ("1½ M", "number_fraction"),
        ("1.234.5", "number_grouping"),
        ("1 2345", "number_grouping"),
        ("12.34.567", "number_grouping"),
        ("1 000.000", "number_grouping"),
        ("+1000000", "number_formula"),
        ("5.000.000-", "number_trailing_minus"),
        ("=1000000", "number_formula"),
        ("500 m", "not_money"),  # a small m is an English million: not read
    ],
)
def test_money_forms_that_are_never_read(text, reason):
    with pytest.raises(ParseError) as e:
        parse_money(text)
    assert e.value.reason == reason
    if reason != "not_money":
        # The message names the value and what is valid.
        message = t(reason, "en", **e.value.params)
        assert text in message and "1 250 000 000" in message and "500 juta" in message


def test_counts_read_by_the_same_rule():
    assert parse_count("12 345 678") == 12_345_678
    assert parse_count("1\u00a0000\u00a0000") == 1_000_000
    assert parse_count("4\u202f519") == 4519
    for text, reason in [("1 2345", "number_grouping"), ("5.000-", "number_trailing_minus"), ("=5", "number_formula"),
                         ("1/2", "number_fraction")]:  # fmt: skip
        with pytest.raises(ParseError) as e:
            parse_count(text, "id")
        assert e.value.reason == reason
        assert text in t(reason, "id", **e.value.params)


@given(st.integers(min_value=0, max_value=10**14), st.sampled_from([".", " ", "\u00a0", "\u202f"]))
def test_an_amount_in_indonesian_form_reads_back_as_itself(n, sep):
    text = f"{n:,}".replace(",", sep)
    assert parse_money(text) == n
    assert parse_money("Rp" + text) == n
    if n <= 10**12:
        assert parse_count(text, "id") == n


def test_the_file_as_a_whole_tells_the_number_form():
    from ucj.core.convention import file_convention

    round_thousands = [(2, "220.000"), (2, "40.000"), (2, "12.000")]
    assert file_convention(round_thousands, delimiter=";").format == "id"
    assert file_convention(round_thousands, delimiter=",", month_cells=["Juli 2025"]).format == "id"
    assert file_convention(round_thousands, other_cells=["48,44"]).format == "id"
    assert file_convention(round_thousands, month_cells=["July 2025"]).format == "en"
    # Nothing tells, or the signs disagree: one question, about the first figure.
    assert file_convention(round_thousands, delimiter=",").question == (2, "220.000", "220000", "220")
    assert file_convention(round_thousands, delimiter=";", month_cells=["July 2025"]).question is not None
    assert file_convention(round_thousands, chosen="en").format == "en"
    # A figure that reads one way only decides, and a choice that contradicts it is an error.
    assert file_convention([*round_thousands, (3, "220.618")], month_cells=["July 2025"]).format == "id"
    with pytest.raises(ParseError) as e:
        file_convention([(3, "220.618")], chosen="en")
    assert e.value.reason == "number_format_conflict"
