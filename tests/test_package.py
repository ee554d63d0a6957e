"""The library as a package: `pip install .` gives a `ucj` command that works outside the checkout.

The install check builds the wheel from a copy of the checkout, installs it into a fresh virtual
environment and runs `ucj` and `python -m ucj` there, from a folder outside the checkout. It runs
without network: the fresh environment gets the dev environment's dependencies through a .pth file
pointing at the dev environment's site-packages (instead of downloading them), and the wheel is
installed with --no-deps. The .pth entries come after the fresh environment's own site-packages, so
`ucj` itself is the installed wheel (asserted below), never the checkout.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from importlib.metadata import version as installed_version
from importlib.util import find_spec
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
STATUS = ["status", "--region", "61.03", "--sector", "JAKON", "--period", "2025-07", "--json"]


def _pins(path: Path) -> dict[str, Version]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", line
            pins[canonicalize_name(req.name)] = Version(spec.version)
    return pins


def test_dependencies_are_requirements_txt():
    pins = _pins(ROOT / "requirements.txt")
    deps = {canonicalize_name(Requirement(d).name): Requirement(d) for d in PYPROJECT["project"]["dependencies"]}
    assert set(deps) == set(pins)
    for name, req in deps.items():
        assert req.specifier.contains(pins[name]), f"{name}: requirements.txt pins {pins[name]}, not in {req}"


def test_one_version_written_once():
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "ucj.__version__"}
    import ucj

    # Every Python file of the checkout that git would commit (not build/ or a .venv: .gitignore).
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    written = [name for name in listed if f'"{ucj.__version__}"' in (ROOT / name).read_text()]
    assert written == ["ucj/__init__.py"]


def test_build_backend_is_satisfied_by_the_installed_setuptools():
    (backend_req,) = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    assert backend_req.name == "setuptools"
    assert backend_req.specifier.contains(Version(installed_version("setuptools")))
    assert PYPROJECT["build-system"]["build-backend"] == "setuptools.build_meta"
    assert PYPROJECT["project"]["scripts"] == {"ucj": "ucj.cli:main"}


def _run(cmd: list, cwd: Path, env: dict, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh virtual environment with the wheel built from this checkout installed in it."""
    # setuptools before 70.1 builds a wheel only with the `wheel` package (requirements-dev.txt).
    setuptools_builds_wheels = Version(installed_version("setuptools")) >= Version("70.1")
    assert setuptools_builds_wheels or find_spec("wheel"), "building the wheel needs `wheel`: make install-dev"
    tmp = tmp_path_factory.mktemp("package")
    # Build from a copy, so the build's egg-info and build/ folders never land in the checkout.
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "ucj", src / "ucj", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    wheels = tmp / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"]
    done = _run([*build, "-w", wheels, src], cwd=tmp, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    (wheel,) = wheels.glob("ucj_dashboard-*.whl")

    venv = tmp / "venv"
    done = _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp, env=dict(os.environ))
    assert done.returncode == 0, done.stderr
    python = venv / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp, {}).stdout.strip())
    # The dependencies, without downloading them: the dev environment's site-packages, after the fresh one's.
    dev_sites = dict.fromkeys(sysconfig.get_path(k) for k in ("purelib", "platlib"))
    (site / "zz-ucj-dev-dependencies.pth").write_text("".join(f"{p}\n" for p in dev_sites))
    install = [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel]
    done = _run(install, cwd=tmp, env=dict(os.environ))
    assert done.returncode == 0, done.stderr

    # Outside the checkout, with nothing of it on the path and no UCJ_* setting of the test run.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UCJ_", "PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    return {"wheel": wheel, "venv": venv, "python": python, "site": site, "env": env, "cwd": elsewhere}


def test_the_wheel_holds_every_file_of_the_library(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    shipped = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "ucj").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert "ucj/py.typed" in shipped
    assert shipped - names == set()
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(installed["wheel"]).read(entry_points).decode()
    assert re.search(r"^\[console_scripts\]\s*^ucj = ucj\.cli:main$", text, re.M)


def test_ucj_command_works_outside_the_checkout(installed):
    cwd, env, data = installed["cwd"], installed["env"], installed["cwd"] / "demo"
    ucj = installed["venv"] / "bin" / "ucj"
    python_m = [installed["python"], "-m", "ucj"]
    # The `ucj` found there is the installed wheel, not the checkout, with its one version.
    code = (
        "import importlib.metadata as m, ucj; print(ucj.__file__); print(ucj.__version__, m.version('ucj-dashboard'))"
    )
    done = _run([installed["python"], "-c", code], cwd, env)
    assert done.returncode == 0, done.stderr
    where, versions = done.stdout.splitlines()
    assert Path(where).parent == installed["site"] / "ucj"
    import ucj as checkout

    assert versions == f"{checkout.__version__} {checkout.__version__}"

    demo = _run([*python_m, "demo", "--data-dir", data], cwd, env)
    assert demo.returncode == 0, demo.stderr
    assert (data / "manifest.json").is_file()

    by_script = _run([ucj, *STATUS, "--data-dir", data], cwd, env)
    assert by_script.returncode == 0, by_script.stderr
    (row,) = json.loads(by_script.stdout)
    assert (row["region_code"], row["region_name"], row["period"]) == ("61.03", "Kabupaten Sanggau", "2025-07")
    assert (row["participants"], row["workforce"]) == (4519, 12320)
    assert (row["coverage_pct"], row["target_pct"]) == (36.68, 58.65)
    assert (row["target_participants"], row["gap"], row["required_per_month"]) == (7226, 2707, 542)

    # `python -m ucj` keeps working, with the same output.
    by_module = _run([*python_m, *STATUS, "--data-dir", data], cwd, env)
    assert (by_module.returncode, by_module.stdout) == (0, by_script.stdout)


def test_ucj_command_exit_codes_are_python_m_ucjs(installed):
    cwd, env, data = installed["cwd"], installed["env"], installed["cwd"] / "codes"
    ucj = installed["venv"] / "bin" / "ucj"
    python_m = [installed["python"], "-m", "ucj"]
    assert _run([*python_m, "demo", "--data-dir", data], cwd, env).returncode == 0
    unknown = ["status", "--region", "99.99", "--period", "2025-07", "--json", "--data-dir", data]
    for cmd in ([ucj], python_m):
        refused = _run([*cmd, *unknown], cwd, env)
        assert (refused.returncode, refused.stdout) == (2, ""), refused.stderr
        assert "Unknown region name" in refused.stderr
        assert _run([*cmd, "--help"], cwd, env).returncode == 0
