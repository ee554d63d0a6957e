"""Monev Jakon: which construction projects have registered their workers with BPJS Ketenagakerjaan."""

import streamlit as st

from app_pages.common import (
    guarded,
    may,
    number_format_choice,
    query,
    report_table,
    require_data,
    show_action_error,
    signed_in,
    store,
    table,
    tr,
)
from ucj.core import regions
from ucj.core.fmt import escape_md, fmt_date, fmt_int, fmt_rp, fmt_rp_short
from ucj.core.i18n import tn
from ucj.intake import templates
from ucj.intake.jakon_files import projects_preview
from ucj.present import deck as decks
from ucj.present import registers, tables
from ucj.services import service

f = require_data()
name = regions.region_name(f.region)
st.title(f"{tr('page_jakon')} · {name}", anchor=False)
st.caption(tr("jakon_intro"))

page = query(registers.jakon_page, f.region)
if page.summary is None:
    st.info(tr("jakon_empty", region=name))
else:
    s = page.summary
    if page.illustrative:
        st.caption(tr("jakon_illustrative"))
    st.markdown("#### " + escape_md(decks.jakon_sentence(s, f.lang)))
    kpis = st.container(horizontal=True, gap="small")
    cards = [kpis.container(width="stretch") for _ in range(5)]
    cards[0].metric(
        tr("jakon_registered"),
        fmt_int(s.registered),
        delta=tn("jakon_registered_of", s.projects, f.lang, n=fmt_int(s.projects)),
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    cards[1].metric(tr("jakon_unregistered"), fmt_int(s.unregistered), border=True)
    cards[2].metric(tr("jakon_workers_card"), fmt_int(s.workers_unprotected), border=True)
    cards[3].metric(
        tr("jakon_value_card"), fmt_rp_short(s.value_unprotected_rp), help=fmt_rp(s.value_unprotected_rp), border=True
    )
    cards[4].metric(
        tr("jakon_owed_card"),
        fmt_rp_short(s.contribution_owed_rp),
        help=f"{fmt_rp(s.contribution_owed_rp)}. {tr('jakon_owed_help')}",
        border=True,
    )

    project_cols = {
        "project": tr("col_project"),
        "opd": tr("col_opd"),
        "region_name": tr("region"),
        "contract_value": tr("col_contract_value"),
        "start_date": tr("col_start"),
        "end_date": tr("col_end"),
        "workers": tr("col_workers"),
    }
    # The PPK and the funding show when a project is chosen (and in the cards and the downloads),
    # so that every column of the lists is in view at 1366 px.
    project_detail = {"ppk": tr("col_ppk"), "funding": tr("col_funding")}
    project_widths = {
        "project": 152,
        "opd": 125,
        "region_name": 115,
        "contract_value": 125,
        "start_date": 90,
        "end_date": 90,
        "workers": 60,
    }
    date_fmt = {"start_date": lambda d: fmt_date(d, f.lang), "end_date": lambda d: fmt_date(d, f.lang)}
    st.subheader(tr("jakon_unregistered_list"), anchor=False)
    table(
        page.unregistered,
        {**project_cols, "owed_rp": tr("col_owed")},
        formats={"contract_value": fmt_rp, "workers": fmt_int, "owed_rp": fmt_rp, **date_fmt},
        download="ucj-jakon-belum-terdaftar",
        cards=True,
        detail=project_detail,
        widths={**project_widths, "owed_rp": 115},
        key="jakon_unregistered",
    )
    group_cols = {
        "projects": tr("col_projects"),
        "registered": tr("col_registered"),
        "unregistered": tr("col_unregistered"),
        "workers_unprotected": tr("jakon_workers_unprotected"),
        "value_unprotected_rp": tr("jakon_value_unprotected"),
        "owed_rp": tr("col_owed"),
    }
    group_fmt = {"value_unprotected_rp": fmt_rp, "owed_rp": fmt_rp, "workers_unprotected": fmt_int}
    # One above the other, each the page's width: side by side, half of each was cut off at 1366 px.
    group_widths = {
        "projects": 65,
        "registered": 85,
        "unregistered": 105,
        "workers_unprotected": 120,
        "value_unprotected_rp": 165,
        "owed_rp": 140,
    }
    st.subheader(tr("jakon_by_opd"), anchor=False)
    table(
        page.by_opd,
        {"opd": tr("col_opd"), **group_cols},
        formats=group_fmt,
        download="ucj-jakon-per-opd",
        cards=True,
        widths={"opd": 180, **group_widths},
    )
    st.subheader(tr("jakon_by_region"), anchor=False)
    table(
        page.by_region,
        {"region_name": tr("region"), **group_cols},
        formats=group_fmt,
        download="ucj-jakon-per-wilayah",
        cards=True,
        widths={"region_name": 180, **group_widths},
    )
    st.subheader(tr("jakon_late_list"), anchor=False)
    table(
        page.late,
        {**project_cols, "registration_date": tr("col_registered_on")},
        formats={
            "contract_value": fmt_rp,
            "workers": fmt_int,
            **date_fmt,
            "registration_date": lambda d: fmt_date(d, f.lang),
        },  # fmt: skip
        download="ucj-jakon-mulai-sebelum-terdaftar",
        cards=True,
        detail={**project_detail, "registration_no": tr("col_registration_no")},
        widths={**project_widths, "registration_date": 110},
        key="jakon_late",
    )

if may("upload"):
    with st.expander(tr("jakon_upload"), icon=":material/upload_file:", expanded=page.summary is None):
        st.download_button(
            tr("jakon_template"),
            templates.jakon_csv(),
            "templat-proyek-jakon.csv",
            "text/csv",
            icon=":material/download:",
            key="jakon_template",
            on_click="ignore",
        )
        upload = st.file_uploader(tr("jakon_upload"), type=["csv", "xlsx"], key="jakon_file")
        if upload is not None:
            data = upload.getvalue()
            chosen = st.session_state.get("jakon_number_format")
            checked = service.check_projects(data, upload.name, user=signed_in(), number_format=chosen)
            number_format_choice("jakon_number_format", checked.asks_number_format)
            if not checked.ok:
                if checked.asks_number_format:
                    st.info(tr("number_format_question"), icon=":material/help:")
                else:
                    st.error(tr("refused", n=len(checked.errors)))
                report_table(
                    tables.problems_table(checked, f.lang),
                    {
                        "severity": tr("severity"),
                        "row": tr("row"),
                        "column": tr("column"),
                        "value": tr("value"),
                        "message": tr("message"),
                    },
                    download="ucj-jakon-laporan",
                )
            else:
                count = len(checked.projects)
                st.success(
                    escape_md(
                        tn(
                            "jakon_file_ok",
                            count,
                            f.lang,
                            n=fmt_int(count),
                            regions=tables.describe_regions(checked.regions, f.lang),
                        )
                    )
                )
                st.caption(tn("jakon_preview", count, f.lang, n=fmt_int(count)))
                table(
                    projects_preview(checked),
                    {
                        "project": tr("col_project"),
                        "opd": tr("col_opd"),
                        "region_name": tr("region"),
                        "funding": tr("col_funding"),
                        "contract_value": tr("col_contract_value"),
                        "workers": tr("col_workers"),
                        "start_date": tr("col_start"),
                        "end_date": tr("col_end"),
                        "registration_no": tr("col_registration_no"),
                    },
                    formats={
                        "contract_value": fmt_rp,
                        "workers": fmt_int,
                        "start_date": lambda d: fmt_date(d, f.lang),
                        "end_date": lambda d: fmt_date(d, f.lang),
                    },
                    key="jakon_preview",
                )
                if st.button(tr("publish"), type="primary", key="jakon_publish"):
                    result, version = service.publish_projects(
                        store(), data, upload.name, user=signed_in(), number_format=chosen
                    )
                    if version is not None:
                        st.session_state["jakon_message"] = version
                        st.rerun()
        if version := st.session_state.pop("jakon_message", None):
            st.success(tr("jakon_published", version=version))

if may("rollback") and (versions := store().jakon_versions()):
    with st.expander(tr("jakon_versions"), icon=":material/history:"):
        show_action_error()
        table(
            tables.jakon_versions_table(versions, f.lang),
            {
                "version": tr("version"),
                "active": tr("active"),
                "uploaded_at": tr("uploaded_at"),
                "user": tr("user"),
                "file_name": tr("file_name"),
                "regions": tr("version_regions"),
                "projects": tr("col_projects"),
            },
            key="jakon_versions_table",
        )
        older = [v["version"] for v in reversed(versions) if not v["active"]]
        if older:

            @guarded
            def _rollback(version: int) -> None:
                store().rollback_jakon(version, user=signed_in())
                st.session_state["jakon_rolled_back"] = version

            c1, c2 = st.columns([1, 2], vertical_alignment="bottom")
            chosen = c1.selectbox(tr("rollback_choose"), older, key="jakon_rb_version")
            c2.button(tr("jakon_rollback"), key="jakon_rb_button", on_click=_rollback, args=(chosen,))
        if done := st.session_state.pop("jakon_rolled_back", None):
            st.success(tr("rollback_done_jakon", version=done))
