"""What every page shares: the filters, cached queries, tables, the empty state. Layout only."""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal, NoReturn

import pandas as pd
import streamlit as st

from ucj.core import regions
from ucj.core.accounts import AccessDenied, AuthError, User, load_role_rules, local_mode_user, user_from_claims
from ucj.core.failures import failure_message
from ucj.core.fmt import escape_html, escape_md, fmt_int, fmt_period, fmt_rp
from ucj.core.i18n import CHROME_STRINGS_ID, DEFAULT_LANG, LANGS, t
from ucj.core.parsing import ParseError, parse_money, parse_period
from ucj.core.settings import SECTORS, load_settings
from ucj.present import deck, exports, maps, programmes, registers, reporting, sectors, trends, views
from ucj.query.revision import Revision
from ucj.services import users
from ucj.services.demo import ILLUSTRATIVE, write_demo
from ucj.storage.replica import open_store
from ucj.storage.store import Store

LANG_NAMES = {"id": "Bahasa Indonesia", "en": "English"}
ALL = "ALL"  # the sector filter's "all sectors" (None would read as "nothing chosen")
BAR = "▮"
DOWNLOADS = [
    ("csv", exports.table_csv, "text/csv"),
    ("xlsx", exports.table_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
]
_CACHEABLE: dict[str, Callable] = {
    f"{fn.__module__}.{fn.__name__}": fn
    for fn in (
        views.period_choices,
        views.region_choices,
        views.home_region,
        views.overview,
        views.regions_page,
        trends.trend_regions,
        trends.trends_page,
        sectors.sectors_page,
        reporting.completeness_page,
        registers.targets_table,
        registers.jakon_page,
        deck.build_deck,
        deck.plan_for,
        deck.data_line,
        maps.national_regions,
        programmes.has_programmes,
        programmes.programme_page,
        programmes.programmes_by_demo,
        programmes.programmes_line,
    )
}


@dataclass(frozen=True)
class Filters:
    lang: str
    period: str | None
    region: str | None
    sector: str | None


@dataclass(frozen=True)
class Shown:
    """The filters of a page that shows data: a month and a region are chosen."""

    lang: str
    period: str
    region: str
    sector: str | None


# One store per process and settings, shared by every session: with UCJ_STORE one object-store
# client, and one parsed manifest per revision (the store caches it by the file's state).
_STORES: dict[tuple, Store] = {}
# Stores opened since the last begin_render: opening a replica's copy brings it up to date already.
_FRESH: set[tuple] = set()
_STORES_LOCK = threading.Lock()


def _store_key() -> tuple:
    settings = load_settings()
    return (str(settings.data_dir), settings.store, settings.audit_key)


def store() -> Store:
    """The data directory's store, or with UCJ_STORE this process's copy of the shared one: opened
    once per process (and settings); ``begin_render`` brings a shared one up to the newest version
    once per rerun (one small request), so a publish on another replica shows at the next rerun."""
    key = _store_key()
    with _STORES_LOCK:
        if key not in _STORES:
            _STORES[key] = open_store(load_settings())
            _FRESH.add(key)
        return _STORES[key]


def _current_store() -> Store:
    """``store()``, brought up to date for this rerun (not when it was opened in this rerun)."""
    s, key = store(), _store_key()
    with _STORES_LOCK:
        fresh = key in _FRESH
        _FRESH.discard(key)
    if not fresh:
        s.refresh()
    return s


# --- who is signed in ----------------------------------------------------------------------------


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all is the common case
        return False


SESSION_COOKIE = "ucj_session"
#: serve.py's route that trades a sign-in's handoff code for the HttpOnly session cookie.
SESSION_ROUTE = "/api/ucj-session"


def _browser_cookie(name: str) -> str | None:
    """A cookie the browser sent when this session connected (HttpOnly ones included)."""
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) else None


def _client_address() -> str | None:
    """The browser's address as the server sees it (the proxy's, behind a reverse proxy)."""
    address = st.context.ip_address
    return address[:64] if isinstance(address, str) else None


def user() -> User | None:
    """The signed-in user; in local mode (no accounts, no OIDC) the one local user; None when
    nobody is signed in yet. The role is worked out again at every rerun (from the account, or
    from the OIDC role rules), so a change applies at once."""
    if _oidc_configured():
        if not st.user.is_logged_in:
            return None
        claims = st.user.to_dict()
        found = user_from_claims(claims, load_role_rules(load_settings().roles_file))
        seen = (found.role, found.regions) if found else None
        if st.session_state.get("_oidc_seen", "") != seen:
            # Audited once per session and on each change of role, not on every rerun.
            event = "sign_in" if found else "sign_in_failed"
            store().audit.append(event, found, detail={"via": "oidc", "email": str(claims.get("email", ""))[:200]})
            st.session_state["_oidc_seen"] = seen
        st.session_state["user"] = found
        return found
    accounts = store().accounts()
    if not accounts:
        return local_mode_user()
    me = st.session_state.get("user")
    if me is not None and me.source == "local":
        # An account removed, locked or given another role since sign-in takes effect at once.
        account = accounts.get(me.name)
        me = None if account is None or account.locked else account.user()
        st.session_state["user"] = me
    if me is None and not st.session_state.get("_signed_out"):
        # A reload or a shared link: the browser's session token, if genuine and unexpired.
        me = users.resume_session(store(), _browser_cookie(SESSION_COOKIE))
        st.session_state["user"] = me
    return me


def signed_in() -> User:
    """The user of a page: app.py draws no page before someone is signed in (the form stops the run)."""
    me = user()
    if me is None:
        st.stop()
    return me


def may(action: str) -> bool:
    u = user()
    return bool(u and u.may(action))


def sign_in_form() -> NoReturn:
    """The sign-in page (local accounts, or the office's identity provider); stops the script."""
    st.title(tr("sign_in_title"))
    if _oidc_configured():
        if st.user.is_logged_in:  # signed in, but no role rule matches
            st.error(tr("no_role_for_you", email=escape_md(str(st.user.get("email", "")))))
            st.button(tr("sign_out"), on_click=st.logout)
        else:
            st.button(tr("sign_in_oidc"), type="primary", on_click=st.login)
        st.stop()
    if st.session_state.get("_signed_out"):
        _session_cookie(None)  # signed out: the browser forgets its token too
    with st.form("sign_in"):
        name = st.text_input(tr("user_name"), key="sign_in_name", autocomplete="username")
        password = st.text_input(tr("password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(tr("sign_in"), type="primary")
    if submitted:
        try:
            me = users.sign_in(store(), name, password, address=_client_address())
        except AuthError as exc:
            st.error(tr(exc.key, **{k: escape_md(str(v)) for k, v in exc.params.items()}))
        else:
            st.session_state["user"] = me
            st.session_state["_session_handoff"] = users.handoff_code(store(), me)
            st.session_state.pop("_signed_out", None)
            st.rerun()  # the page the link named, now signed in
    st.stop()


def _session_cookie(code: str | None) -> None:
    """Asks serve.py's route for the HttpOnly session cookie in exchange for ``code`` (None: to
    remove it). A page script cannot send a Set-Cookie header itself, and a cookie set by script
    could be read by script; this one cannot."""
    if code:
        request = {
            "method": "POST",
            "headers": {"Content-Type": "application/json"},
            "body": json.dumps({"code": code}),
        }
    else:
        request = {"method": "DELETE"}
    request["credentials"] = "same-origin"
    script = f"<script>window.parent.fetch({json.dumps(SESSION_ROUTE)}, {json.dumps(request)});</script>"
    st.iframe(script, height=1, tab_index=-1)


def sign_out() -> None:
    st.session_state.pop("user", None)
    st.session_state.pop("_session_handoff", None)
    st.session_state["_signed_out"] = True  # the token this session connected with is not used again
    if _oidc_configured():
        st.logout()


def account_box(me: User, banner: bool = True) -> None:
    """Who is signed in, in the sidebar; in local mode, a banner on every page saying so (``banner``
    False: not over the projected slides, whose first footer says it)."""
    if me.source == "local-mode":
        if banner:
            st.warning(tr("local_mode_banner"), icon=":material/lock_open:")
        return
    with st.sidebar:
        st.caption(tr("signed_in_as", name=escape_md(me.name), role=tr(f"role_{me.role}")))
        st.button(tr("sign_out"), on_click=sign_out, icon=":material/logout:", key="sign_out", type="tertiary")
        if code := st.session_state.get("_session_handoff"):
            _session_cookie(code)


def guarded(fn: Callable) -> Callable:
    """For button callbacks: a refused or failed action becomes a readable message on the next
    run (the trace goes to the server log), never a stack trace with server paths."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except AccessDenied as exc:
            st.session_state["action_error"] = tr(exc.key, **exc.params)
        except Exception as exc:  # noqa: BLE001 - the callback's last line of defence
            logging.getLogger("ucj").exception("callback %s failed", getattr(fn, "__name__", "?"))
            key, params = failure_message(exc)
            st.session_state["action_error"] = tr(key, **params)

    return run


def show_failure(exc: BaseException, where: str = "page") -> None:
    """The error boundary's message for ``exc`` (the object store down, a damaged or read-only data
    directory, anything else): readable, in the chosen language, without trace, path, URL or bucket.
    The trace goes to the server log."""
    logging.getLogger("ucj").error("%s failed", where, exc_info=exc)
    key, params = failure_message(exc)
    st.error(tr(key, **params), icon=":material/error:")


@contextlib.contextmanager
def error_boundary(where: str) -> Iterator[None]:
    """Runs the block; a failure in it becomes show_failure's message and ends the run (st.stop and
    st.rerun pass through: they are not Exceptions)."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - the app's last line of defence: a message, never a traceback
        show_failure(exc, where)
        st.stop()


def number_format_choice(key: str, asked: bool) -> None:
    """The file's number form ("id"/"en") as a radio under ``key``, shown only while the file asks
    (nothing in it tells its form) or once the user has answered: asked once for the whole file."""
    if asked or st.session_state.get(key) is not None:
        st.radio(
            tr("number_format_label"),
            ["id", "en"],
            format_func=lambda fmt: tr(f"number_format_{fmt}"),
            index=None,
            horizontal=True,
            key=key,
        )


def show_action_error() -> None:
    if problem := st.session_state.pop("action_error", None):
        st.error(escape_md(problem), icon=":material/block:")


# One revision per render: every figure of a page comes from the same manifest, through one DuckDB
# cursor. A script run happens on one thread, so the revision is the thread's.
_render = threading.local()


def begin_render() -> Revision:
    """Opens this run's revision of the store (app.py, before drawing the page)."""
    end_render()
    _render.revision = Revision(_current_store())
    return _render.revision


def end_render() -> None:
    r = getattr(_render, "revision", None)
    if r is not None:
        r.close()
        _render.revision = None


def revision() -> Revision:
    """This run's revision (opened on first use when a page runs without app.py, as in tests)."""
    r = getattr(_render, "revision", None)
    if r is None or r.store.data_dir != store().data_dir:
        r = begin_render()
    return r


def revision_token(r: Revision) -> tuple:
    """What a cached figure is keyed on: the data directory and the revision's token (its number and
    the manifest's content), so a replica's copy that reached a number cached before with other
    figures is not mistaken for it."""
    return (str(r.store.data_dir), r.token)


#: How many results of the view models one process keeps (every session shares them). Each is a
#: page's frames and sentences for one view; a full cache holds a few tens of MB.
CACHE_ENTRIES = 512


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def _cached(name: str, token: tuple, args: tuple, kwargs: tuple, _revision: Revision):
    # Keyed on the revision's token: a publish or rollback shows at once on every page, and the
    # second viewer of a view gets it without a query. The Revision itself is not part of the key
    # (a leading underscore tells Streamlit not to hash it); its cursor opens only here, on a miss.
    return _CACHEABLE[name](_revision, *args, **dict(kwargs))


def query(fn: Callable, *args, **kwargs):
    """``fn(revision, *args, **kwargs)`` (a view model of ``ucj.present``) in this render's
    revision, cached for every session until the store changes. A view model that depends on who
    is asking takes that as an argument (``views.home_region`` the user's regions), so it is in
    the key."""
    r = revision()
    name = f"{fn.__module__}.{fn.__name__}"
    return _cached(name, revision_token(r), args, tuple(sorted(kwargs.items())), r)


#: How many built figures one process keeps (shared, not copied: a national map is ~1,5 MB).
FIGURE_ENTRIES = 64


@st.cache_resource(show_spinner=False, max_entries=FIGURE_ENTRIES)
def _figure(name: str, token: tuple, view: tuple, _build: Callable):
    # Keyed on the revision's token and the view the figure shows; the builder is not hashed.
    return _build()


def shared_figure(name: str, view: tuple, build: Callable):
    """The figure ``build()`` gives for ``view`` (what it depends on besides the data: region,
    period, sector, language…) in this render's revision, built once for every session until the
    store changes. Shared, not copied: nothing may change it after (st.plotly_chart copies it)."""
    return _figure(name, revision_token(revision()), view, build)


#: How many exported files (.pptx, .pdf) one process keeps: a few hundred kB each.
EXPORT_ENTRIES = 64
#: The exports a download button offers: the name of their builder in ``ucj.present.exports``.
EXPORTS = {"pptx": "deck_pptx", "pdf": "report_pdf"}


@st.cache_data(show_spinner=False, max_entries=EXPORT_ENTRIES)
def _exported(kind: str, token: tuple, view: tuple, _deck: deck.Deck) -> bytes:
    # The revision's token and the view (period, region, sector, language) are the key: the deck is
    # what ``query(deck.build_deck, *view)`` gives in that revision, so it is not hashed.
    return getattr(exports, EXPORTS[kind])(_deck)


def export(kind: str, d: deck.Deck) -> Callable[[], bytes]:
    """For a download button: the deck ``d`` (of this render's revision) as a ``kind`` file, built
    on the first click for its view in this revision, then the same bytes for every session until
    the store changes."""
    token = revision_token(revision())
    return functools.partial(_exported, kind, token, (d.period, d.region_code, d.sector, d.lang), d)


def lang() -> str:
    return st.session_state.get("lang", DEFAULT_LANG)


def tr(key: str, **params) -> str:
    """The message in the chosen language."""
    return t(key, lang(), **params)


# The grid's own "Download as CSV" would skip formula neutralisation; tables offer ucj's CSV/Excel.
# Figures shrink rather than cut off in narrow windows, never below the sentence above them; keyboard
# focus is always visible. Chart tool bars are left out on touch screens, where they would stay on
# over the title (with a mouse they show on hover, in the title's row at the right, above the
# legend). On a phone the top padding, the title and the landing page's sentence are smaller, so
# that the leader's cards fit the first screen. The status card's words stay on one line, in type
# that fits its width (smaller for a long status; a long one may wrap on a phone).
_PAGE_CSS = """<style>
[data-testid="stElementToolbar"] button[aria-label="Download as CSV"] {display: none;}
[data-testid="stMetricValue"] {font-size: clamp(1.6rem, 2.3vw, 2.25rem);}
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere;}
[class*="st-key-kpi_status"] [data-testid="stMetricValue"],
[class*="st-key-kpi_status"] [data-testid="stMetricValue"] * {white-space: nowrap !important;
  overflow-wrap: normal !important;}
.st-key-kpi_status [data-testid="stMetricValue"] {font-size: clamp(1.3rem, 2.1vw, 1.85rem) !important;}
.st-key-kpi_status_long [data-testid="stMetricValue"] {font-size: 1.1rem !important;}
a:focus-visible, button:focus-visible, [role="option"]:focus-visible {outline: 3px solid #0072B2 !important;
  outline-offset: 2px;}
@media (hover: none) {.js-plotly-plot .modebar-container {display: none !important;}}
[class*="st-key-ucj_cards_"] {display: none !important;}
ul.ucj-cards {list-style: none; margin: 0 !important; padding: 0 !important;}
.ucj-cards li {margin: 0 0 0.5rem 0 !important; border: 1px solid rgba(128, 128, 128, 0.35); border-radius: 0.5rem;
  padding: 0.5rem 0.75rem;}
.ucj-cards h4.ucj-card-title {font-size: 1rem; font-weight: 600; margin: 0 0 0.25rem 0; padding: 0;}
.ucj-cards dl {margin: 0 !important; padding: 0 !important; font-size: 0.875rem;}
.ucj-cards dl > div {display: flex; justify-content: space-between; gap: 0.75rem;
  border-top: 1px solid rgba(128, 128, 128, 0.2); padding: 0.1rem 0;}
.ucj-cards dt {font-weight: 400; color: inherit; opacity: 0.75;}
.ucj-cards dt, .ucj-cards dd {margin: 0 !important; padding: 0 !important;}
.ucj-cards dd {text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: anywhere;}
@media (max-width: 640px) {
  [class*="st-key-ucj_grid_"] {display: none !important;}
  [class*="st-key-ucj_cards_"] {display: block !important;}
  [data-testid="stMainBlockContainer"] {padding-top: 3.5rem !important;}
  [data-testid="stMain"] h1 {font-size: 1.75rem !important; padding-top: 0.25rem !important;}
  [data-testid="stMain"] [data-testid="stAlert"] p {font-size: 0.85rem;}
  .st-key-ucj_sentence h4 {font-size: 1.05rem !important; line-height: 1.45 !important; padding: 0 !important;}
  .st-key-kpis [data-testid="stMetricValue"] {font-size: 1.6rem;}
  .st-key-kpis {row-gap: 0.5rem !important;}
  .st-key-kpis .st-key-kpi_status [data-testid="stMetricValue"] {font-size: 1.2rem !important;}
  .st-key-kpis .st-key-kpi_status_long [data-testid="stMetricValue"],
  .st-key-kpis .st-key-kpi_status_long [data-testid="stMetricValue"] * {white-space: normal !important;}
  .st-key-kpis > div:nth-child(-n+4) {flex: 1 1 calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important; max-width: calc(50% - 0.25rem) !important;}
}
</style>"""


def page_style() -> None:
    """The look every page shares (app.py draws it once a run)."""
    st.html(_PAGE_CSS)


_LOCALIZE = """<script>
// Streamlit's and plotly's own English in the Indonesian UI: texts and tooltips rewritten as they appear.
const doc = window.parent.document, words = WORDS;
const tr = (s) => {
  if (!s) return s;
  const t = s.trim();
  if (words[t]) return s.replace(t, words[t]);
  return s.replace(/(\\d+)\\s?MB per file/, (m, mb) => mb + ' MB ' + words['per file']);
};
const TEXTS = '[data-testid="stSkipToContent"], [data-testid="stFileUploaderDropzone"] p, '
  + '[data-testid="stFileUploaderDropzoneInstructions"] span, .modebar-btn, [data-testid="stElementToolbar"] button';
function fixLabels(el) {
  // Accessible names and tooltips anywhere ("Collapse sidebar", "Link to heading"): a whole label only.
  for (const a of ['data-title', 'aria-label', 'title']) {
    const v = el.getAttribute && el.getAttribute(a);
    if (v && tr(v) !== v) el.setAttribute(a, tr(v));
  }
}
function fix(root) {
  if (!root.querySelectorAll) return;
  fixLabels(root);
  for (const el of root.querySelectorAll('[aria-label], [title], [data-title]')) fixLabels(el);
  for (const el of root.querySelectorAll(TEXTS)) {
    if (el.childElementCount === 0 && el.textContent && tr(el.textContent) !== el.textContent) {
      el.textContent = tr(el.textContent);
    }
  }
}
// The menu's link to the page shown is aria-current="page" (st.page_link only styles it). A link's href is
// relative to the app's base path; the overview is at the base path and at OVERVIEW_ALIAS too.
function markCurrent() {
  const base = new URL('.', doc.location.href).pathname;
  const here = doc.location.pathname === base + OVERVIEW_ALIAS ? base : doc.location.pathname;
  for (const a of doc.querySelectorAll('.st-key-ucj_menu a')) {
    if (base + (a.getAttribute('href') || '').split(/[?#]/)[0] === here) {
      if (a.getAttribute('aria-current') !== 'page') a.setAttribute('aria-current', 'page');
    } else if (a.hasAttribute('aria-current')) {
      a.removeAttribute('aria-current');
    }
  }
}
const some = Object.keys(words).length > 0;
if (doc.__ucjL10n) doc.__ucjL10n.disconnect();
// Moving to another page redraws the page (a mutation); its address changes just before or after.
doc.__ucjL10n = new MutationObserver((ms) => { if (some) for (const m of ms) fix(m.target); markCurrent(); });
doc.__ucjL10n.observe(doc.body, {childList: true, subtree: true, attributes: true,
                                 attributeFilter: ['data-title', 'aria-label', 'title']});
window.parent.addEventListener('popstate', markCurrent);
if (some) fix(doc);
markCurrent();
</script>"""


def target_source(source: str | None) -> str | None:
    """A target's source as shown: the sample's own note (stored in both languages, "Ilustrasi
    (bukan angka resmi) / Illustrative (not official)") in the chosen language alone; any other
    source as written."""
    if isinstance(source, str) and source.strip() == ILLUSTRATIVE:
        return tr("sample_target_source")
    return source


#: Streamlit's own accessible names (aria-label, title) on the pages, in Indonesian: neither the
#: sidebar's buttons nor a heading's link take a label from the app.
CHROME_LABELS_ID: dict[str, str] = {
    "Collapse sidebar": "Tutup bilah samping",
    "Expand sidebar": "Buka bilah samping",
    "Sidebar": "Bilah samping",
    "Link to heading": "Tautan ke judul ini",
    "Main menu": "Menu utama",
    "App pages": "Halaman aplikasi",
    "Markdown content": "Isi teks",
    "Clear value": "Hapus pilihan",
    "Clear all": "Hapus semua",
    "Open": "Buka",
    "Close": "Tutup",
    "Increment": "Tambah",
    "Decrement": "Kurangi",
    "Dataframe column menu": "Menu kolom tabel",
    "Copy column name": "Salin nama kolom",
    "Copy to clipboard": "Salin",
    "Selected values": "Nilai terpilih",
    "Running...": "Sedang berjalan…",
    "Stop script": "Hentikan",
    "Notifications": "Pemberitahuan",
    "Navigate to home page": "Ke halaman utama",
    "Close Search": "Tutup pencarian",
    "Previous page": "Halaman sebelumnya",
    "Next page": "Halaman berikutnya",
    "Pagination": "Halaman",
    "Button action menu": "Menu tombol",
    "Show password": "Tampilkan kata sandi",
    "Hide password": "Sembunyikan kata sandi",
}


#: The overview's second address (app.py): it is served at "/" and, for a shared link, here too.
OVERVIEW_ALIAS = "ringkasan"


def localize_chrome() -> None:
    """Puts Streamlit's and plotly's own English (skip link, uploader, chart and table toolbars) in
    the chosen language in the browser: neither library takes a language setting. Marks the menu's
    link to the page shown with aria-current="page"."""
    words = {**CHROME_STRINGS_ID, **CHROME_LABELS_ID} if lang() == "id" else {}
    script = _LOCALIZE.replace("WORDS", json.dumps(words, ensure_ascii=False))
    st.iframe(script.replace("OVERVIEW_ALIAS", json.dumps(OVERVIEW_ALIAS)), height=1, tab_index=-1)


def money_input(label: str, key: str, default: int, container=None) -> int | None:
    """A rupiah box that reads and shows Indonesian form: "1.000.000.000", "Rp500.000.000" and
    "500 juta" all read as written, and the box is rewritten as "1.000.000.000" after each entry.
    A text it cannot read is said under the box (the value is then None, never a guess)."""
    box = container or st
    if key not in st.session_state:
        st.session_state[key] = fmt_int(default)

    def tidy() -> None:
        with contextlib.suppress(ParseError):  # else left as typed, and said below the box
            st.session_state[key] = fmt_int(parse_money(st.session_state[key]))

    text = box.text_input(label, key=key, on_change=tidy)
    try:
        amount = parse_money(text)
    except ParseError as e:
        box.error(escape_md(tr(e.reason, **e.params)))  # it quotes what was typed
        return None
    box.caption(tr("money_read_as", amount=fmt_rp(amount)))
    return amount


# --- shared filter state, mirrored in the URL ---------------------------------------------------


def init_state() -> None:
    """Reads the URL's query parameters once per session, so a copied link opens the same view."""
    if st.session_state.get("_filters_ready"):
        return
    qp = st.query_params
    problems = []
    if qp.get("lang") and qp.get("lang") not in LANGS:
        problems.append(f"lang={qp['lang']}")
    st.session_state["lang"] = qp.get("lang") if qp.get("lang") in LANGS else DEFAULT_LANG
    try:
        st.session_state["period"] = parse_period(qp["period"]) if qp.get("period") else None
    except ParseError:
        problems.append(f"period={qp['period']}")
        st.session_state["period"] = None
    try:
        st.session_state["region"] = regions.normalize_code(qp["region"]) if qp.get("region") else None
    except regions.RegionError:
        problems.append(f"region={qp['region']}")
        st.session_state["region"] = None
    if qp.get("sector") and qp.get("sector") not in SECTORS:
        problems.append(f"sector={qp['sector']}")
    st.session_state["sector"] = qp.get("sector") if qp.get("sector") in SECTORS else ALL
    # Checked against the data once the sidebar knows it (see sidebar()).
    st.session_state["_url_check"] = {
        "problems": problems,
        "period": st.session_state["period"],
        "region": st.session_state["region"],
    }
    slide = qp.get("slide", "")
    st.session_state["slide"] = int(slide) if slide.isdigit() else 1
    st.session_state["_filters_ready"] = True


def sidebar() -> Filters:
    """Draws the shared filters and writes them to the URL."""
    with st.sidebar:
        st.radio(t("language", lang()), LANGS, key="lang", format_func=LANG_NAMES.get, horizontal=True)
        periods = query(views.period_choices)
        if periods:
            check = st.session_state.get("_url_check")
            if check and check["period"] and check["period"] not in periods:
                check["problems"].append(f"period={check['period']}")
            if st.session_state.get("period") not in periods:
                st.session_state["period"] = periods[0]
            st.selectbox(tr("period"), periods, key="period", format_func=lambda p: fmt_period(p, lang()))
            labels = query(views.region_choices)
            codes = list(labels)
            if check and check["region"] and check["region"] not in codes:
                check["problems"].append(f"region={check['region']}")
            if st.session_state.get("region") not in codes:
                me = user()
                st.session_state["region"] = query(views.home_region, tuple(me.regions) if me else ())
            st.selectbox(tr("region"), codes, key="region", format_func=lambda c: labels[c])
            if st.session_state.get("sector") not in SECTORS:
                st.session_state["sector"] = ALL
            st.selectbox(
                tr("sector"), [ALL, *SECTORS], key="sector", format_func=lambda s: tr("all_sectors") if s == ALL else s
            )
            st.caption(tr("illustrative_data") if _is_sample() else "")
    f = filters()
    check = st.session_state.pop("_url_check", None)
    if check and check["problems"]:
        # A broken shared link must not pass another region's figures off as the ones asked for.
        # The link's own text is shown inert: a crafted link cannot bring its own links or images.
        items = ", ".join(escape_md(p[:80]) for p in check["problems"])
        st.warning(tr("url_replaced", items=items), icon=":material/link_off:")
    params = {"lang": f.lang, "period": f.period, "region": f.region, "sector": f.sector}
    st.query_params.from_dict({k: v for k, v in params.items() if v})
    return f


def _is_sample() -> bool:
    log = store().log()
    return bool(log) and all(e.get("user") == "demo" for e in log)


def filters() -> Filters:
    ss = st.session_state
    sector = ss.get("sector")
    return Filters(
        ss.get("lang", DEFAULT_LANG), ss.get("period"), ss.get("region"), sector if sector in SECTORS else None
    )


def set_region(code: str) -> None:
    """For button and selection callbacks: open another region."""
    st.session_state["region"] = code


# --- page furniture ------------------------------------------------------------------------------


def require_data() -> Shown:
    """The filters, or the empty state (and stop) when there is no data yet."""
    f = filters()
    if f.period and f.region:
        return Shown(f.lang, f.period, f.region, f.sector)
    st.title(tr("empty_title"))
    st.info(tr("empty_body"))
    c1, c2 = st.columns(2)
    if may("admin") and c1.button(tr("load_sample"), type="primary", icon=":material/dataset:"):
        with st.spinner(tr("load_sample") + "…"):
            write_demo(store(), actor=user())
        st.rerun()
    c2.page_link("app_pages/upload.py", label=tr("go_upload"), icon=":material/upload:")
    st.stop()


def _plain(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return "—"
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


def _downloads(view: pd.DataFrame, name: str) -> None:
    """CSV and Excel of a table as shown (formula cells neutralised), left-aligned: the grid's own
    toolbar (search, full screen) appears top-right over the table."""
    with st.container(horizontal=True, horizontal_alignment="left", gap="small"):
        for ext, make, mime in DOWNLOADS:
            st.download_button(
                tr(f"download_{ext}"),
                functools.partial(make, view),  # made when clicked
                f"{name}.{ext}",
                mime,
                icon=":material/download:",
                key=f"dl_{ext}_{name}",
                type="tertiary",
                on_click="ignore",
            )


def report_table(df: pd.DataFrame, labels: dict[str, str], download: str) -> None:
    """A file's findings: a plain table whose long messages wrap (a grid cell would cut them off at
    1366 px), with the same CSV/Excel downloads as every table."""
    view = df[list(labels)].rename(columns=labels)
    _downloads(view, download)
    # st.table renders each cell as Markdown: a file's own cells (values, names) are escaped, so an
    # image, a link or a formula in a cell shows as the text it is.
    shown = view.astype(object).where(view.notna(), "—").astype(str).map(escape_md)
    st.table(shown.set_index(shown.columns[0]))


def table(
    df: pd.DataFrame,
    labels: dict[str, str],
    formats: dict[str, Callable] | None = None,
    progress: str | None = None,
    download: str | None = None,
    widths: dict[str, int | Literal["small", "medium", "large"]] | None = None,
    cards: bool | str = False,
    detail: dict[str, str] | None = None,
    **kwargs,
):
    """A sortable table: raw values underneath (so sorting is numeric), Indonesian text on top.

    ``download`` names the CSV and XLSX files offered under the table (formula cells neutralised).
    ``widths``: a column's width in pixels (or "small"/"medium"/"large"), so that every column of a
    wide table is in view at 1366 px; a narrowed heading shows in full as the column's tooltip.
    ``cards``: on a phone (a window up to 640 px wide) the rows show as a list of cards instead,
    one a row: the first column (or the column ``cards`` names) as its heading, then each other
    column as "label: value".
    ``detail``: columns too many for the grid's width (a column name → its label), shown with every
    other column when a row is chosen (the grid is then selectable), in the cards and in the
    downloads; so a wide table keeps every column in view at 1366 px and nothing is lost.
    """
    everything = {**labels, **(detail or {})}
    if download:
        _downloads(df[list(everything)].rename(columns=everything), download)
    view = df[list(labels)].rename(columns=labels)
    fmts = {labels[c]: f for c, f in (formats or {}).items() if c in labels}
    for col in view.columns:
        # The grid writes a missing cell as "None" whatever the styler says; a column with gaps is
        # shown as its formatted text ("—" for a gap) instead, at the cost of sorting as text.
        if view[col].isna().any():
            fmt = fmts.pop(col, None) or _plain
            view[col] = [fmt(v) for v in view[col]]
    config = {}
    if progress:
        # A bar beside the figure: the bar's own label could only use an English decimal point.
        at = list(view.columns).index(labels[progress]) + 1
        view.insert(at, BAR, pd.to_numeric(df[progress], errors="coerce").to_numpy())
        bar_width = (widths or {}).get(BAR, "small")
        config[BAR] = st.column_config.ProgressColumn(" ", min_value=0, max_value=100, format=" ", width=bar_width)
    # The first column (the region, the project) stays in view when a narrow screen scrolls sideways.
    first = view.columns[0]
    config[first] = st.column_config.Column(first, pinned=True)
    for col, width in (widths or {}).items():
        if col == BAR:
            continue
        label = labels[col]
        config[label] = st.column_config.Column(label, width=width, help=label, pinned=label == first or None)
    styler = view.style.format(fmts, na_rep="—")
    if "height" not in kwargs:
        kwargs["height"] = 35 * (min(len(view), 15) + 1) + 3
    name = kwargs.get("key") or download or "table"
    if detail is not None:
        kwargs.setdefault("key", name)
        kwargs.update(on_select="rerun", selection_mode="single-row")
    if not cards and detail is None:
        return st.dataframe(styler, hide_index=True, column_config=config, width="stretch", **kwargs)
    # Both are sent; the page's style shows the grid on a wide screen and the cards on a phone.
    with st.container(key=f"ucj_grid_{name}"):
        if detail is not None:
            st.caption(tr("row_detail_hint"))
        shown = st.dataframe(styler, hide_index=True, column_config=config, width="stretch", **kwargs)
        if detail is not None and (rows := shown.selection.rows) and rows[0] < len(df):
            # The chosen row in full: every column, its label and its value as the cards show it.
            with st.container(key=f"ucj_detail_{name}"):
                st.html(_cards_html(df.iloc[[rows[0]]], everything, formats or {}))
    if cards:
        with st.container(key=f"ucj_cards_{name}"):
            st.html(_cards_html(df, everything, formats or {}, cards if isinstance(cards, str) else None))
    return shown


def _cards_html(
    df: pd.DataFrame, labels: dict[str, str], formats: dict[str, Callable], title: str | None = None
) -> str:
    """One card a row, as a list: the first column's value as the card's heading, then a
    description list of every other column's label and its value as the grid shows it."""
    first = title or next(iter(labels))
    rest = [c for c in labels if c != first]

    def text(col: str, value) -> str:
        if value is None or value is pd.NA or value == "" or (isinstance(value, float) and pd.isna(value)):
            return "—"
        return escape_html(str((formats.get(col) or _plain)(value)))

    items = []
    for row in df[list(labels)].itertuples(index=False):
        values = dict(zip(labels, row))
        lines = "".join(f"<div><dt>{escape_html(labels[c])}</dt><dd>{text(c, values[c])}</dd></div>" for c in rest)
        items.append(f'<li><h4 class="ucj-card-title">{text(first, values[first])}</h4><dl>{lines}</dl></li>')
    return f'<ul class="ucj-cards">{"".join(items)}</ul>'


def chart(fig, name: str, *, image: bool = True, **kwargs):
    """A plotly chart whose camera button downloads a PNG named after the chart; ``image=False``
    offers none (a chart whose picture would not be what the page shows)."""
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}}
    if not image:
        config["modeBarButtonsToRemove"] = ["toImage"]
    return st.plotly_chart(fig, config=config, key=kwargs.pop("key", f"chart_{name}"), **kwargs)
