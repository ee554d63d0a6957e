"""The tables of the pages that list files, versions and the audit log (Unggah, Monev Jakon,
Audit): the stored values with their words ("berubah", "✔", WIB times, regions in a few names)."""

from __future__ import annotations

import re

import pandas as pd

from ..core import regions
from ..core.fmt import fmt_int, fmt_period, fmt_timestamp
from ..core.i18n import MESSAGES, t


def describe_regions(codes: list[str], lang: str = "id") -> str:
    """A version's regions (cut to kabupaten/kota, see merge.summarize_codes) in a few words: up to
    three names, else each province with how many of its kabupaten/kota ("Kalimantan Barat (14
    kabupaten/kota)")."""
    if not codes:
        return "—"
    if len(codes) <= 3:
        return ", ".join(regions.region_name(c) for c in codes)
    by_province: dict[str, list[str]] = {}
    for c in codes:
        by_province.setdefault(c[:2], []).append(c)
    parts = []
    for p, group in sorted(by_province.items()):
        below = [c for c in group if c != p]
        count = t("regions_count", lang, n=len(below), level=t("level_2", lang))
        parts.append(f"{regions.region_name(p)} ({count})" if below else regions.region_name(p))
    return "; ".join(parts)


def versions_undone(versions: pd.DataFrame, period: str, version: int) -> str:
    """The versions of ``period`` after ``version`` up to the active one, which restoring ``version``
    undoes, as "v3 (ani, kalbar.csv), …"; empty when there are none (``versions``: Store.versions())."""
    v = versions[versions["period"] == period]
    if v.empty or not v["active"].any():
        return ""
    active = int(v.loc[v["active"], "version"].iloc[0])
    later = v[(v["version"] > version) & (v["version"] <= active)].sort_values("version")
    return ", ".join(f"v{int(r.version)} ({r.user}, {r.file_name})" for r in later.itertuples())


def problems_table(result, lang: str = "id") -> pd.DataFrame:
    """A file's findings as the Unggah page lists them: severity in words, row, column, value, message."""
    problems = result.problems_frame(lang)
    problems["severity"] = [t(f"severity_{p}", lang) for p in problems["severity"]]
    return problems


def preview_table(result) -> pd.DataFrame:
    """A checked file's rows with the official name of each region, for the preview."""
    preview = result.rows.copy()
    preview["region_name"] = [regions.region_name(c) for c in preview["region_code"]]
    return preview


def comparison_table(comparison: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """service.compare_with_current with its change in words ("berubah", "hilang")."""
    out = comparison.copy()
    out["change"] = [t(f"change_{c}", lang) for c in out["change"]]
    return out


def versions_table(versions: pd.DataFrame, lang: str = "id") -> pd.DataFrame:
    """Store.versions() as the Unggah page lists it: active as ✔, months ("Oktober 2026"), WIB times,
    mode and regions in words."""
    out = versions.copy()
    out["active"] = ["✔" if a else "" for a in out["active"]]
    out["period"] = [fmt_period(p, lang) for p in out["period"]]
    out["uploaded_at"] = [fmt_timestamp(v, lang) for v in out["uploaded_at"]]
    out["mode"] = [t(f"mode_label_{m}", lang) for m in out["mode"]]
    out["regions"] = [describe_regions(list(r), lang) for r in out["regions"]]
    out["removed"] = [describe_regions(list(r), lang) if len(r) else "" for r in out["removed"]]
    return out


def _series_versions(versions: list[dict], lang: str, count: str) -> pd.DataFrame:
    """A single series' versions, newest first: number, in force, when, who, file, regions, and the
    record's ``count`` (projects, rows) as ``count``."""
    rows = [
        {
            "version": v["version"],
            "active": "✔" if v["active"] else "",
            "uploaded_at": fmt_timestamp(v["uploaded_at"], lang),
            "user": v["user"],
            "file_name": v["file_name"],
            "regions": describe_regions(list(v.get("regions", [])), lang),
            "count": v.get(count),
        }
        for v in reversed(versions)
    ]
    return pd.DataFrame(rows, columns=["version", "active", "uploaded_at", "user", "file_name", "regions", "count"])


def jakon_versions_table(versions: list[dict], lang: str = "id") -> pd.DataFrame:
    """The project register's versions, newest first, as the Jakon page lists them."""
    return _series_versions(versions, lang, "projects").rename(columns={"count": "projects"})


def programme_versions_table(versions: list[dict], lang: str = "id") -> pd.DataFrame:
    """The programmes' beneficiaries' or budgets' versions, newest first, with the rows each file sent."""
    return _series_versions(versions, lang, "rows").rename(columns={"count": "rows"})


def role_label(role: str | None, lang: str = "id") -> str:
    """A role in words, as a table cell: "Admin", "Analis", "Pembaca"; "—" for none."""
    if not role:
        return "—"
    if role not in ("admin", "analyst", "viewer"):
        return role
    word = t(f"role_{role}", lang)
    return word[:1].upper() + word[1:]


#: What an audit line's detail says, by its key: each key's label in words.
DETAIL_LABEL = {
    "period": "detail_period",
    "version": "detail_version",
    "revision": "detail_revision",
    "mode": "detail_mode",
    "file_name": "detail_file_name",
    "rows": "detail_rows",
    "projects": "detail_projects",
    "regions": "detail_regions",
    "removed": "detail_removed",
    "base": "detail_base",
    "errors": "detail_errors",
    "first": "detail_first",
    "kind": "detail_kind",
    "name": "detail_name",
    "role": "detail_role",
    "via": "detail_via",
    "email": "detail_email",
    "address": "detail_address",
    "count": "detail_count",
    "failures_before": "detail_failures_before",
    "action": "detail_action",
    "reason": "detail_reason",
    "from_version": "detail_from_version",
    "replaced_version": "detail_replaced_version",
    "file_sha256": "detail_file_sha256",
    "dropped_bytes": "detail_dropped_bytes",
    "dropped_sha256": "detail_dropped_sha256",
    "head_was": "detail_head_was",
    "head_revision_was": "detail_head_revision_was",
}
#: What a refused action was, in words (accounts' actions).
ACTION_LABEL = {
    "read": "action_read",
    "upload": "action_upload",
    "targets": "action_targets",
    "rollback": "action_rollback",
    "admin": "action_admin",
}


def _message_gist(key: str, lang: str) -> str:
    """A message key (an error's, a refusal's) as its text, its placeholders shown as "…"."""
    texts = MESSAGES.get(key, {}).get(lang)
    if not texts:
        return key
    return re.sub(r"\{[^{}]*\}", "…", texts[0])


def _detail_value(key: str, value, lang: str) -> str:
    if key == "period" and isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        return fmt_period(value, lang)
    if key in ("mode", "base") and isinstance(value, str) and f"mode_label_{value}" in MESSAGES:
        return t(f"mode_label_{value}", lang)
    if key == "role":
        return role_label(value, lang)
    if key in ("first", "reason") and isinstance(value, str):
        return _message_gist(value, lang)
    if key == "action" and value in ACTION_LABEL:
        return t(ACTION_LABEL[value], lang)
    if key == "removed" and isinstance(value, list):
        return describe_regions([str(c) for c in value], lang)
    if key.endswith("sha256") and isinstance(value, str):
        return value[:16]
    if isinstance(value, bool) or value is None:
        return "—" if value is None else t("yes" if value else "no", lang)
    if isinstance(value, int):
        return fmt_int(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def detail_text(detail: dict | None, lang: str = "id") -> str:
    """An audit line's detail in words: "berkas: salah.csv · kesalahan: 1 · …" (each key's label,
    each value as read: months, modes, roles and messages in words, numbers in Indonesian form)."""
    parts = []
    for key, value in (detail or {}).items():
        label = t(DETAIL_LABEL[key], lang) if key in DETAIL_LABEL else key.replace("_", " ")
        parts.append(f"{label}: {_detail_value(key, value, lang)}")
    return " · ".join(parts)


def audit_table(entries: list[dict], lang: str = "id") -> pd.DataFrame:
    """Audit entries, newest first, as the Audit page lists them (event and role in words, WIB
    time, the first 16 characters of the checksum, the detail in words)."""
    entries = list(reversed(entries))
    return pd.DataFrame(
        {
            "seq": [e["seq"] for e in entries],
            "time": [fmt_timestamp(e["time"], lang) for e in entries],
            "event": [t(f"event_{e['event']}", lang) for e in entries],
            "user": [e.get("user") or "—" for e in entries],
            "role": [role_label(e.get("role"), lang) for e in entries],
            "regions": [describe_regions(list(e.get("regions") or []), lang) for e in entries],
            "sha256": [(e.get("sha256") or "")[:16] for e in entries],
            "detail": [detail_text(e.get("detail"), lang) for e in entries],
        },
        columns=["seq", "time", "event", "user", "role", "regions", "sha256", "detail"],
    )
