"""Region boundaries for the coverage map: a GeoJSON file read once, each feature matched to a
Kemendagri code, its geometry simplified, and kept in the store (``python -m ucj boundaries import``).

A feature is matched by the first property that holds a code of a known region ("15.71", "1571",
"ID1571" as in OCHA/BPS files' ADM2_PCODE), else by its name through the same resolver as uploads
("KOTA JAMBI", "Kab. Sanggau"). What does not match is listed, never guessed.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field

from shapely import MultiPolygon, Polygon
from shapely.geometry import mapping, shape

from ..core import regions
from ..core.errors import UcjError

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
#: Nesting a feature may have (a MultiPolygon's coordinates are 4 deep, its position 6 from the
#: feature); beyond, the file is no boundary file and would only exhaust the reader.
MAX_DEPTH = 20
#: Points in one feature: a kecamatan's shape from BIG's 1:25.000 map has tens of thousands.
MAX_POINTS = 1_000_000
#: Seconds the whole import may spend simplifying, checked before each feature.
MAX_SECONDS = 60.0
GEOJSON_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                 "GeometryCollection")  # fmt: skip
_JSON_TYPE = {dict: "object", list: "array", str: "string", int: "number", float: "number", bool: "boolean"}
_clock = time.monotonic  # a test pins it


class BoundaryError(UcjError, ValueError):
    """A file that is not a usable boundary file; ``key`` is a message of ``ucj.core.i18n``."""


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


def _too_deep(feature: dict) -> bool:
    """Whether anything of the feature but its coordinates (checked with the shape) nests deeper
    than MAX_DEPTH; walked without recursion."""
    geometry = feature.get("geometry")
    stack = [(feature, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack += [(v, depth + 1) for k, v in value.items() if not (value is geometry and k == "coordinates")]
        elif isinstance(value, list):
            stack += [(v, depth + 1) for v in value]
    return False


def _checked_polygon_coords(kind: str, coords: object, label: str) -> int:
    """The number of points of a Polygon's or MultiPolygon's coordinates. Raises BoundaryError for
    coordinates not laid out as GeoJSON, not finite, or outside longitude ±180 / latitude ±90: such
    a value never reaches shapely (±1e308 would hang its simplification)."""

    def bad_shape(value) -> BoundaryError:
        return BoundaryError("boundaries_bad_shape", feature=label, value=_quote(value))

    polygons = coords if kind == "MultiPolygon" else [coords]
    if not isinstance(polygons, list):
        raise bad_shape(polygons)
    points = 0
    for polygon in polygons:
        if not isinstance(polygon, list):
            raise bad_shape(polygon)
        for ring in polygon:
            if not isinstance(ring, list):
                raise bad_shape(ring)
            for position in ring:
                if (
                    not isinstance(position, list)
                    or not 2 <= len(position) <= 3
                    or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position)
                ):
                    raise bad_shape(position)
                lon, lat = float(position[0]), float(position[1])
                if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
                    raise BoundaryError("boundaries_bad_coordinates", feature=label, value=f"{lon:g}, {lat:g}")
            points += len(ring)
            if points > MAX_POINTS:
                raise BoundaryError("boundaries_too_many_points", feature=label, n=f"> {MAX_POINTS}", limit=MAX_POINTS)
    return points


def _quote(value: object, limit: int = 40) -> str:
    """A value as the message quotes it: its JSON, cut at ``limit`` characters."""
    try:
        text = json.dumps(value, allow_nan=True)
    except (RecursionError, TypeError, ValueError):
        text = _JSON_TYPE.get(type(value), "?")
    return text if len(text) <= limit else text[:limit] + "…"


def _geometry(feature: dict, label: str):
    """The feature's Polygon or MultiPolygon, or None for a feature without one (listed as not
    matched). Raises BoundaryError for a geometry that is not GeoJSON."""
    g = feature.get("geometry")
    if g is None:
        return None
    kind = g.get("type") if isinstance(g, dict) else None
    if kind not in GEOJSON_TYPES:
        raise BoundaryError("boundaries_bad_geometry", feature=label, value=_quote(kind if isinstance(g, dict) else g))
    if kind not in ("Polygon", "MultiPolygon"):
        return None
    _checked_polygon_coords(kind, g.get("coordinates"), label)
    try:
        geom = shape(g)
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    return None if geom.is_empty else geom


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


#: A shape named only by its name is looked up as an upload's row is; an unknown one is left unmatched
#: (and listed), so no suggestions are looked for.
_BY_NAME = regions.RegionLookup(max_suggested=0)


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


def parse_boundary_file(data: bytes, max_seconds: float = MAX_SECONDS) -> BoundaryImport:
    """Reads a GeoJSON FeatureCollection of polygons. Raises BoundaryError for a file that is not
    one, that matches no region, with a feature that is not GeoJSON (its properties not an object,
    an unknown geometry type, coordinates outside ±180/±90 or not finite, nesting beyond MAX_DEPTH,
    more than MAX_POINTS points), or whose simplification runs past ``max_seconds``. The error names
    the feature (its number in the file, and its name when it has one)."""
    if len(data) > MAX_BYTES:
        raise BoundaryError("boundaries_too_large", mb=MAX_BYTES >> 20)
    try:
        doc = json.loads(data)
    except RecursionError as exc:
        raise BoundaryError("boundaries_file_too_deep", limit=MAX_DEPTH) from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BoundaryError("boundaries_not_geojson") from exc
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        raise BoundaryError("boundaries_not_geojson")
    if len(doc["features"]) > MAX_FEATURES:
        raise BoundaryError("boundaries_too_many", n=len(doc["features"]), limit=MAX_FEATURES)
    out = BoundaryImport()
    deadline = _clock() + max_seconds
    for i, feature in enumerate(doc["features"], start=1):
        if not isinstance(feature, dict):
            out.unmatched.append(f"#{i}")
            continue
        raw = feature.get("properties")
        if raw is not None and not isinstance(raw, dict):
            raise BoundaryError("boundaries_bad_properties", feature=f"#{i}", value=_JSON_TYPE.get(type(raw), "?"))
        if _too_deep(feature):
            raise BoundaryError("boundaries_too_deep", feature=f"#{i}", limit=MAX_DEPTH)
        props = _props(feature)
        label = _name_of(props) or f"#{i}"
        named = f"#{i} ({label})" if label != f"#{i}" else label
        geom = _geometry(feature, named)
        code = _code_of(props)
        if code is None and (name := _name_of(props)):
            try:
                code = _BY_NAME.find(None, name).code
            except regions.RegionError:
                code = None
        if code is None or geom is None or not isinstance(geom, (Polygon, MultiPolygon)):
            out.unmatched.append(label)
            continue
        if _clock() > deadline:
            raise BoundaryError("boundaries_too_slow", seconds=f"{max_seconds:g}", feature=named)
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
