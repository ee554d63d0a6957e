"""Small generated boundary files for the map's tests: no real geometry ships with the repository."""

from __future__ import annotations

import json

from ucj.core import regions


def square(x: float, y: float, size: float = 0.3) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]


def jambi_kab_kota(code_as: str = "mixed") -> dict:
    """Jambi's 11 kabupaten/kota as squares on a grid near Jambi. Properties as real files give them:
    a dotted code, an undotted one, an OCHA "ID1501" p-code, or only an upper-case name."""
    features = []
    for i, r in enumerate(regions.children("15")):
        kind = ["kode", "kode_plain", "pcode", "name"][i % 4] if code_as == "mixed" else code_as
        props = {
            "kode": {"kode": r.code},
            "kode_plain": {"KODE": r.code.replace(".", "")},
            "pcode": {"ADM2_PCODE": "ID" + r.code.replace(".", ""), "ADM2_EN": r.name},
            "name": {"WADMKK": r.name.upper().replace("KABUPATEN", "KAB.")},
        }[kind]
        ring = square(101.0 + 0.35 * (i % 4), -2.5 + 0.35 * (i // 4))
        features.append(
            {"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": [ring]}}
        )
    features.append(
        {
            "type": "Feature",
            "properties": {"name": "Atlantis"},
            "geometry": {"type": "Polygon", "coordinates": [square(0, 0)]},
        }
    )
    return {"type": "FeatureCollection", "features": features}


def as_bytes(doc: dict) -> bytes:
    return json.dumps(doc).encode()
