"""The message catalogues against the code: every key the code uses is a msgid of
``ucj/locale/<lang>/LC_MESSAGES/ucj.po`` with a text in Bahasa Indonesia and in English, and every
msgid is used (read on the source, with ``ast``); the catalogues are valid gettext for translators'
tools (Babel's round trip; ``msgfmt --check``)."""

import ast
import io
import shutil
import string
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from ucj.core.accounts import ROLES
from ucj.core.i18n import DEFAULT_LANG, LANGS, MESSAGES, PLURAL, catalogue_path, t, tn
from ucj.core.merge import MODES
from ucj.core.parsing import EN, ID
from ucj.core.schema import CODE_LENGTH, STATUSES
from ucj.storage.audit import EVENTS

ROOT = Path(__file__).resolve().parent.parent
#: The code that shows messages: the library and the two faces.
SOURCES = [
    *sorted((ROOT / "ucj").rglob("*.py")),
    ROOT / "app.py",
    ROOT / "serve.py",
    *sorted((ROOT / "app_pages").glob("*.py")),
]

#: Keys built in f-strings (``t(f"status_{s}")``): the prefix, and every value the code puts after it.
#: A new f-string key in a call below must be declared here, and each of its keys be in MESSAGES.
DYNAMIC: dict[str, tuple] = {
    "status_": STATUSES,  # targets.status: t(f"status_{s}")
    "level_": tuple(CODE_LENGTH),  # Kemendagri levels 1-4: t(f"level_{level}")
    "severity_": ("error", "warning"),  # Problem.severity: tables.problems_table
    "change_": ("added", "changed", "unchanged", "removed", "kept"),  # store's diff of a month: views
    "mode_": MODES,  # the upload page's merge/replace choice
    "mode_label_": (*MODES, "withdraw"),  # a version's mode, withdraw included: views, cli
    "event_": EVENTS,  # audit lines: tables.audit_table
    "role_": ROLES,  # the signed-in user's role: app_pages.common
    "download_": ("csv", "xlsx", "table"),  # app_pages.common's download buttons
    "scenario_": ("target", "current_pace", "custom"),  # planner.Plan scenarios: deck
    "number_format_": (ID, EN),  # the number-form choice on the upload page
    "number_format_by_": ("chosen", "delimiter", "decimal_comma", "months"),  # parsing's Convention.source
    "programmes_kind_": ("beneficiaries", "budgets"),  # the Program Pemda page's two kinds of file
}

#: Callables that take a message key, and the position (or keyword) of the key.
KEY_TAKERS: dict[str, tuple[int, str]] = {
    "t": (0, "key"),
    "tn": (0, "key"),
    "tr": (0, "key"),
    "both": (0, "key"),
    "Problem": (1, "key"),
    "err": (0, "key"),  # rows.RowReader.err, ingest._Snapshot.err
    "warn": (0, "key"),  # ingest._Snapshot.warn
    "Unreadable": (2, "key"),
    "ParseError": (0, "key"),
    "RegionError": (0, "key"),
    "UcjError": (0, "key"),
    "AccessDenied": (0, "key"),
    "AuthError": (0, "key"),
    "AuditError": (0, "key"),
    "BoundaryError": (0, "key"),
    "StoreError": (0, "key"),
    "StoreDamaged": (0, "key"),
    "MonthChanged": (0, "key"),
}


def _callee(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _scan() -> tuple[dict[str, list[str]], dict[str, list[str]], set[str]]:
    """(keys passed to a key taker -> where, f-string prefixes passed to one -> where, every string
    literal of the code, f-strings' leading text included)."""
    keys: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    literals: set[str] = set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                literals.add(node.values[0].value)
            if not isinstance(node, ast.Call) or _callee(node) not in KEY_TAKERS:
                continue
            position, keyword = KEY_TAKERS[_callee(node)]
            arg = node.args[position] if len(node.args) > position else None
            arg = next((k.value for k in node.keywords if k.arg == keyword), arg)
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                keys.setdefault(arg.value, []).append(where)
            elif isinstance(arg, ast.JoinedStr):
                head = arg.values[0]
                prefix = head.value if isinstance(head, ast.Constant) and len(arg.values) == 2 else ast.unparse(arg)
                prefixes.setdefault(prefix, []).append(where)
    return keys, prefixes, literals


def _dynamic_keys() -> set[str]:
    return {f"{prefix}{value}" for prefix, values in DYNAMIC.items() for value in values}


#: Messages whose two languages take different parameters, on purpose.
OWN_PARAMETERS_PER_LANGUAGE = {"more_problems"}  # problems.py passes the kind named in each language


def _catalogue(lang: str):
    with catalogue_path(lang).open("rb") as f:
        return read_po(f, locale=lang)


def _entries(lang: str) -> dict[str, tuple[str, ...]]:
    """msgid -> its texts (one per plural form), every entry of the file, fuzzy or empty ones too."""
    out = {}
    for m in _catalogue(lang):
        if m.id:
            key = m.id if isinstance(m.id, str) else m.id[0]
            out[key] = (m.string,) if isinstance(m.string, str) else tuple(m.string)
    return out


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_every_msgid_has_a_text_in_indonesian_and_in_english():
    entries = {lang: _entries(lang) for lang in LANGS}
    assert len(entries[DEFAULT_LANG]) > 400  # the catalogue is read
    keys = set().union(*entries.values())
    missing = {
        k: [
            lang
            for lang in LANGS
            if not all(entries[lang].get(k, ("",))) or k not in MESSAGES or lang not in MESSAGES[k]
        ]
        for k in keys
    }
    assert {k: v for k, v in missing.items() if v} == {}
    fuzzy = {lang: [m.id for m in _catalogue(lang) if m.id and m.fuzzy] for lang in LANGS}
    assert fuzzy == {lang: [] for lang in LANGS}


def test_every_message_has_indonesian_and_english_with_the_same_placeholders():
    bad = {}
    for key, texts in MESSAGES.items():
        if set(texts) != set(LANGS) or not all(v.strip() for forms in texts.values() for v in forms):
            bad[key] = sorted(texts)
            continue
        fields = {lang: [_fields(form) for form in texts[lang]] for lang in LANGS}
        every = [f for forms in fields.values() for f in forms]
        if any(f != every[0] for f in every) and key not in OWN_PARAMETERS_PER_LANGUAGE:
            bad[key] = fields
    assert bad == {}


def test_messages_about_a_count_have_each_languages_plural_forms_and_take_n():
    """Indonesian has one form (nplurals=1), English two; the same keys are plural in both."""
    catalogues = {lang: _catalogue(lang) for lang in LANGS}
    assert {lang: c.num_plurals for lang, c in catalogues.items()} == {"id": 1, "en": 2}
    plural = {lang: {m.id[0] for m in c if m.pluralizable} for lang, c in catalogues.items()}
    assert plural["id"] == plural["en"] == set(PLURAL)
    assert len(PLURAL) >= 13  # every faked "(s)" of the old dict is a real plural now
    bad = {k: lang for k in PLURAL for lang in LANGS if len(MESSAGES[k][lang]) != catalogues[lang].num_plurals}
    bad |= {k: "n" for k in PLURAL if not all("n" in _fields(f) for lang in LANGS for f in MESSAGES[k][lang])}
    assert bad == {}
    assert not any("(s)" in form for texts in MESSAGES.values() for forms in texts.values() for form in forms)


def test_a_count_reads_in_the_singular_or_the_plural():
    assert tn("skipped_title_rows", 1, "en") == "1 title row above the table skipped."
    assert tn("skipped_title_rows", 2, "en") == "2 title rows above the table skipped."
    assert tn("skipped_title_rows", 0, "en") == "0 title rows above the table skipped."
    assert tn("skipped_title_rows", 1) == tn("skipped_title_rows", 2).replace("2", "1")
    assert tn("skipped_title_rows", 2, "id") == "2 baris judul di atas tabel dilewati."
    # t() on a message about a count reads its n, so a key carried with its parameters (an error,
    # a note) says itself; a shown count (formatted) may stand beside the number that picks the form
    assert t("stored", "en", period="2025-07", version=3, n=1) == "Stored: period 2025-07, version 3, 1 row."
    assert t("check_failed", "en", n=2) == "Check failed: 2 problems."
    assert tn("jakon_preview", 1234, "en", n="1.234") == "What will be stored: 1.234 projects"
    assert tn("jakon_preview", 1, "id", n="1") == "Yang akan disimpan: 1 proyek"


def test_an_unknown_key_a_missing_count_or_a_missing_translation_raises(monkeypatch):
    with pytest.raises(KeyError):
        t("no_such_message", "en")
    with pytest.raises(KeyError):
        tn("no_such_message", 2, "en")
    with pytest.raises(KeyError):
        t("check_failed", "en")  # a count message without its count
    with pytest.raises(TypeError):
        t("check_failed", "en", n="2")
    with pytest.raises(KeyError):
        tn("empty_file", 2, "en")  # not a message about a count
    # an English text missing from the catalogue: an error, not the Indonesian text
    monkeypatch.delitem(MESSAGES["empty_file"], "en")
    with pytest.raises(KeyError, match="empty_file"):
        t("empty_file", "en")
    assert t("empty_file", "id") == "Berkas kosong: tidak ada baris data."


def test_an_english_text_left_empty_in_the_po_file_is_not_a_translation(tmp_path, monkeypatch):
    """The loader drops an entry with an empty (or fuzzy) text, so the check above catches it."""
    import ucj.core.i18n as i18n

    po = catalogue_path("en").read_text(encoding="utf-8")
    cut = po.replace('msgstr "The file is empty: no data rows."', 'msgstr ""').replace(
        'msgid "duplicate_column"', '#, fuzzy\nmsgid "duplicate_column"'
    )
    assert cut != po
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    catalogue_path("en").parent.mkdir(parents=True)
    catalogue_path("en").write_text(cut, encoding="utf-8")
    _, texts, _ = i18n._load("en")
    assert "empty_file" not in texts and "duplicate_column" not in texts and "missing_column" in texts


def test_the_po_files_are_valid_gettext_for_translators_tools(tmp_path):
    for lang in LANGS:
        catalogue = _catalogue(lang)
        out = io.BytesIO()
        write_po(out, catalogue, width=0)
        again = read_po(io.BytesIO(out.getvalue()), locale=lang)
        assert [(m.id, m.string, m.user_comments) for m in again] == [
            (m.id, m.string, m.user_comments) for m in catalogue
        ]
        assert catalogue.plural_forms == again.plural_forms
        assert catalogue.locale_identifier == lang and catalogue.charset.lower() == "utf-8"
        if shutil.which("msgfmt"):  # GNU gettext's own check, where it is installed
            done = subprocess.run(
                ["msgfmt", "--check", "-o", str(tmp_path / f"{lang}.mo"), str(catalogue_path(lang))],
                capture_output=True,
                text=True,
            )
            assert (done.returncode, done.stderr) == (0, "")


def test_every_key_the_code_uses_is_a_message():
    keys, prefixes, _ = _scan()
    assert len(keys) > 300  # the scan finds the code's keys
    assert {k: w for k, w in keys.items() if k not in MESSAGES} == {}


def test_every_key_built_in_an_f_string_is_declared_and_is_a_message():
    _, prefixes, _ = _scan()
    assert {p: w for p, w in prefixes.items() if p not in DYNAMIC} == {}
    assert sorted(_dynamic_keys() - set(MESSAGES)) == []


def test_every_message_is_used():
    _, _, literals = _scan()
    unused = set(MESSAGES) - literals - _dynamic_keys()
    assert sorted(unused) == []
