"""The tables of the pages that list files, versions and the audit log (Unggah, Monev Jakon,
Audit): the stored values with their words ("berubah", "✔", WIB times, regions in a few names)."""

from __future__ import annotations

import pandas as pd

from ..core import regions
from ..core.fmt import fmt_timestamp
from ..core.i18n import t


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
    """Store.versions() as the Unggah page lists it: active as ✔, WIB times, mode and regions in words."""
    out = versions.copy()
    out["active"] = ["✔" if a else "" for a in out["active"]]
    out["uploaded_at"] = [fmt_timestamp(v, lang) for v in out["uploaded_at"]]
    out["mode"] = [t(f"mode_label_{m}", lang) for m in out["mode"]]
    out["regions"] = [describe_regions(list(r), lang) for r in out["regions"]]
    out["removed"] = [describe_regions(list(r), lang) if len(r) else "" for r in out["removed"]]
    return out


def jakon_versions_table(versions: list[dict], lang: str = "id") -> pd.DataFrame:
    """The project register's versions, newest first, as the Jakon page lists them."""
    rows = [
        {
            "version": v["version"],
            "active": "✔" if v["active"] else "",
            "uploaded_at": fmt_timestamp(v["uploaded_at"], lang),
            "user": v["user"],
            "file_name": v["file_name"],
            "regions": describe_regions(list(v.get("regions", [])), lang),
            "projects": v.get("projects"),
        }
        for v in reversed(versions)
    ]
    return pd.DataFrame(rows, columns=["version", "active", "uploaded_at", "user", "file_name", "regions", "projects"])


def audit_table(entries: list[dict], lang: str = "id") -> pd.DataFrame:
    """Audit entries, newest first, as the Audit page lists them (event in words, WIB time,
    the first 16 characters of the checksum, the detail as key=value)."""
    entries = list(reversed(entries))
    return pd.DataFrame(
        {
            "seq": [e["seq"] for e in entries],
            "time": [fmt_timestamp(e["time"], lang) for e in entries],
            "event": [t(f"event_{e['event']}", lang) for e in entries],
            "user": [e.get("user") or "—" for e in entries],
            "role": [e.get("role") or "—" for e in entries],
            "regions": [", ".join(e.get("regions") or []) for e in entries],
            "sha256": [(e.get("sha256") or "")[:16] for e in entries],
            "detail": [", ".join(f"{k}={val}" for k, val in (e.get("detail") or {}).items()) for e in entries],
        },
        columns=["seq", "time", "event", "user", "role", "regions", "sha256", "detail"],
    )
