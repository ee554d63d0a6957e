"""Coverage arithmetic and the status rule: coverage, what a target needs, gap, paces, projection
and status, as pure functions (no I/O). Percentages are ``_pct`` (0–100).

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
  ``ucj.core.completeness``) is never reached, on track, at risk or off track on the strength of the
  children that happened to report; its figures are shown with how many reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

import numpy as np

from . import regions
from .parsing import period_index


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
    """One of schema.STATUSES, by the rule in this module's docstring."""
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
    raw_pace = current_pace(history, period, pace_window)
    return figures_with_pace(period, participants, workforce, target_pct, target_year, raw_pace, at_risk_pace_ratio)


def figures_with_pace(
    period: str,
    participants: int,
    workforce: int | None,
    target_pct: float | None,
    target_year: int | None,
    raw_pace: float | None,
    at_risk_pace_ratio: float = 0.75,
) -> TargetFigures:
    """``target_figures`` with the pace (unrounded) already measured."""
    cov = coverage_pct(participants, workforce)
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


def targets_in_force(book: TargetBook, codes: list[str], year: int) -> tuple[list, list, list]:
    """``target_in_force`` for many regions at once: (target_pcts, target_years, sources), each
    region resolved once and every ancestor's answer shared by its descendants."""
    found: dict[str, tuple] = {}

    def owned(code: str) -> tuple:
        # (pct, year, source, owner) of the region itself or its nearest ancestor with a target.
        if code not in found:
            hit = next(((pct, y, src, code) for y, pct, src in book.get(code, []) if y >= year), None)
            parent = regions.parent_code(code)
            found[code] = hit or (owned(parent) if parent else (None, None, None, None))
        return found[code]

    inherited: dict[str, str] = {}
    pcts, years, sources = [], [], []
    for code in codes:
        pct, y, src, owner = owned(code)
        if owner is not None and owner != code:
            key = f"{owner}\0{src}"
            if key not in inherited:
                inherited[key] = f"{regions.region_name(owner)} ({owner})" + (f": {src}" if src else "")
            src = inherited[key]
        pcts.append(pct)
        years.append(y)
        sources.append(src)
    return pcts, years, sources


# Integers beyond these would overflow int64 in figures_table's exact arithmetic; such tables take
# the region-by-region path instead (no region of Indonesia comes near them).
_EXACT_LIMIT = 2**62


def _pct_hundredths(participants: np.ndarray, workforce: np.ndarray) -> np.ndarray:
    """coverage_pct in hundredths, exactly: round half up of 10 000 × p / w, as integers."""
    return (participants * 20_000 + workforce) // (2 * workforce)


def figures_table(
    period: str,
    participants: np.ndarray,
    workforce: np.ndarray,
    target_pct: list,
    target_year: list,
    raw_pace: np.ndarray,
    at_risk_pace_ratio: float = 0.75,
) -> dict[str, list]:
    """``target_figures`` for many regions of one period at once (column → values, None where a
    figure is missing), equal figure for figure to calling it region by region (a property test
    holds them together). ``workforce`` has 0 where unknown; ``raw_pace`` is the unrounded pace
    (NaN where none) measured on each region's matched history."""
    p = np.asarray(participants, dtype=np.int64)
    w = np.asarray(workforce, dtype=np.int64)
    pace = np.asarray(raw_pace, dtype=np.float64)
    n = len(p)
    tpct = [None if t is None or t != t else float(t) for t in target_pct]
    tyear = [None if y is None or y != y else int(y) for y in target_year]
    has_w = w > 0
    has_t = np.array([t is not None and y is not None for t, y in zip(tpct, tyear)], dtype=bool)
    judged = has_w & has_t
    # The target's exact decimal as numerator / 10^k (58.65 → 5865 / 100), as Decimal(str(t)) reads it.
    num = np.zeros(n, dtype=np.int64)
    den = np.ones(n, dtype=np.int64)
    fractions: dict[float, tuple[int, int]] = {}
    for i in np.flatnonzero(judged):
        t = tpct[i]
        if t is None:  # never: a judged region has a target
            continue
        if t not in fractions:
            d = Decimal(str(t))
            exponent = d.as_tuple().exponent
            if not isinstance(exponent, int):  # "F"/"n": infinity or NaN, which a target file never gives
                raise ValueError(f"target_pct {t!r} is not a finite number")
            k = max(0, -exponent)
            fractions[t] = (int(d.scaleb(k)), 10**k)
        num[i], den[i] = fractions[t]
    wmax = int(w.max(initial=0))
    if (
        int(p.max(initial=0)) * 20_000 + wmax >= _EXACT_LIMIT
        or int(np.abs(num).max(initial=0)) * wmax >= _EXACT_LIMIT
        or int(p.min(initial=0)) < 0
    ):
        return _figures_one_by_one(period, p, w, tpct, tyear, pace, at_risk_pace_ratio)
    safe_w = np.where(has_w, w, 1)
    cov = np.where(has_w, _pct_hundredths(p, safe_w), 0)
    needed = np.where(judged, -((-num * w) // (den * 100)), 0)
    gap_ = np.maximum(0, needed - p)
    end = period_index(period)
    left = np.array([max(0, y * 12 + 11 - end) if y is not None else 0 for y in tyear], dtype=np.int64)
    safe_left = np.where(left > 0, left, 1)
    required = -(-gap_ // safe_left)
    has_pace = ~np.isnan(pace)
    projected = np.minimum(np.maximum(0.0, p + np.where(has_pace, pace, 0.0) * left), w.astype(np.float64))
    proj_int = np.rint(projected).astype(np.int64)
    proj_pct = np.where(has_w, _pct_hundredths(proj_int, safe_w), 0)
    closes = np.where(has_pace, pace, 0.0) * left
    status_ = np.select(
        [~has_w, ~has_t, gap_ == 0, left <= 0, ~has_pace, closes >= gap_, closes >= at_risk_pace_ratio * gap_],
        ["no_data", "no_target", "reached", "off_track", "no_trend", "on_track", "at_risk"],
        "off_track",
    )

    def where(mask: np.ndarray, values: list) -> list:
        return [v if m else None for v, m in zip(values, mask.tolist())]

    return {
        "participants": p.tolist(),
        "workforce": where(has_w, w.tolist()),
        "coverage_pct": where(has_w, (cov / 100).tolist()),
        "target_pct": tpct,
        "target_year": tyear,
        "target_participants": where(judged, needed.tolist()),
        "gap": where(judged, gap_.tolist()),
        "months_left": where(judged, left.tolist()),
        "required_per_month": where(judged & ((gap_ <= 0) | (left > 0)), np.where(gap_ <= 0, 0, required).tolist()),
        "current_pace": [round(x, 1) if x == x else None for x in pace.tolist()],
        "projected_pct": where(judged & has_pace, (proj_pct / 100).tolist()),
        "status": status_.tolist(),
    }


def _figures_one_by_one(period, p, w, tpct, tyear, pace, ratio) -> dict[str, list]:
    rows = []
    for i in range(len(p)):
        raw = float(pace[i]) if pace[i] == pace[i] else None
        rows.append(figures_with_pace(period, int(p[i]), int(w[i]) or None, tpct[i], tyear[i], raw, ratio).as_dict())
    return {k: [r[k] for r in rows] for k in TargetFigures.__dataclass_fields__}
