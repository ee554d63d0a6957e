"""Reporting completeness: which regions sent figures for a month, and whether a parent's figure
stands on all of its children (DHIS2's reporting rate). Pure: the hierarchy is passed in.

A region is complete for a month when it reported its own row, or when every one of its
children in the Kemendagri hierarchy is complete. A parent's ``reported_children`` counts its
complete children: a kabupaten/kota reported by only some of its kecamatan has not fully reported.
Nothing is carried forward from another month.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from . import regions

ChildrenOf = Callable[[str | None], tuple[str, ...]]


@dataclass(frozen=True)
class Completeness:
    """How a region's figure for one month was made up.

    ``reported_children``/``expected_children`` are None when the region reported its own figures
    (nothing was summed); ``complete`` says whether the figure covers the whole region.
    """

    reported_children: int | None
    expected_children: int | None
    complete: bool
    child_level: int | None

    @property
    def partial(self) -> bool:
        return not self.complete


class Reported:
    """The region codes that have rows in one month, with every ancestor they touch."""

    def __init__(self, codes: Iterable[str], children_of: ChildrenOf = regions.child_codes):
        self.codes = set(codes)
        self.touched = {a for c in self.codes for a in regions.ancestors(c)}
        self.children_of = children_of
        self._memo: dict[str, bool] = {}

    def complete(self, code: str) -> bool:
        """True when ``code`` reported itself or every child is complete."""
        if code in self.codes:
            return True
        if code not in self.touched:
            return False
        if code not in self._memo:
            kids = self.children_of(code)
            self._memo[code] = bool(kids) and all(self.complete(k) for k in kids)
        return self._memo[code]

    def has_data(self, code: str) -> bool:
        """True when ``code`` or any region below it reported."""
        return code in self.codes or code in self.touched

    def of(self, code: str) -> Completeness:
        """The completeness of ``code``'s figure."""
        if code in self.codes:
            return Completeness(None, None, True, None)
        kids = self.children_of(code)
        done = sum(1 for k in kids if self.complete(k))
        level = regions.level_of(code) + 1
        return Completeness(done, len(kids), bool(kids) and done == len(kids), level)

    def missing(self, code: str) -> list[str]:
        """Children of ``code`` that are not complete, in code order."""
        return [k for k in self.children_of(code) if not self.complete(k)]


@lru_cache(maxsize=131072)
def _child_set(code: str) -> frozenset[str]:
    return frozenset(regions.child_codes(code))


def completeness_table(
    reported: Iterable[str], codes: list[str], children_of: ChildrenOf = regions.child_codes
) -> tuple[list, list, list]:
    """``Reported(reported).of(code)`` for many regions (all of one level) at once, set by set from the
    deepest level up rather than region by region: (reported_children, expected_children,
    complete), None where a region reported its own row. Equal to ``Reported.of`` (a property test
    holds them together)."""
    if not codes:
        return [], [], []
    own = set(reported)
    level = regions.level_of(codes[0])
    by_level: dict[int, set[str]] = {}
    for c in own:
        by_level.setdefault(regions.level_of(c), set()).add(c)
    deepest = max(by_level, default=level)
    children = _child_set if children_of is regions.child_codes else (lambda c: frozenset(children_of(c)))
    # complete: the complete regions one level below the one being computed, bottom up.
    complete = by_level.get(deepest, set())
    done_of: Counter[str] = Counter()
    for lvl in range(deepest - 1, level - 1, -1):
        done_of = Counter(
            parent for c in complete if (parent := regions.parent_code(c)) is not None and c in children(parent)
        )
        if lvl == level:
            break
        complete = by_level.get(lvl, set()) | {p for p, n in done_of.items() if n == len(children(p))}
    reported_children: list[int | None] = []
    expected_children: list[int | None] = []
    is_complete: list[bool] = []
    for code in codes:
        if code in own:
            reported_children.append(None)
            expected_children.append(None)
            is_complete.append(True)
            continue
        expected = len(children(code))
        done = done_of.get(code, 0) if deepest > level else 0
        reported_children.append(done)
        expected_children.append(expected)
        is_complete.append(expected > 0 and done == expected)
    return reported_children, expected_children, is_complete
