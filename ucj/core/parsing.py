"""Reading the numbers, amounts and percentages that field files write in many ways (months and
days: ``ucj.core.periods``, re-exported here; a file's number form: ``ucj.core.convention``).

Numbers come in Indonesian form ("12.320", "1.234.567", "58,65", "1 250 000"), or plain/English
form ("12320", "1,234,567", "58.65"). Thousands are grouped by dots, commas or spaces (normal,
non-breaking U+00A0 or narrow U+202F) between groups of exactly three digits; anything else
(a fraction, a trailing minus, a malformed grouping, a formula) is refused, never summed or
guessed. A value that reads differently in the two forms ("12.320", "12,320") is resolved by the
file's convention, taken from the file as a whole (``convention.file_convention``); when the file has none,
the file asks once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.core import Locale
from babel.numbers import NumberFormatError, parse_decimal

from .errors import ParseError
from .periods import (  # noqa: F401 - re-exported: months are read with numbers by most callers
    add_months,
    parse_date,
    parse_period,
    period_from_index,
    period_index,
    period_range,
)

ID, EN = "id", "en"
DECIMAL_MARK = {ID: ",", EN: "."}

_NUMBERISH = re.compile(r"^[+-]?[\d.,]+$")
#: The spaces offices put between thousands: normal, non-breaking (U+00A0), narrow non-breaking (U+202F).
SPACES = " \u00a0\u202f"
# Groups of three digits after the first, separated by spaces; a decimal part may follow.
_SPACE_GROUPED = re.compile(r"^([+-]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?:([.,])(\d+))?$")
_DIGITS_AND_MARKS = re.compile(r"^[+-]?[\d.,]+$")
#: What a report says is valid for a count.
NUMBER_EXAMPLES = "12.320, 12 320, 12320"
#: How each convention writes a large number and a decimal, for the reports.
FORM_EXAMPLE = {ID: "1.234.567 · 58,65", EN: "1,234,567 · 58.65"}


@dataclass(frozen=True)
class Reading:
    """The readings of a number text under each convention (None where it does not parse)."""

    text: str
    as_id: Decimal | None
    as_en: Decimal | None

    @property
    def convention(self) -> str | None:
        """The convention this value proves ("id" or "en"), or None if it proves nothing."""
        if self.as_id is not None and self.as_en is None:
            return ID
        if self.as_en is not None and self.as_id is None:
            return EN
        return None

    @property
    def ambiguous(self) -> bool:
        return self.readings is not None

    @property
    def readings(self) -> tuple[Decimal, Decimal] | None:
        """(Indonesian, English) where the text is ambiguous (both parse, to different values), else None."""
        if self.as_id is not None and self.as_en is not None and self.as_id != self.as_en:
            return self.as_id, self.as_en
        return None

    @property
    def one(self) -> Decimal:
        """The reading of a text that is not ambiguous (the Indonesian one where both parse)."""
        if self.as_id is not None:
            return self.as_id
        if self.as_en is not None:
            return self.as_en
        raise ParseError("not_a_number", self.text)  # read_number never gives a text no reading

    @property
    def whole_convention(self) -> str | None:
        """For a count: the one convention under which this text is a whole number, or None.

        "220.618" is 220618 in Indonesian form and 220.618 in English form; a count cannot be
        fractional, so only the Indonesian reading is a count.
        """
        whole = [c for c, v in ((ID, self.as_id), (EN, self.as_en)) if v is not None and v == v.to_integral_value()]
        return whole[0] if len(whole) == 1 else None


_LOCALES = {ID: Locale.parse("id"), EN: Locale.parse("en")}


def _fraction(s: str) -> bool:
    """True for "1/2", "1⁄2", "½": a fraction, which no figure of a file may be."""
    return (
        "/" in s
        or "\u2044" in s
        or any(
            unicodedata.category(c) == "No" and unicodedata.numeric(c, 0) != int(unicodedata.numeric(c, 0)) for c in s
        )
    )


def refused_form(s: str) -> str | None:
    """The reason key for a number text of a form that is never read, or None: a formula
    ("=1000000", "+1000000"), a fraction ("1/2", "1½"), a trailing minus ("5.000.000-")."""
    if s[:1] in ("=", "@", "+"):  # what a spreadsheet takes for a formula
        return "number_formula"
    if _fraction(s):
        return "number_fraction"
    if len(s) > 1 and s[-1] in "-\u2212" and s[-2].isdigit():
        return "number_trailing_minus"
    return None


@lru_cache(maxsize=65536)
def read_number(text: str) -> Reading:
    """Both readings of a number text.

    Raises ParseError: "number_formula", "number_fraction", "number_trailing_minus",
    "number_grouping" (digits and separators, but not in groups of three) or "not_a_number".
    """
    s = str(text).strip()
    if not s:
        raise ParseError("not_a_number", text)
    if reason := refused_form(s):
        raise ParseError(reason, text, text=s[:40], valid=NUMBER_EXAMPLES)
    if m := _SPACE_GROUPED.match(s):
        sign, whole, mark, fraction = m.groups()
        if fraction and len(fraction) == 3:  # "1 000.000": a fourth group or a decimal? Neither is read.
            raise ParseError("number_grouping", text, text=s[:40], valid=NUMBER_EXAMPLES)
        d = Decimal(sign + "".join(ch for ch in whole if ch.isdigit()) + ("." + fraction if fraction else ""))
        # Spaces group the thousands, so the mark after them can only be a decimal mark.
        return Reading(s, d if mark != "." else None, d if mark != "," else None)
    if any(ch in SPACES for ch in s):
        if all(ch.isdigit() or ch in SPACES or ch in ".,+-" for ch in s):
            raise ParseError("number_grouping", text, text=s[:40], valid=NUMBER_EXAMPLES)
        raise ParseError("not_a_number", text)
    if not _NUMBERISH.match(s):
        raise ParseError("not_a_number", text)
    if s.isascii() and s.isdigit():  # no mark at all: the same in both forms (most cells; no need to ask babel)
        d = Decimal(s)
        return Reading(s, d, d)
    readings: list[Decimal | None] = []
    for locale in (ID, EN):
        try:
            readings.append(parse_decimal(s, locale=_LOCALES[locale], strict=True))
        except (NumberFormatError, InvalidOperation):
            readings.append(None)
    if readings == [None, None]:
        if _DIGITS_AND_MARKS.match(s):
            raise ParseError("number_grouping", text, text=s[:40], valid=NUMBER_EXAMPLES)
        raise ParseError("not_a_number", text)
    return Reading(s, readings[0], readings[1])


def number_convention(texts: list[str], counts: bool = False) -> str | None:
    """The convention the unambiguous values of a file prove, or None.

    With ``counts``, a value that is a whole number under one reading only also proves it.
    Raises ParseError("mixed_convention") when some values prove Indonesian and others English.
    """
    seen: dict[str, str] = {}
    for t in texts:
        try:
            r = read_number(t)
        except ParseError:
            continue
        c = r.convention or (r.whole_convention if counts and r.ambiguous else None)
        if c and c not in seen:
            seen[c] = t
    if len(seen) == 2:
        raise ParseError("mixed_convention", f"{seen[ID]} / {seen[EN]}", id_example=seen[ID], en_example=seen[EN])
    return next(iter(seen), None)


def parse_number(value: object, convention: str | None = None) -> Decimal:
    """The value as a Decimal, reading text by ``convention`` where it is ambiguous.

    Raises ParseError: "not_a_number", or "ambiguous_number" with both readings.
    """
    if isinstance(value, bool):
        raise ParseError("not_a_number", value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ParseError("not_a_number", value)
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ParseError("not_a_number", value)
        return value
    r = read_number(str(value))
    both = r.readings
    if both is None:
        return r.one
    if convention == ID:
        return both[0]
    if convention == EN:
        return both[1]
    raise ParseError("ambiguous_number", value, as_id=plain(both[0]), as_en=plain(both[1]))


def plain(d: Decimal) -> str:
    """A reading written without separators, so it cannot be misread in either form: 4000, 4, 12.5."""
    return format(d.normalize(), "f") if d == d.to_integral_value() else format(d, "f")


#: No count of people, however written, is read past this (Indonesia's workforce is ~1.5 × 10^8);
#: callers may set a lower bound. Checked on the text before any conversion to an integer.
COUNT_CEILING = 10**12
_MAX_NUMBER_TEXT = 32


def parse_count(value: object, convention: str | None = None, maximum: int = COUNT_CEILING) -> int:
    """A non-negative whole number of people, at most ``maximum``.

    A text that reads differently in the two forms is read by ``convention``; without one, by the
    only reading that is a whole number ("220.618" → 220618); if both are ("4.000": 4000 or 4), it is
    an error. Raises ParseError: "not_a_number", "ambiguous_number", "negative", "fractional" or
    "implausible_count".
    """
    maximum = min(int(maximum), COUNT_CEILING)
    if isinstance(value, str) and (digits := value.strip()).isascii() and digits.isdigit() and len(digits) <= 13:
        # Plain digits, the usual cell: one reading in either form, no separator to weigh.
        whole = int(digits)
        if whole > maximum:
            raise ParseError("implausible_count", value, maximum=f"{maximum:,}".replace(",", "."))
        return whole
    if isinstance(value, str) and len(value.strip()) > _MAX_NUMBER_TEXT:
        raise ParseError("implausible_count", value[:_MAX_NUMBER_TEXT] + "…", maximum=f"{maximum:,}".replace(",", "."))
    if isinstance(value, float) and math.isfinite(value) and abs(value) > maximum:
        raise ParseError("implausible_count", value, maximum=f"{maximum:,}".replace(",", "."))
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > maximum:
        raise ParseError("implausible_count", value, maximum=f"{maximum:,}".replace(",", "."))
    if isinstance(value, str):
        r = read_number(value)
        if convention is None and r.ambiguous and r.whole_convention:
            convention = r.whole_convention
        chosen = convention or r.convention
        # A decimal mark in a count ("4,000" in Indonesian form) is a fraction, however many zeros follow.
        if chosen and DECIMAL_MARK[chosen] in r.text:
            raise ParseError("fractional", value)
    n = parse_number(value, convention)
    if n < 0:
        raise ParseError("negative", value)
    if n > maximum:
        raise ParseError("implausible_count", value, maximum=f"{maximum:,}".replace(",", "."))
    if n != n.to_integral_value():
        raise ParseError("fractional", value)
    return int(n)


# 1.000 triliun: above any APBD or contract value; a longer text is a typo, not a budget.
MONEY_CEILING = 10**15


#: The words a rupiah amount may end with, and what they multiply by. "M" (miliar) only in capitals:
#: a small "m" is a million in English.
MONEY_WORDS = {"juta": 10**6, "jt": 10**6, "miliar": 10**9, "milyar": 10**9, "M": 10**9}
_MONEY_WORD = re.compile(r"^(.*\d)\s*(juta|jt|miliar|milyar)\.?$", re.I)
_MONEY_M = re.compile(r"^(.*\d)\s*(M)$")
#: What a report says is valid for a rupiah amount.
MONEY_EXAMPLES = "1.250.000.000, 1 250 000 000, Rp1.250.000.000,00, Rp 5.000.000,-, 1,25 miliar, 500 juta"


def money_figure(text: str) -> tuple[str, int]:
    """The figure of a rupiah text and the multiplier of its word: "Rp 1,5 M" → ("1,5", 10**9),
    "Rp1.000.000,-" → ("1.000.000", 1). The figure is what ``read_number`` reads."""
    body = text.strip()
    if body[:2].lower() == "rp":
        body = body[2:].removeprefix(".").strip()
    if body.endswith(",-"):  # "Rp 5.000,-": no cents, as invoices write it
        body = body[:-2].rstrip()
    if m := (_MONEY_WORD.match(body) or _MONEY_M.match(body)):
        word = m[2] if m[2] == "M" else m[2].lower()
        return m[1].strip(), MONEY_WORDS[word]
    return body, 1


def parse_money(value: object, maximum: int = MONEY_CEILING, convention: str | None = ID) -> int:
    """Whole rupiah as they are written in Indonesia: "1.000.000.000", "1 000 000 000" (normal,
    non-breaking or narrow spaces), "Rp 1.000.000.000,00", "Rp 5.000.000,-", "500000000",
    "500 juta", "1,5 M" / "1,5 miliar". A text that reads differently in the two forms is read by
    ``convention`` (Indonesian by default; None: neither, it is an error).

    Raises ParseError: "not_money", "negative_money", "fractional_money", "implausible_money",
    "ambiguous_number", or for a form never read: "number_formula", "number_fraction",
    "number_trailing_minus", "number_grouping" (with ``valid``).
    """
    if isinstance(value, bool):
        raise ParseError("not_money", value)
    if isinstance(value, int):
        amount: Decimal = Decimal(value)
    elif isinstance(value, (float, Decimal)):
        try:
            amount = parse_number(value)
        except ParseError as exc:  # NaN, infinity: a spreadsheet cell that is no amount
            raise ParseError("not_money", value) from exc
    else:
        text = str(value).strip()
        if len(text) > _MAX_NUMBER_TEXT + 10:
            raise ParseError("not_money", text[:_MAX_NUMBER_TEXT] + "…")
        if not text:
            raise ParseError("not_money", value)
        figure, scale = money_figure(text)
        if figure.startswith(("-", "\u2212", "(")):
            raise ParseError("negative_money", value)
        try:
            reading = read_number(figure)
        except ParseError as exc:
            if exc.key == "not_a_number":
                raise ParseError("not_money", value) from exc
            raise ParseError(exc.key, value, text=text[:40], valid=MONEY_EXAMPLES) from exc
        both = reading.readings
        if both is not None:
            if convention is None and scale == 1:
                convention = reading.whole_convention
            if convention is None:
                raise ParseError("ambiguous_number", value, as_id=plain(both[0]), as_en=plain(both[1]))
            number = both[0] if convention == ID else both[1]
        else:
            number = reading.one
        amount = number * scale
    if amount < 0:
        raise ParseError("negative_money", value)
    if amount != amount.to_integral_value():
        raise ParseError("fractional_money", value)
    if amount > maximum:
        raise ParseError("implausible_money", value, maximum=f"Rp{maximum:,}".replace(",", "."))
    return int(amount)


_PCT = re.compile(r"^\s*([+-]?[\d.,]+)\s*%?\s*$")


def parse_pct(value: object) -> float:
    """A percentage in (0, 100]: "58,65", "58.65", "58.65%", 58.65.

    Raises ParseError: "not_a_percent" or "percent_out_of_range".
    """
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        n = Decimal(str(value))
    else:
        m = _PCT.match(str(value))
        if not m:
            raise ParseError("not_a_percent", value)
        s = m.group(1)
        # A percentage has no thousands; its one separator is the decimal mark either way.
        if s.count(".") + s.count(",") > 1:
            raise ParseError("not_a_percent", value)
        try:
            n = Decimal(s.replace(",", "."))
        except InvalidOperation as exc:
            raise ParseError("not_a_percent", value) from exc
    if not n.is_finite() or n <= 0 or n > 100:
        raise ParseError("percent_out_of_range", value)
    return float(n)
