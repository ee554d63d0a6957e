"""`make test` runs the type checker: mypy, pinned, configured once in pyproject.toml."""

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _recipe(target: str) -> list[str]:
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    out = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        out.append(line.strip())
    return out


def test_make_test_runs_mypy_after_ruff_and_before_the_tests():
    steps = [s for s in _recipe("test") if not s.startswith("#")]
    mypy = steps.index("$(BIN)/mypy")
    assert mypy > max(i for i, s in enumerate(steps) if s.startswith("$(BIN)/ruff"))
    assert mypy < min(i for i, s in enumerate(steps) if "pytest" in s)


def test_mypy_checks_the_library_and_the_app_with_python_311():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config["python_version"] == "3.11"
    assert set(config["files"]) == {"ucj", "app_pages", "app.py", "serve.py"}
    assert config["check_untyped_defs"] is True
    assert config["warn_unused_ignores"] is True


def test_mypy_is_pinned_in_requirements_dev_as_installed():
    pins = re.findall(r"^mypy==(\S+)$", (ROOT / "requirements-dev.txt").read_text(encoding="utf-8"), re.M)
    assert pins == [version("mypy")]
