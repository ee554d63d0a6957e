"""Region boundaries for the coverage map: a GeoJSON file read once, each feature matched to a
Kemendagri code, its geometry simplified, and kept in the store (``python -m ucj boundaries import``).

A feature is matched by the first property that holds a code of a known region ("15.71", "1571",
"ID1571" as in OCHA/BPS files' ADM2_PCODE), else by its name through the same resolver as uploads
("KOTA JAMBI", "Kab. Sanggau"). What does not match is listed, never guessed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from shapely import MultiPolygon, Polygon
from shapely.geometry import mapping, shape

from . import regions

# Properties tried for a code, then for a name, in this order (case-insensitive).
CODE_PROPERTIES = ("code", "kode", "kode_wilayah", "kode_kemendagri", "kdpkab", "kdppum", "kdcpum",
                   "adm3_pcode", "adm2_pcode", "adm1_pcode", "region_code", "id")  # fmt: skip
NAME_PROPERTIES = ("name", "nama", "nama_wilayah", "namobj", "wadmkk", "wadmkc", "wadmpr", "adm3_en", "adm2_en",
                   "adm1_en", "shapename", "region_name")  # fmt: skip
# About 500 m at the equator: a national kab/kota map stays a few MB and draws fast.
SIMPLIFY_DEGREES = 0.005
MAX_FEATURES = 10_000
MAX_BYTES = 300 << 20
COORD_DECIMALS = 4


class BoundaryError(ValueError):
    """A file that is not a usable boundary file; ``key`` is a message of ``ucj.i18n``."""

    def __init__(self, key: str, **params: object):
        self.key, self.params = key, params
        super().__init__(key)


@dataclass
class BoundaryImport:
    """What a boundary file gave: one simplified feature per matched region, and what did not match."""

    features: dict[str, dict] = field(default_factory=dict)  # region code → GeoJSON feature
    unmatched: list[str] = field(default_factory=list)  # the features' own labels
    duplicates: list[str] = field(default_factory=list)  # codes given by more than one feature

    def geojson(self) -> dict:
        return {"type": "FeatureCollection", "features": [self.features[c] for c in sorted(self.features)]}


def _props(feature: dict) -> dict[str, object]:
    return {str(k).lower(): v for k, v in (feature.get("properties") or {}).items()}


def _code_of(props: dict[str, object]) -> str | None:
    for key in CODE_PROPERTIES:
        value = props.get(key)
        if value is None or isinstance(value, bool):
            continue
        text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
        text = text.removeprefix("ID").removeprefix("id")
        try:
            return regions.get_region(text).code
        except regions.RegionError:
            continue
    return None


def _name_of(props: dict[str, object]) -> str | None:
    for key in NAME_PROPERTIES:
        if props.get(key):
            return str(props[key])[:200]
    return None


def _rounded(geom) -> dict:
    def r(coords):
        if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
            return [round(float(coords[0]), COORD_DECIMALS), round(float(coords[1]), COORD_DECIMALS)]
        return [r(c) for c in coords]

    g = mapping(geom)
    return {"type": g["type"], "coordinates": r(g["coordinates"])}


def read_boundaries(data: bytes) -> BoundaryImport:
    """Reads a GeoJSON FeatureCollection of polygons. Raises BoundaryError for a file that is not
    one, or that matches no region."""
    if len(data) > MAX_BYTES:
        raise BoundaryError("boundaries_too_large", mb=MAX_BYTES >> 20)
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise BoundaryError("boundaries_not_geojson") from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise BoundaryError("boundaries_not_geojson")
    if len(doc["features"]) > MAX_FEATURES:
        raise BoundaryError("boundaries_too_many", n=len(doc["features"]), limit=MAX_FEATURES)
    out = BoundaryImport()
    for i, feature in enumerate(doc["features"], start=1):
        if not isinstance(feature, dict):
            out.unmatched.append(f"#{i}")
            continue
        props = _props(feature)
        label = _name_of(props) or f"#{i}"
        code = _code_of(props)
        if code is None and (name := _name_of(props)):
            try:
                code = regions.resolve_name(name).code
            except regions.RegionError:
                code = None
        try:
            geom = shape(feature.get("geometry") or {})
        except (ValueError, TypeError, AttributeError, KeyError):
            geom = None
        if code is None or geom is None or not isinstance(geom, (Polygon, MultiPolygon)) or geom.is_empty:
            out.unmatched.append(label)
            continue
        if not all(math.isfinite(v) for v in geom.bounds):
            out.unmatched.append(label)
            continue
        simple = geom.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        if code in out.features:
            out.duplicates.append(code)
            continue
        out.features[code] = {
            "type": "Feature",
            "properties": {"code": code, "name": regions.region_name(code)},
            "geometry": _rounded(simple if not simple.is_empty else geom),
        }
    if not out.features:
        raise BoundaryError("boundaries_none_matched", n=len(doc["features"]))
    return out


def rings(feature: dict) -> list[list[list[float]]]:
    """The outer rings of a feature's polygons, for drawing (holes are not filled differently)."""
    g = feature["geometry"]
    polygons = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    return [p[0] for p in polygons if p]
