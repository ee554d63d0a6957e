"""The operations users perform, shared by the command line and the web app."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd

from . import db
from .i18n import both
from .ingest import IngestResult, TargetsResult, read_snapshot, read_targets, validate_targets
from .settings import Settings
from .store import Store, Version


@dataclass
class IngestOutcome:
    """``state``: "stored", "dry_run", "refused" (errors) or "needs_confirmation" (warnings)."""

    result: IngestResult
    state: str
    version: Version | None = None

    @property
    def stored(self) -> bool:
        return self.state == "stored"

    def summary(self) -> str:
        """One bilingual line saying what happened."""
        r = self.result
        if self.state == "refused":
            return both("refused", n=len(r.errors))
        if self.state == "needs_confirmation":
            return both("needs_confirmation", n=len(r.warnings))
        if self.state == "dry_run":
            return both("dry_run_ok", period=r.period, rows=len(r.rows))
        return both("stored", period=r.period, version=self.version.version, rows=len(r.rows))


def check_file(
    store: Store, data: bytes, file_name: str, *, period: str | None = None, settings: Settings | None = None
) -> IngestResult:
    """Reads and validates a file against the store (for the change warning); stores nothing."""
    return read_snapshot(
        data, file_name, period=period, previous_totals=partial(db.participants_totals, store), settings=settings
    )


def ingest(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    period: str | None = None,
    user: str = "",
    dry_run: bool = False,
    accept_warnings: bool = False,
    settings: Settings | None = None,
) -> IngestOutcome:
    """Validates a file and, when it has no errors (and its warnings are accepted), stores it."""
    result = check_file(store, data, file_name, period=period, settings=settings)
    if not result.ok:
        return IngestOutcome(result, "refused")
    if result.warnings and not accept_warnings:
        return IngestOutcome(result, "needs_confirmation")
    if dry_run:
        return IngestOutcome(result, "dry_run")
    return publish(store, result, user=user)


def publish(store: Store, result: IngestResult, *, user: str = "") -> IngestOutcome:
    """Stores an already validated result as a new version of its period."""
    if not result.ok:
        raise ValueError("refusing to publish a result with errors")
    version = store.publish(
        result.rows, period=result.period, user=user, file_name=result.file_name, sha256=result.sha256
    )
    return IngestOutcome(result, "stored", version)


def compare_with_current(store: Store, result: IngestResult) -> pd.DataFrame:
    """The file's regions against the stored figures of the same period.

    Columns: region_code, region_name, change ("added", "changed", "unchanged", "removed"),
    participants_before, participants_after, delta.
    """
    after = result.rows.groupby("region_code")["participants"].sum()
    before: dict[str, int] = {}
    if result.period in store.periods():
        stored = store.read_snapshot(result.period)
        before = stored.groupby("region_code")["participants"].sum().astype(int).to_dict()
    from . import regions

    rows = []
    for code in sorted(set(after.index) | set(before)):
        a = int(after[code]) if code in after.index else None
        b = before.get(code)
        change = "added" if b is None else "removed" if a is None else "unchanged" if a == b else "changed"
        rows.append(
            {
                "region_code": code,
                "region_name": regions.region_name(code),
                "change": change,
                "participants_before": b,
                "participants_after": a,
                "delta": None if a is None or b is None else a - b,
            }
        )
    df = pd.DataFrame(
        rows, columns=["region_code", "region_name", "change", "participants_before", "participants_after", "delta"]
    )
    for c in ("participants_before", "participants_after", "delta"):
        df[c] = df[c].astype("Int64")
    return df


def import_targets(store: Store, data: bytes, file_name: str, *, user: str = "") -> TargetsResult:
    """Reads a target file and merges it into the stored targets (same region and year: replaced)."""
    result = read_targets(data, file_name)
    if result.ok:
        store.save_targets(lambda current: _merge_targets(current, result.targets), user=user, file_name=file_name)
    return result


def _merge_targets(current: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """``current`` with the rows of ``new`` added, replacing those of the same region and year."""
    keys = set(zip(new["region_code"], new["year"].astype(int)))
    keep = current[[(c, int(y)) not in keys for c, y in zip(current["region_code"], current["year"])]]
    return pd.concat([keep, new], ignore_index=True).sort_values(["region_code", "year"], ignore_index=True)


def set_target(
    store: Store, region_code: str, year: object, target_pct: object, source: str = "", *, user: str = ""
) -> TargetsResult:
    """Adds or changes the target of one region and year, keeping the others."""
    checked = validate_targets([{"region_code": region_code, "year": year, "target_pct": target_pct, "source": source}])
    if checked.ok:
        store.save_targets(lambda current: _merge_targets(current, checked.targets), user=user, file_name="(set)")
    return checked


def save_targets_table(store: Store, records: list[dict], *, user: str = "") -> TargetsResult:
    """Validates an edited target table and, if valid, stores it as the whole table."""
    # An edited table may be emptied: deleting the last target is an edit, not an empty file.
    result = validate_targets(records, allow_empty=True)
    if result.ok:
        store.save_targets(result.targets, user=user, file_name="(edited)")
    return result
