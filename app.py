"""Placeholder frame; the dashboard pages arrive with the next issue."""

import streamlit as st

from ucj import db
from ucj.settings import load_settings
from ucj.store import Store

st.set_page_config(page_title="UCJ", layout="wide")
store = Store(load_settings().data_dir)
period = db.latest_period(store)
st.title("Universal Coverage Jamsostek")
if period is None:
    st.info("Belum ada data: jalankan `python -m ucj demo`. / No data yet: run `python -m ucj demo`.")
else:
    st.caption(f"Periode / period: {period}")
    st.dataframe(db.target_status(store, period), hide_index=True)
