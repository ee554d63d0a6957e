"""Target arithmetic: pure functions, no I/O. Percentages are ``_pct`` (0–100).

The status rule (also in README.md):
- no data: the workforce is unknown or zero;
- no target: the region has no target for the period's year or a later one;
- reached: participants ≥ the participants the target needs;
- off track: the deadline month has passed without reaching it;
- no trend: no earlier snapshot within the pace window, so no pace to project;
- on track: at the current pace the gap closes by the deadline;
- at risk: the current pace closes at least ``at_risk_pace_ratio`` (75%) of the gap by the deadline;
- off track: otherwise (including a falling number of participants);
- incomplete: a parent region whose children have not all reported the month (see
  ``ucj.completeness``) is never reached, on track, at risk or off track on the strength of the
  children that happened to report; its figures are shown with how many reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from . import regions
from .parsing import period_index
from .schema import STATUSES  # noqa: F401 - re-exported


def coverage_pct(participants: int | None, workforce: int | None) -> float | None:
    """100 × participants / workforce, rounded half up to two decimals; None without a workforce."""
    if participants is None or not workforce:
        return None
    q = Decimal(int(participants)) * 100 / Decimal(int(workforce))
    return float(q.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def target_participants(target_pct: float, workforce: int) -> int:
    """Participants needed to reach ``target_pct``: ceil(target% / 100 × workforce), exactly."""
    return math.ceil(Decimal(str(target_pct)) * int(workforce) / 100)


def gap(needed: int, participants: int) -> int:
    """Participants still to enrol; 0 once the target is reached."""
    return max(0, int(needed) - int(participants))


def months_left(period: str, target_year: int) -> int:
    """Months after ``period`` up to December of ``target_year`` (a July snapshot has 5 for its year)."""
    return max(0, int(target_year) * 12 + 11 - period_index(period))


def required_per_month(gap_: int, months_left_: int) -> int | None:
    """ceil(gap / months left) new participants a month; None once no month is left with a gap."""
    if gap_ <= 0:
        return 0
    if months_left_ <= 0:
        return None
    return math.ceil(gap_ / months_left_)


def current_pace(history: dict[str, int], period: str, window: int = 3) -> float | None:
    """Average monthly net change in participants over up to ``window`` months before ``period``.

    ``history`` maps period → participants. Uses the earliest snapshot within the window, so a
    missing month does not break the pace; None when there is no earlier snapshot in it.
    """
    now = history.get(period)
    if now is None:
        return None
    end = period_index(period)
    earlier = [p for p in history if end - window <= period_index(p) < end]
    if not earlier:
        return None
    start = min(earlier, key=period_index)
    return (now - history[start]) / (end - period_index(start))


def matched_history(by_period: dict[str, dict[str, int]], period: str, window: int = 3) -> dict[str, int]:
    """The history a pace may be measured on: the earliest month within ``window`` before ``period``
    and ``period`` itself, each summed over only the reported regions present in both months.

    ``by_period`` maps month → {reported region code: participants}. A kecamatan or kabupaten that
    starts (or stops) appearing in the files is not growth (or loss) of its parent.
    """
    now = by_period.get(period)
    if now is None:
        return {}
    end = period_index(period)
    earlier = [p for p in by_period if end - window <= period_index(p) < end]
    if not earlier:
        return {period: sum(now.values())}
    start = min(earlier, key=period_index)
    common = now.keys() & by_period[start].keys()
    if not common:
        return {period: sum(now.values())}
    return {start: sum(by_period[start][c] for c in common), period: sum(now[c] for c in common)}


def projected_participants(participants: int, pace: float | None, months_left_: int) -> float | None:
    """Participants at the deadline if the current pace holds (never below zero)."""
    if pace is None:
        return None
    return max(0.0, participants + pace * months_left_)


def status(
    participants: int,
    workforce: int | None,
    needed: int | None,
    pace: float | None,
    months_left_: int,
    at_risk_pace_ratio: float = 0.75,
) -> str:
    """One of STATUSES, by the rule in this module's docstring."""
    if not workforce or needed is None:
        return "no_data"
    g = gap(needed, participants)
    if g == 0:
        return "reached"
    if months_left_ <= 0:
        return "off_track"
    if pace is None:
        return "no_trend"
    closes = pace * months_left_
    if closes >= g:
        return "on_track"
    if closes >= at_risk_pace_ratio * g:
        return "at_risk"
    return "off_track"


def incomplete_status(status_: str) -> str:
    """The status of a parent whose children have not all reported: "incomplete", except where
    there is nothing to judge anyway (no data, no target)."""
    return status_ if status_ in ("no_data", "no_target") else "incomplete"


@dataclass(frozen=True)
class TargetFigures:
    """Everything leaders ask about one region against its target."""

    participants: int
    workforce: int | None
    coverage_pct: float | None
    target_pct: float | None
    target_year: int | None
    target_participants: int | None
    gap: int | None
    months_left: int | None
    required_per_month: int | None
    current_pace: float | None
    projected_pct: float | None
    status: str

    def as_dict(self) -> dict:
        # Every field is a number, a string or None: a shallow copy (asdict's deep copy cost half
        # the time of a national status table).
        return {f.name: getattr(self, f.name) for f in fields(self)}


def target_figures(
    period: str,
    participants: int,
    workforce: int | None,
    target_pct: float | None,
    target_year: int | None,
    history: dict[str, int],
    pace_window: int = 3,
    at_risk_pace_ratio: float = 0.75,
) -> TargetFigures:
    """The figures of a region for ``period`` against the target of ``target_year``."""
    cov = coverage_pct(participants, workforce)
    raw_pace = current_pace(history, period, pace_window)
    pace = None if raw_pace is None else round(raw_pace, 1)
    if target_pct is None or target_year is None or not workforce:
        return TargetFigures(
            participants,
            workforce,
            cov,
            target_pct,
            target_year,
            None,
            None,
            None,
            None,
            pace,
            None,
            "no_data" if not workforce else "no_target",
        )
    needed = target_participants(target_pct, workforce)
    g = gap(needed, participants)
    left = months_left(period, target_year)
    projected = projected_participants(participants, raw_pace, left)
    if projected is not None:
        projected = min(projected, float(workforce))  # no more participants than workers
    return TargetFigures(
        participants=participants,
        workforce=workforce,
        coverage_pct=cov,
        target_pct=target_pct,
        target_year=target_year,
        target_participants=needed,
        gap=g,
        months_left=left,
        required_per_month=required_per_month(g, left),
        current_pace=pace,
        projected_pct=None if projected is None else coverage_pct(round(projected), workforce),
        status=status(participants, workforce, needed, raw_pace, left, at_risk_pace_ratio),
    )


#: Targets by region: code → [(year, target_pct, source)], years ascending.
TargetBook = dict[str, list[tuple[int, float, str]]]


def target_book(rows: list[dict]) -> TargetBook:
    """The target table (dicts with region_code, year, target_pct, source) indexed by region."""
    book: TargetBook = {}
    for r in rows:
        book.setdefault(str(r["region_code"]), []).append(
            (int(r["year"]), float(r["target_pct"]), str(r["source"] or ""))
        )
    for entries in book.values():
        entries.sort()
    return book


def target_in_force(book: TargetBook, code: str, year: int) -> tuple[float | None, int | None, str | None]:
    """(target_pct, target_year, source) in force for a period of ``year``: the region's own target
    for that year, else its nearest later one; a region without any inherits its nearest ancestor's,
    and the source then says whose ("Kota Jambi (15.71): MoU …"). (None, None, None) without any."""
    for owner in [code, *regions.ancestors(code)]:
        for y, pct, source in book.get(owner, []):
            if y >= year:
                if owner != code:
                    source = f"{regions.region_name(owner)} ({owner})" + (f": {source}" if source else "")
                return pct, y, source
    return None, None, None
