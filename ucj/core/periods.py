"""Reading the months and days field files write in many ways ("2025-07", "07/2025", "Juli 2025",
"31/07/2025", "1 Maret 2025", a spreadsheet date), and the arithmetic of months."""

from __future__ import annotations

import datetime as dt
import re

from babel.dates import get_month_names

from .errors import ParseError

_MONTHS: dict[str, int] = {}
for _loc in ("id", "en"):
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
