"""Every user-facing string, Bahasa Indonesia first, English alongside.

The texts are gettext catalogues, one per language: ``ucj/locale/<lang>/LC_MESSAGES/ucj.po``, whose
``msgid`` is the message key the code passes here and whose ``msgstr`` is the text, placeholders in
``{braces}``. A message about a count has a ``msgid_plural`` and one ``msgstr[i]`` per plural form
(Indonesian one, English two); ``ngettext`` picks the form. The ``.po`` files are read with Babel at
import and handed to the standard library's ``gettext`` in memory: no build step, no ``.mo`` files.

``t(key, lang, **params)`` formats one; ``tn(key, n, lang, **params)`` one about ``n`` things;
``both(key, **params)`` gives "Indonesian / English" for places (the command line, reports) that show
the two together. An unknown key, or a key without a text in the language asked, raises KeyError: a
missing translation fails a test, never falls back to the other language.
"""

from __future__ import annotations

import gettext
import io
import operator
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGS = ("id", "en")
DEFAULT_LANG = "id"
DOMAIN = "ucj"
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"


def catalogue_path(lang: str) -> Path:
    """The ``.po`` file of ``lang``."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(lang: str) -> tuple[gettext.GNUTranslations, dict[str, tuple[str, ...]], set[str]]:
    """``lang``'s catalogue: the translations ``gettext`` reads, key -> its text (one per plural form),
    and the keys about a count. A fuzzy entry or one with an empty text is not a translation: it is
    left out."""
    with catalogue_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    texts: dict[str, tuple[str, ...]] = {}
    plural: set[str] = set()
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        forms = (message.string,) if isinstance(message.string, str) else tuple(message.string or ())
        if forms and all(forms):
            texts[key] = forms
        if message.pluralizable:
            plural.add(key)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo), texts, plural


_LOADED = {lang: _load(lang) for lang in LANGS}
_TRANSLATIONS = {lang: loaded[0] for lang, loaded in _LOADED.items()}

#: key -> language -> its text, one per plural form (read from the catalogues; for tests and for
#: ``key in MESSAGES``). A key is here if either catalogue has it.
MESSAGES: dict[str, dict[str, tuple[str, ...]]] = {}
for _lang, _loaded in _LOADED.items():
    for _key, _text in _loaded[1].items():
        MESSAGES.setdefault(_key, {})[_lang] = _text

#: The keys of messages about a count (``msgid_plural`` in the Indonesian catalogue, the default).
PLURAL: frozenset[str] = frozenset(_LOADED[DEFAULT_LANG][2])


def _forms(key: str, lang: str) -> tuple[str, ...]:
    entry = MESSAGES[key]  # KeyError: not a message
    if lang not in entry:
        raise KeyError(f"{key}: no {lang!r} text in {catalogue_path(lang)}")
    return entry[lang]


def _whole(key: str, n: object) -> int:
    """The count that picks a plural form: a whole number (numpy's too), never a shown text."""
    if isinstance(n, bool) or not hasattr(n, "__index__"):
        raise TypeError(f"{key}: the count must be a whole number, not {n!r}")
    return operator.index(n)


def t(key: str, lang: str = DEFAULT_LANG, **params: object) -> str:
    """The message ``key`` in ``lang`` ("id" or "en"), formatted with ``params``. A message about a
    count takes the count as ``n`` (a whole number) and reads as ``tn(key, n, lang, **params)``.

    Raises KeyError for an unknown key or a missing translation, so it fails a test, not a user.
    """
    if key in PLURAL:
        if "n" not in params:
            raise KeyError(f"{key}: a message about a count needs its count, n=")
        return tn(key, _whole(key, params.pop("n")), lang, **params)
    _forms(key, lang)
    return _TRANSLATIONS[lang].gettext(key).format(**params)


def tn(key: str, n: int, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The message ``key`` about ``n`` things in ``lang``: the catalogue's plural form for ``n``
    (``ngettext``; "1 row", "2 rows"), formatted with ``n`` and ``params``. ``params`` may give ``n``
    again as the shown count (``n=fmt_int(count)``); the form follows the number ``n``.
    """
    if key not in PLURAL:
        raise KeyError(f"{key}: not a message about a count (no msgid_plural)")
    count = _whole(key, n)
    _forms(key, lang)
    return _TRANSLATIONS[lang].ngettext(key, key, count).format(**{"n": n, **params})


def both(key: str, **params: object) -> str:
    """ "Indonesian / English" in one line."""
    return f"{t(key, 'id', **params)} / {t(key, 'en', **params)}"


# Streamlit's and plotly's own English (the skip link, the uploader, chart and table toolbars), put in
# Indonesian in the browser by app_pages/common.localize_chrome: neither library can be told a language.
CHROME_STRINGS_ID: dict[str, str] = {
    "Skip to main content": "Langsung ke isi utama",
    "Upload": "Unggah",
    "Browse files": "Pilih berkas",
    "Drag and drop file here": "Seret berkas ke sini",
    "Download plot as a png": "Unduh grafik (PNG)",
    "Download plot as a PNG": "Unduh grafik (PNG)",
    "Show/hide columns": "Tampilkan/sembunyikan kolom",
    "Zoom in": "Perbesar",
    "Zoom out": "Perkecil",
    "Zoom": "Perbesar area",
    "Pan": "Geser",
    "Autoscale": "Skala otomatis",
    "Reset axes": "Kembalikan sumbu",
    "Reset view": "Kembalikan tampilan",
    "Box Select": "Pilih area",
    "Lasso Select": "Pilih bebas",
    "Fullscreen": "Layar penuh",
    "Close fullscreen": "Tutup layar penuh",
    "Search": "Cari",
    "per file": "per berkas",
}
