"""Numbers, money, months and statuses as users read them: Indonesian number form in both
languages (12.320, 36,68%, Rp16.800), month names in the chosen language."""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

from .i18n import t

NUMBER_LOCALE = "id"
#: Plotly's decimal and thousands marks for the same form.
PLOTLY_SEPARATORS = ",."

STATUS_SYMBOL = {
    "reached": "✔",
    "on_track": "▲",
    "at_risk": "◆",
    "off_track": "▼",
    "no_trend": "○",
    "no_data": "–",
    "no_target": "–",
    "incomplete": "◌",
}


def _missing(x) -> bool:
    if x is None:
        return True
    try:
        return bool(math.isnan(x))
    except TypeError:
        return str(x) in ("<NA>", "NaT")


def fmt_int(n) -> str:
    """12320 → "12.320"; missing → "—"."""
    if _missing(n):
        return "—"
    return format_decimal(int(round(float(n))), locale=NUMBER_LOCALE)


def fmt_pct(x, decimals: int = 2) -> str:
    """36.68 → "36,68%"; missing → "—"."""
    if _missing(x):
        return "—"
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(float(x), format=pattern, locale=NUMBER_LOCALE) + "%"


def fmt_target(x) -> str:
    """A target as written in its document: 55 → "55%", 58.65 → "58,65%"."""
    if _missing(x):
        return "—"
    return format_decimal(float(x), format="#,##0.##", locale=NUMBER_LOCALE) + "%"


def fmt_pp(x, decimals: int = 2) -> str:
    """Change in percentage points: 0.45 → "+0,45 pp"."""
    if _missing(x):
        return "—"
    pattern = "#,##0." + "0" * decimals
    sign = "+" if x > 0 else "−" if x < 0 else "±"
    return f"{sign}{format_decimal(abs(float(x)), format=pattern, locale=NUMBER_LOCALE)} pp"


def fmt_signed_int(n) -> str:
    if _missing(n):
        return "—"
    sign = "+" if n > 0 else "−" if n < 0 else "±"
    return sign + fmt_int(abs(n))


def fmt_rp(n) -> str:
    """45477600 → "Rp45.477.600"."""
    if _missing(n):
        return "—"
    return "Rp" + fmt_int(n)


def fmt_rp_short(n) -> str:
    """Rupiah for a card: "Rp4,25 M", "Rp5,5 jt" (lokal-id's short form); "—" when missing."""
    if _missing(n):
        return "—"
    from lokal.rupiah import format_rupiah_short

    return format_rupiah_short(int(n))


def fmt_period(period: str | None, lang: str = "id") -> str:
    """ "2025-07" → "Juli 2025" (id) or "July 2025" (en)."""
    if not period:
        return "—"
    d = dt.date(int(period[:4]), int(period[5:7]), 1)
    return format_date(d, "LLLL y", locale=lang)


def fmt_period_short(period: str, lang: str = "id") -> str:
    """ "2025-08" → "Agu 2025" (id) or "Aug 2025" (en), for narrow column headers."""
    d = dt.date(int(period[:4]), int(period[5:7]), 1)
    return format_date(d, "LLL y", locale=lang).replace(".", "")


def fmt_date(value, lang: str = "id") -> str:
    """A day: "1 Mar 2025" (id: "1 Mar 2025", "17 Agu 2025"); "—" when missing."""
    if _missing(value):
        return "—"
    d = value.date() if hasattr(value, "date") else value
    return format_date(d, "d MMM y", locale=lang).replace(".", "")


def fmt_timestamp(iso: str, lang: str = "id") -> str:
    """An upload's UTC time stamp in Indonesian western time: "23 Nov 2026 20.47 WIB"."""
    when = dt.datetime.fromisoformat(iso).astimezone(ZoneInfo("Asia/Jakarta"))
    return format_datetime(when, "d MMM y HH.mm", locale=lang) + " WIB"


def status_label(status: str, lang: str = "id") -> str:
    """Symbol and words, so status never depends on colour alone: "▲ sesuai jalur"."""
    return f"{STATUS_SYMBOL.get(status, '')} {t(f'status_{status}', lang)}".strip()


# Every character Markdown (with Streamlit's extensions: LaTeX "$", icons ":name:", autolinks)
# could read as syntax.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=\"'&])")


# What GitHub-flavoured Markdown turns into a link even when every syntax character is escaped
# (its autolinker works on the text after escapes are read): "scheme://", "www." and "name@host".
_AUTOLINK = re.compile(r"(://|(?<![^\W_])www\.|@)", re.IGNORECASE)
#: An invisible word joiner put inside each of them: the text reads and wraps the same, links nowhere.
WORD_JOINER = "\u2060"


def escape_md(text: object) -> str:
    """User text made inert for Markdown (st.markdown, st.caption, alerts, tooltips, st.table
    cells): every syntax character backslash-escaped, so "[x](http://e)" shows as written and links
    nowhere; a bare URL, "www." or e-mail address is not turned into a link (a word joiner breaks
    "://", "www." and "@"); control characters and newlines become spaces."""
    plain = "".join(" " if ord(ch) < 32 or ord(ch) == 127 else ch for ch in str(text))
    plain = _AUTOLINK.sub(lambda m: m.group(0)[0] + WORD_JOINER + m.group(0)[1:], plain)
    return _MD_SPECIAL.sub(r"\\\1", plain)


def escape_html(text: object) -> str:
    """User text made inert for HTML (st.html): &, <, >, and both quotes as entities."""
    return html.escape(str(text), quote=True)
