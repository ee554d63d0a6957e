"""Queries: the store as of one manifest (``Revision``) and the figures read through it.

Every query function takes the ``Revision`` it reads: a caller with a store opens one
(``with Revision(store) as r:``) and passes it to every query of one page, command or report, so
that they all see the same version of the data. ``sql`` is the only module that imports DuckDB.
"""

from .hierarchy import REPORTING_COLUMNS, child_level_with_data, regions_in_data, reporting_matrix
from .revision import Revision
from .rollups import (
    coverage_by_region,
    coverage_by_sector,
    coverage_series,
    participants_totals,
    sector_matrix,
    sector_series,
)
from .status import STATUS_COLUMNS, list_targets, target_status

__all__ = [
    "REPORTING_COLUMNS",
    "STATUS_COLUMNS",
    "Revision",
    "child_level_with_data",
    "coverage_by_region",
    "coverage_by_sector",
    "coverage_series",
    "list_targets",
    "participants_totals",
    "regions_in_data",
    "reporting_matrix",
    "sector_matrix",
    "sector_series",
    "target_status",
]
