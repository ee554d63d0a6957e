"""The sample data set the app starts on. ILLUSTRATIVE: not official BPJS Ketenagakerjaan figures.

It covers the 11 kabupaten/kota of Provinsi Jambi (Kota Jambi by kecamatan) and the 14 of
Kalimantan Barat, four sectors, monthly from January 2024 to DEMO_END, with JAKON denominators
(construction workers), and the boundaries of its kabupaten/kota and of Indonesia's 38 provinces
(``sample_boundaries.geojson``, from cahyadsn/wilayah_boundaries under the MIT licence: see README
and scripts/sample_boundaries.py) so that a first visit shows maps. It reproduces the figures of
the domain brief: Kota Jambi in July 2025 has 140.349 participants of 289.714 workers; Kabupaten
Sanggau's JAKON has 4.519 of 12.320.
Deterministic: the same code writes the same figures.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import regions
from ..core.accounts import SYSTEM, User
from ..core.parsing import period_index, period_range
from ..core.schema import SECTORS, as_snapshot
from ..intake.boundaries import parse_boundary_file
from ..storage.store import Store

DEMO_START, DEMO_END = "2024-01", "2026-10"
ANCHOR = "2025-07"
#: Provinces of Indonesia and the sample's kabupaten/kota, with Kemendagri codes (MIT licence).
SAMPLE_BOUNDARIES = Path(__file__).with_name("sample_boundaries.geojson")
BOUNDARIES_FILE_NAME = "batas wilayah (cahyadsn/wilayah_boundaries, MIT)"
ILLUSTRATIVE = "Ilustrasi (bukan angka resmi) / Illustrative (not official)"

TARGETS = [
    ("15.71", 2025, 55.0, "MoU Pemkot Jambi – BPJS Ketenagakerjaan Cabang Jambi, 28 Mei 2025"),
    ("61.03", 2025, 58.65, "Target UCJ Kabupaten Sanggau 2025"),
    ("15.71", 2026, 58.0, ILLUSTRATIVE),
    ("61.03", 2026, 60.0, ILLUSTRATIVE),
    ("15", 2026, 45.0, ILLUSTRATIVE),
    ("61", 2026, 40.0, ILLUSTRATIVE),
]

# Share of participants per sector (PU, BPU, JAKON, PMI) before any anchoring.
_SECTOR_SHARE = np.array([0.62, 0.30, 0.05, 0.03])


def split_exact(total: int, weights) -> list[int]:
    """Integers proportional to ``weights`` that add up to ``total`` (largest remainder)."""
    w = np.asarray(weights, dtype=float)
    raw = total * w / w.sum()
    out = np.floor(raw).astype(int)
    for i in np.argsort(-(raw - out), kind="stable")[: total - out.sum()]:
        out[i] += 1
    return [int(x) for x in out]


def _rng(code: str) -> np.random.Generator:
    return np.random.default_rng(int(hashlib.sha256(code.encode()).hexdigest()[:8], 16))


def _region_plan(code: str) -> dict:
    """Workforce, starting coverage and monthly growth for one kabupaten/kota."""
    rng = _rng(code)
    is_kota = int(code[3:5]) >= 71
    workforce = int(rng.integers(60_000, 140_000) if is_kota else rng.integers(110_000, 320_000))
    return {
        "workforce_2025": workforce,
        "coverage_start": float(rng.uniform(0.28, 0.42) if is_kota else rng.uniform(0.14, 0.30)),
        "growth": float(rng.uniform(0.0015, 0.0045)),
        "jakon_wf_ratio": float(rng.uniform(0.03, 0.06)),
    }


def _workforce(base_2025: int, year: int) -> int:
    # BPS estimates the working population yearly; about 1.5% growth a year.
    return round(base_2025 * 1.015 ** (year - 2025))


def sample_rows(end: str = DEMO_END) -> dict[str, pd.DataFrame]:
    """Period → snapshot rows (the store's columns) for the whole sample."""
    periods = period_range(DEMO_START, end)
    anchor_i = period_index(ANCHOR)
    kabkota = [r for prov in ("15", "61") for r in regions.children(prov)]
    out: dict[str, list[dict]] = {p: [] for p in periods}
    for region in kabkota:
        code = region.code
        plan = _region_plan(code)
        if code == "15.71":
            plan["workforce_2025"] = 289_714
        if code == "61.03":
            plan["jakon_wf_ratio"] = 12_320 / plan["workforce_2025"]
        rng = _rng(code + "/noise")
        for p in periods:
            t = period_index(p) - anchor_i
            year = int(p[:4])
            wf = plan["workforce_2025"] if year == 2025 else _workforce(plan["workforce_2025"], year)
            coverage = plan["coverage_start"] + plan["growth"] * (period_index(p) - period_index(DEMO_START))
            total = int(round(wf * coverage * (1 + rng.normal(0, 0.002))))
            if code == "15.71":
                # Anchored to the brief: 140.349 in July 2025, ~2.100 a month, plus the city-paid
                # enrolment of 4.316 workers and 1.650 RT heads on 22 May 2025.
                total = 140_349 + 2_100 * t + (0 if p >= "2025-05" else -(4_316 + 1_650))
            shares = _SECTOR_SHARE * (1 + rng.normal(0, 0.01, 4))
            counts = dict(zip(SECTORS, split_exact(total, shares)))
            jakon_wf = round(wf * plan["jakon_wf_ratio"])
            if code == "61.03":
                # Sanggau construction, July 2025: 4.519 active of 12.320 (36,68%), ~110 a month.
                jakon = 4_519 + 110 * t
                counts["PU"] += counts["JAKON"] - jakon
                counts["JAKON"] = jakon
                jakon_wf = 12_320 if year == 2025 else _workforce(12_320, year)
            if code == "15.71":
                _add_kecamatan(out[p], p, wf, counts, jakon_wf)
                continue
            for s in SECTORS:
                out[p].append(
                    dict(
                        period=p,
                        region_code=code,
                        region_level=2,
                        sector=s,
                        participants=counts[s],
                        sector_workforce=jakon_wf if s == "JAKON" else None,
                        workforce=wf,
                    )
                )
    return {p: _frame(rows) for p, rows in out.items()}


def _add_kecamatan(rows: list[dict], period: str, wf: int, counts: dict[str, int], jakon_wf: int) -> None:
    """Kota Jambi is reported by kecamatan; the parts add up exactly to the city's figures."""
    kecamatan = regions.children("15.71")
    weights = _rng("15.71/kecamatan").uniform(0.6, 1.4, len(kecamatan))
    wf_split = split_exact(wf, weights)
    jakon_split = split_exact(jakon_wf, weights)
    sector_splits = {
        s: split_exact(counts[s], weights * (1 + 0.05 * np.sin(np.arange(len(weights)) + i)))
        for i, s in enumerate(SECTORS)
    }
    for k, kec in enumerate(kecamatan):
        for s in SECTORS:
            rows.append(
                dict(
                    period=period,
                    region_code=kec.code,
                    region_level=3,
                    sector=s,
                    participants=sector_splits[s][k],
                    sector_workforce=jakon_split[k] if s == "JAKON" else None,
                    workforce=wf_split[k],
                )
            )


def _frame(rows: list[dict]) -> pd.DataFrame:
    return as_snapshot(pd.DataFrame(rows))


def sample_targets() -> pd.DataFrame:
    return pd.DataFrame(TARGETS, columns=["region_code", "year", "target_pct", "source"])


# Illustrative Monev Jakon projects for Kota Jambi and Kabupaten Sanggau: made up, labelled as such
# on every page that shows them. (name, OPD, PPK, funding, value, start, end, workers, region, reg. no, reg. date)
SAMPLE_PROJECTS = [
    ("Rehabilitasi Jalan Lingkar Barat (ilustrasi)", "Dinas PUPR", "PPK Bina Marga", "APBD", 1_250_000_000,
     "2025-03-01", "2025-10-31", 45, "15.71", "JK-ILUS-0001", "2025-02-20"),
    ("Drainase Telanaipura (ilustrasi)", "Dinas PUPR", "PPK Sumber Daya Air", "APBD", 2_300_000_000,
     "2025-05-01", "2025-11-30", 60, "15.71.03", "JK-ILUS-0002", "2025-06-02"),
    ("Gedung Pasar Angso Duo (ilustrasi)", "Dinas Perindag", "PPK Pasar", "APBD", 850_000_000,
     "2025-04-15", "2025-12-15", 30, "15.71", "", ""),
    ("Puskesmas Kota Baru (ilustrasi)", "Dinas Kesehatan", "PPK Sarana Kesehatan", "APBD", 3_400_000_000,
     "2025-06-01", "2025-12-20", 52, "15.71.07", "", ""),
    ("Jembatan Sungai Asam (ilustrasi)", "Dinas PUPR", "PPK Bina Marga", "APBN", 6_000_000_000,
     "2025-02-10", "2025-12-31", 80, "15.71", "JK-ILUS-0003", "2025-02-05"),
    ("Ruko Jelutung (ilustrasi)", "Swasta", "—", "SWASTA", 450_000_000,
     "2025-07-01", "2025-11-30", 18, "15.71", "JK-ILUS-0004", "2025-07-01"),
    ("Peningkatan Jalan Sanggau–Tayan (ilustrasi)", "Dinas PUPR", "PPK Jalan", "APBD", 4_800_000_000,
     "2025-04-01", "2025-11-30", 70, "61.03", "JK-ILUS-0101", "2025-04-10"),
    ("SD Negeri Kapuas (ilustrasi)", "Dinas Pendidikan", "PPK Sarana Sekolah", "APBD", 980_000_000,
     "2025-05-12", "2025-10-31", 25, "61.03", "", ""),
    ("Irigasi Parindu (ilustrasi)", "Dinas Pertanian", "PPK Irigasi", "APBD", 1_700_000_000,
     "2025-06-02", "2025-12-15", 40, "61.03", "", ""),
    ("Kantor Kecamatan Kapuas (ilustrasi)", "Sekretariat Daerah", "PPK Umum", "APBD", 620_000_000,
     "2025-03-03", "2025-08-29", 20, "61.03", "JK-ILUS-0102", "2025-03-01"),
]  # fmt: skip


def sample_projects() -> pd.DataFrame:
    from ..core.jakon import PROJECT_COLUMNS
    from ..intake.jakon_files import empty_projects

    df = pd.DataFrame(SAMPLE_PROJECTS, columns=PROJECT_COLUMNS)
    for c in ("start_date", "end_date", "registration_date"):
        df[c] = pd.to_datetime(df[c].replace("", None)).astype("datetime64[ms]")
    return df.astype(empty_projects().dtypes.to_dict())


#: Illustrative Pemda programmes (the numbers of people follow the public reports README cites; the
#: monthly counts, their months and every budget are invented for the sample):
#: (programme, funder, category, [(region, people)], first month, {year: budget}, legal basis).
SAMPLE_PROGRAMMES = [
    ("Perlindungan Pekerja Rentan (ilustrasi)", "15.71", "pekerja rentan", [("15.71", 3_000)], "2025-05",
     {2025: 400_000_000, 2026: 650_000_000}, ""),
    ("Perlindungan Petugas Keagamaan (ilustrasi)", "15.71", "petugas keagamaan", [("15.71", 1_316)], "2025-05",
     {2025: 180_000_000, 2026: 250_000_000}, ""),
    ("Perlindungan Ketua RT (ilustrasi)", "15.71", "ketua RT", [("15.71", 1_650)], "2025-05",
     {2025: 225_000_000, 2026: 340_000_000}, ""),
    ("JKK-JKM Pekerja Tingkat RT, uji coba RT 14 Kenali Asam (ilustrasi)", "15.71",
     "pekerja jasa konstruksi dan pekerja rentan", [("15.71.07", 120)], "2025-09",
     {2025: 10_000_000, 2026: 25_000_000}, "Perwal Jambi No. 36 Tahun 2025"),
    ("Pro Jambi Tangguh (ilustrasi)", "15", "pengemudi angkot, ojek, becak, delman; seniman dan budayawan",
     [("15.71", 1_200), ("15.01", 300), ("15.04", 400), ("15.05", 500), ("15.08", 350), ("15.72", 250),
      ("15.06", 500)], "2025-03", {2025: 600_000_000, 2026: 600_000_000}, ""),
]  # fmt: skip


def sample_programmes(end: str = DEMO_END) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The illustrative programmes' beneficiaries (every month from each one's first to ``end``,
    at the BPU contribution of Rp16.800) and budgets, as the store keeps them."""
    from ..core.planner import cost_per_worker_rp
    from ..core.settings import Settings
    from ..intake.programme_files import empty_beneficiaries, empty_budgets

    defaults = Settings.model_construct()
    cost = cost_per_worker_rp(defaults.jkk_rate_pct, defaults.reported_income_rp, defaults.jkm_rp)
    rows, budgets = [], []
    for program, funder, category, places, first, by_year, basis in SAMPLE_PROGRAMMES:
        for period in period_range(first, end) if first <= end else []:
            rows += [(period, code, program, funder, n, cost, category) for code, n in places]
        budgets += [(year, program, funder, rp, basis) for year, rp in by_year.items() if str(year) <= end[:4]]
    typed = empty_beneficiaries()
    frame = pd.DataFrame(rows, columns=list(typed.columns)).astype(typed.dtypes.to_dict())
    btyped = empty_budgets()
    return frame, pd.DataFrame(budgets, columns=list(btyped.columns)).astype(btyped.dtypes.to_dict())


def write_sample_programmes(store: Store, end: str = DEMO_END) -> None:
    """Publishes the illustrative programmes and their budgets (the sample's last step)."""
    beneficiaries, budgets = sample_programmes(end)
    if not beneficiaries.empty:
        store.publish_programmes(beneficiaries, user=SYSTEM, file_name="demo (ilustrasi)")
    if not budgets.empty:
        store.publish_budgets(budgets, user=SYSTEM, file_name="demo (ilustrasi)")


def write_demo(store: Store, end: str = DEMO_END, *, actor: User | str | None = None, boundaries: bool = True) -> int:
    """Publishes the sample snapshots, targets, Jakon projects, (unless ``boundaries`` is False)
    boundaries and the illustrative Pemda programmes into ``store``; returns the number of periods.

    Loading the sample is an admin's act (in local mode, anyone's). Raises AccessDenied.
    """
    store.authorize(store.actor(actor), "admin", what="demo")
    snapshots = sample_rows(end)
    for period, rows in snapshots.items():
        store.publish(
            rows,
            period=period,
            user=SYSTEM,
            file_name="demo (ilustrasi)",
            sha256=hashlib.sha256(rows.to_csv(index=False).encode()).hexdigest(),
        )
    store.save_targets(sample_targets(), user=SYSTEM, file_name="demo (ilustrasi)")
    store.publish_jakon(sample_projects(), user=SYSTEM, file_name="demo (ilustrasi)")
    if boundaries:
        shapes = parse_boundary_file(SAMPLE_BOUNDARIES.read_bytes())
        store.save_boundaries(shapes.geojson(), user=SYSTEM, file_name=BOUNDARIES_FILE_NAME)
    write_sample_programmes(store, end)
    return len(snapshots)
