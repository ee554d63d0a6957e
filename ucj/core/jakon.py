"""The Monev Jakon register's rules: which APBD construction projects left their workers without
BPJS Ketenagakerjaan protection, and the JKK + JKM contribution such a project owes. Pure: no I/O.

The contribution rule (README "Jakon contribution rule"): for construction work paid by contract
value, JKK and JKM are owed on the contract value in marginal tiers (Permenaker No. 44 Tahun 2015,
Lampiran; program under PP No. 44 Tahun 2015 as amended by PP No. 82 Tahun 2019). The tiers are a
setting (``UCJ_JAKON_TIERS``) because rates change by regulation: confirm them with the branch.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

FUNDING = ("APBD", "APBN", "SWASTA")
FUNDING_ALIASES = {
    "apbd": "APBD", "apbd provinsi": "APBD", "apbd kabupaten": "APBD", "apbd kota": "APBD", "apbd kab/kota": "APBD",
    "apbn": "APBN", "swasta": "SWASTA", "private": "SWASTA", "non pemerintah": "SWASTA",
}  # fmt: skip
# (upper bound of the tier in rupiah or None for the rest, rate in percent of that slice of the value)
DEFAULT_TIERS: tuple[tuple[int | None, Decimal], ...] = (
    (100_000_000, Decimal("0.21")),
    (500_000_000, Decimal("0.17")),
    (1_000_000_000, Decimal("0.13")),
    (5_000_000_000, Decimal("0.11")),
    (None, Decimal("0.09")),
)
PROJECT_COLUMNS = [
    "project", "opd", "ppk", "funding", "contract_value", "start_date", "end_date", "workers", "region_code",
    "registration_no", "registration_date",
]  # fmt: skip


#: What UCJ_JAKON_TIERS accepts, said by every refusal of it.
TIERS_VALID = (
    'tiers "upper:percent,…,*:percent": upper bounds whole rupiah above 0 that grow, rates above 0 up to 5 '
    'percent, the last tier "*:rate" (e.g. "100000000:0.21,*:0.09")'
)


def parse_tiers(text: str) -> tuple[tuple[int | None, Decimal], ...]:
    """ "100000000:0.21,500000000:0.17,1000000000:0.13,5000000000:0.11,*:0.09" → tiers.
    Raises ValueError naming UCJ_JAKON_TIERS, the part refused and what is valid: a part that is not
    "bound:rate", bounds that do not grow or are not above 0, rates outside (0, 5], no "*" tier last."""
    tiers: list[tuple[int | None, Decimal]] = []
    for part in str(text).split(","):
        bound, colon, rate = part.strip().partition(":")
        try:
            upper = None if bound.strip() == "*" else int(bound.strip())
            r = Decimal(rate.strip())
            ok = bool(colon) and (upper is None or upper > 0) and Decimal(0) < r <= Decimal(5)
        except (ValueError, ArithmeticError):  # int("x"); Decimal("x") and NaN comparisons: InvalidOperation
            ok = False
        if not ok:
            raise ValueError(f"UCJ_JAKON_TIERS: {part.strip()!r} refused; valid: {TIERS_VALID}")
        tiers.append((upper, r))
    bounds = [b for b, _ in tiers if b is not None]
    if len(bounds) != len(tiers) - 1 or tiers[-1][0] is not None or bounds != sorted(set(bounds)):
        raise ValueError(f"UCJ_JAKON_TIERS: bounds must grow and end with *:rate; valid: {TIERS_VALID}")
    return tuple(tiers)


def contribution_rp(contract_value: int, tiers=DEFAULT_TIERS) -> int:
    """JKK + JKM owed on a contract value, in whole rupiah (half up): each tier's rate on the slice of
    the value inside it. Rp1.000.000.000 → 0,21% × 100 jt + 0,17% × 400 jt + 0,13% × 500 jt = Rp1.540.000."""
    total, lower = Decimal(0), 0
    for upper, rate in tiers:
        top = contract_value if upper is None else min(contract_value, upper)
        if top > lower:
            total += Decimal(top - lower) * rate / 100
        if upper is None or contract_value <= upper:
            break
        lower = upper
    return int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class JakonSummary:
    projects: int
    registered: int
    unregistered: int
    value_unprotected_rp: int
    workers_unprotected: int
    contribution_owed_rp: int
    started_before_registering: int


def with_status(projects: pd.DataFrame, tiers=DEFAULT_TIERS) -> pd.DataFrame:
    """The register with ``registered``, ``late`` (work began before the registration date, or began
    and is still unregistered) and ``owed_rp`` (the contribution of an unregistered project)."""
    df = projects.copy()
    df["registered"] = df["registration_no"].fillna("").astype(str).str.strip() != ""
    start = pd.to_datetime(df["start_date"])
    reg = pd.to_datetime(df["registration_date"])
    df["late"] = (df["registered"] & reg.notna() & (reg > start)) | ~df["registered"]
    df["owed_rp"] = [0 if r else contribution_rp(int(v), tiers) for r, v in zip(df["registered"], df["contract_value"])]
    return df


def summary(df: pd.DataFrame) -> JakonSummary:
    """Totals of a register with status (``with_status``)."""
    un = df[~df["registered"]]
    return JakonSummary(
        projects=len(df),
        registered=int(df["registered"].sum()),
        unregistered=len(un),
        value_unprotected_rp=int(un["contract_value"].sum()),
        workers_unprotected=int(un["workers"].sum()),
        contribution_owed_rp=int(un["owed_rp"].sum()),
        started_before_registering=int((df["registered"] & df["late"]).sum()),
    )


def by(df: pd.DataFrame, column: str) -> pd.DataFrame:
    """Projects, registered or not, value and workers left unprotected, per OPD or per region."""
    g = df.assign(unreg=~df["registered"], value_un=df["contract_value"].where(~df["registered"], 0),
                  workers_un=df["workers"].where(~df["registered"], 0))  # fmt: skip
    out = g.groupby(column, sort=True).agg(
        projects=("project", "size"),
        registered=("registered", "sum"),
        unregistered=("unreg", "sum"),
        value_unprotected_rp=("value_un", "sum"),
        workers_unprotected=("workers_un", "sum"),
        owed_rp=("owed_rp", "sum"),
    )
    return out.reset_index().sort_values(["unregistered", "value_unprotected_rp"], ascending=False, kind="stable")
