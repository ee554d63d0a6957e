"""The map on Ringkasan and Wilayah: drawn on the shipped sample for a province and for Indonesia,
opened from the keyboard, the load hint only where it is true, the map at once after an import."""

import json

import pytest

from tests.app.conftest import open_app, texts
from tests.boundary_files import as_bytes, jambi_kab_kota
from ucj.services.demo import write_demo
from ucj.storage.store import Store

HINT = "Peta muncul setelah admin memuat batas wilayah"
JAMBI_MAP = "Peta cakupan kabupaten/kota di Jambi terhadap target"
NATIONAL_MAP = "Peta cakupan provinsi di Indonesia terhadap target"


def _titles(at) -> list[str]:
    """The charts' titles, the map's included (the page's bold line above it: a plotly title does
    not wrap on a phone)."""
    charts = [(json.loads(c.proto.spec)["layout"].get("title") or {}).get("text", "") for c in at.get("plotly_chart")]
    return charts + [m.value.strip("*") for m in at.markdown if m.value.startswith("**Peta cakupan")]


def _map_labels(at) -> list[str]:
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    spec = next(c for c in charts if c["data"] and c["data"][-1].get("name") == "regions")
    return [s for s in spec["data"][-1]["text"] if s]


@pytest.fixture
def bare_sample(tmp_path, monkeypatch):
    """The sample without its boundaries, as a store was before any boundary file was loaded."""
    d = tmp_path / "bare"
    write_demo(Store(d), "2025-07", boundaries=False)
    monkeypatch.delenv("UCJ_STORE", raising=False)
    monkeypatch.setenv("UCJ_DATA_DIR", str(d))
    return d


@pytest.mark.parametrize("page", ["overview.py", "regions.py"])
def test_the_shipped_sample_draws_a_province_and_indonesia(sample_dir, page):
    at = open_app(page, period="2025-07", region="15")
    assert not at.exception
    assert JAMBI_MAP in _titles(at) and HINT not in texts(at)
    assert "▲ Kota Jambi" in _map_labels(at)  # its status symbol, not only its colour
    # No PNG of the map from the browser: it would show both label sets and no title.
    map_chart = next(c for c in at.get("plotly_chart") if json.loads(c.proto.spec)["data"][-1].get("name") == "regions")
    assert json.loads(map_chart.proto.config)["modeBarButtonsToRemove"] == ["toImage"]
    scope = at.segmented_control(key="map_scope")
    assert scope.options == ["Kabupaten/kota di Jambi", "Provinsi di Indonesia"]
    scope.set_value("national").run()
    assert NATIONAL_MAP in _titles(at) and JAMBI_MAP not in _titles(at)
    assert any(s.endswith("Jambi") for s in _map_labels(at))


def test_kota_jambi_says_its_kecamatan_have_no_boundaries_and_shows_indonesia(sample_dir):
    at = open_app("regions.py", period="2025-07", region="15.71")
    assert not at.exception
    assert HINT not in texts(at)
    assert "Berkas batas wilayah yang dimuat tidak memuat kecamatan di Kota Jambi" in texts(at)
    assert NATIONAL_MAP in _titles(at)


def test_a_region_opens_from_the_list_beside_the_map(sample_dir):
    at = open_app("regions.py", period="2025-07", region="15")
    pick = at.selectbox(key="map_open_15_children")
    assert pick.label == "Buka wilayah di peta"
    assert "15.71" in pick.options or "Kota Jambi · ▲ sesuai jalur" in pick.options
    pick.set_value("15.71").run()
    assert not at.exception
    assert at.session_state["region"] == "15.71"
    assert "Rincian Kota Jambi" in texts(at)


def test_the_load_hint_only_before_any_boundaries_and_the_map_at_once_after_an_import(bare_sample):
    at = open_app("regions.py", period="2025-07", region="15")
    assert HINT in texts(at)
    assert not any(t.startswith("Peta cakupan") for t in _titles(at))
    at.file_uploader(key="boundaries_file").set_value(("jambi.geojson", as_bytes(jambi_kab_kota()), "application/json"))
    at.run()
    at.button(key="boundaries_import").click().run()
    assert not at.exception
    # The same run's page: the map, the outcome of the import, and no hint any more.
    assert JAMBI_MAP in _titles(at)
    assert HINT not in texts(at)
    assert "11" in " ".join(s.value for s in at.success)
