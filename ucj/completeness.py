"""Reporting completeness: which regions sent figures for a month, and whether a parent's figure
stands on all of its children (DHIS2's reporting rate). Pure: the hierarchy is passed in.

A region is complete for a month when it reported its own row, or when every one of its
children in the Kemendagri hierarchy is complete. A parent's ``reported_children`` counts its
complete children: a kabupaten/kota reported by only some of its kecamatan has not fully reported.
Nothing is carried forward from another month.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
