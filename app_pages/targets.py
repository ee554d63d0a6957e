"""Target: the targets in an editable table, validated on save, with their source."""

import pandas as pd
import streamlit as st

from app_pages.common import lang, may, query, signed_in, store, table, target_source, tr
from ucj.core.accounts import AccessDenied
from ucj.core.fmt import escape_md, fmt_target
from ucj.intake.ingest import problems_frame
from ucj.intake.target_files import parse_targets_file, targets_preview
from ucj.present import registers
from ucj.services import service

st.title(tr("page_targets"), anchor=False)
if message := st.session_state.pop("targets_message", None):
    st.success(message, icon=":material/check:")


def show_problems(result) -> None:
    st.error(tr("targets_refused", n=len(result.errors)))
    problems = problems_frame(result.errors, lang())
    # Name the columns as the grid above does.
    names = {
        c: tr(k)
        for c, k in (
            ("region_code", "region_code"),
            ("region_name", "region"),
            ("year", "year"),
            ("target_pct", "target_pct"),
            ("source", "source"),
        )
    }
    problems["column"] = [names.get(c, c) for c in problems["column"]]
    table(problems, {"row": tr("row"), "column": tr("column"), "value": tr("value"), "message": tr("message")})


targets = query(registers.targets_table)
current = targets.shown
if not may("targets"):
    st.info(tr("viewer_read_only"), icon=":material/visibility:")
    table(
        current.assign(source=[target_source(v) for v in current["source"]]),
        {
            "region_code": tr("region_code"),
            "region_name": tr("region"),
            "year": tr("year"),
            "target_pct": tr("target_pct"),
            "source": tr("source"),
        },
        widths={"region_code": 90, "region_name": 190, "year": 70, "target_pct": 80},
        key="targets_read_only",
        download="ucj-target",
    )
    st.stop()

# How to edit: only for those who may.
st.caption(tr("targets_intro"))
# The table as it was when this user opened it: a save changes only the rows edited since, and is
# refused for a row someone else changed in between.
drawn_key, raw_key = "targets_drawn", "targets_drawn_raw"
if drawn_key not in st.session_state:
    st.session_state[drawn_key] = current
    st.session_state[raw_key] = targets.stored
base = st.session_state[drawn_key]
edited = st.data_editor(
    base,
    num_rows="dynamic",
    hide_index=True,
    width="stretch",
    key="targets_editor",
    column_config={
        "region_code": st.column_config.TextColumn(tr("region_code"), required=True, help="61.03 / 6103", width=110),
        "region_name": st.column_config.TextColumn(tr("region"), disabled=True, width=190),
        "year": st.column_config.NumberColumn(
            tr("year"), min_value=2000, max_value=2100, step=1, format="%d", width=90
        ),
        "target_pct": st.column_config.TextColumn(tr("target_pct"), help="58,65", width=110),
        "source": st.column_config.TextColumn(tr("source"), width=360),  # the grid fits 904 px at 1366
    },
)


def _records(df: pd.DataFrame) -> list[dict]:
    return [
        {"row": i + 1, **{k: (None if pd.isna(v) else v) for k, v in r.items() if k != "region_name"}}
        for i, r in enumerate(df.to_dict(orient="records"))
    ]


if st.button(tr("save"), type="primary", icon=":material/save:", key="save_targets"):
    try:
        result = service.save_target_edits(store(), st.session_state[raw_key], _records(edited), user=signed_in())
    except AccessDenied as exc:
        st.error(escape_md(tr(exc.key, **exc.params)), icon=":material/block:")
        st.stop()
    if result.ok:
        st.session_state.pop(drawn_key, None)
        st.session_state.pop("targets_editor", None)
        st.session_state["targets_message"] = tr("saved_targets", n=len(result.targets))
        st.rerun()
    show_problems(result)

with st.expander(tr("import_targets"), icon=":material/upload:"):
    f = st.file_uploader(tr("choose_file"), type=["csv", "xlsx"], key="targets_file")
    checked = parse_targets_file(f.getvalue(), f.name) if f is not None else None
    if checked is not None and checked.ok:
        st.caption(tr("targets_preview", n=len(checked.targets)))
        table(
            targets_preview(checked),
            {
                "region_code": tr("region_code"),
                "region_name": tr("region"),
                "year": tr("year"),
                "target_pct": tr("target_pct"),
                "source": tr("source"),
            },
            formats={"target_pct": fmt_target},
            key="targets_preview",
        )
    elif checked is not None:
        show_problems(checked)
    if f is not None and checked is not None and checked.ok and st.button(tr("import_targets"), key="import_targets"):
        try:
            result = service.import_targets(store(), f.getvalue(), f.name, user=signed_in())
        except AccessDenied as exc:
            st.error(escape_md(tr(exc.key, **exc.params)), icon=":material/block:")
            st.stop()
        if result.ok:
            st.session_state.pop(drawn_key, None)
            st.session_state["targets_message"] = tr("imported_targets", n=len(result.targets))
            st.rerun()
        show_problems(result)
