"""The coverage map on the sample's own boundaries: status symbols in the labels, small regions
drawn visibly, labels that do not overlap (on screen and in print), the national view, and what
is said where the boundaries do not cover a map."""

import pytest

from tests.conftest import read
from ucj import query
from ucj.core.fmt import STATUS_SYMBOL
from ucj.present import maps, views
from ucj.present.chart_style import STATUS_COLOR


def _map(store, region: str, period: str = "2025-07"):
    def build(rev):
        children = query.target_status(rev, period, level=2, region=region)
        features = views.map_features(rev, list(children["region_code"]))
        return children, maps.coverage_map(children, features, "id", title="Peta")

    return read(build, store)


def _boxes(fig, font_px: float, plot_px: tuple[int, int], texts=None):
    """Each shown label's box and each marker's box, in pixels, as the figure places them (the
    labels of trace ``texts`` if given)."""
    points = fig.data[-1]
    texts = texts or points
    x0, x1, y0, y1, ratio = points.meta["extent"]
    scale = min(plot_px[0] / (x1 - x0), plot_px[1] / ((y1 - y0) * ratio))
    labels, markers = [], []
    for x, y, text, pos, size in zip(points.x, points.y, texts.text, texts.textposition, points.marker.size):
        px, py = (x - x0) * scale, (y1 - y) * ratio * scale
        markers.append((px - size / 2, py - size / 2, px + size / 2, py + size / 2))
        if text:
            w, h = maps.text_size(text, font_px)
            labels.append((text, maps._box(px, py, w, h, pos, size / 2 + 1)))
    return labels, markers


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("province", ["15", "61"])
def test_every_label_starts_with_its_status_symbol(demo_store, province):
    children, fig = _map(demo_store, province)
    status = children.set_index("region_code")["status"]
    labels = maps.labels_of(fig)
    assert len(labels) >= len(children) - 1  # at most one label left out for want of room
    for code, text, _ in labels:
        assert text.startswith(STATUS_SYMBOL[status[code]] + " "), (code, text)
    points = fig.data[-1]
    symbols = dict(zip(points.customdata, points.marker.symbol))
    assert all(symbols[c] == maps.MARKER_SYMBOL[status[c]] for c in status.index)


def test_the_sample_reads_without_colour(demo_store):
    _, jambi = _map(demo_store, "15")
    assert ("15.71", "▲ Kota Jambi") in [(c, s) for c, s, _ in maps.labels_of(jambi)]
    _, kalbar = _map(demo_store, "61")
    assert ("61.72", "✔ Kota<br>Singkawang") in [(c, s) for c, s, _ in maps.labels_of(kalbar)]


def test_small_cities_get_a_marker_big_enough_to_see_and_click(demo_store):
    for province, small in (("15", {"15.71", "15.72"}), ("61", {"61.71", "61.72"})):
        children, fig = _map(demo_store, province)
        points = fig.data[-1]
        sizes = dict(zip(points.customdata, points.marker.size))
        assert {c for c, s in sizes.items() if s >= maps.SMALL_MARKER_PX} == small
        colours = dict(zip(points.customdata, points.marker.color))
        status = children.set_index("region_code")["status"]
        assert all(colours[c] == STATUS_COLOR[status[c]] for c in small)


@pytest.mark.parametrize("province", ["15", "61"])
def test_no_label_overlaps_another_label_or_a_marker(demo_store, province):
    _, fig = _map(demo_store, province)
    for figure, font, plot in ((fig, maps.LABEL_PX, maps.ASSUMED_PX), (maps.print_map(fig), 24, maps.PRINT_PX)):
        labels, markers = _boxes(figure, font, plot)
        assert len(labels) >= len(markers) - 2
        for i, (text, box) in enumerate(labels):
            assert not any(_overlap(box, other) for _, other in labels[i + 1 :]), text
            assert not any(_overlap(box, m) for m in markers), text


def test_the_printed_map_has_type_legible_on_paper(demo_store):
    _, fig = _map(demo_store, "61")
    printed = maps.print_map(fig)
    assert printed.data[-1].textfont.size >= 24  # 24 px of a 1200 px image on 17 cm: about 10 pt
    assert printed.layout.legend.font.size >= 22
    assert fig.data[-1].textfont.size == maps.LABEL_PX  # the page's figure is left as it was


def test_place_labels_moves_or_drops_a_label_rather_than_overlap():
    # Four regions at one point: below, above, then no free place (beside would touch those two).
    labels = maps.place_labels([(100, 100)] * 4, ["Abcdef"] * 4, [10] * 4, 12)
    assert [lab.position for lab in labels] == ["bottom center", "top center", None, None]
    # A neighbour's marker just below: the label goes above rather than cover it; one far away keeps "below".
    labels = maps.place_labels([(100, 100), (100, 120), (400, 400)], ["Abcdef"] * 3, [10] * 3, 12)
    assert [lab.position for lab in labels] == ["top center", "bottom center", "bottom center"]


def test_the_national_view_draws_every_province_and_colours_those_with_data(demo_store):
    def build(rev):
        rows, features, provinces = maps.national_view(rev, "2025-07")
        return rows, maps.coverage_map(rows, features, "id", title="Indonesia", background=provinces)

    rows, fig = read(build, demo_store)
    assert sorted(rows["region_code"]) == ["15", "61"]
    grey = [t for t in fig.data if t.meta == "background"]
    coloured = [t for t in fig.data if t.fill == "toself" and t.meta != "background"]
    assert len(grey) == 36 and {t.meta for t in coloured} == {"15", "61"}
    status = rows.set_index("region_code")["status"]
    assert {c: s for c, s, _ in maps.labels_of(fig)} == {
        "15": f"{STATUS_SYMBOL[status['15']]} Jambi",
        "61": f"{STATUS_SYMBOL[status['61']]} Kalimantan<br>Barat",
    }
    # A click on a province with data opens it; on a grey one, nothing.
    assert maps.region_at(fig, fig.data.index(coloured[0]), None) == coloured[0].meta
    assert maps.region_at(fig, fig.data.index(grey[0]), None) is None
    assert maps.region_at(fig, len(fig.data) - 1, 1) == fig.data[-1].customdata[1]


def test_what_is_said_where_boundaries_do_not_cover_the_map():
    f = {"type": "Feature"}
    assert maps.map_note(None, ["15.71.01"]) == "map_how_to_load"  # no boundary file yet
    assert maps.map_note({}, ["15.71.01", "15.71.02"]) == "map_not_covered"  # kecamatan of a kab/kota file
    assert maps.map_note({"15.01": f}, ["15.01", "15.02"]) == "map_missing"
    assert maps.map_note({"15.01": f, "15.02": f}, ["15.01", "15.02"]) is None


@pytest.mark.parametrize("province", ["15", "61"])
def test_a_phone_gets_its_own_labels_placed_for_its_width(demo_store, province):
    def build(rev):
        children = query.target_status(rev, "2025-07", level=2, region=province)
        features = views.map_features(rev, list(children["region_code"]))
        return maps.coverage_map(children, features, "id", narrow=True)

    fig = read(build, demo_store)
    phone = fig.data[-2]
    assert phone.meta == "narrow_labels" and phone.textfont.size == maps.NARROW_LABEL_PX
    assert maps.region_at(fig, len(fig.data) - 2, 0) is None  # a click on a phone's label is no region
    # The phone's labels, boxed as placed for its plot: none overlaps another or a marker.
    labels, markers = _boxes(fig, maps.NARROW_LABEL_PX, maps.NARROW_PX, texts=phone)
    assert len(labels) >= len(markers) - 3
    for i, (text, box) in enumerate(labels):
        assert not any(_overlap(box, other) for _, other in labels[i + 1 :]), text
        assert not any(_overlap(box, m) for m in markers), text


def test_the_shapes_reach_the_browser_as_binary_coordinates_that_keep_the_boundary(demo_store):
    # Each region's outline is sent as base64 float32 (plotly's typed arrays), not as text numbers;
    # the outline is the boundary file's own to 1e-5 degrees, its rings apart.
    import json

    import plotly.io as pio

    from ucj.intake import boundaries

    children, fig = _map(demo_store, "15")
    spec = json.loads(pio.to_json(fig, validate=False))
    codes = set(children["region_code"])
    shapes = [t for t in spec["data"] if isinstance(t.get("meta"), str) and t["meta"] in codes]
    assert len(shapes) == 11
    assert all(t["x"]["dtype"] == "f4" and t["y"]["dtype"] == "f4" for t in shapes)
    kota = next(t for t in fig.data if t.meta == "15.71")
    features = read(lambda rev: views.map_features(rev, ["15.71"]), demo_store)
    rings = list(boundaries.rings(features["15.71"]))
    assert len(kota.x) == sum(len(r) + 1 for r in rings)  # one gap after each ring
    first = rings[0]
    assert abs(float(kota.x[0]) - first[0][0]) < 1e-5 and abs(float(kota.y[len(first) - 1]) - first[-1][1]) < 1e-5
