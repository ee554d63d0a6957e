"""The commands that answer with figures: status, export (the deck or the report), plan."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..core.i18n import both, t
from ..query import target_status
from . import params as P
from .base import Run, _latest, _print_records, _print_table, _uses_store

LEVEL_NAMES = P.LEVEL_NAMES

# ---- status ----------------------------------------------------------------------------------


@click.command(help="Coverage, target, gap, months left, required and current pace, projection and status per region.")
@P.period()
@P.region()
@click.option("--level", type=click.Choice(sorted(LEVEL_NAMES)), help="the level of the regions listed")
@P.sector
@P.as_json()
@_uses_store()
def status(
    run: Run, period: str | None, region: str | None, level: str | None, sector: str | None, as_json: bool
) -> int:
    if (period := _latest(run.revision, period, run.err)) is None:
        return 2
    df = target_status(
        run.revision,
        period,
        level=LEVEL_NAMES[level] if level else None,
        region=region,
        sector=sector,
        settings=run.settings,
    )
    if as_json:
        _print_records(df, run.out)
        return 0
    if df.empty:
        print(both("cli_no_period_data", period=period), file=run.out)
        return 0
    view = df.copy()
    view["status"] = [t(f"status_{s}", "id") for s in view["status"]]
    _print_table(view.drop(columns=["target_source", "period"]), run.out)
    print(both("cli_period_line", period=period), file=run.out)
    return 0


# ---- export, plan -----------------------------------------------------------------------------


@click.command(help="The slide deck (.pptx) or the printable report (.pdf).")
@click.option("--format", "format_", type=click.Choice(["pptx", "pdf"]), required=True, help="slides or report")
@P.region(required=True)
@P.period()
@P.sector
@P.lang
@P.cost_per_worker
@P.budget("rupiah to the deadline, for the report's budget question")
@click.option("--out", "out_file", type=P.FILE, required=True, metavar="FILE", help="the file to write")
@_uses_store()
def export(run: Run, format_: str, region: str, period: str | None, sector: str | None, lang: str,
           cost_per_worker: int | None, budget: int | None, out_file: Path) -> int:  # fmt: skip
    from ..present.deck import build_deck
    from ..present.exports import deck_pptx, report_pdf

    if (period := _latest(run.revision, period, run.err)) is None:
        return 2
    if target_status(run.revision, period, region=region).empty:
        print(both("cli_no_region_data", region=region, period=period), file=run.err)
        return 2
    d = build_deck(run.revision, period, region, sector, lang, cost=cost_per_worker, settings=run.settings)
    data = deck_pptx(d) if format_ == "pptx" else report_pdf(d, budget_rp=budget)
    out_file.write_bytes(data)
    print(f"{out_file} ({len(data):,} bytes)".replace(",", "."), file=run.out)
    return 0


@click.command(help="Workers to enrol by the deadline and what their contributions cost.")
@P.region(required=True)
@P.period()
@P.sector
@P.cost_per_worker
@P.budget("also answer: what coverage does this budget to the deadline buy")
@P.lang
@P.as_json()
@_uses_store()
def plan(run: Run, region: str, period: str | None, sector: str | None, cost_per_worker: int | None,
         budget: int | None, lang: str, as_json: bool) -> int:  # fmt: skip
    from dataclasses import asdict

    from ..core.planner import budget_reach
    from ..present.deck import budget_sentence, plan_for, plan_sentence

    if (period := _latest(run.revision, period, run.err)) is None:
        return 2
    found = plan_for(run.revision, period, region, sector, cost=cost_per_worker, settings=run.settings)
    if found is None:
        print(both("cli_no_region_data", region=region, period=period), file=run.err)
        return 2
    if as_json:
        doc = found.as_dict()
        if budget is not None and found.months_left:
            reach = budget_reach(budget, found.cost_per_worker_rp, found.months_left, found.participants,
                                 found.workforce, found.target_participants)  # fmt: skip
            doc["budget"] = asdict(reach)
        print(json.dumps(doc, ensure_ascii=False, indent=1), file=run.out)
        return 0
    print(plan_sentence(found, lang), file=run.out)
    if budget is not None and (answer := budget_sentence(found, budget, lang)):
        print(answer, file=run.out)
    return 0


COMMANDS = [status, export, plan]
