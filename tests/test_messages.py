"""The message catalogue against the code: every key the code uses is in ``ucj.core.i18n.MESSAGES`` in
Bahasa Indonesia and English, and every key in it is used (read on the source, with ``ast``)."""

import ast
import string
from pathlib import Path

from ucj.core.accounts import ROLES
from ucj.core.i18n import LANGS, MESSAGES
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
    "severity_": ("error", "warning"),  # Problem.severity: views.problems_table
    "change_": ("added", "changed", "unchanged", "removed", "kept"),  # store's diff of a month: views
    "mode_": MODES,  # the upload page's merge/replace choice
    "mode_label_": (*MODES, "withdraw"),  # a version's mode, withdraw included: views, cli
    "event_": EVENTS,  # audit lines: views.audit_table
    "role_": ROLES,  # the signed-in user's role: app_pages.common
    "download_": ("csv", "xlsx", "table"),  # app_pages.common's download buttons
    "scenario_": ("target", "current_pace", "custom"),  # planner.Plan scenarios: deck
    "number_format_": (ID, EN),  # the number-form choice on the upload page
    "number_format_by_": ("chosen", "delimiter", "decimal_comma", "months"),  # parsing's Convention.source
}

#: Callables that take a message key, and the position (or keyword) of the key.
KEY_TAKERS: dict[str, tuple[int, str]] = {
    "t": (0, "key"),
    "tr": (0, "key"),
    "both": (0, "key"),
    "Problem": (1, "key"),
    "err": (0, "key"),  # ingest._Validator.err, jakon_files' err
    "warn": (0, "key"),  # ingest._Validator.warn
    "Unreadable": (2, "key"),
    "ParseError": (0, "reason"),
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


def _messages_dict(tree: ast.Module) -> ast.AST | None:
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "MESSAGES":
            return node.value
    return None


def _scan() -> tuple[dict[str, list[str]], dict[str, list[str]], set[str]]:
    """(keys passed to a key taker -> where, f-string prefixes passed to one -> where, every string
    literal of the code outside MESSAGES, f-strings' leading text included)."""
    keys: dict[str, list[str]] = {}
    prefixes: dict[str, list[str]] = {}
    literals: set[str] = set()
    for path in SOURCES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        catalogue = _messages_dict(tree)
        skip = {id(n) for n in ast.walk(catalogue)} if catalogue is not None else set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
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


def test_every_message_has_indonesian_and_english_with_the_same_placeholders():
    bad = {}
    for key, texts in MESSAGES.items():
        if set(texts) != set(LANGS) or not all(isinstance(v, str) and v.strip() for v in texts.values()):
            bad[key] = sorted(texts)
            continue
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in LANGS}
        if fields["id"] != fields["en"] and key not in OWN_PARAMETERS_PER_LANGUAGE:
            bad[key] = fields
    assert bad == {}


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
