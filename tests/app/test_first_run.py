"""A first visit without a link opens the view README says it opens."""

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP
from ucj.core.fmt import fmt_period
from ucj.core.regions import region_name

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_a_first_visit_opens_what_readme_says(sample_dir):
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    region, period = at.session_state["region"], at.session_state["period"]
    said = re.search(
        r"A first `make run` opens Ringkasan on [^,]*, ([^(]+) \(`([\d.]+)`\), in its latest month\s+\((\w+ \d{4})\)",
        README,
    )
    assert said, "README says which view a first `make run` opens"
    name, code, month = said.groups()
    assert (region, fmt_period(period, "id")) == (code, month)
    assert name.strip().endswith(region_name(region))
    # The headline is that region's.
    assert at.markdown[0].value.replace("\\", "").startswith(f"#### {region_name(region)}:")
