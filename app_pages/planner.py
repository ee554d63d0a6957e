"""Perencana anggaran / Budget planner: workers to enrol by the deadline and what it costs the APBD."""

import streamlit as st

from app_pages.common import chart, money_input, query, require_data, table, tr
from ucj.core import regions
from ucj.core.fmt import escape_md, fmt_int, fmt_period, fmt_rp
from ucj.core.planner import cost_per_worker_rp
from ucj.core.settings import load_settings
from ucj.present import charts
from ucj.present import deck as decks

f = require_data()
settings = load_settings()
st.title(f"{tr('page_planner')} · {regions.region_name(f.region)}" + (f" · {f.sector}" if f.sector else ""))

with st.expander(tr("rates"), icon=":material/tune:"):
    c = st.columns(3)
    jkk = c[0].number_input(
        tr("jkk_rate"),
        min_value=0.0,
        max_value=10.0,
        value=settings.jkk_rate_pct,
        step=0.01,
        format="%.2f",
        key="plan_jkk",
    )
    income = money_input(tr("reported_income"), "plan_income", settings.reported_income_rp, c[1])
    jkm = money_input(tr("jkm_rp"), "plan_jkm", settings.jkm_rp, c[2])
if income is None or jkm is None:  # said under the box
    st.stop()
cost = cost_per_worker_rp(jkk, income, jkm)
st.caption(f"{tr('plan_cost_per_worker')}: **{fmt_rp(cost)}**")

custom = st.number_input(tr("custom_pace"), min_value=0, value=None, step=50, key="plan_custom", placeholder="—")
plan = query(
    decks.plan_for, f.period, f.region, f.sector, cost=cost, extra_per_month=None if custom is None else float(custom)
)
if plan is None:
    st.info(tr("no_data_for_selection"))
    st.stop()

st.markdown(f"#### {escape_md(decks.plan_sentence(plan, f.lang))}")
if plan.scenarios:
    m = st.columns(3)
    m[0].metric(tr("plan_gap"), fmt_int(plan.gap), border=True)
    m[1].metric(
        tr("plan_deadline"),
        fmt_period(f"{plan.target_year}-12", f.lang),
        delta=tr("months_n", n=plan.months_left),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    m[2].metric(tr("plan_required"), fmt_int(plan.required_per_month), border=True)
    m = st.columns(3)
    m[0].metric(tr("plan_monthly_cost"), fmt_rp(plan.monthly_cost), border=True)
    m[1].metric(tr("plan_yearly_cost"), fmt_rp(plan.yearly_cost), border=True)
    m[2].metric(tr("plan_cost_to_deadline"), fmt_rp(plan.cost_to_deadline), border=True)

    target_scenario = plan.scenarios[0]
    if target_scenario.months:
        chart(
            name="ucj-rencana-anggaran", fig=charts.plan_schedule(target_scenario, f.lang, title=tr("schedule_title"))
        )
    st.subheader(tr("scenario"))
    side_by_side = decks.scenarios_side_by_side(plan, f.lang)
    table(side_by_side, {c: str(c) for c in side_by_side.columns}, download="ucj-skenario")

    st.subheader(tr("budget_question"))
    budget = money_input(tr("budget_input"), "plan_budget", 500_000_000)
    if budget is not None and (answer := decks.budget_sentence(plan, budget, f.lang)):
        st.markdown(f"**{escape_md(answer)}**")
