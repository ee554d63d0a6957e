"""Audit (admins): every sign-in, upload, rollback, target and account change, and whether the
hash chain and the stored files are intact."""

import pandas as pd
import streamlit as st

from app_pages.common import lang, may, store, table, tr
from ucj.core.fmt import escape_md
from ucj.present import tables

st.title(tr("page_audit"), anchor=False)
if not may("admin"):
    st.error(tr("admins_only"))
    st.stop()

s = store()
problems = s.check()
if problems:
    st.error(tr("check_failed_page", n=len(problems)), icon=":material/gpp_bad:")
    st.dataframe(pd.DataFrame({tr("message"): problems}), hide_index=True, width="stretch")
else:
    st.success(tr("check_ok_page", lines=len(s.audit.lines())), icon=":material/verified_user:")

log = tables.audit_table(s.audit.entries(), lang())
if log.empty:
    st.info(tr("audit_empty"))
    st.stop()
st.caption(tr("audit_row_hint"))
chosen = table(
    log,
    {
        "seq": "#",
        "time": tr("time"),
        "event": tr("event"),
        "user": tr("user"),
        "role": tr("role"),
        "regions": tr("regions"),
        "sha256": "SHA-256",
        "detail": tr("detail"),
    },
    # Narrow figures, so that the regions are in view at 1366 px; a chosen line shows in full below.
    widths={"seq": 45, "time": 140, "event": 150, "user": 70, "role": 70, "regions": 192, "sha256": 70, "detail": 135},
    key="audit_table",
    download="ucj-audit",
    on_select="rerun",
    selection_mode="single-row",
)
if rows := chosen.selection.rows:
    line = log.iloc[rows[0]]
    with st.container(border=True, key="audit_line"):
        st.markdown(f"**#{int(line['seq'])} · {escape_md(line['event'])} · {escape_md(line['time'])}**")
        st.markdown(f"{tr('regions')}: {escape_md(line['regions'])}")
        st.markdown(f"{tr('detail')}: {escape_md(line['detail'] or '—')}")
st.download_button(
    tr("download_audit_raw"),
    "\n".join(s.audit.lines()) + "\n",
    "audit.log",
    "application/x-ndjson",
    icon=":material/download:",
    on_click="ignore",
)
