"""Reading the numbers, months and percentages that field files write in many ways.

Numbers come in Indonesian form ("12.320", "1.234.567", "58,65") or plain/English form
("12320", "1,234,567", "58.65"). A value that reads differently in the two forms ("12.320",
"12,320") is resolved by the file's convention; when the file has none, it is an error, never a
guess.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.core import Locale
from babel.dates import get_month_names
from babel.numbers import NumberFormatError, parse_decimal
from lokal.rupiah import parse_rupiah

ID, EN = "id", "en"
DECIMAL_MARK = {ID: ",", EN: "."}

_NUMBERISH = re.compile(r"^[+-]?[\d.,\s\u00a0]+$")


class ParseError(ValueError):
    """A value that cannot be read; ``reason`` is a key of the message catalogue."""

    def __init__(self, reason: str, value: object, **params: object):
        self.reason = reason
        self.value = value
        self.params = params
        super().__init__(f"{reason}: {value!r}")


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
        return self.as_id is not None and self.as_en is not None and self.as_id != self.as_en

    @property
    def whole_convention(self) -> str | None:
        """For a count: the one convention under which this text is a whole number, or None.

        "220.618" is 220618 in Indonesian form and 220.618 in English form; a count cannot be
        fractional, so only the Indonesian reading is a count.
        """
        whole = [c for c, v in ((ID, self.as_id), (EN, self.as_en)) if v is not None and v == v.to_integral_value()]
        return whole[0] if len(whole) == 1 else None


_LOCALES = {ID: Locale.parse("id"), EN: Locale.parse("en")}


@lru_cache(maxsize=65536)
def read_number(text: str) -> Reading:
    """Both readings of a number text. Raises ParseError("not_a_number")."""
    s = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if not s or not _NUMBERISH.match(s):
        raise ParseError("not_a_number", text)
    if s.isascii() and s.isdigit():  # no mark at all: the same in both forms (most cells; no need to ask babel)
        d = Decimal(s)
        return Reading(s, d, d)
    readings = []
    for locale in (ID, EN):
        try:
            readings.append(parse_decimal(s, locale=_LOCALES[locale], strict=True))
        except (NumberFormatError, InvalidOperation):
            readings.append(None)
    if readings == [None, None]:
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
    if not r.ambiguous:
        return r.as_id if r.as_id is not None else r.as_en  # type: ignore[return-value]
    if convention == ID:
        return r.as_id  # type: ignore[return-value]
    if convention == EN:
        return r.as_en  # type: ignore[return-value]
    raise ParseError("ambiguous_number", value, as_id=plain(r.as_id), as_en=plain(r.as_en))


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
        n = int(digits)
        if n > maximum:
            raise ParseError("implausible_count", value, maximum=f"{maximum:,}".replace(",", "."))
        return n
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


def parse_money(value: object, maximum: int = MONEY_CEILING) -> int:
    """Whole rupiah as they are written in Indonesia: "1.000.000.000", "Rp 1.000.000.000,00",
    "500000000", "500 juta", "1,5 M" (miliar), read by lokal-id's rupiah reader.

    Raises ParseError: "not_money", "negative_money", "fractional_money" or "implausible_money".
    """
    if isinstance(value, bool):
        raise ParseError("not_money", value)
    if isinstance(value, int):
        amount: object = value
    else:
        text = str(value).strip()
        if text.startswith(("-", "−", "(")):
            raise ParseError("negative_money", value)
        if len(text) > _MAX_NUMBER_TEXT + 10:
            raise ParseError("not_money", text[:_MAX_NUMBER_TEXT] + "…")
        parsed = parse_rupiah(text) if text else None
        if parsed is None:
            raise ParseError("not_money", value)
        amount = parsed.amount
    if amount < 0:
        raise ParseError("negative_money", value)
    if amount != int(amount):
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


# --- periods -------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _loc in (ID, EN):
    for _width in ("wide", "abbreviated"):
        for _num, _name in get_month_names(_width, locale=_loc).items():
            _MONTHS[_name.lower().rstrip(".")] = _num
_MONTHS.update({"ags": 8, "agt": 8, "nop": 11, "sept": 9, "mrt": 3})

_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_NAMED = re.compile(r"^([a-z]+)\.?[\s-]+(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NAMED_DATE = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$")


def _period(year: int, month: int, value: object) -> str:
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise ParseError("not_a_period", value)
    return f"{year:04d}-{month:02d}"


def parse_period(value: object) -> str:
    """The month as "YYYY-MM" from "2025-07", "07/2025", "Juli 2025", "Jul 2025" or a date.

    Dates are read day first (31/07/2025), as Indonesian spreadsheets write them.
    Raises ParseError("not_a_period").
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return _period(value.year, value.month, value)
    s = str(value).strip().lower()
    if m := _ISO_MONTH.match(s):
        return _period(int(m[1]), int(m[2]), value)
    if m := _MONTH_YEAR.match(s):
        return _period(int(m[2]), int(m[1]), value)
    if (m := _NAMED.match(s)) and m[1] in _MONTHS:
        return _period(int(m[2]), _MONTHS[m[1]], value)
    if m := _ISO_DATE.match(s):
        _check_day(int(m[1]), int(m[2]), int(m[3]), value)
        return _period(int(m[1]), int(m[2]), value)
    if m := _DMY.match(s):
        _check_day(int(m[3]), int(m[2]), int(m[1]), value)
        return _period(int(m[3]), int(m[2]), value)
    if (m := _NAMED_DATE.match(s)) and m[2] in _MONTHS:
        _check_day(int(m[3]), _MONTHS[m[2]], int(m[1]), value)
        return _period(int(m[3]), _MONTHS[m[2]], value)
    raise ParseError("not_a_period", value)


def _check_day(year: int, month: int, day: int, value: object) -> None:
    try:
        dt.date(year, month, day)
    except ValueError as exc:
        raise ParseError("not_a_period", value) from exc


def period_index(period: str) -> int:
    """Months since year 0, so that period differences are plain subtraction."""
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def period_from_index(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def add_months(period: str, months: int) -> str:
    return period_from_index(period_index(period) + months)


def period_range(start: str, end: str) -> list[str]:
    """Every month from start to end inclusive."""
    return [period_from_index(i) for i in range(period_index(start), period_index(end) + 1)]


def parse_date(value: object) -> dt.date:
    """A day from "2025-03-01", "01/03/2025" (day first, as Indonesian spreadsheets write it),
    "1 Maret 2025" or a spreadsheet date. Raises ParseError("not_a_date")."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip().lower()
    for pattern, order in ((_ISO_DATE, (1, 2, 3)), (_DMY, (3, 2, 1))):
        if m := pattern.match(s):
            year, month, day = (int(m[i]) for i in order)
            break
    else:
        if (m := _NAMED_DATE.match(s)) and m[2] in _MONTHS:
            year, month, day = int(m[3]), _MONTHS[m[2]], int(m[1])
        else:
            raise ParseError("not_a_date", value)
    if not 2000 <= year <= 2100:
        raise ParseError("not_a_date", value)
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise ParseError("not_a_date", value) from exc
