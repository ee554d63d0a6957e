"""Presentasi: one topic per screen for the projector; next/previous by button or keyboard.

Every slide is drawn once per deck, each in its own container; the browser shows one at a time and
switches between them itself (buttons, arrow keys, PageUp/PageDown, space), so a key press answers
at once instead of waiting for a rerun. The slide in view is kept in the URL (``?slide=n``)."""

import json

import streamlit as st

from app_pages.common import export, query, require_data, set_region, tr, user
from ucj.core.fmt import escape_html, fmt_period
from ucj.present import deck as decks
from ucj.present import views

f = require_data()
d = query(decks.build_deck, f.period, f.region, f.sector, f.lang)
total = len(d.slides)
n = min(max(int(st.session_state.get("slide", 1)), 1), total)
st.session_state["slide"] = n
st.query_params["slide"] = str(n)

# Projector styling: no sidebar, no toolbar, big type that reads from the back of the room. Every
# slide's container is hidden but the one in view (the rule the browser rewrites on each key press).
# The slide in view is exactly one screen high under the buttons (NAV_REM): its header and footer take
# what they need and the chart the rest, so nothing is ever below the screen at 1280×720 or 1920×1080.
# Type is sized from the screen's height (vh): the same share of a 720- or 1080-line projector.
NAV_REM = 3.6
st.html(f"""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {{display: none;}}
.block-container {{max-width: 100% !important; padding: 0.5rem 2.5rem 0 2.5rem !important;}}
.block-container > [data-testid="stVerticalBlock"] {{gap: 0;}}
.st-key-present_nav {{height: {NAV_REM - 1}rem; margin-bottom: 1rem; flex-wrap: nowrap;}}
.block-container > [data-testid="stVerticalBlock"] > [data-testid="stElementContainer"]:has(iframe) {{
  height: 0; overflow: hidden;}}
div[class*="st-key-ucj_slide_"] {{display: none !important;}}
body div.st-key-ucj_slide_{n} {{display: flex !important;}}
div[class*="st-key-ucj_slide_"] {{flex: 0 0 auto !important; height: calc(100vh - {NAV_REM}rem - 1rem);
  gap: 1.2vh; flex-wrap: nowrap;}}
div[class*="st-key-ucj_slide_"] > * {{flex: 0 0 auto; min-height: 0;}}
div[class*="st-key-ucj_slide_"] > :has(> [class*="st-key-ucj_body_"]) {{flex: 1 1 0;}}
[class*="st-key-ucj_body_"], [class*="st-key-ucj_body_"] [data-testid="stLayoutWrapper"],
[class*="st-key-ucj_body_"] [data-testid="stHorizontalBlock"], [class*="st-key-ucj_body_"] [data-testid="stColumn"],
[class*="st-key-ucj_body_"] [data-testid="stColumn"] > [data-testid="stVerticalBlock"],
[class*="st-key-ucj_body_"] [data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]),
[class*="st-key-ucj_body_"] [data-testid="stPlotlyChart"] {{height: 100% !important; min-height: 0;}}
.ucj-slide h1 {{font-size: clamp(1.8rem, 6.2vh, 4.4rem); line-height: 1.1; margin: 0; padding: 0; color: #0072B2;}}
.ucj-slide h2 {{font-size: clamp(1.2rem, 3.6vh, 2.6rem); line-height: 1.2; margin: .2em 0 0; padding: 0; color: #333;}}
.ucj-slide p.lead {{font-size: clamp(1.1rem, 3.4vh, 2.4rem); line-height: 1.3; margin: .4em 0 0 0;}}
.ucj-kpis {{display: flex; gap: 1.6vw; margin-top: 2.5vh; flex-wrap: wrap;}}
.ucj-kpi {{flex: 1 1 0; min-width: 10rem; border: 2px solid #d0d7de; border-radius: .6rem; padding: .5em .8em;}}
.ucj-kpi .l {{font-size: clamp(1rem, 2.5vh, 1.7rem); color: #555;}}
.ucj-kpi .v {{font-size: clamp(1.8rem, 6.4vh, 4.4rem); font-weight: 700; line-height: 1.2;}}
.ucj-kpi .v.t {{font-size: clamp(1.3rem, 4.2vh, 3rem);}}
.ucj-footer {{font-size: clamp(.8rem, 1.9vh, 1.3rem); color: #555;}}
.ucj-slide table {{font-size: clamp(.9rem, 2.5vh, 1.8rem); border-collapse: collapse; width: 100%;}}
.ucj-slide th {{text-align: left; color: #555; font-weight: 600; border-bottom: 2px solid #999; padding: .15em .4em;}}
.ucj-slide td {{border-bottom: 1px solid #ddd; padding: .15em .4em; white-space: nowrap;}}
.ucj-slide td:first-child {{white-space: normal;}}
</style>""")


def _choose_region() -> None:
    set_region(st.session_state["present_region"])
    st.session_state["slide"] = 1


def _choose_period() -> None:
    st.session_state["period"] = st.session_state["present_period"]
    st.session_state["slide"] = 1


nav = st.container(horizontal=True, vertical_alignment="center", gap="small", key="present_nav")
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
    template = escape_html(tr("slide_of", n="{n}", total=total))
    st.html(
        f'<span class="ucj-counter" aria-live="polite" data-template="{template}">'
        f"<b>{escape_html(tr('slide_of', n=n, total=total))}</b></span>"
    )
    with st.popover(tr("present_choose"), icon=":material/tune:"):
        labels = query(views.region_choices)
        codes = list(labels)
        st.selectbox(
            tr("region"),
            codes,
            index=codes.index(f.region) if f.region in codes else 0,
            format_func=lambda c: labels[c],
            key="present_region",
            on_change=_choose_region,
        )
        periods = query(views.period_choices)
        st.selectbox(
            tr("period"),
            periods,
            index=periods.index(f.period) if f.period in periods else 0,
            format_func=lambda p: fmt_period(p, f.lang),
            key="present_period",
            on_change=_choose_period,
        )
    st.page_link("app_pages/overview.py", label=tr("exit_presentation"), icon=":material/close:")


def _downloads(where: int) -> None:
    with st.container(horizontal=True, gap="small"):
        st.download_button(
            tr("download_pptx"),
            export("pptx", d),
            f"ucj-{d.region_code}-{d.period}.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            icon=":material/slideshow:",
            key=f"dl_pptx_{where}",
            on_click="ignore",
        )
        st.download_button(
            tr("download_pdf"),
            export("pdf", d),
            f"ucj-{d.region_code}-{d.period}.pdf",
            "application/pdf",
            icon=":material/picture_as_pdf:",
            key=f"dl_pdf_{where}",
            on_click="ignore",
        )


# Every text below may carry user text (a file name in the footer, a target's source): escaped.
e = escape_html
# Local mode is said once, on the first slide's footer, not in a banner over every projected slide.
me = user()
local_mode = me is not None and me.source == "local-mode"
# Charts take the height left under the slide's header (CSS above); no tool bar over titles and legends.
CHART_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": True}
CHART_FONT_PX, BAR_TEXT_PX = 18, 16
for k, slide in enumerate(d.slides, start=1):
    with st.container(key=f"ucj_slide_{k}"):
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
            # Sizes for a 720-line screen; the browser scales them to a taller one (see the script below).
            fig.update_layout(font={"size": CHART_FONT_PX}, height=None, autosize=True, title=None)
            bar_text = {"size": BAR_TEXT_PX}
            fig.update_traces(
                textfont=bar_text, insidetextfont=bar_text, outsidetextfont=bar_text, selector={"type": "bar"}
            )
            with st.container(key=f"ucj_body_{k}"):
                if slide.table is not None:
                    left, right = st.columns([3, 2])
                    left.plotly_chart(fig, config=CHART_CONFIG, key=f"slide_fig_{k}", theme=None, height="stretch")
                    # On the projector the table keeps the columns the room argues about.
                    table = slide.table.iloc[:, :4]
                    right.html('<div class="ucj-slide">' + table.to_html(index=False, border=0, escape=True) + "</div>")
                else:
                    st.plotly_chart(fig, config=CHART_CONFIG, key=f"slide_fig_{k}", theme=None, height="stretch")
        elif slide.table is not None:
            st.html('<div class="ucj-slide">' + slide.table.to_html(index=False, border=0, escape=True) + "</div>")
        footer = d.footer
        if k == 1 and local_mode:
            footer = f"{tr('local_mode_footer')} · {footer}"
        if k in (1, total):
            # The downloads and the key hint on the first and the last slide, not over every topic.
            st.html(f'<div class="ucj-footer">{e(footer)} · {e(tr("keyboard_hint"))}</div>')
            _downloads(k)
        else:
            st.html(f'<div class="ucj-footer">{e(footer)}</div>')

# The browser switches slides itself: the arrow keys, PageUp/PageDown (presentation clickers), space
# and the two buttons above show the next or previous slide's container without a rerun.
script = """<script>
const doc = window.parent.document, win = window.parent, total = TOTAL;
function slideNow() {
  const s = parseInt(new URLSearchParams(win.location.search).get('slide') || 'START', 10);
  return Math.min(Math.max(isNaN(s) ? 1 : s, 1), total);
}
function show(k) {
  k = Math.min(Math.max(k, 1), total);
  let css = doc.getElementById('ucj-slide-css');
  if (!css) { css = doc.createElement('style'); css.id = 'ucj-slide-css'; doc.head.appendChild(css); }
  // More specific than the page's own rule (which comes later in the document).
  css.textContent = 'html body div.st-key-ucj_slide_' + k + ' {display: flex !important;} '
    + 'html body div[class*="st-key-ucj_slide_"]:not(.st-key-ucj_slide_' + k + ') {display: none !important;}';
  const url = new URL(win.location.href);
  url.searchParams.set('slide', String(k));
  win.history.replaceState(win.history.state, '', url);
  const counter = doc.querySelector('.ucj-counter');
  if (counter) counter.innerHTML = '<b>' + counter.dataset.template.replace('{n}', k) + '</b>';
  const prev = doc.querySelector('.st-key-slide_prev button'), next = doc.querySelector('.st-key-slide_next button');
  if (prev) prev.disabled = k === 1;
  if (next) next.disabled = k === total;
  win.dispatchEvent(new Event('resize'));  // charts that were hidden take their width
}
// The handlers belong to this frame: a new frame replaces the old one's rather than trusting it.
if (doc.__ucjKeys) doc.removeEventListener('keydown', doc.__ucjKeys);
if (doc.__ucjClicks) doc.removeEventListener('click', doc.__ucjClicks, true);
doc.__ucjKeys = (e) => {
  if (!doc.querySelector('.st-key-ucj_slide_1')) return;  // not on the presentation page any more
  const t = e.target;
  if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
  // Space on a focused button or link presses that control, not "next slide".
  if (e.key === ' ' && t && t.closest && t.closest('button, a, summary, [role="button"]')) return;
  let step = 0;
  if (['ArrowRight', 'PageDown', ' '].includes(e.key)) step = 1;
  if (['ArrowLeft', 'PageUp'].includes(e.key)) step = -1;
  if (!step) return;
  e.preventDefault();
  show(slideNow() + step);
};
doc.__ucjClicks = (e) => {
  const b = e.target && e.target.closest && e.target.closest('.st-key-slide_next button, .st-key-slide_prev button');
  if (!b || !doc.querySelector('.st-key-ucj_slide_1')) return;
  e.preventDefault();
  e.stopImmediatePropagation();
  show(slideNow() + (b.closest('.st-key-slide_next') ? 1 : -1));
};
doc.addEventListener('keydown', doc.__ucjKeys);
doc.addEventListener('click', doc.__ucjClicks, true);
show(START);
// Chart type in proportion to the screen, as the page's type is (vh): the figure's sizes are for 720
// lines, a 1080-line projector gets them half as large again. Charts draw after this script and are
// drawn again on a rerun, so the slide in view is checked a few times a second.
function scaleCharts() {
  if (!win.Plotly) return;
  const f = Math.max(1, win.innerHeight / 720);
  for (const gd of doc.querySelectorAll('div[class*="st-key-ucj_slide_"] .js-plotly-plot')) {
    if (!gd._fullLayout || gd.offsetParent === null) continue;
    const font = Math.round(__CHART_FONT__ * f), text = Math.round(__BAR_TEXT__ * f);
    if (gd._fullLayout.font.size === font) continue;
    win.Plotly.relayout(gd, {'font.size': font});
    const bars = gd.data.map((t, i) => t.type === 'bar' ? i : -1).filter((i) => i >= 0);
    const sizes = {'textfont.size': text, 'insidetextfont.size': text, 'outsidetextfont.size': text};
    if (bars.length) win.Plotly.restyle(gd, sizes, bars);
  }
}
setInterval(scaleCharts, 300);  // this frame's timer: it ends with the frame
</script>"""
script = script.replace("TOTAL", json.dumps(total)).replace("START", str(n))
script = script.replace("__CHART_FONT__", str(CHART_FONT_PX)).replace("__BAR_TEXT__", str(BAR_TEXT_PX))
st.iframe(script, height=1, tab_index=-1)
