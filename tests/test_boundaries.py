"""Boundaries for the coverage map: matched by code or name, simplified, kept by admins only."""

import json

import pytest

from tests.boundary_files import as_bytes, jambi_kab_kota, square
from tests.conftest import read
from ucj import query
from ucj.cli import main
from ucj.core import regions
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
    assert [u.name for u in result.unmatched] == ["Atlantis"]
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
    assert sorted(result.features) == ["15.01"] and [u.name for u in result.unmatched] == ["Kota Jambi"]


# --- a national kab/kota file of names only: the province told, kabupaten bare, kota prefixed -----

#: How a national file from BIG's maps writes some names where the Kemendagri list writes them
#: otherwise (official name → the file's).
SPELLED_OTHERWISE = {
    "Kabupaten Mukomuko": "Muko Muko",
    "Kota Parepare": "Kota Pare Pare",
    "Kabupaten Pangkajene dan Kepulauan": "Pangkajene Kepulauan",
    "Kabupaten Toli-Toli": "Tolitoli",
    "Kota Tanjung Pinang": "Kota Tanjungpinang",
    "Kabupaten Administrasi Kepulauan Seribu": "Kepulauan Seribu",
}
#: Provinces as such files write them.
PROVINCE_WRITTEN = {"31": "DKI Jakarta", "34": "DI Yogyakarta", "19": "Bangka Belitung"}


def _feature(props: dict, i: int) -> dict:
    ring = square(95 + 0.2 * (i % 200), -10 + 0.2 * (i // 200), size=0.15)
    return {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}


def _file_name(region) -> str:
    """A kabupaten bare ("Serang"), a kota prefixed ("Kota Serang", "Kota Adm. Jakarta Selatan")."""
    if region.name in SPELLED_OTHERWISE:
        return SPELLED_OTHERWISE[region.name]
    if region.kind == "kota":
        return region.name.replace("Kota Administrasi ", "Kota Adm. ")
    return region.name.removeprefix("Kabupaten ")


def national_kab_kota() -> tuple[dict, dict[int, str]]:
    """Every kabupaten/kota of Indonesia as a square named as BIG's national map names it (WADMKK
    and WADMPR, no codes), then a shape of a region that does not exist; and the code each shape's
    region has (by its number in the file)."""
    features, expected = [], {}
    for province in regions.children(None):
        for r in regions.children(province.code):
            props = {"WADMKK": _file_name(r), "WADMPR": PROVINCE_WRITTEN.get(province.code, province.name)}
            features.append(_feature(props, len(features)))
            expected[len(features)] = r.code
    features.append(_feature({"WADMKK": "Atlantis", "WADMPR": "Banten"}, len(features)))
    return {"type": "FeatureCollection", "features": features}, expected


def _named(result) -> dict[str, str]:
    return {code: f["properties"]["name"] for code, f in result.features.items()}


def test_a_national_file_of_names_matches_every_region_that_exists_and_none_wrongly():
    doc, expected = national_kab_kota()
    result = parse_boundary_file(as_bytes(doc))
    assert len(doc["features"]) == 515 and len(expected) == 514

    # Each shape drawn where its own square is: the region its name and province mean, none other.
    def corner(feature):
        return tuple(round(v, 4) for v in feature["geometry"]["coordinates"][0][0])

    by_square = {corner(f): n for n, f in enumerate(doc["features"], start=1)}
    got = {by_square[corner(f)]: code for code, f in result.features.items()}
    assert got == expected
    names = _named(result)
    for bare, kabupaten, kota in [("Serang", "36.04", "36.73"), ("Bandung", "32.04", "32.73"),
                                  ("Bekasi", "32.16", "32.75"), ("Bogor", "32.01", "32.71"),
                                  ("Malang", "35.07", "35.73"), ("Semarang", "33.22", "33.74"),
                                  ("Kupang", "53.01", "53.71"), ("Tangerang", "36.03", "36.71")]:  # fmt: skip
        assert (names[kabupaten], names[kota]) == (f"Kabupaten {bare}", f"Kota {bare}")
    assert names["17.06"] == "Kabupaten Mukomuko" and names["73.72"] == "Kota Parepare"
    assert names["73.10"] == "Kabupaten Pangkajene dan Kepulauan" and names["72.04"] == "Kabupaten Toli-Toli"
    # The one shape of no region is listed, with its properties and why.
    assert [(u.number, u.name, u.properties) for u in result.unmatched] == [
        (515, "Atlantis", {"WADMKK": "Atlantis", "WADMPR": "Banten"})
    ]
    assert result.unmatched[0].reason_text("id") == "tidak ada wilayah Kemendagri bernama demikian di Banten"
    assert result.unmatched[0].reason_text("en") == "no Kemendagri region of this name in Banten"
    assert result.duplicates == []


def test_a_bare_name_of_a_kabupaten_and_a_kota_is_never_guessed_without_the_convention():
    # Kota written bare as well (Cilegon): "Serang" and "Tangerang" may be either; left out, naming both.
    names = ["Serang", "Tangerang", "Lebak", "Pandeglang", "Cilegon", "Tangerang Selatan"]
    doc = {"type": "FeatureCollection",
           "features": [_feature({"WADMKK": n, "WADMPR": "Banten"}, i) for i, n in enumerate(names)]}  # fmt: skip
    result = parse_boundary_file(as_bytes(doc))
    assert sorted(_named(result).values()) == [
        "Kabupaten Lebak", "Kabupaten Pandeglang", "Kota Cilegon", "Kota Tangerang Selatan"
    ]  # fmt: skip
    assert [(u.number, u.name) for u in result.unmatched] == [(1, "Serang"), (2, "Tangerang")]
    assert result.unmatched[0].reason_text("en") == (
        "Kabupaten Serang (36.04) & Kota Serang (36.73) have this name; give the region's code or a Kab./Kota prefix"
    )


def test_a_kota_prefixed_in_the_file_tells_its_bare_namesake_is_the_kabupaten():
    # Kota mostly bare here, but "Kota Serang" is written out: the bare "Serang" is the kabupaten;
    # "Tangerang", without a "Kota Tangerang" beside it, stays unmatched.
    names = ["Serang", "Kota Serang", "Tangerang", "Cilegon", "Tangerang Selatan"]
    doc = {"type": "FeatureCollection",
           "features": [_feature({"provinsi": "BANTEN", "nama": n}, i) for i, n in enumerate(names)]}  # fmt: skip
    result = parse_boundary_file(as_bytes(doc))
    assert _named(result) == {"36.04": "Kabupaten Serang", "36.73": "Kota Serang", "36.72": "Kota Cilegon",
                              "36.74": "Kota Tangerang Selatan"}  # fmt: skip
    assert [u.name for u in result.unmatched] == ["Tangerang"]


def test_without_a_province_the_convention_still_tells_the_one_kabupaten():
    # Kota Banjar is in Jawa Barat, Kabupaten Banjar in Kalimantan Selatan: bare is the kabupaten.
    names = ["Banjar", "Kota Banjar", "Kota Banjarmasin", "Tapin", "Kota Bandung", "Bandung", "Gorontalo"]
    doc = {"type": "FeatureCollection",
           "features": [_feature({"NAME": n}, i) for i, n in enumerate(names)]}  # fmt: skip
    result = parse_boundary_file(as_bytes(doc))
    assert _named(result) == {
        "63.03": "Kabupaten Banjar", "32.79": "Kota Banjar", "63.71": "Kota Banjarmasin", "63.05": "Kabupaten Tapin",
        "32.73": "Kota Bandung", "32.04": "Kabupaten Bandung",
    }  # fmt: skip
    # Gorontalo is also a province: three candidates, not a kabupaten-or-kota pair.
    assert [u.name for u in result.unmatched] == ["Gorontalo"]
    assert "Gorontalo (75)" in result.unmatched[0].reason_text("id")


def test_a_shape_matched_by_name_at_another_level_than_the_file_is_left_out():
    # A kab/kota file whose one name is a kecamatan's ("Jambi Selatan" of Kota Jambi): not drawn as one.
    names = ["Kota Jambi", "Muaro Jambi", "Batang Hari", "Jambi Selatan"]
    doc = {"type": "FeatureCollection",
           "features": [_feature({"WADMKK": n, "WADMPR": "Jambi"}, i) for i, n in enumerate(names)]}  # fmt: skip
    result = parse_boundary_file(as_bytes(doc))
    assert sorted(result.features) == ["15.04", "15.05", "15.71"]
    assert [u.name for u in result.unmatched] == ["Jambi Selatan"]
    assert result.unmatched[0].reason_text("en").startswith("Jambi Selatan (15.71.")


def test_a_second_shape_of_a_region_is_listed_with_the_first():
    doc = {"type": "FeatureCollection",
           "features": [_feature({"name": n}, i) for i, n in enumerate(["Kota Jambi", "KOTA JAMBI"])]}  # fmt: skip
    result = parse_boundary_file(as_bytes(doc))
    assert list(result.features) == ["15.71"] and result.duplicates == ["15.71"]
    assert [(u.number, u.reason_text("en")) for u in result.unmatched] == [
        (2, "Kota Jambi (15.71) already has shape #1 (Kota Jambi)")
    ]


def _many_unknown(n: int) -> bytes:
    features = [_feature({"WADMKK": "Kota Jambi", "WADMPR": "Jambi"}, 0)]
    features += [_feature({"WADMKK": f"Negeri {i}", "WADMPR": "Jambi", "LUAS": i}, i) for i in range(1, n + 1)]
    return as_bytes({"type": "FeatureCollection", "features": features})


def test_every_unmatched_shape_is_listed_with_its_properties(store, tmp_path, capsys):
    result = parse_boundary_file(_many_unknown(31))
    assert [u.name for u in result.unmatched] == [f"Negeri {i}" for i in range(1, 32)]
    rows = result.unmatched_rows("id")
    assert len(rows) == 31
    unknown = {"id": "tidak ada wilayah Kemendagri bernama demikian di Jambi",
               "en": "no Kemendagri region of this name in Jambi"}  # fmt: skip
    assert rows[-1] == {"number": 32, "name": "Negeri 31", "reason": unknown["id"],
                        "properties": '{"WADMKK": "Negeri 31", "WADMPR": "Jambi", "LUAS": 31}'}  # fmt: skip
    # The command line prints the count and every one of them, one a line.
    f = tmp_path / "n.geojson"
    f.write_bytes(_many_unknown(31))
    assert main(["boundaries", "import", str(f), "--user", "admin", "--data-dir", str(store.data_dir)]) == 0
    out, err = capsys.readouterr()
    assert "1 wilayah cocok" in out
    lines = err.strip().splitlines()
    assert lines[0].startswith("31 bentuk tidak cocok dengan wilayah mana pun dan dilewati")
    assert lines[1:] == [f"#{i + 1} (Negeri {i}): {unknown['id']} / {unknown['en']}" for i in range(1, 32)]


def test_the_admin_reads_the_first_unmatched_shapes_and_downloads_every_one(demo_dir, tmp_path, monkeypatch):
    import shutil

    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    from tests.app.conftest import open_app, shown

    stored: list[MemoryMediaFileStorage] = []

    class Kept(MemoryMediaFileStorage):  # the run's downloads, read back as the browser would get them
        def __init__(self, *args):
            super().__init__(*args)
            stored.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Kept)
    data = tmp_path / "data"
    shutil.copytree(demo_dir, data)
    monkeypatch.setenv("UCJ_DATA_DIR", str(data))
    at = open_app("regions.py", period="2025-07", region="15")
    at.file_uploader(key="boundaries_file").set_value(("negeri.geojson", _many_unknown(31), "application/geo+json"))
    at.run()
    at.button(key="boundaries_import").click()
    at.run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Batas wilayah dimuat: 1 wilayah cocok dengan kode Kemendagri."]
    [warning] = [shown(w.value) for w in at.warning if "bentuk tidak cocok" in w.value]
    listed = [line for line in warning.splitlines() if line.startswith("- ")]
    assert listed[0] == "- #2 (Negeri 1): tidak ada wilayah Kemendagri bernama demikian di Jambi"
    assert len(listed) == 10 and warning.endswith("… dan 21 bentuk lagi: unduh daftar lengkapnya.")
    [download] = [d for d in at.get("download_button") if d.proto.label == "Unduh daftar bentuk yang tidak cocok (CSV)"]
    file_id = download.proto.url.rsplit("/", 1)[1].split(".")[0]
    csv = stored[-1].get_file(file_id).content.decode("utf-8-sig").splitlines()
    assert csv[0] == "No. bentuk;Nama di berkas;Alasan;Properti" and len(csv) == 32
    assert csv[-1] == (
        '32;Negeri 31;tidak ada wilayah Kemendagri bernama demikian di Jambi;"{""WADMKK"": ""Negeri 31"", '
        '""WADMPR"": ""Jambi"", ""LUAS"": 31}"'
    )
    # The report stays through the reruns that follow (another click on the page).
    at.run()
    assert any("31 bentuk tidak cocok" in w.value for w in at.warning)


def test_a_file_older_than_papuas_split_is_matched_in_the_new_provinces_it_does_not_name():
    # Before 2022 Merauke, Mimika and Sorong were in Papua and Papua Barat; the file names neither
    # Papua Selatan, Papua Tengah nor Papua Barat Daya, so the names are looked for there too.
    shapes = [("Merauke", "Papua"), ("Mimika", "Papua"), ("Jayapura", "Papua"), ("Kota Jayapura", "Papua"),
              ("Sorong", "Papua Barat"), ("Kota Sorong", "Papua Barat"), ("Manokwari", "Papua Barat"),
              # Kota Banjar is in Jawa Barat, which the file names: not looked for there.
              ("Kota Banjar", "Kalimantan Selatan"), ("Bogor", "Jawa Barat"), ("Kota Bogor", "Jawa Barat")]  # fmt: skip
    doc = {"type": "FeatureCollection",
           "features": [_feature({"WADMKK": n, "WADMPR": p}, i) for i, (n, p) in enumerate(shapes)]}  # fmt: skip
    result = parse_boundary_file(as_bytes(doc))
    assert _named(result) == {
        "93.01": "Kabupaten Merauke", "94.04": "Kabupaten Mimika", "91.03": "Kabupaten Jayapura",
        "91.71": "Kota Jayapura", "96.01": "Kabupaten Sorong", "96.71": "Kota Sorong", "92.02": "Kabupaten Manokwari",
        "32.01": "Kabupaten Bogor", "32.71": "Kota Bogor",
    }  # fmt: skip
    assert [(u.name, u.reason_text("en")) for u in result.unmatched] == [
        ("Kota Banjar", "no Kemendagri region of this name in Kalimantan Selatan")
    ]


def test_a_name_spelt_otherwise_is_not_guessed_but_its_close_official_names_are_said():
    shapes = [("Pahuwato", "Gorontalo"), ("Kota Padang Sidempuan", "Sumatera Utara"), ("Kota Gorontalo", "Gorontalo")]
    doc = {"type": "FeatureCollection",
           "features": [_feature({"WADMKK": n, "WADMPR": p}, i) for i, (n, p) in enumerate(shapes)]}  # fmt: skip
    result = parse_boundary_file(as_bytes(doc))
    assert list(result.features) == ["75.71"]
    assert [u.reason_text("id") for u in result.unmatched] == [
        "tidak ada wilayah Kemendagri bernama demikian di Gorontalo; mungkin Kabupaten Pohuwato (75.04)",
        "tidak ada wilayah Kemendagri bernama demikian di Sumatera Utara; mungkin Kota Padangsidimpuan (12.77)",
    ]
