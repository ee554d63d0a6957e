"""The operations on the Pemda programmes: a beneficiaries file and a budgets file checked (rows,
the user's regions, beneficiaries against the region's BPU participants), then published or, on a
dry run, only reported. A refused file stores nothing and is written to the audit log."""

from __future__ import annotations

import hashlib

from ..core import regions
from ..core.accounts import User
from ..core.fmt import fmt_int, fmt_period
from ..core.programmes import key_of
from ..core.settings import Settings
from ..intake.problems import Problem, UploadResult
from ..intake.programme_files import parse_beneficiaries_file, parse_budgets_file
from ..query import Revision, participants_totals
from ..storage.store import Store


def _out_of_scope(result: UploadResult, user: User, pairs: list[tuple[str, str]]) -> None:
    """An error for each region of a row the user may not send (neither its region nor its funder is hers)."""
    scope = ", ".join(user.regions) or "—"
    refused = sorted({r for r, f in pairs if not user.in_scope(r) and not user.in_scope(f)})
    for code in refused:
        result.errors.append(
            Problem("error", "out_of_scope", None, "kode_wilayah / region_code", code,
                    {"user": user.name, "scope": scope})
        )  # fmt: skip


def _above_bpu(store: Store, result: UploadResult) -> list[Problem]:
    """A warning for each month and region whose programme beneficiaries (this file's rows with the
    other programmes stored) exceed the region's BPU participants that month."""
    rows = result.rows
    with Revision(store) as rev:
        stored = rev.read_programmes()
        columns = (rows["period"], rows["region_code"], rows["program"], rows["funder_code"])
        sent = {(p, r, *key_of(g, f)) for p, r, g, f in zip(*columns)}
        warnings = []
        for (period, code), group in rows.groupby(["period", "region_code"], sort=True):
            funded = int(group["participants"].sum())
            if stored is not None and not stored.empty:
                same = stored[(stored["period"] == period) & (stored["region_code"] == code)]
                others = [
                    int(n)
                    for p, r, g, f, n in zip(
                        same["period"], same["region_code"], same["program"], same["funder_code"], same["participants"]
                    )  # fmt: skip
                    if (p, r, *key_of(g, f)) not in sent
                ]
                funded += sum(others)
            bpu = participants_totals(rev, str(period), [str(code)], ["BPU"]).get(str(code))
            if bpu is not None and funded > bpu:
                warnings.append(
                    Problem("warning", "programme_above_bpu", None, "peserta / participants", str(funded),
                            {"region": regions.display_name(str(code)), "period": fmt_period(str(period), "id"),
                             "funded": fmt_int(funded), "bpu": fmt_int(bpu)})
                )  # fmt: skip
    return warnings


def check_programmes(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    user: User,
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads and validates a beneficiaries file; every row outside the user's regions (neither the
    region nor the funder hers) is an error; beneficiaries above a region's BPU participants are a
    warning. Stores nothing."""
    result = parse_beneficiaries_file(data, file_name, settings, sheet=sheet, number_format=number_format)
    if result.ok:
        _out_of_scope(result, user, list(zip(result.rows["region_code"], result.rows["funder_code"])))
    if result.ok:
        result.warnings.extend(_above_bpu(store, result))
    else:
        result.rows = result.rows.iloc[0:0]
    return result


def check_budgets(
    data: bytes,
    file_name: str,
    *,
    user: User,
    settings: Settings | None = None,
    sheet: str | None = None,
    number_format: str | None = None,
) -> UploadResult:
    """Reads and validates a budgets file; a budget whose funder is not one of the user's regions is
    an error. Stores nothing."""
    result = parse_budgets_file(data, file_name, settings, sheet=sheet, number_format=number_format)
    if result.ok:
        _out_of_scope(result, user, [(f, f) for f in result.rows["funder_code"]])
        if result.errors:
            result.rows = result.rows.iloc[0:0]
    return result


def _refused(store: Store, actor: User, data: bytes, file_name: str, result: UploadResult, kind: str) -> None:
    store.audit.append(
        "upload_refused",
        actor,
        sha256=hashlib.sha256(data).hexdigest(),
        detail={"file_name": file_name[:200], "errors": len(result.errors), "first": result.errors[0].key,
                "kind": kind},
    )  # fmt: skip


def import_programmes(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    user: User | str = "",
    dry_run: bool = False,
    sheet: str | None = None,
    number_format: str | None = None,
) -> tuple[UploadResult, int | None]:
    """Checks a beneficiaries file and, unless refused or ``dry_run``, publishes it (merged by month,
    region and programme). Returns the result and the new version (None when nothing was stored)."""
    actor = store.actor(user)
    result = check_programmes(store, data, file_name, user=actor, sheet=sheet, number_format=number_format)
    if not result.ok:
        _refused(store, actor, data, file_name, result, "programmes")
        return result, None
    if dry_run:
        return result, None
    digest = hashlib.sha256(data).hexdigest()
    return result, store.publish_programmes(result.rows, user=actor, file_name=file_name, sha256=digest)


def import_budgets(
    store: Store,
    data: bytes,
    file_name: str,
    *,
    user: User | str = "",
    dry_run: bool = False,
    sheet: str | None = None,
    number_format: str | None = None,
) -> tuple[UploadResult, int | None]:
    """Checks a budgets file and, unless refused or ``dry_run``, publishes it (merged by year and
    programme). Returns the result and the new version (None when nothing was stored)."""
    actor = store.actor(user)
    result = check_budgets(data, file_name, user=actor, sheet=sheet, number_format=number_format)
    if not result.ok:
        _refused(store, actor, data, file_name, result, "budgets")
        return result, None
    if dry_run:
        return result, None
    digest = hashlib.sha256(data).hexdigest()
    return result, store.publish_budgets(result.rows, user=actor, file_name=file_name, sha256=digest)
