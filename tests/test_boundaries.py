"""Boundaries for the coverage map: matched by code or name, simplified, kept by admins only."""

import json

import pytest

from tests.boundary_files import as_bytes, jambi_kab_kota, square
from tests.conftest import read
from ucj import query
from ucj.cli import main
from ucj.core.accounts import AccessDenied
from ucj.intake.boundaries import SIMPLIFY_DEGREES, BoundaryError, parse_boundary_file
from ucj.present import maps
from ucj.present.chart_style import STATUS_COLOR
from ucj.services import service, users


def test_features_match_by_any_code_form_or_by_name():
    result = parse_boundary_file(as_bytes(jambi_kab_kota()))
    assert sorted(result.features) == [
        "15.01", "15.02", "15.03", "15.04", "15.05", "15.06", "15.07", "15.08", "15.09", "15.71", "15.72"
    ]  # fmt: skip
    assert result.unmatched == ["Atlantis"]
    assert result.features["15.71"]["properties"] == {"code": "15.71", "name": "Kota Jambi"}


def test_geometry_is_simplified_at_import():
    # A circle of 4.000 points, 0,3° across: simplified to a few dozen points, its area kept within 5 %.
    import math

    ring = [[101 + 0.15 * math.cos(a / 4000 * 2 * math.pi), -1.6 + 0.15 * math.sin(a / 4000 * 2 * math.pi)]
            for a in range(4000)]  # fmt: skip
    ring.append(ring[0])
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kode": "15.71"}, "geometry": {"type": "Polygon", "coordinates": [ring]}}
    ]}  # fmt: skip
    simple = parse_boundary_file(json.dumps(doc).encode()).features["15.71"]["geometry"]["coordinates"][0]
    assert len(simple) < 200 and SIMPLIFY_DEGREES > 0
    from shapely.geometry import Polygon

    assert Polygon(simple).area == pytest.approx(Polygon(ring).area, rel=0.05)


@pytest.mark.parametrize(
    "data, key",
    [
        (b"not json", "boundaries_not_geojson"),
        (b'{"type": "Feature"}', "boundaries_not_geojson"),
        (as_bytes({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"name": "Atlantis"},
          "geometry": {"type": "Polygon", "coordinates": [square(0, 0)]}}]}), "boundaries_none_matched"),
    ],
)  # fmt: skip
def test_an_unusable_file_is_refused_and_says_why(store, data, key):
    with pytest.raises(BoundaryError) as e:
        service.import_boundaries(store, data, "x.geojson", user="admin")
    assert e.value.key == key
    assert store.read_boundaries() is None


def test_the_command_line_loads_boundaries_and_the_store_stays_intact(demo_dir, tmp_path, capsys):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(demo_dir, data)  # the shared sample stays without boundaries
    f = tmp_path / "jambi.geojson"
    f.write_bytes(as_bytes(jambi_kab_kota()))
    assert main(["boundaries", "import", str(f), "--data-dir", str(data), "--user", "admin"]) == 0
    out, err = capsys.readouterr()
    assert "11 wilayah cocok" in out and "Atlantis" in err
    from ucj.storage.store import Store

    s = Store(data)
    assert len(s.read_boundaries()["features"]) == 11
    assert s.check() == []
    assert [e["event"] for e in s.audit.entries()][-1] == "boundaries_imported"


def test_only_an_admin_loads_boundaries(store):
    users.add_user(store, "admin", "admin", [], "rahasia-kota-2025")
    users.add_user(store, "ani", "analyst", ["15.71"], "rahasia-kota-2025", actor="admin")
    with pytest.raises(AccessDenied):
        service.import_boundaries(store, as_bytes(jambi_kab_kota()), "j.geojson", user="ani")
    assert store.read_boundaries() is None
    assert service.import_boundaries(store, as_bytes(jambi_kab_kota()), "j.geojson", user="admin").features


def test_the_map_colours_each_region_by_its_status_and_says_its_figures(demo_store):
    features = parse_boundary_file(as_bytes(jambi_kab_kota())).features
    children = read(query.target_status, demo_store, "2025-07", level=2, region="15")
    fig = maps.coverage_map(children, features, "id", title="Peta")
    shapes = {t.name: t for t in fig.data if t.fill == "toself"}
    assert len(shapes) == 11
    jambi = shapes["Kota Jambi"]
    row = children.set_index("region_code").loc["15.71"]
    assert jambi.fillcolor == STATUS_COLOR[row["status"]]
    hover = "<b>Kota Jambi</b><br>Cakupan 48,44% · Target 55%<br>Kekurangan peserta 18.994<br>▲ sesuai jalur"
    points = fig.data[-1]
    assert points.hovertext[list(points.customdata).index("15.71")] == hover
    # The legend says each status in words; the last trace's points open their region.
    assert {t.name for t in fig.data if t.fill != "toself" and t.name != "regions"} == {
        "▲ sesuai jalur", "◆ berisiko", "▼ tertinggal"
    }  # fmt: skip
    names = children.set_index("region_code")["region_name"]
    assert [t.name for t in fig.data if t.fill == "toself"] == [names[c] for c in points.customdata]
    assert sorted(points.customdata) == sorted(children["region_code"])


# --- files that are not boundary files: refused, naming the feature, never exit 1 ----------------


def _one(geometry=None, properties=None, **extra) -> bytes:
    feature = {"type": "Feature", "properties": {"kode": "15.71", "name": "Kota Jambi"}, **extra}
    feature["geometry"] = geometry if geometry is not None else {"type": "Polygon", "coordinates": [square(101, -1.6)]}
    if properties is not None:
        feature["properties"] = properties
    good = {"type": "Feature", "properties": {"kode": "15.01"},
            "geometry": {"type": "Polygon", "coordinates": [square(101.5, -2)]}}  # fmt: skip
    return json.dumps({"type": "FeatureCollection", "features": [good, feature]}).encode()


def _nested(depth: int) -> list:
    value: list = [0]
    for _ in range(depth):
        value = [value]
    return value


HOSTILE = [
    pytest.param(_one({"type": "Polygon", "coordinates": [[[200, -1], [201, -1], [201, 0], [200, -1]]]}),
                 "boundaries_bad_coordinates", {"feature": "#2 (Kota Jambi)", "value": "200, -1"}, id="longitude"),
    pytest.param(_one({"type": "Polygon", "coordinates": [[[101, 95], [102, 95], [102, 96], [101, 95]]]}),
                 "boundaries_bad_coordinates", {"feature": "#2 (Kota Jambi)", "value": "101, 95"}, id="latitude"),
    pytest.param(_one({"type": "Polygon", "coordinates": [[[1e308, -1e308], [-1e308, 1e308], [1e308, 1e308],
                                                           [1e308, -1e308]]]}),
                 "boundaries_bad_coordinates", {"feature": "#2 (Kota Jambi)", "value": "1e+308, -1e+308"}, id="1e308"),
    pytest.param(_one({"type": "Polygon", "coordinates": [[[float("nan"), 1], [2, 2], [2, 1], [float("nan"), 1]]]}),
                 "boundaries_bad_coordinates", {"feature": "#2 (Kota Jambi)", "value": "nan, 1"}, id="NaN"),
    pytest.param(_one({"type": "Polygon", "coordinates": [[[float("inf"), 1], [2, 2], [2, 1], [float("inf"), 1]]]}),
                 "boundaries_bad_coordinates", {"feature": "#2 (Kota Jambi)", "value": "inf, 1"}, id="inf"),
    pytest.param(_one({"type": "Circle", "coordinates": [101, -1.6], "radius": 5}),
                 "boundaries_bad_geometry", {"feature": "#2 (Kota Jambi)", "value": '"Circle"'}, id="Circle"),
    pytest.param(_one({"type": "Polygon", "coordinates": [[["101", "-1"], [102, -1], [102, 0], [101, -1]]]}),
                 "boundaries_bad_shape", {"feature": "#2 (Kota Jambi)", "value": '["101", "-1"]'}, id="text"),
    pytest.param(_one(properties=["kode", "15.71"]),
                 "boundaries_bad_properties", {"feature": "#2", "value": "array"}, id="properties-array"),
    pytest.param(_one(properties="Kota Jambi"),
                 "boundaries_bad_properties", {"feature": "#2", "value": "string"}, id="properties-string"),
    pytest.param(_one(properties={"kode": "15.71", "x": _nested(500)}),
                 "boundaries_too_deep", {"feature": "#2", "limit": 20}, id="nesting-500-properties"),
    pytest.param(_one({"type": "Polygon", "coordinates": _nested(500)}),
                 "boundaries_bad_shape", {"feature": "#2 (Kota Jambi)"}, id="nesting-500-coordinates"),
    pytest.param(b'{"type": "FeatureCollection", "features": [' + b"[" * 5000 + b"]" * 5000 + b"]}",
                 "boundaries_file_too_deep", {"limit": 20}, id="nesting-5000"),
]  # fmt: skip


@pytest.mark.parametrize("data, key, params", HOSTILE)
def test_a_feature_that_is_not_geojson_is_refused_naming_it(data, key, params, monkeypatch):
    from ucj.intake import boundaries

    seen = []
    real = boundaries.shape

    def recording(geometry):  # such coordinates never reach shapely
        seen.append(geometry)
        return real(geometry)

    monkeypatch.setattr(boundaries, "shape", recording)
    with pytest.raises(BoundaryError) as e:
        parse_boundary_file(data)
    assert e.value.key == key
    assert {k: e.value.params[k] for k in params} == params
    assert all(g["coordinates"] == [square(101.5, -2)] for g in seen)  # only the good first feature


@pytest.mark.parametrize("data, key, params", HOSTILE[:1] + HOSTILE[5:6] + HOSTILE[7:8])
def test_the_command_line_refuses_them_with_exit_2(data, key, params, store, tmp_path, capsys):
    from ucj.core.i18n import both

    f = tmp_path / "hostile.geojson"
    f.write_bytes(data)
    with pytest.raises(BoundaryError) as e:
        parse_boundary_file(data)
    assert main(["boundaries", "import", str(f), "--user", "admin", "--data-dir", str(store.data_dir)]) == 2
    _, err = capsys.readouterr()
    assert err.strip() == both(key, **e.value.params) and "internal" not in err.lower()
    assert store.read_boundaries() is None


def test_simplification_stops_at_its_time_limit(monkeypatch):
    from ucj.intake import boundaries

    now = [1000.0]

    def clock():  # every look at the clock: 10 s later
        now[0] += 10
        return now[0]

    monkeypatch.setattr(boundaries, "_clock", clock)
    with pytest.raises(BoundaryError) as e:
        parse_boundary_file(as_bytes(jambi_kab_kota()), max_seconds=25)
    assert e.value.key == "boundaries_too_slow"
    # Started at 1010, the deadline 1035: the first features pass, the third looks at 1040.
    assert e.value.params == {"seconds": "25", "feature": "#3 (Kabupaten Sarolangun)"}


def test_a_feature_with_too_many_points_is_refused(monkeypatch):
    from ucj.intake import boundaries

    monkeypatch.setattr(boundaries, "MAX_POINTS", 4)
    with pytest.raises(BoundaryError) as e:
        parse_boundary_file(_one({"type": "Polygon", "coordinates": [square(101, -1.6) + [[101, -1.6]]]}))
    assert e.value.key == "boundaries_too_many_points" and e.value.params["feature"] == "#1"


def test_other_geojson_geometries_are_skipped_as_before():
    result = parse_boundary_file(_one({"type": "Point", "coordinates": [101, -1.6]}))
    assert sorted(result.features) == ["15.01"] and result.unmatched == ["Kota Jambi"]
