"""The operations users perform, shared by the command line and the web app: checking a month's
file against the store, previewing and publishing it, withdrawing a month. The operations on
targets, the Jakon register and boundaries are in ``ucj.services.registers``, re-exported here."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import partial
from zoneinfo import ZoneInfo

import pandas as pd

from ..core import regions
from ..core.accounts import User
from ..core.i18n import both
from ..core.settings import Settings
from ..intake.ingest import Problem, parse_snapshot_file
from ..intake.problems import UploadResult
from ..query import Revision, participants_totals
from ..storage.store import ANY_VERSION, Store, Version

# The operations on targets, the Jakon register and boundaries, importable from here as before.
from .registers import TargetConflict as TargetConflict
from .registers import check_projects as check_projects
from .registers import import_boundaries as import_boundaries
from .registers import import_targets as import_targets
from .registers import publish_projects as publish_projects
from .registers import save_target_edits as save_target_edits
from .registers import set_target as set_target


def result_sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def today() -> dt.date:
    """Today's date in Indonesian western time (WIB): the one clock the period checks read (tests
    pin it by passing ``today=`` or by replacing this function)."""
    return dt.datetime.now(ZoneInfo("Asia/Jakarta")).date()


def current_period(on: dt.date | None = None) -> str:
    """The month of ``on`` (default: today in WIB) as "YYYY-MM"."""
    d = on or today()
    return f"{d.year:04d}-{d.month:02d}"


def _check_future(
    store: Store, result: UploadResult, user: User | None, allow_future_period: bool, on: dt.date | None
) -> None:
    """An error for a month after the current one, unless ``allow_future_period``, which only an
    admin may pass (AccessDenied, audited, otherwise): a file dated 2099-12 would become the month
    every page opens on."""
    if allow_future_period:
        store.authorize(user if user is not None else store.actor(None), "admin", flag="allow_future_period")
        return
    now = current_period(on)
    if result.period and result.period > now:
        result.errors.append(
            Problem("error", "future_period", None, "period", result.period, {"period": result.period, "today": now})
        )
        result.rows = result.rows.iloc[0:0]


@dataclass
class IngestOutcome:
    """``state``: "stored", "dry_run", "refused" (errors), "needs_confirmation" (warnings) or
    "needs_removal_confirmation" (replacing a month would remove regions' figures)."""

    result: UploadResult
    state: str
    version: Version | None = None
    preview: PublishPreview | None = None

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
            return both("dry_run_ok", period=r.period, n=len(r.rows))
        if self.state == "needs_removal_confirmation":
            p = self.preview
            assert p is not None, "an outcome asking to confirm a removal carries its preview"
            return both("needs_removal_confirmation", period=r.period, n=len(p.removed), regions=names(p.removed))
        assert self.version is not None, "a stored outcome carries its version"
        return both("stored", period=r.period, version=self.version.version, n=len(r.rows))


@dataclass
class PublishPreview:
    """What publishing a checked file would do to its month, as of ``active_version``."""

    mode: str
    active_version: int | None
    comparison: pd.DataFrame  # see compare_with_current
    changed: list[str]
    removed: list[str]
    kept: list[str]


def check_file(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    period: str | None = None,
    mode: str = "merge",
    user: User | None = None,
    settings: Settings | None = None,
    sheet: str | None = None,
    allow_future_period: bool = False,
    today: dt.date | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads and validates a file against the store: the change warning, in ``mode="merge"`` the
    double counting of a region against another level stored for the month, and with ``user``,
    every row of a region that user may not change. A month after ``today``'s (default: the WIB
    clock) is an error unless ``allow_future_period`` (admins only: AccessDenied otherwise). A
    workbook's first visible sheet is read, or ``sheet``. ``number_format`` ("id"/"en") answers a
    file whose number form cannot be told from it. Stores nothing."""
    result = parse_snapshot_file(
        data,
        file_name,
        period=period,
        previous_totals=partial(_previous_totals, store),
        settings=settings,
        sheet=sheet,
        number_format=number_format,
    )
    if result.ok:
        _check_future(store, result, user, allow_future_period, today)
    if result.ok and user is not None:
        _check_scope(user, result)
    if result.ok and mode == "merge":
        _check_levels(store, result)
    return result


def _previous_totals(store: Store, period: str, codes: list[str], sectors: list[str] | None) -> dict[str, int]:
    """``query.participants_totals`` over the store as it is now, for the change warning."""
    with Revision(store) as stored:
        return participants_totals(stored, period, codes, sectors)


def record_refusal(store: Store, user: User, result: UploadResult) -> None:
    """Audits a refused file (who, its checksum, how many errors and the first kind)."""
    store.audit.append(
        "upload_refused",
        user,
        sha256=result.sha256,
        detail={"file_name": result.file_name[:200], "errors": len(result.errors), "first": result.errors[0].key},
    )


def _check_scope(user: User, result: UploadResult) -> None:
    """An error on the first row of each region outside the user's regions (told before publishing)."""
    first_row = result.rows.groupby("region_code")["source_row"].min()
    scope = ", ".join(user.regions) or "—"
    for code, row in first_row.items():
        if not user.in_scope(str(code)):
            result.errors.append(
                Problem(
                    "error", "out_of_scope", int(row), "region_code", str(code), {"user": user.name, "scope": scope}
                )
            )
    if result.errors:
        result.rows = result.rows.iloc[0:0]


def _month(result: UploadResult) -> str:
    """The month of a file read without errors (its rows name it)."""
    if result.period is None:
        raise ValueError("a file whose month was not read has nothing to publish")
    return result.period


def _check_levels(store: Store, result: UploadResult) -> None:
    """Adds an error for every file region whose ancestor or descendant the stored month holds."""
    _, plan = store.plan_publish(result.rows, period=_month(result), mode="merge")
    if not plan.clashes:
        return
    records = {int(v["version"]): v for v in store.versions(result.period).to_dict("records")}
    first_row = result.rows.groupby("region_code")["source_row"].min()
    region_col = "region_code"
    for c in plan.clashes:
        rec = records.get(c.source_version, {}) if c.source_version is not None else {}
        result.errors.append(
            Problem(
                "error",
                "level_clash",
                int(first_row[c.region_code]),
                region_col,
                c.region_code,
                {
                    "region": regions.get_region(c.region_code).label,
                    "other": regions.get_region(c.stored_code).label,
                    "period": result.period,
                    "version": c.source_version if c.source_version is not None else "?",
                    "file": rec.get("file_name") or "?",
                    "user": rec.get("user") or "?",
                },
            )
        )
    result.rows = result.rows.iloc[0:0]


def preview_publish(store: Store, result: UploadResult, mode: str = "merge") -> PublishPreview:
    """What publishing ``result`` in ``mode`` would change, region by region."""
    active, plan = store.plan_publish(result.rows, period=_month(result), mode=mode)
    return PublishPreview(
        mode, active, compare_with_current(store, result, mode), plan.changed, plan.removed, plan.kept
    )


def ingest(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    period: str | None = None,
    user: User | str = "",
    dry_run: bool = False,
    accept_warnings: bool = False,
    replace_month: bool = False,
    confirm_removal: int | None = None,
    settings: Settings | None = None,
    sheet: str | None = None,
    allow_future_period: bool = False,
    today: dt.date | None = None,
    number_format: str | None = None,
) -> IngestOutcome:
    """Validates a file and, when it has no errors (and its warnings are accepted), stores it.

    By default the file's regions are merged into the month. ``replace_month`` makes the file the
    whole month; when that removes regions' figures, ``confirm_removal`` must equal their number.
    A workbook's first visible sheet is read, or ``sheet``. A month after today's is refused
    unless an admin passes ``allow_future_period``.
    Raises AccessDenied when ``user`` may not upload (or not every region the file changes, or
    passes ``allow_future_period`` without being an admin).
    """
    actor = store.actor(user)
    store.authorize(actor, "upload", file_sha256=result_sha(data))
    if allow_future_period:  # refused before the file is read, whatever its month
        store.authorize(actor, "admin", flag="allow_future_period", file_sha256=result_sha(data))
    mode = "replace" if replace_month else "merge"
    result = check_file(
        store,
        data,
        file_name,
        period=period,
        mode=mode,
        user=actor,
        settings=settings,
        sheet=sheet,
        allow_future_period=allow_future_period,
        today=today,
        number_format=number_format,
    )
    if not result.ok:
        record_refusal(store, actor, result)
        return IngestOutcome(result, "refused")
    if result.warnings and not accept_warnings:
        return IngestOutcome(result, "needs_confirmation")
    preview = preview_publish(store, result, mode)
    if dry_run:  # reports what publishing would remove (``preview.removed``) without asking
        return IngestOutcome(result, "dry_run", preview=preview)
    if mode == "replace" and preview.removed and confirm_removal != len(preview.removed):
        return IngestOutcome(result, "needs_removal_confirmation", preview=preview)
    # A merge is worked out again under the writers' lock; a replacement must meet the month it was checked on.
    expected = preview.active_version if mode == "replace" else ANY_VERSION
    return publish(
        store,
        result,
        user=actor,
        mode=mode,
        confirm_removal=confirm_removal,
        expected_active=expected,
        allow_future_period=allow_future_period,
        today=today,
    )


def publish(
    store: Store,
    result: UploadResult,
    *,
    user: User | str = "",
    mode: str = "merge",
    confirm_removal: int | None = None,
    expected_active: object = ANY_VERSION,
    allow_future_period: bool = False,
    today: dt.date | None = None,
) -> IngestOutcome:
    """Stores an already validated result as a new version of its period.

    A month after today's is refused (ValueError) unless an admin passes ``allow_future_period``.

    Replacing a month that would remove regions' figures needs ``confirm_removal`` equal to their
    number and ``expected_active``, the version the user saw, so a publish by someone else in
    between is never wiped unseen. Raises ValueError for a result with errors or an unconfirmed
    removal; StoreError (LevelClash, MonthChanged) when the store refuses.
    """
    if not result.ok:
        raise ValueError("refusing to publish a result with errors")
    if allow_future_period:
        store.authorize(store.actor(user), "admin", flag="allow_future_period")
    elif result.period and result.period > current_period(today):
        raise ValueError(both("future_period", period=result.period, today=current_period(today)))
    if mode == "replace":
        active, plan = store.plan_publish(result.rows, period=_month(result), mode=mode)
        if plan.removed and (confirm_removal != len(plan.removed) or expected_active is ANY_VERSION):
            raise ValueError(f"replacing {result.period} removes {len(plan.removed)} regions: confirmation needed")
    version = store.publish(
        result.rows,
        period=_month(result),
        user=user,
        file_name=result.file_name,
        sha256=result.sha256,
        mode=mode,
        expected_active=expected_active,
    )
    return IngestOutcome(result, "stored", version)


def names(codes: list[str], limit: int = 12) -> str:
    """ "Kota Jambi (15.71), … and 9 more" for messages."""
    shown = [f"{regions.region_name(c)} ({c})" for c in codes[:limit]]
    rest = len(codes) - len(shown)
    return ", ".join(shown) + (f", … (+{rest})" if rest > 0 else "")


def _region_totals(df: pd.DataFrame | None) -> dict[str, int]:
    if df is None or df.empty:
        return {}
    return df.groupby("region_code")["participants"].sum().astype(int).to_dict()


def compare_with_current(store: Store, result: UploadResult, mode: str = "merge") -> pd.DataFrame:
    """The month's regions before and after publishing ``result`` in ``mode``: the file's regions
    and, when replacing the month, those that would lose their figures.

    Columns: region_code, region_name, change ("added", "changed", "unchanged", "removed"),
    participants_before, participants_after, delta.
    """
    _, plan = store.plan_publish(result.rows, period=_month(result), mode=mode)
    after = _region_totals(plan.rows)
    before: dict[str, int] = {}
    if result.period in store.periods():
        before = _region_totals(store.stored_month(_month(result))[1])
    rows = []
    for code in sorted(set(plan.changed) | set(plan.removed)):
        a = after.get(code)
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


def withdraw_period(store: Store, period: str, *, user: User | str = "") -> Version:
    """Empties ``period`` as a new, audited version (admins only), so that a month published by
    mistake (a wrong year) stops being the month pages open on; ``Store.rollback`` to an earlier
    version restores it. Raises AccessDenied, or StoreError for a month without data."""
    return store.withdraw(period, user=user)
