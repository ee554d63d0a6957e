"""The README keeps up with the code: every command and setting is documented."""

from pathlib import Path

from ucj.cli.main import build_parser
from ucj.core.settings import Settings

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands():
    first_block = README.split("```bash", 1)[1].split("```", 1)[0]
    assert "make run" in first_block and "make test" in first_block


def test_every_command_is_documented():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"python -m ucj {name}" in README, name


def test_every_setting_is_documented():
    for name in Settings.model_fields:
        assert f"UCJ_{name.upper()}" in README, name


def test_readme_shows_the_overview_and_explains_every_page():
    import re

    root = Path(__file__).resolve().parent.parent
    assert "![" in README and (root / "docs" / "overview.png").stat().st_size > 20_000
    app = (root / "app.py").read_text(encoding="utf-8")
    titles = re.findall(r'title=tr\("(page_\w+)"\)', app)
    from ucj.core.i18n import t

    assert len(titles) >= 6
    for key in titles:
        assert f"**{t(key, 'id')} / {t(key, 'en')}**" in README or f"**{t(key, 'id')}**" in README, key


def test_the_shipped_sample_data_is_intact():
    """`make run` serves data/: its audit chain and checksums must verify (read only)."""
    from ucj.storage.store import Store

    assert Store(Path(__file__).resolve().parent.parent / "data").check() == []
