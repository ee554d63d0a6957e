"""The files on disk: Parquet snapshots partitioned by period, their versions, targets, the log.

Layout under the data directory (each kind's naming is declared in ``ucj.storage.kinds``)::

    manifest.json                        which version of each artefact is active, every upload
    snapshots/period=2025-07/v0001.parquet
    targets/targets-0001.parquet
    jakon/jakon-0001.parquet
    boundaries/boundaries-0001.geojson
    programmes/beneficiaries-0001.parquet, programmes/budgets-0001.parquet
    .ucj.lock                            held by writers

Each snapshot file holds the whole month as of its version: publishing merges the file's
region × sector rows into the active version (see ``ucj.core.merge``) under the writers' lock, or, on
purpose, replaces the month. Stored files are written once and never changed. A write puts the new file in
place first and then swaps ``manifest.json`` atomically (``os.replace``), so a crash at any point
leaves the previous manifest, and with it the previous state, complete. Writers hold a file lock
for the whole read–modify–write, so concurrent uploads are serialised and all recorded.

This module is what each write puts: every method builds its kind's new version and hands it to
the one write seam (``ucj.storage.writing``: ``Writer._put``, ``Writer.activate``). The readers are
in ``ucj.storage.reading``, ``check`` in ``ucj.storage.integrity``, atomic writes and checksums in
``ucj.storage.files``, the manifest's records and the store's errors in ``ucj.storage.records``
(re-exported here), and which regions a write changes in ``ucj.storage.changes``.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import pandas as pd

from ..core.accounts import User
from ..core.merge import SOURCE_COLUMN, MergePlan, merge_month, summarize_codes
from ..core.programmes import key_of
from ..core.schema import SNAPSHOT_COLUMNS, TARGET_COLUMNS, empty_snapshot
from .changes import changed_regions, changed_targets, with_provenance
from .files import file_sha256
from .kinds import BOUNDARIES, BUDGETS, JAKON, PROGRAMMES, SERIES, SNAPSHOTS, TARGETS

# The manifest's records and the store's errors live in ucj.storage.records; they are re-exported
# here on purpose, as the store's own interface (``from ucj.storage.store import StoreError``).
from .records import (
    ANY_VERSION,
    LevelClash,
    MonthChanged,
    StoreDamaged,
    StoreError,
    Version,
    check_period,
    periods_with_data,
    utc_now,
)
from .writing import THE_FILE, Put, Writer

__all__ = [
    "ANY_VERSION",
    "LevelClash",
    "MonthChanged",
    "Store",
    "StoreDamaged",
    "StoreError",
    "Version",
    "changed_regions",
    "changed_targets",
    "file_sha256",
    "periods_with_data",
]


class Store(Writer):
    """The snapshot store in one data directory, with its accounts and audit log.

    Every write takes the acting user (a ``User``, or a name: see ``actor``) and refuses, with
    AccessDenied, what the user's role or region scope does not allow; refusals are audited.
    """

    # --- snapshots -----------------------------------------------------------------------------

    def plan_publish(self, rows: pd.DataFrame, *, period: str, mode: str = "merge") -> tuple[int | None, MergePlan]:
        """(the active version of ``period``, what publishing ``rows`` over it would make): stores nothing."""
        active, current = self.stored_month(period)
        return active, merge_month(current, rows[SNAPSHOT_COLUMNS], mode)

    def publish(
        self,
        rows: pd.DataFrame,
        *,
        period: str,
        user: User | str,
        file_name: str,
        sha256: str,
        mode: str = "merge",
        expected_active: object = ANY_VERSION,
    ) -> Version:
        """Stores ``rows`` in ``period`` as a new, active version of the month.

        ``mode="merge"`` replaces the region × sector cells the rows give and keeps the others;
        ``mode="replace"`` makes the rows the whole month. With ``expected_active``, the publish is
        refused (MonthChanged) unless that version is still the active one, so what a user confirmed
        is what happens. Raises LevelClash when the rows would double-count a stored region, and
        AccessDenied when ``user`` may not write every region the publish changes or removes.
        """
        check_period(period)
        actor = self.actor(user)
        new = rows[SNAPSHOT_COLUMNS].reset_index(drop=True)
        if not (new["period"] == period).all():
            raise StoreError("several_periods", periods=", ".join(sorted(set(map(str, new["period"])))))

        def build(m: dict, number: int) -> Put:
            active, current = self.stored_month(period, m)
            if expected_active is not ANY_VERSION and expected_active != active:
                raise MonthChanged("month_changed", period=period, expected=expected_active or "-", active=active)
            plan = merge_month(current, new, mode)
            self.authorize(actor, "upload", plan.changed + plan.removed, period=period, file_sha256=sha256)
            if plan.clashes:
                raise LevelClash(plan.clashes)
            frame = plan.rows
            frame[SOURCE_COLUMN] = frame[SOURCE_COLUMN].fillna(number).astype("Int32")
            regions, removed = summarize_codes(plan.changed), summarize_codes(plan.removed)
            record = {"file_name": file_name, "sha256": sha256, "rows": len(new), "mode": mode, "base": active,
                      "regions": regions, "n_regions": len(plan.changed), "removed": removed,
                      "n_removed": len(plan.removed), "month_rows": len(frame)}  # fmt: skip
            detail = {"mode": mode, "file_name": file_name, "removed": removed}
            return Put(frame, "upload", "upload_published", record, regions=regions, sha256=sha256, detail=detail)

        return _version(period, self._put(SNAPSHOTS, period, actor, build))

    def rollback(self, period: str, version: int, *, user: User | str = "") -> None:
        """Makes an earlier version of ``period`` the active one again (recorded in the log).

        An analyst may do so only when every region whose figures would change is in scope.
        Raises StoreError("unknown_version") or AccessDenied.
        """
        self.activate(SNAPSHOTS.name, period, version, user=user)

    def withdraw(self, period: str, *, user: User | str = "") -> Version:
        """Empties ``period``: a new, active version of the month with no rows, audited as
        "withdraw" and listed with the other versions, so ``rollback`` to an earlier version
        restores the month. Admins only (AccessDenied). Raises StoreError for a month without data."""
        check_period(period)
        actor = self.actor(user)
        self.authorize(actor, "admin", period=period, flag="withdraw")

        def build(m: dict, number: int) -> Put:
            active, current = self.stored_month(period, m)
            if current is None or current.empty:
                raise StoreError("nothing_to_withdraw", period=period)
            frame = empty_snapshot().assign(**{SOURCE_COLUMN: pd.array([], dtype="Int32")})
            removed = sorted(set(map(str, current["region_code"])))
            summary = summarize_codes(removed)
            record = {"file_name": "", "sha256": "", "rows": 0, "mode": "withdraw", "base": active, "regions": [],
                      "n_regions": 0, "removed": summary, "n_removed": len(removed), "month_rows": 0}  # fmt: skip
            detail = {"mode": "withdraw", "base": active, "removed": summary}
            return Put(frame, "withdraw", "withdraw", record, regions=summary, sha256=None, detail=detail)

        return _version(period, self._put(SNAPSHOTS, period, actor, build))

    # --- the single series: targets, the Monev Jakon register, boundaries -----------------------

    def save_targets(
        self,
        targets: pd.DataFrame | Callable[[pd.DataFrame], pd.DataFrame],
        *,
        user: User | str = "",
        file_name: str = "",
    ) -> None:
        """Replaces the target table (older tables stay on disk, as with snapshots).

        ``targets`` may be a function of the current table: it then runs under the writers' lock,
        so two saves at once cannot drop each other's rows. Raises AccessDenied when a changed,
        added or deleted row's region is outside the user's scope.
        """
        actor = self.actor(user)

        def build(m: dict, number: int) -> Put:
            current = self.read_targets(m)
            new = targets(current) if callable(targets) else targets
            frame = new[TARGET_COLUMNS].reset_index(drop=True)
            changed = changed_targets(current, frame)
            frame = with_provenance(current, frame, actor.name, utc_now())
            self.authorize(actor, "targets", changed, file_name=file_name)
            said = {"file_name": file_name, "rows": len(frame)}
            return Put(frame, "targets", "targets_changed", said, said, regions=changed, detail=said)

        self._put(TARGETS, SERIES, actor, build)

    def publish_jakon(self, projects: pd.DataFrame, *, user: User | str = "", file_name: str = "",
                      sha256: str = "") -> int:  # fmt: skip
        """Publishes a validated project list, merged by region: the projects of every region in
        the list replace that region's earlier ones; other regions keep theirs. An analyst may send
        only her regions (AccessDenied otherwise). Returns the new version's number."""
        actor = self.actor(user)
        regions_sent = sorted(set(projects["region_code"]))
        self.authorize(actor, "upload", regions_sent, file_name=file_name)
        summary = summarize_codes(regions_sent)

        def build(m: dict, number: int) -> Put:
            current = self.read_jakon(m)
            kept = current[~current["region_code"].isin(regions_sent)] if current is not None else None
            frame = pd.concat([kept, projects], ignore_index=True) if kept is not None else projects
            frame = frame.sort_values(["region_code", "opd", "project"], kind="stable").reset_index(drop=True)
            record = {"file_name": file_name, "regions": summary, "projects": len(projects)}
            return Put(frame, "jakon", "jakon_published", record, {"file_name": file_name, "rows": len(projects)},
                       regions=summary, sha256=sha256 or THE_FILE,
                       detail={"file_name": file_name, "projects": len(projects)})  # fmt: skip

        return self._put(JAKON, SERIES, actor, build)["version"]

    def rollback_jakon(self, version: int, *, user: User | str = "") -> None:
        """Makes an earlier version of the register the one in force. An analyst may do so only when
        every region whose projects would change is hers. Raises StoreError or AccessDenied."""
        self.activate(JAKON.name, SERIES, version, user=user)

    def publish_programmes(self, rows: pd.DataFrame, *, user: User | str = "", file_name: str = "",
                           sha256: str = "") -> int:  # fmt: skip
        """Publishes validated programme beneficiaries, merged by month, region and programme: each
        (period, region, programme, funder) in ``rows`` replaces the same one stored; the rest stay.
        An analyst may send a row when its region or its funder is hers (AccessDenied otherwise).
        Returns the new version's number."""
        actor = self.actor(user)
        grants = [r if actor.in_scope(r) else f for r, f in zip(rows["region_code"], rows["funder_code"])]
        self.authorize(actor, "upload", sorted(set(grants)), file_name=file_name)
        keys = _beneficiary_keys(rows)
        summary = summarize_codes(sorted(set(rows["region_code"])))

        def build(m: dict, number: int) -> Put:
            current = self.read_programmes(m)
            kept = current[[k not in keys for k in _beneficiary_keys(current)]] if current is not None else None
            frame = pd.concat([kept, rows], ignore_index=True) if kept is not None else rows
            frame = frame.sort_values(["period", "region_code", "funder_code", "program"], kind="stable")
            said = {"file_name": file_name, "rows": len(rows)}
            return Put(frame.reset_index(drop=True), "programmes", "programmes_published", {**said, "regions": summary},
                       said, regions=summary, sha256=sha256 or THE_FILE, detail=said)  # fmt: skip

        return self._put(PROGRAMMES, SERIES, actor, build)["version"]

    def publish_budgets(self, rows: pd.DataFrame, *, user: User | str = "", file_name: str = "",
                        sha256: str = "") -> int:  # fmt: skip
        """Publishes validated programme budgets, merged by year and programme (a year's allocation
        sent again replaces the stored one). An analyst may send only budgets whose funder is one of
        her regions. Returns the new version's number."""
        actor = self.actor(user)
        funders = sorted(set(rows["funder_code"]))
        self.authorize(actor, "upload", funders, file_name=file_name)
        keys = _budget_keys(rows)
        summary = summarize_codes(funders)

        def build(m: dict, number: int) -> Put:
            current = self.read_budgets(m)
            kept = current[[k not in keys for k in _budget_keys(current)]] if current is not None else None
            frame = pd.concat([kept, rows], ignore_index=True) if kept is not None else rows
            frame = frame.sort_values(["year", "funder_code", "program"], kind="stable").reset_index(drop=True)
            said = {"file_name": file_name, "rows": len(rows)}
            return Put(frame, "budgets", "budgets_published", {**said, "regions": summary}, said, regions=summary,
                       sha256=sha256 or THE_FILE, detail=said)  # fmt: skip

        return self._put(BUDGETS, SERIES, actor, build)["version"]

    def rollback_programmes(self, version: int, *, budgets: bool = False, user: User | str = "") -> None:
        """Makes an earlier version of the beneficiaries (or, with ``budgets``, of the budgets) the
        one in force; an analyst only when every region (funder) it changes is hers."""
        self.activate((BUDGETS if budgets else PROGRAMMES).name, SERIES, version, user=user)

    def save_boundaries(self, geojson: dict, *, user: User | str = "", file_name: str = "") -> int:
        """Keeps a boundary file (already matched and simplified by ``ucj.intake.boundaries``) as the one
        the maps draw; the earlier one stays on disk. Admins only. Returns its number."""
        actor = self.actor(user)
        self.authorize(actor, "admin", file_name=file_name)
        text = json.dumps(geojson, ensure_ascii=False, separators=(",", ":"))
        n = len(geojson.get("features", []))

        def build(m: dict, number: int) -> Put:
            return Put(text, "boundaries", "boundaries_imported", {"file_name": file_name, "features": n},
                       {"file_name": file_name, "rows": n}, detail={"file_name": file_name, "regions": n})  # fmt: skip

        return self._put(BOUNDARIES, SERIES, actor, build)["version"]


def _beneficiary_keys(df: pd.DataFrame) -> list[tuple]:
    return [
        (p, r, *key_of(g, f)) for p, r, g, f in zip(df["period"], df["region_code"], df["program"], df["funder_code"])
    ]


def _budget_keys(df: pd.DataFrame) -> list[tuple]:
    return [(int(y), *key_of(g, f)) for y, g, f in zip(df["year"], df["program"], df["funder_code"])]


def _version(period: str, record: dict) -> Version:
    """A snapshot's manifest record as the ``Version`` callers get."""
    fields: dict = {k: tuple(v) if isinstance(v, list) else v for k, v in record.items()}
    return Version(period, **fields)
