"""Unggah / Upload: templates, check a file, see what is wrong, compare, publish; versions and rollback."""

import streamlit as st

from app_pages.common import (
    guarded,
    lang,
    may,
    number_format_choice,
    report_table,
    show_action_error,
    signed_in,
    store,
    table,
    tr,
)
from ucj.core.accounts import local_mode_user
from ucj.core.fmt import escape_md, fmt_int, fmt_period, fmt_signed_int
from ucj.core.parsing import ParseError, parse_period
from ucj.intake import templates
from ucj.present import tables
from ucj.services import service
from ucj.storage.store import StoreError

st.title(tr("page_upload"))
s = store()
if not may("upload"):  # the page is not offered to viewers; a direct link gets no controls either
    st.error(tr("access_denied_role", user=escape_md(signed_in().name), role=signed_in().role, action="upload"))
    st.stop()
show_action_error()

with st.expander(tr("templates"), icon=":material/download:"):
    c = st.columns(4)
    c[0].download_button(tr("template_wide_csv"), templates.wide_csv(), "template_ucj_lebar.csv", "text/csv")
    c[1].download_button(
        tr("template_wide_xlsx"),
        templates.wide_xlsx(),
        "template_ucj_lebar.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    c[2].download_button(tr("template_long_csv"), templates.long_csv(), "template_ucj_panjang.csv", "text/csv")
    c[3].download_button(tr("template_targets_csv"), templates.targets_csv(), "template_target.csv", "text/csv")


def _user():
    me = signed_in()
    if me.source == "local-mode":  # no accounts: the uploader may still say who they are
        return local_mode_user(st.session_state.get("upload_user", "").strip()[:64])
    return me


@guarded
def _publish(result, mode: str, preview) -> None:
    # A callback runs before the page is drawn again: the period filter may still change here, and
    # a fresh uploader key clears the published file so a second click cannot publish it twice.
    confirmed = len(preview.removed) if st.session_state.get("confirm_removal") else None
    try:
        outcome = service.publish(
            s,
            result,
            user=_user(),
            mode=mode,
            confirm_removal=confirmed,
            expected_active=preview.active_version if mode == "replace" else service.ANY_VERSION,
        )
    except StoreError as exc:
        st.session_state["upload_error"] = tr(exc.key, **exc.params)
        return
    st.session_state["period"] = result.period
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    assert outcome.version is not None, "a publish that returns has stored its version"
    st.session_state["upload_message"] = ("published", result.period, outcome.version.version)


@guarded
def _rollback(period: str, version: int) -> None:
    s.rollback(period, version, user=_user())
    st.session_state["upload_message"] = ("rollback_done", period, version)


@guarded
def _withdraw(period: str) -> None:
    version = service.withdraw_period(s, period, user=_user())
    st.session_state.pop(f"withdraw_confirm_{period}", None)
    st.session_state["upload_message"] = ("withdraw_done", period, version.version)


if message := st.session_state.pop("upload_message", None):
    st.success(tr(message[0], period=fmt_period(message[1], lang()), version=message[2]), icon=":material/check:")
if problem := st.session_state.pop("upload_error", None):
    st.error(tr("publish_failed", detail=escape_md(problem)), icon=":material/error:")

upload = st.file_uploader(
    tr("choose_file"), type=["csv", "xlsx"], key=f"upload_file_{st.session_state.get('upload_round', 0)}"
)
mode = st.radio(
    tr("publish_mode"),
    ["merge", "replace"],
    format_func=lambda m: tr(f"mode_{m}"),
    key="upload_mode",
)
period_text = st.text_input(tr("period_if_missing"), key="upload_period", placeholder=tr("period_placeholder"))
period = None
if period_text.strip():
    try:
        period = parse_period(period_text)
    except ParseError:
        st.error(tr("not_a_period"))

if upload is not None:
    data = upload.getvalue()
    format_key = f"upload_number_format_{st.session_state.get('upload_round', 0)}"
    chosen = st.session_state.get(format_key)
    # The sheet choice belongs to this file: a new file starts again from its first visible sheet.
    sheet_key = f"upload_sheet_{service.result_sha(data)[:16]}"
    with st.spinner(tr("checking")):
        result = service.check_file(
            s,
            data,
            upload.name,
            period=period,
            mode=mode,
            user=_user(),
            sheet=st.session_state.get(sheet_key),
            number_format=chosen,
        )
    if len(result.sheets) > 1:
        st.selectbox(tr("sheet_choice"), list(result.sheets), key=sheet_key)
    number_format_choice(format_key, result.asks_number_format)
    for note in result.note_texts(lang()):
        st.caption(escape_md(note))
    if result.ok:
        st.success(
            tr(
                "file_ok",
                period=fmt_period(result.period, lang()),
                regions=result.rows["region_code"].nunique(),
                rows=len(result.rows),
            )
        )
    elif result.asks_number_format:
        st.info(tr("number_format_question"), icon=":material/help:")
    else:
        st.error(tr("file_refused", n=len(result.errors)))
        # Once per file and session in the audit log, not on every rerun of the page.
        audited = st.session_state.setdefault("audited_refusals", set())
        if result.sha256 not in audited and not result.asks_number_format:  # a question is not a refusal
            service.record_refusal(s, _user(), result)
            audited.add(result.sha256)
    problems = tables.problems_table(result, lang())
    if not problems.empty:
        st.subheader(tr("report"))
        report_table(
            problems,
            {
                "severity": tr("severity"),
                "row": tr("row"),
                "column": tr("column"),
                "value": tr("value"),
                "message": tr("message"),
            },
            download="ucj-laporan-pemeriksaan",
        )
    if result.ok:
        st.subheader(tr("preview"))
        table(
            tables.preview_table(result),
            {
                "source_row": tr("row"),
                "region_code": tr("region_code"),
                "region_name": tr("region"),
                "sector": tr("sector"),
                "participants": tr("participants"),
                "workforce": tr("workforce"),
                "sector_workforce": tr("sector_workforce"),
            },
            formats={"participants": fmt_int, "workforce": fmt_int, "sector_workforce": fmt_int},
            key="preview_table",
        )
        st.subheader(tr("comparison", period=fmt_period(result.period, lang())))
        preview = service.preview_publish(s, result, mode)
        month = fmt_period(result.period, lang())
        confirmed = True
        if preview.active_version is not None:
            table(
                tables.comparison_table(preview.comparison, lang()),
                {
                    "region_code": tr("region_code"),
                    "region_name": tr("region"),
                    "change": tr("change"),
                    "participants_before": tr("before"),
                    "participants_after": tr("after"),
                    "delta": tr("delta"),
                },
                formats={"participants_before": fmt_int, "participants_after": fmt_int, "delta": fmt_signed_int},
                key="diff_table",
            )
            if mode == "replace" and preview.removed:
                n = len(preview.removed)
                st.warning(tr("replace_warning", period=month, n=n), icon=":material/warning:")
                confirmed = st.checkbox(tr("confirm_removal", n=n, period=month), key="confirm_removal")
            else:
                st.info(tr("merge_note", period=month, changed=len(preview.changed), kept=len(preview.kept)))
        else:
            st.info(tr("new_period", period=month))
        if result.warnings:
            confirmed = (
                st.checkbox(tr("confirm_warnings", n=len(result.warnings)), key="confirm_warnings") and confirmed
            )
        if signed_in().source == "local-mode":
            st.text_input(tr("your_name"), key="upload_user", max_chars=64)
        st.button(
            tr("publish"),
            type="primary",
            disabled=not confirmed,
            key="publish",
            icon=":material/publish:",
            on_click=_publish,
            args=(result, mode, preview),
        )

st.divider()
st.subheader(tr("versions"))
versions = s.versions()
if versions.empty:
    st.caption(tr("no_versions"))
else:
    table(
        tables.versions_table(versions, lang()),
        {
            "period": tr("period"),
            "version": tr("version"),
            "active": tr("active"),
            "uploaded_at": tr("uploaded_at"),
            "user": tr("user"),
            "regions": tr("version_regions"),
            "rows": tr("rows"),
        },
        # Narrow numbers and marks, so that every column is in view at 1366 px; the file, the mode
        # and the regions removed show when a version is chosen.
        widths={
            "period": 120,
            "version": 60,
            "active": 60,
            "uploaded_at": 160,
            "user": 90,
            "regions": 312,
            "rows": 70,
        },
        detail={"file_name": tr("file_name"), "mode": tr("version_mode"), "removed": tr("version_removed")},
        key="versions_table",
    )

if not versions.empty and may("rollback"):
    periods = sorted(versions["period"].unique(), reverse=True)
    c1, c2, c3 = st.columns([2, 1, 1], vertical_alignment="bottom")
    rb_period = c1.selectbox(
        tr("rollback_period"), periods, format_func=lambda p: fmt_period(p, lang()), key="rb_period"
    )
    # Only a version that is not in force is offered (going back to the active one would change
    # nothing); the latest of them first, the one a bad upload most often replaced.
    of_period = versions[versions["period"] == rb_period]
    options = sorted(of_period[~of_period["active"].astype(bool)]["version"], reverse=True)
    if options:
        rb_version = c2.selectbox(tr("rollback_choose"), options, key="rb_version")
        later = tables.versions_undone(versions, rb_period, int(rb_version))
        if later:
            st.caption(escape_md(tr("rollback_undoes", version=rb_version, later=later)))
        c3.button(
            tr("rollback"),
            key="rb_button",
            icon=":material/history:",
            on_click=_rollback,
            args=(rb_period, int(rb_version)),
        )
    else:
        c2.caption(tr("rollback_only_version"))

if may("admin"):
    with_data = s.periods()
    if with_data:
        with st.expander(tr("withdraw_title"), icon=":material/remove_circle:"):
            wd_period = st.selectbox(
                tr("withdraw_period"),
                list(reversed(with_data)),
                format_func=lambda p: fmt_period(p, lang()),
                key="withdraw_period",
            )
            sure = st.checkbox(
                tr("withdraw_confirm", period=fmt_period(wd_period, lang())), key=f"withdraw_confirm_{wd_period}"
            )
            st.button(
                tr("withdraw"),
                key="withdraw_button",
                disabled=not sure,
                icon=":material/remove_circle:",
                on_click=_withdraw,
                args=(wd_period,),
            )
