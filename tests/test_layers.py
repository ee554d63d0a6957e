"""The layering, checked on the source: a library first, two thin faces (docs/architecture.md)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Pure modules: arithmetic, parsing, names, formats. They import no module that does I/O or queries.
PURE = ["schema", "parsing", "regions", "targets", "merge", "completeness", "fmt", "i18n", "planner", "boundaries"]
#: Modules that do I/O or queries; a pure module importing one of these breaks the layering.
EFFECTFUL = {
    "store",
    "db",
    "audit",
    "service",
    "views",
    "deck",
    "exports",
    "cli",
    "demo",
    "users",
    "ingest",
    "objects",
    "replica",
}


def imports(path: Path) -> set[str]:
    """Top-level module names imported by a file, relative ``.x`` imports as ``ucj.x``."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ("ucj." if node.level else "") + (node.module or "")
            out.add(base.rstrip("."))
            if node.module is None and node.level:
                out.update(f"ucj.{a.name}" for a in node.names)
    return out


def test_the_library_never_imports_streamlit():
    for path in (ROOT / "ucj").glob("*.py"):
        assert not any(m.split(".")[0] == "streamlit" for m in imports(path)), path.name


def test_only_db_talks_to_duckdb():
    users = sorted(p.name for p in (ROOT / "ucj").glob("*.py") if "duckdb" in imports(p))
    assert users == ["db.py"]


def test_pure_modules_import_nothing_that_does_io():
    for name in PURE:
        found = {m.removeprefix("ucj.") for m in imports(ROOT / "ucj" / f"{name}.py") if m.startswith("ucj.")}
        assert not found & EFFECTFUL, (name, found & EFFECTFUL)


def test_pages_hold_no_sql_no_file_access_and_no_duckdb():
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "duckdb" not in imports(path), path.name
        assert "SELECT " not in text and "read_parquet" not in text and "open(" not in text, path.name


def test_pages_reach_the_queries_only_through_views():
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]:
        assert "ucj.db" not in imports(path), path.name
        assert "from ucj import" not in path.read_text() or " db" not in _names_from_ucj(path), path.name


def _names_from_ucj(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "ucj":
            out.update(" " + a.name for a in node.names)
    return out
