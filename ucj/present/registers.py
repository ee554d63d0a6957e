"""What the registers' pages show: the Target page's table, and the Monev Jakon register of a
region (also its slide and its report section)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..core import jakon, regions
from ..core.fmt import fmt_target
from ..core.settings import Settings, load_settings
from ..intake import jakon_files
from ..query import Revision, list_targets


@dataclass
class TargetsTable:
    """The Target page's table as drawn, and the targets it was drawn from."""

    shown: pd.DataFrame  # region_code, region_name, year, target_pct (as typed: "58,65"), source
    stored: list[dict]  # region_code, year, target_pct, source as stored: what a save is checked against


def targets_table(rev: Revision) -> TargetsTable:
    """The targets for the Target page's grid, percentages as text so that 58,65 is edited as
    written in the documents, with the stored rows a save compares its edits with."""
    stored = list_targets(rev)
    shown = stored.assign(
        year=stored["year"].astype("Int64"),
        target_pct=pd.Series([fmt_target(v).rstrip("%") for v in stored["target_pct"]], dtype="string"),
    ).astype({"region_code": "string", "region_name": "string", "source": "string"})
    return TargetsTable(shown, stored[["region_code", "year", "target_pct", "source"]].to_dict("records"))


@dataclass
class JakonPage:
    """What the Jakon page, its slide and its report section show for a region."""

    projects: pd.DataFrame  # the register inside the region, with registered, late and owed_rp
    summary: jakon.JakonSummary | None
    by_opd: pd.DataFrame
    by_region: pd.DataFrame
    unregistered: pd.DataFrame  # the follow-up list, largest contract first
    late: pd.DataFrame  # registered after work began
    illustrative: bool = False  # the sample data's projects, not official ones


def jakon_page(rev: Revision, region: str, settings: Settings | None = None) -> JakonPage:
    """The Monev Jakon register of ``region`` and everything below it."""
    settings = settings or load_settings()
    register = rev.read_jakon()
    illustrative = rev.jakon_by_demo()
    if register is None or register.empty:
        empty = jakon_files.empty_projects()
        return JakonPage(empty, None, empty, empty, empty, empty)
    inside = register[(register["region_code"] == region) | register["region_code"].str.startswith(region + ".")]
    df = jakon.with_status(inside.reset_index(drop=True), jakon.parse_tiers(settings.jakon_tiers))
    df["region_name"] = [regions.region_name(c) for c in df["region_code"]]
    if df.empty:
        return JakonPage(df, None, df, df, df, df)
    unregistered = df[~df["registered"]].sort_values("contract_value", ascending=False, kind="stable")
    late = df[df["registered"] & df["late"]].sort_values("start_date", kind="stable")
    by_region = jakon.by(df, "region_name")
    return JakonPage(df, jakon.summary(df), jakon.by(df, "opd"), by_region, unregistered, late, illustrative)
