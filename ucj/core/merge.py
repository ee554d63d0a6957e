"""How a file's rows join the month already stored: pure functions, no I/O.

Every BPJS branch and every Pemda sends its own file for its own regions, so a file replaces, for
its month, only the cells it gives: the region × sector rows it contains. Everything else keeps
its figures. A region's workforce and a sector's own denominator are replaced only by a file that
gives them; a file that leaves them blank keeps the stored ones of that month (never another
month's: nothing is carried forward).

Replacing the whole month is a separate, deliberate mode: the file becomes the month, and every
region not in it loses its figures.

A file that sends a region while the month holds one of its ancestors or descendants would count
the same workers twice in every roll-up: that is a clash, and the file is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from . import regions

MODES = ("merge", "replace")
#: Stored beside the snapshot columns: which version's file sent the row.
SOURCE_COLUMN = "source_version"


@dataclass(frozen=True)
class Clash:
    """A file's region against a stored region of another level of the same branch of the tree."""

    region_code: str  # in the file
    stored_code: str  # in the stored month
    source_version: int | None  # the version whose file sent the stored row


@dataclass
class MergePlan:
    """What publishing a file would make of its month."""

    rows: pd.DataFrame  # the month afterwards (the new rows carry no source_version yet: NA)
    changed: list[str]  # region codes the file gives, in code order
    removed: list[str]  # region codes that lose their figures (only when replacing the month)
    kept: list[str]  # stored region codes the file leaves as they are
    clashes: list[Clash] = field(default_factory=list)


def merge_month(current: pd.DataFrame | None, new: pd.DataFrame, mode: str = "merge") -> MergePlan:
    """The month after publishing ``new`` over ``current`` (the stored rows, or None for a new month).

    Both frames have the snapshot columns; ``current`` may carry ``source_version``.
    Raises ValueError for an unknown mode.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    new = new.copy()
    new[SOURCE_COLUMN] = pd.array([pd.NA] * len(new), dtype="Int32")
    changed = sorted(set(new["region_code"].tolist()))
    if current is None or current.empty:
        return MergePlan(_tidy(new), changed, [], [])
    current = current.copy()
    if SOURCE_COLUMN not in current.columns:
        current[SOURCE_COLUMN] = pd.array([pd.NA] * len(current), dtype="Int32")
    stored_codes = set(current["region_code"].tolist())
    if mode == "replace":
        removed = sorted(stored_codes - set(changed))
        return MergePlan(_tidy(new), changed, removed, [])

    given = set(zip(new["region_code"].tolist(), new["sector"].tolist()))
    replaced = [(c, s) in given for c, s in zip(current["region_code"].tolist(), current["sector"].tolist())]
    keep = current[[not r for r in replaced]]
    old = current[replaced]
    clashes = _clashes(new, keep)

    # Denominators left blank in the file keep the stored ones of the same month.
    old_sector_wf = {
        (c, s): w
        for c, s, w in zip(old["region_code"].tolist(), old["sector"].tolist(), old["sector_workforce"].tolist())
    }
    blank = new["sector_workforce"].isna()
    new.loc[blank, "sector_workforce"] = [
        old_sector_wf.get((c, s), pd.NA) for c, s in zip(new.loc[blank, "region_code"], new.loc[blank, "sector"])
    ]
    stored_wf = current.dropna(subset=["workforce"]).groupby("region_code")["workforce"].max().to_dict()
    blank = new["workforce"].isna()
    new.loc[blank, "workforce"] = [stored_wf.get(c, pd.NA) for c in new.loc[blank, "region_code"]]
    # A region's workforce given by the file holds for its other, kept sectors too.
    given_wf = new.dropna(subset=["workforce"]).groupby("region_code")["workforce"].max().to_dict()
    keep = keep.copy()
    again = keep["region_code"].isin(given_wf.keys())
    keep.loc[again, "workforce"] = [given_wf[c] for c in keep.loc[again, "region_code"]]

    merged = pd.concat([keep, new], ignore_index=True) if not keep.empty else new
    kept = sorted(set(keep["region_code"].tolist()) - set(changed))
    return MergePlan(_tidy(merged), changed, [], kept, clashes)


def _clashes(new: pd.DataFrame, keep: pd.DataFrame) -> list[Clash]:
    """Each file region with a stored ancestor or descendant (first one found, in code order)."""
    if keep.empty:
        return []
    stored = keep.groupby("region_code")[SOURCE_COLUMN].max().to_dict()
    out = []
    for code in sorted(set(new["region_code"].tolist())):
        for anc in regions.ancestors(code):
            if anc in stored:
                out.append(Clash(code, anc, _int_or_none(stored[anc])))
                break
        else:
            prefix = code + "."
            below = sorted(c for c in stored if c.startswith(prefix))
            if below:
                out.append(Clash(code, below[0], _int_or_none(stored[below[0]])))
    return out


def _int_or_none(v) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def _tidy(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["region_code", "sector"], ignore_index=True).astype(
        {"sector_workforce": "Int64", "workforce": "Int64", SOURCE_COLUMN: "Int32"}
    )


def summarize_codes(codes: list[str]) -> list[str]:
    """Codes cut to kabupaten/kota (or province) level, distinct and sorted: what a version record
    keeps of the regions it changed (at most 514, even for a national kecamatan file)."""
    return sorted({c[: regions.CODE_LENGTH[2]] for c in codes})
