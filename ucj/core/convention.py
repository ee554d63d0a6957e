"""A file's number form (Indonesian "1.234.567 · 58,65" or English "1,234,567 · 58.65"), told
from the file as a whole: its figures first, then what the user chose, then the rest of the file
(its delimiter, decimal commas in other cells, month names). When nothing tells and a figure reads
two ways, the file asks once."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from babel.dates import get_month_names

from .errors import ParseError
from .parsing import EN, FORM_EXAMPLE, ID, number_convention, plain, read_number

#: Where a figure stands in its file: (row number, column name as the file spells it).
Where = tuple[int, str]


@dataclass(frozen=True)
class Convention:
    """How a file writes its numbers, decided from the file as a whole.

    ``format`` is "id", "en" or None (the file has no figure that needs it, or it is undecided);
    ``source`` says what decided it: "chosen", "figures", "delimiter", "decimal_comma", "months" or
    "none". ``question`` is, for an undecided file, its first ambiguous figure as (where, text,
    Indonesian reading, English reading): the one thing to ask the user.
    """

    format: str | None
    source: str = "none"
    question: tuple[Where, str, str, str] | None = None


def _month_words(locale: str) -> set[str]:
    return {
        name.lower().rstrip(".")
        for width in ("wide", "abbreviated")
        for name in get_month_names(width, locale=locale).values()
    }


_ID_MONTHS = (_month_words(ID) | {"ags", "agt", "nop", "mrt", "peb"}) - _month_words(EN)
_EN_MONTHS = (_month_words(EN) | {"sept"}) - _month_words(ID) - {"sep"}
_WORD = re.compile(r"[A-Za-z]+")
_DECIMAL_COMMA = re.compile(r"^\s*\d+,(\d{1,2}|\d{4,})\s*%?\s*$")


def file_convention(
    figures: Sequence[tuple[Where, str]],
    *,
    counts: bool = True,
    delimiter: str | None = None,
    other_cells: Iterable[object] = (),
    month_cells: Iterable[object] = (),
    chosen: str | None = None,
) -> Convention:
    """The number convention of a file, from the file as a whole.

    ``figures`` are (where, text) of the file's money and count cells. In order: figures that read
    one way only decide ("220.618", "1,234,567"; with ``counts`` a figure whole under one reading
    only); else the user's ``chosen`` format; else the rest of the file: a semicolon delimiter
    (what spreadsheets write where the decimal mark is a comma), a decimal comma in another cell
    ("58,65"), Indonesian or English month names in ``month_cells``. When these disagree or say
    nothing, and a figure reads two ways, the result asks (``question``).

    Raises ParseError: "mixed_convention" (figures prove both), "number_format_conflict" (the
    figures prove another convention than ``chosen``).
    """
    texts = [t for _, t in figures]
    proven = number_convention(texts, counts=counts)
    if chosen and proven and chosen != proven:
        example = next(t for t in texts if _proves(t, counts) == proven)
        raise ParseError(
            "number_format_conflict", example, chosen=chosen, proven_form=FORM_EXAMPLE[proven], example=example
        )
    if chosen:
        return Convention(chosen, "chosen")
    if proven:
        return Convention(proven, "figures")
    votes: dict[str, str] = {}
    if delimiter == ";":
        votes.setdefault(ID, "delimiter")
    if any(isinstance(c, str) and _DECIMAL_COMMA.match(c) for c in other_cells):
        votes.setdefault(ID, "decimal_comma")
    for c in month_cells:
        if isinstance(c, str):
            words = {w.lower() for w in _WORD.findall(c[:100])}
            if words & _ID_MONTHS:
                votes.setdefault(ID, "months")
            if words & _EN_MONTHS:
                votes.setdefault(EN, "months")
    if len(votes) == 1:
        ((fmt, source),) = votes.items()
        return Convention(fmt, source)
    for where, text in figures:
        try:
            r = read_number(text)
        except ParseError:
            continue
        if (both := r.readings) is not None:
            return Convention(None, "none", (where, text, plain(both[0]), plain(both[1])))
    return Convention(None)


def _proves(text: str, counts: bool) -> str | None:
    try:
        r = read_number(text)
    except ParseError:
        return None
    return r.convention or (r.whole_convention if counts and r.ambiguous else None)
