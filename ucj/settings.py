"""Settings: defaults, overridable by environment variables (``UCJ_*``).

Rates and thresholds change by regulation or by policy, so they live here, not in code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .schema import SECTORS  # noqa: F401 - re-exported

REPO_DIR = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    #: Where snapshots, targets and the upload log live.
    data_dir: Path = field(default_factory=lambda: REPO_DIR / "data")
    #: A shared store on object storage ("s3://bucket/prefix"); empty: the data directory alone.
    #: With it, the data directory is this process's copy (see README "Scaling out").
    store: str = ""
    #: The audit log's key (``UCJ_AUDIT_KEY``): each line's hash becomes an HMAC-SHA256 under it, so
    #: someone who can write the data directory but has not the key cannot re-hash the log. Empty:
    #: plain SHA-256 (logs written so, before or without a key, keep verifying).
    audit_key: str = field(default="", repr=False)
    #: Bounds on every call to the shared store, so an endpoint that is down or frozen fails within
    #: about 30 s (attempts × read timeout, plus a second or two of back-off), not minutes.
    s3_connect_timeout_s: float = 5.0
    s3_read_timeout_s: float = 8.0
    #: Tries of one S3 request in all (the first one included).
    s3_attempts: int = 3
    #: 1: the command line prints the trace of a failure after its message (for the operator).
    debug: int = 0
    #: A month-on-month change in a region's participants above this (percent) is a warning.
    change_warning_pct: float = 30.0
    #: Current pace = average monthly net change over up to this many recent months.
    pace_months: int = 3
    #: "At risk" when the current pace is at least this share of the required pace (0–1).
    at_risk_pace_ratio: float = 0.75
    #: BPU contributions a Pemda pays per vulnerable worker: JKK as a percent of reported income.
    jkk_rate_pct: float = 1.0
    #: JKM contribution, rupiah per month.
    jkm_rp: int = 6800
    #: Reported monthly income used for BPU contributions, rupiah.
    reported_income_rp: int = 1_000_000
    #: Sign-in: failed attempts (per name and per client address) allowed without a wait; after
    #: them the wait doubles from ``signin_delay_s`` up to ``signin_max_delay_s`` seconds. Failures
    #: older than ``signin_forget_s`` seconds no longer count. Nobody is ever locked out for good.
    signin_free_failures: int = 3
    signin_delay_s: int = 2
    signin_max_delay_s: int = 300
    signin_forget_s: int = 3600
    #: At most one audit line of failed sign-ins per name and address per this many seconds (with
    #: their count), so guessing cannot grow the audit log or a shared store's versions.
    signin_audit_window_s: int = 600
    #: Hours a browser stays signed in across reloads and shared links (a signed, expiring token in
    #: a cookie); 0: until the tab is closed.
    session_hours: int = 12
    #: The key that signs session tokens; empty: a random key kept in the data directory
    #: (``.ucj-session.key``, 0600, never replicated). Set the same key on every replica.
    session_secret: str = ""
    #: OIDC sign-in: TOML file of [[rule]] tables mapping e-mails, domains or groups to roles.
    roles_file: Path = field(default_factory=lambda: REPO_DIR / "roles.toml")
    #: Limits on an uploaded file, so no file can take the server down.
    max_file_mb: int = 20
    max_rows: int = 200_000
    max_columns: int = 64
    max_cell_chars: int = 1_000
    #: Largest count a cell may hold (people in one region and sector): far above Indonesia's workforce.
    max_count: int = 1_000_000_000
    #: Seconds one file may take to read and check.
    max_seconds: float = 30.0
    #: Errors of one kind listed before the rest are only counted.
    max_errors_per_kind: int = 20
    #: Jakon JKK + JKM on a contract value, in marginal tiers "upper:percent,…,*:percent"
    #: (Permenaker 44/2015; confirm with the branch: rates change by regulation).
    jakon_tiers: str = "100000000:0.21,500000000:0.17,1000000000:0.13,5000000000:0.11,*:0.09"

    def with_data_dir(self, data_dir: str | os.PathLike | None) -> Settings:
        """A copy with another data directory (``None`` keeps this one)."""
        return self if data_dir is None else replace(self, data_dir=Path(data_dir))


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    """Settings from defaults and ``UCJ_<NAME>`` environment variables.

    Raises ValueError naming the variable when a value cannot be read.
    """
    env = os.environ if environ is None else environ
    base = Settings()
    values: dict[str, Any] = {}  # field name -> its value, of the field's own type
    for f in fields(Settings):
        raw = env.get(f"UCJ_{f.name.upper()}")
        if raw is None or raw.strip() == "":
            continue
        default = getattr(base, f.name)
        try:
            if isinstance(default, Path):
                values[f.name] = Path(raw)
            elif isinstance(default, str):
                values[f.name] = raw.strip()
            elif isinstance(default, int):
                values[f.name] = int(raw)
            else:
                values[f.name] = float(raw)
        except ValueError as exc:
            raise ValueError(f"UCJ_{f.name.upper()}={raw!r}: {exc}") from exc
    return replace(base, **values)
