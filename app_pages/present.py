"""Presentasi: one topic per screen for the projector; next/previous by button or keyboard."""

import streamlit as st

from app_pages.common import query, require_data, tr
from ucj import deck as decks
from ucj import exports
from ucj.fmt import escape_html

f = require_data()
d = query(decks.build_deck, f.period, f.region, f.sector, f.lang)
total = len(d.slides)
n = min(max(int(st.session_state.get("slide", 1)), 1), total)
st.session_state["slide"] = n
st.query_params["slide"] = str(n)

# Projector styling: no sidebar, no toolbar, big type that reads from the back of the room.
st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {display: none;}
.block-container {max-width: 100% !important; padding: 1.2rem 3rem 0.5rem 3rem !important;}
.ucj-slide h1 {font-size: clamp(2.2rem, 4.2vw, 4.6rem); line-height: 1.1; margin: 0 0 .3em 0; color: #0072B2;}
.ucj-slide h2 {font-size: clamp(1.4rem, 2.4vw, 2.6rem); margin: 0; color: #333;}
.ucj-slide p.lead {font-size: clamp(1.3rem, 2.2vw, 2.4rem); line-height: 1.3; margin: .3em 0;}
.ucj-kpis {display: flex; gap: 2vw; margin-top: 1.5vh; flex-wrap: wrap;}
.ucj-kpi {flex: 1 1 0; min-width: 10rem; border: 2px solid #d0d7de; border-radius: .6rem; padding: .6em .9em;}
.ucj-kpi .l {font-size: clamp(1rem, 1.4vw, 1.6rem); color: #555;}
.ucj-kpi .v {font-size: clamp(1.8rem, 3.6vw, 4rem); font-weight: 700;}
.ucj-kpi .v.t {font-size: clamp(1.3rem, 2.4vw, 2.8rem);}
.ucj-footer {font-size: clamp(.8rem, 1vw, 1.1rem); color: #555;}
.ucj-slide table {font-size: clamp(.95rem, 1.25vw, 1.5rem); border-collapse: collapse; width: 100%;}
.ucj-slide th {text-align: left; color: #555; font-weight: 600; border-bottom: 2px solid #999; padding: .2em .4em;}
.ucj-slide td {border-bottom: 1px solid #ddd; padding: .25em .4em; white-space: nowrap;}
</style>""")

slide = d.slides[n - 1]
nav = st.container(horizontal=True, vertical_alignment="center", gap="small")
with nav:
    st.button(
        tr("previous"),
        icon=":material/arrow_back:",
        key="slide_prev",
        disabled=n == 1,
        on_click=lambda: st.session_state.update(slide=n - 1),
    )
    st.button(
        tr("next"),
        icon=":material/arrow_forward:",
        key="slide_next",
        disabled=n == total,
        type="primary",
        on_click=lambda: st.session_state.update(slide=n + 1),
    )
    st.markdown(f"**{tr('slide_of', n=n, total=total)}**")
    st.page_link("app_pages/overview.py", label=tr("exit_presentation"), icon=":material/close:")

# Every text below may carry user text (a file name in the footer, a target's source): escaped.
e = escape_html
html = f'<div class="ucj-slide" role="region" aria-label="{e(slide.title)}"><h1>{e(slide.title)}</h1>'
if slide.subtitle:
    html += f"<h2>{e(slide.subtitle)}</h2>"
html += "".join(f'<p class="lead">{e(line)}</p>' for line in slide.lines)
if slide.kpis:
    html += (
        '<div class="ucj-kpis">'
        + "".join(
            f'<div class="ucj-kpi"><div class="l">{e(label)}</div>'
            f'<div class="v{" t" if not value[:1].isdigit() else ""}">{e(value)}</div></div>'
            for label, value in slide.kpis
        )
        + "</div>"
    )
st.html(html + "</div>")

if slide.figure is not None:
    fig = slide.figure
    fig.update_layout(font={"size": 20}, height=440 if slide.table is not None else 480, title=None)
    fig.update_traces(textfont_size=18, selector={"type": "bar"})
    if slide.table is not None:
        left, right = st.columns([3, 2])
        left.plotly_chart(fig, config={"displaylogo": False}, key=f"slide_fig_{n}", theme=None)
        # On the projector the table keeps the columns the room argues about.
        right.html(
            '<div class="ucj-slide">' + slide.table.iloc[:, :4].to_html(index=False, border=0, escape=True) + "</div>"
        )
    else:
        st.plotly_chart(fig, config={"displaylogo": False}, key=f"slide_fig_{n}", theme=None)
elif slide.table is not None:
    st.html('<div class="ucj-slide">' + slide.table.to_html(index=False, border=0, escape=True) + "</div>")

st.html(f'<div class="ucj-footer">{e(d.footer)} · {e(tr("keyboard_hint"))}</div>')

with st.container(horizontal=True, gap="small"):
    st.download_button(
        tr("download_pptx"),
        lambda: exports.deck_pptx(d),
        f"ucj-{d.region_code}-{d.period}.pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        icon=":material/slideshow:",
        key="dl_pptx",
        on_click="ignore",
    )
    st.download_button(
        tr("download_pdf"),
        lambda: exports.report_pdf(d),
        f"ucj-{d.region_code}-{d.period}.pdf",
        "application/pdf",
        icon=":material/picture_as_pdf:",
        key="dl_pdf",
        on_click="ignore",
    )

# Arrow keys, PageUp/PageDown (presentation clickers) and space press the buttons above.
st.iframe(
    """<script>
// The handler belongs to this frame: when Streamlit mounts the frame anew, the old handler dies with
// the old frame, so each frame replaces it rather than trusting one registered earlier.
const doc = window.parent.document;
if (doc.__ucjKeys) doc.removeEventListener('keydown', doc.__ucjKeys);
doc.__ucjKeys = (e) => {
  const t = e.target;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
  // Space on a focused button or link presses that control, not "next slide".
  if (e.key === ' ' && t && t.closest && t.closest('button, a, summary, [role="button"]')) return;
  let key = null;
  if (['ArrowRight', 'PageDown', ' '].includes(e.key)) key = 'slide_next';
  if (['ArrowLeft', 'PageUp'].includes(e.key)) key = 'slide_prev';
  if (!key) return;
  const b = doc.querySelector('.st-key-' + key + ' button');
  if (b && !b.disabled) { e.preventDefault(); b.click(); }
};
doc.addEventListener('keydown', doc.__ucjKeys);
</script>""",
    height=1,
    tab_index=-1,
)
