"""The layering, checked on the source: a library first, two thin faces (docs/architecture.md).

The import rules are import-linter contracts in ``.importlinter`` (``lint-imports``, run by
``make test``); the tests here run them too, so plain ``pytest`` checks them, and keep the rules
that are not about imports."""

import ast
import configparser
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
CONTRACTS = ROOT / ".importlinter"
#: The faces outside a package, which import-linter cannot see: checked here on their source.
TOP_LEVEL_FACES = [ROOT / "app.py", ROOT / "serve.py"]


def imports(path: Path) -> set[str]:
    """Module names imported by a file."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _contracts() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(CONTRACTS, encoding="utf-8")
    return config


def test_the_import_contracts_are_kept(capsys):
    n = sum(1 for name in _contracts().sections() if name.startswith("importlinter:contract:"))
    code = lint_imports(config_filename=str(CONTRACTS), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert n >= 7 and f"Contracts: {n} kept, 0 broken." in report, report


def _named(section: str) -> set[str]:
    layers = _contracts()[f"importlinter:contract:{section}"]["layers"]
    lines = [line.split("#")[0] for line in layers.splitlines()]
    return set(" ".join(lines).replace("|", " ").replace(":", " ").split())


def test_every_library_module_has_a_layer():
    # The layers are the subpackages of ucj; only the package's __init__ and __main__ live beside them.
    top = {f"ucj.{p.stem}" for p in (ROOT / "ucj").glob("*.py") if p.stem != "__init__"}
    assert sorted(top) == ["ucj.__main__"]
    subpackages = {f"ucj.{p.parent.name}" for p in (ROOT / "ucj").glob("*/__init__.py")}
    assert sorted(_named("layers")) == sorted(top | subpackages)
    # Inside each subpackage of more than one module (not the command line), every module has its place.
    for package in sorted(subpackages - {"ucj.cli"}):
        folder = ROOT / package.replace(".", "/")
        modules = {p.stem for p in folder.glob("*.py") if p.stem != "__init__"}
        if len(modules) == 1:
            continue
        section = f"{package.removeprefix('ucj.')}-inside"
        assert _contracts()[f"importlinter:contract:{section}"]["containers"].split() == [package]
        assert sorted(_named(section)) == sorted(modules), package


def test_the_top_level_faces_import_neither_duckdb_nor_the_queries_nor_the_store():
    forbidden = ("duckdb", "ucj.query", "ucj.storage.store")
    for path in TOP_LEVEL_FACES:
        found = {m for m in imports(path) if any(m == f or m.startswith(f + ".") for f in forbidden)}
        assert found == set(), (path.name, found)


def test_pages_hold_no_sql_no_file_access():
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "SELECT " not in text and "read_parquet" not in text and "open(" not in text, path.name
