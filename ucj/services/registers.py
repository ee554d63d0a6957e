"""The operations on the single-series artefacts users send: the target table (a file, one
target, a table edited on the page), the Monev Jakon project register and the boundary file.
Each checks what it is given and hands it to its store method; ``ucj.services.service`` (the
monthly snapshots) re-exports them, so callers keep one place to import operations from."""

from __future__ import annotations

import hashlib

import pandas as pd

from ..core.accounts import User
from ..core.settings import Settings
from ..intake import boundaries
from ..intake.ingest import Problem, parse_targets_file, validate_targets
from ..intake.jakon_files import parse_projects_file
from ..intake.problems import UploadResult
from ..storage.store import Store


def import_targets(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    user: User | str = "",
    sheet: str | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads a target file (a workbook's first visible sheet, or ``sheet``) and merges it into the
    stored targets (same region and year: replaced)."""
    result = parse_targets_file(data, file_name, sheet=sheet, number_format=number_format)
    if result.ok:
        store.save_targets(lambda current: _merge_targets(current, result.targets), user=user, file_name=file_name)
    return result


def _merge_targets(current: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """``current`` with the rows of ``new`` added, replacing those of the same region and year."""
    keys = set(zip(new["region_code"], new["year"].astype(int)))
    keep = current[[(c, int(y)) not in keys for c, y in zip(current["region_code"], current["year"])]]
    return pd.concat([keep, new], ignore_index=True).sort_values(["region_code", "year"], ignore_index=True)


def set_target(
    store: Store, region_code: str, year: object, target_pct: object, source: str = "", *, user: User | str = ""
) -> UploadResult:
    """Adds or changes the target of one region and year, keeping the others."""
    checked = validate_targets([{"region_code": region_code, "year": year, "target_pct": target_pct, "source": source}])
    if checked.ok:
        store.save_targets(lambda current: _merge_targets(current, checked.targets), user=user, file_name="(set)")
    return checked


class TargetConflict(Exception):
    """A row changed by someone else since the table was drawn."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} conflicting target rows")


def _target_rows(records: list[dict]) -> dict[tuple[str, int], tuple[float, str]]:
    return {
        (str(r["region_code"]), int(r["year"])): (float(r["target_pct"]), str(r.get("source") or "")) for r in records
    }


def save_target_edits(store: Store, drawn: list[dict], edited: list[dict], *, user: User | str = "") -> UploadResult:
    """Saves only the rows changed between the table as drawn and as edited (added, changed or
    deleted), refusing, with who and when, any such row someone else changed since it was drawn.

    ``drawn`` rows have region_code, year, target_pct, source as stored; ``edited`` rows are as
    typed (validated like a target file, rows numbered as shown). Raises AccessDenied.
    """
    checked = validate_targets(edited, allow_empty=True)
    if not checked.ok:
        return checked
    before = _target_rows(drawn)
    after = _target_rows(checked.targets.to_dict("records"))
    touched = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    if not touched:
        return checked

    def apply(current: pd.DataFrame) -> pd.DataFrame:
        now_rows = _target_rows(current.to_dict("records"))
        who = {(str(r.region_code), int(r.year)): (r.updated_by, r.updated_at) for r in current.itertuples(index=False)}
        conflicts = []
        for key in sorted(touched):
            if now_rows.get(key) != before.get(key) and now_rows.get(key) != after.get(key):
                by, at = who.get(key, ("?", ""))
                conflicts.append(
                    Problem(
                        "error",
                        "target_conflict",
                        None,
                        "region_code",
                        f"{key[0]} {key[1]}",
                        {"region": key[0], "year": key[1], "user": by or "?", "when": at or "?"},
                    )
                )
        if conflicts:
            raise TargetConflict(conflicts)
        keep = current[[(str(c), int(y)) not in touched for c, y in zip(current["region_code"], current["year"])]]
        rows = [{"region_code": k[0], "year": k[1], "target_pct": v[0], "source": v[1]} for k, v in after.items()]
        new = pd.DataFrame([r for r in rows if (r["region_code"], r["year"]) in touched])
        return pd.concat([keep, new], ignore_index=True).sort_values(["region_code", "year"], ignore_index=True)

    try:
        store.save_targets(apply, user=user, file_name="(edited)")
    except TargetConflict as exc:
        return UploadResult(checked.targets.iloc[0:0], exc.problems)
    return checked


def import_boundaries(store: Store, data: bytes, file_name: str, *, user: User | str = "") -> boundaries.BoundaryImport:
    """Reads a boundary file (GeoJSON), matches each feature to a region and simplifies it, and
    keeps it for the maps. Admins only (checked by the store). Raises BoundaryError for a file that
    is not usable, AccessDenied for a user who is not an admin; the earlier file stays in use."""
    store.authorize(store.actor(user), "admin", file_name=file_name)  # before reading a large file
    result = boundaries.parse_boundary_file(data)
    store.save_boundaries(result.geojson(), user=user, file_name=file_name)
    return result


def check_projects(
    data: bytes,
    file_name: str,
    *,
    user: User | None = None,
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads and validates a Monev Jakon project list (a workbook's first visible sheet, or
    ``sheet``); with ``user``, every project of a region that user may not change is an error (told
    before publishing). Stores nothing."""
    result = parse_projects_file(data, file_name, settings, sheet=sheet, number_format=number_format)
    if result.ok and user is not None:
        scope = ", ".join(user.regions) or "—"
        for code in result.regions:
            if not user.in_scope(code):
                result.errors.append(
                    Problem("error", "out_of_scope", None, "kode_wilayah / region_code", code,
                            {"user": user.name, "scope": scope})
                )  # fmt: skip
        if result.errors:
            result.projects = result.projects.iloc[0:0]
    return result


def publish_projects(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    user: User | str = "",
    sheet: str | None = None,
    number_format: str | None = None,
) -> tuple[UploadResult, int | None]:
    """Checks a project list and, when it has no errors, publishes it (merged by region). Returns the
    result and the new version (None when refused; a refusal is in the audit log)."""
    actor = store.actor(user)
    result = check_projects(data, file_name, user=actor, sheet=sheet, number_format=number_format)
    if not result.ok:
        store.audit.append(
            "upload_refused",
            actor,
            sha256=hashlib.sha256(data).hexdigest(),
            detail={"file_name": file_name[:200], "errors": len(result.errors), "first": result.errors[0].key,
                    "kind": "jakon"},
        )  # fmt: skip
        return result, None
    version = store.publish_jakon(result.projects, user=actor, file_name=file_name,
                                  sha256=hashlib.sha256(data).hexdigest())  # fmt: skip
    return result, version
