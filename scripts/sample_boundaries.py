"""Builds ucj/services/sample_boundaries.geojson, the boundary file the sample ships with, from a
checkout of https://github.com/cahyadsn/wilayah_boundaries (MIT licence, Kemendagri codes).

    python scripts/sample_boundaries.py PATH/TO/wilayah_boundaries

That repository keeps each region as a row of SQL (code, name, centroid, and its outline as a JSON
list of [lat, lng] points). This script writes a GeoJSON FeatureCollection the boundary importer
(``ucj.intake.boundaries``) reads by code: the 38 provinces, simplified for a national view, and the
kabupaten/kota of the sample's provinces (Jambi 15, Kalimantan Barat 61). Run it again to refresh
the file; the demo (``python -m ucj demo``) loads it into the store.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from shapely.geometry import mapping, shape

OUT = Path(__file__).resolve().parent.parent / "ucj" / "services" / "sample_boundaries.geojson"
SOURCE = "https://github.com/cahyadsn/wilayah_boundaries"
#: The provinces whose kabupaten/kota the sample has (ucj/services/demo.py).
SAMPLE_PROVINCES = ("15", "61")
#: Degrees: about 2 km for the national view of provinces, 500 m (the importer's own) for kab/kota.
PROVINCE_TOLERANCE = 0.02
KABKOTA_TOLERANCE = 0.005
DECIMALS = 4
_ROW = re.compile(
    r"\(\s*'(?P<code>[\d.]+)'\s*,\s*'(?P<name>(?:[^']|'')*)'\s*,\s*(?P<lat>[-\d.]+)\s*,\s*(?P<lng>[-\d.]+)\s*,"
    r"\s*'(?P<path>\[.*?\])'\s*\)"
)


#: The licence of the source, kept with the file as it asks ("included in all copies").
LICENCE = """MIT License

Copyright (c) 2024 Cahya DSN

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def _depth(value) -> int:
    d = 0
    while isinstance(value, list) and value:
        value, d = value[0], d + 1
    return d


def _geometry(path: list, tolerance: float) -> dict:
    """The outline ([lat, lng] points, nested as a polygon or a list of them) as a simplified
    GeoJSON geometry in [lng, lat]."""

    def swap(coords):
        if coords and isinstance(coords[0], (int, float)):
            return [float(coords[1]), float(coords[0])]
        return [swap(c) for c in coords]

    depth = _depth(path)
    geom = {"type": "MultiPolygon" if depth == 4 else "Polygon", "coordinates": swap(path if depth >= 3 else [path])}
    simple = shape(geom).buffer(0).simplify(tolerance, preserve_topology=True)

    def rounded(coords):
        if coords and isinstance(coords[0], (int, float)):
            return [round(coords[0], DECIMALS), round(coords[1], DECIMALS)]
        return [rounded(c) for c in coords]

    g = mapping(simple)
    return {"type": g["type"], "coordinates": rounded(json.loads(json.dumps(g["coordinates"])))}


def rows(sql: str):
    """(code, name, path) of each row of one of the repository's SQL files."""
    for m in _ROW.finditer(sql):
        yield m["code"], m["name"].replace("''", "'"), json.loads(m["path"])


def build(checkout: Path) -> dict:
    features = []
    for f in sorted((checkout / "db" / "prov").glob("*.sql")):
        for code, name, path in rows(f.read_text(encoding="utf-8")):
            features.append((code, name, _geometry(path, PROVINCE_TOLERANCE)))
    for prov in SAMPLE_PROVINCES:
        sql = (checkout / "db" / "kab" / f"wilayah_boundaries_kab_{prov}.sql").read_text(encoding="utf-8")
        for code, name, path in rows(sql):
            features.append((code, name, _geometry(path, KABKOTA_TOLERANCE)))
    features.sort()
    return {
        "type": "FeatureCollection",
        "source": f"{SOURCE} (MIT licence), simplified by scripts/sample_boundaries.py",
        "license": LICENCE,
        "features": [{"type": "Feature", "properties": {"code": c, "name": n}, "geometry": g} for c, n, g in features],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkout", type=Path, help="a checkout of cahyadsn/wilayah_boundaries")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    doc = build(args.checkout)
    args.out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(doc['features'])} features, {args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
