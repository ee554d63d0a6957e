"""What a write changes: the regions whose rows differ between two versions of a month, of the
targets, of the Jakon register or of the Pemda programmes' beneficiaries and budgets (the regions a
write is authorised and audited for), and the targets' provenance carried over for unchanged rows.
Pure: tables in, region codes out."""

from __future__ import annotations

import pandas as pd


def changed_regions(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Region codes whose rows differ between two versions of a month (added, removed or changed)."""
    cols = ["sector", "participants", "sector_workforce", "workforce"]

    def by_region(df: pd.DataFrame) -> dict[str, frozenset]:
        if df.empty:
            return {}
        return {
            code: frozenset(tuple(None if pd.isna(x) else x for x in r) for r in g[cols].itertuples(index=False))
            for code, g in df.groupby("region_code")
        }

    a, b = by_region(before), by_region(after)
    return sorted(c for c in a.keys() | b.keys() if a.get(c) != b.get(c))


def changed_targets(before: pd.DataFrame, after: pd.DataFrame) -> list[str]:
    """Region codes of target rows added, removed or changed between two target tables."""

    def rows(df: pd.DataFrame) -> dict[tuple[str, int], tuple]:
        return {
            (str(r.region_code), int(r.year)): (float(r.target_pct), str(r.source or ""))
            for r in df.itertuples(index=False)
        }

    a, b = rows(before), rows(after)
    return sorted({k[0] for k in a.keys() | b.keys() if a.get(k) != b.get(k)})


def with_provenance(current: pd.DataFrame, new: pd.DataFrame, user: str, when: str) -> pd.DataFrame:
    """``new`` with updated_by/updated_at: kept from ``current`` for unchanged rows, else ``user``/``when``."""
    old = {
        (str(r.region_code), int(r.year)): (float(r.target_pct), str(r.source or ""), r.updated_by, r.updated_at)
        for r in current.itertuples(index=False)
    }
    by, at = [], []
    for r in new.itertuples(index=False):
        prev = old.get((str(r.region_code), int(r.year)))
        if prev is not None and prev[:2] == (float(r.target_pct), str(r.source or "")):
            by.append(prev[2])
            at.append(prev[3])
        else:
            by.append(user)
            at.append(when)
    return new.assign(updated_by=pd.array(by, dtype="string"), updated_at=pd.array(at, dtype="string"))


def changed_project_regions(a: pd.DataFrame | None, b: pd.DataFrame | None) -> list[str]:
    """Regions whose projects differ between two versions of the register."""

    def rows(df):
        if df is None:
            return {}
        return {c: sorted(map(tuple, g.astype(str).to_numpy().tolist())) for c, g in df.groupby("region_code")}

    ra, rb = rows(a), rows(b)
    return sorted(c for c in set(ra) | set(rb) if ra.get(c) != rb.get(c))


def _rows_by(df: pd.DataFrame | None, column: str) -> dict[str, list]:
    if df is None or df.empty:
        return {}
    return {c: sorted(map(tuple, g.astype(str).to_numpy().tolist())) for c, g in df.groupby(column)}


def changed_beneficiary_regions(a: pd.DataFrame | None, b: pd.DataFrame | None) -> list[str]:
    """Regions whose programme beneficiaries differ between two versions."""
    ra, rb = _rows_by(a, "region_code"), _rows_by(b, "region_code")
    return sorted(c for c in set(ra) | set(rb) if ra.get(c) != rb.get(c))


def changed_budget_funders(a: pd.DataFrame | None, b: pd.DataFrame | None) -> list[str]:
    """Funders (their region codes) whose programme budgets differ between two versions."""
    ra, rb = _rows_by(a, "funder_code"), _rows_by(b, "funder_code")
    return sorted(c for c in set(ra) | set(rb) if ra.get(c) != rb.get(c))
