"""Settings: defaults, overridable by environment variables (``UCJ_*``), checked when they load.

Rates and thresholds change by regulation or by policy, so they live here, not in code. Read through
pydantic-settings; every value is checked at start (a range per number, the Jakon tiers parsed), so a
bad one stops the app or a command with a message naming the variable, not a page that fails later.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict
from pydantic_settings.sources.utils import parse_env_vars

from . import jakon
from .errors import UcjError
from .schema import SECTORS  # noqa: F401 - re-exported

REPO_DIR = Path(__file__).resolve().parents[2]  # ucj/core/settings.py -> the checkout
PREFIX = "UCJ_"
#: Never shown: not in repr, not in a message (a bad value reads as ``***``).
SECRETS = frozenset({"audit_key", "session_secret"})

# The environment load_settings(environ) reads; None: os.environ.
_ENVIRON: contextvars.ContextVar[Mapping[str, str] | None] = contextvars.ContextVar("ucj_environ", default=None)


class _Environment(EnvSettingsSource):
    """``UCJ_*`` variables from os.environ or a given mapping; a blank value keeps the default."""

    def __init__(self, settings_cls: type[BaseSettings], environ: Mapping[str, str] | None) -> None:
        self._environ = environ
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        env = os.environ if self._environ is None else self._environ
        given = {k: v for k, v in env.items() if k.startswith(PREFIX) and str(v).strip()}
        return parse_env_vars(given, self.case_sensitive, self.env_ignore_empty, self.env_parse_none_str)


class Settings(BaseSettings):
    """Every setting; ``Settings()`` reads ``UCJ_<NAME>`` from the environment (``load_settings`` for
    a message naming the variable). Frozen: ``with_data_dir`` and ``replace`` give changed copies."""

    model_config = SettingsConfigDict(
        env_prefix=PREFIX, frozen=True, extra="ignore", str_strip_whitespace=True, allow_inf_nan=False
    )

    #: Where snapshots, targets and the upload log live.
    data_dir: Path = Field(default_factory=lambda: REPO_DIR / "data")
    #: A shared store on object storage ("s3://bucket/prefix"); empty: the data directory alone.
    #: With it, the data directory is this process's copy (see README "Scaling out").
    store: str = ""
    #: The audit log's key (``UCJ_AUDIT_KEY``): each line's hash becomes an HMAC-SHA256 under it, so
    #: someone who can write the data directory but has not the key cannot re-hash the log. Empty:
    #: plain SHA-256 (logs written so, before or without a key, keep verifying).
    audit_key: str = Field(default="", repr=False)
    #: Bounds on every call to the shared store, so an endpoint that is down or frozen fails within
    #: about 30 s (attempts × read timeout, plus a second or two of back-off), not minutes.
    s3_connect_timeout_s: float = Field(default=5.0, gt=0)
    s3_read_timeout_s: float = Field(default=8.0, gt=0)
    #: Tries of one S3 request in all (the first one included).
    s3_attempts: int = Field(default=3, ge=1)
    #: 1: the command line prints the trace of a failure after its message (for the operator).
    debug: int = Field(default=0, ge=0, le=1)
    #: A month-on-month change in a region's participants above this (percent) is a warning.
    change_warning_pct: float = Field(default=30.0, ge=0, le=100)
    #: Current pace = average monthly net change over up to this many recent months.
    pace_months: int = Field(default=3, ge=1)
    #: "At risk" when the current pace is at least this share of the required pace (0–1).
    at_risk_pace_ratio: float = Field(default=0.75, ge=0, le=1)
    #: BPU contributions a Pemda pays per vulnerable worker: JKK as a percent of reported income.
    jkk_rate_pct: float = Field(default=1.0, ge=0, le=100)
    #: JKM contribution, rupiah per month.
    jkm_rp: int = Field(default=6800, ge=0)
    #: Reported monthly income used for BPU contributions, rupiah.
    reported_income_rp: int = Field(default=1_000_000, gt=0)
    #: Sign-in: failed attempts (per name and per client address) allowed without a wait; after
    #: them the wait doubles from ``signin_delay_s`` up to ``signin_max_delay_s`` seconds. Failures
    #: older than ``signin_forget_s`` seconds no longer count. Nobody is ever locked out for good.
    signin_free_failures: int = Field(default=3, ge=0)
    signin_delay_s: int = Field(default=2, ge=0)
    signin_max_delay_s: int = Field(default=300, ge=0)
    signin_forget_s: int = Field(default=3600, gt=0)
    #: At most one audit line of failed sign-ins per name and address per this many seconds (with
    #: their count), so guessing cannot grow the audit log or a shared store's versions.
    signin_audit_window_s: int = Field(default=600, gt=0)
    #: Hours a browser stays signed in across reloads and shared links (a signed, expiring token in
    #: a cookie); 0: until the tab is closed.
    session_hours: int = Field(default=12, ge=0)
    #: The key that signs session tokens; empty: a random key kept in the data directory
    #: (``.ucj-session.key``, 0600, never replicated). Set the same key on every replica.
    session_secret: str = Field(default="", repr=False)
    #: OIDC sign-in: TOML file of [[rule]] tables mapping e-mails, domains or groups to roles.
    roles_file: Path = Field(default_factory=lambda: REPO_DIR / "roles.toml")
    #: Limits on an uploaded file, so no file can take the server down.
    max_file_mb: int = Field(default=20, gt=0)
    max_rows: int = Field(default=200_000, gt=0)
    max_columns: int = Field(default=64, gt=0)
    max_cell_chars: int = Field(default=1_000, gt=0)
    #: Largest count a cell may hold (people in one region and sector): far above Indonesia's workforce.
    max_count: int = Field(default=1_000_000_000, gt=0)
    #: Seconds one file may take to read and check.
    max_seconds: float = Field(default=30.0, gt=0)
    #: Errors of one kind listed before the rest are only counted.
    max_errors_per_kind: int = Field(default=20, gt=0)
    #: Jakon JKK + JKM on a contract value, in marginal tiers "upper:percent,…,*:percent"
    #: (Permenaker 44/2015; confirm with the branch: rates change by regulation). Parsed when the
    #: settings load, so a bad value stops the start, not the Jakon page.
    jakon_tiers: str = "100000000:0.21,500000000:0.17,1000000000:0.13,5000000000:0.11,*:0.09"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Arguments, then the environment; no .env or secrets directory (the environment alone, as before).
        return init_settings, _Environment(settings_cls, _ENVIRON.get())

    @field_validator("jakon_tiers")
    @classmethod
    def _tiers_parse(cls, value: str) -> str:
        jakon.parse_tiers(value)  # ValueError naming UCJ_JAKON_TIERS and what is valid
        return value

    @model_validator(mode="after")
    def _waits_grow(self) -> Settings:
        if self.signin_max_delay_s < self.signin_delay_s:
            raise _Problem(
                "settings_signin_max_delay", value=str(self.signin_max_delay_s), delay=str(self.signin_delay_s)
            )
        return self

    @property
    def tiers(self) -> tuple[tuple[int | None, Decimal], ...]:
        """The Jakon tiers, parsed (checked when the settings loaded)."""
        return jakon.parse_tiers(self.jakon_tiers)

    def with_data_dir(self, data_dir: str | os.PathLike | None) -> Settings:
        """A copy with another data directory (``None`` keeps this one)."""
        return self if data_dir is None else self.model_copy(update={"data_dir": Path(data_dir)})

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (like ``dataclasses.replace``), checked like a loaded one; the
        environment is not read again. Raises SettingsError."""
        with _environment({}):
            return _checked(lambda: type(self)(**{**dict(self), **changes}))


class _Problem(UcjError, ValueError):
    """A rule across settings broken (raised inside validation, carried out by SettingsError)."""


class SettingsError(UcjError, ValueError):
    """Settings refused at start: every problem as (message key, params), each naming its variable.
    ``key`` and ``params`` are the first one's (the app's error boundary shows them); ``str()`` gives
    every problem in both languages (the command line prints it)."""

    def __init__(self, problems: list[tuple[str, dict[str, str]]]) -> None:
        from .i18n import both

        self.problems = problems
        super().__init__(problems[0][0], **problems[0][1])
        self.args = ("\n".join(both(key, **params) for key, params in problems),)


def _env_name(name: str) -> str:
    return f"{PREFIX}{name.upper()}"


def _shown(name: str, value: object) -> str:
    if name in SECRETS:
        return "***"
    text = repr(str(value))
    return text if len(text) <= 120 else text[:117] + "…'"


def _number(x: object) -> str:
    return f"{x:g}" if isinstance(x, float) else str(x)


def valid_range(name: str) -> str:
    """What a numeric setting accepts, e.g. "≥ 1", "> 0", "0–100" (from its declared bounds)."""
    bounds = {type(m).__name__: m for m in Settings.model_fields[name].metadata}
    if "Ge" in bounds and "Le" in bounds:
        return f"{_number(bounds['Ge'].ge)}–{_number(bounds['Le'].le)}"
    if "Gt" in bounds:
        return f"> {_number(bounds['Gt'].gt)}"
    if "Ge" in bounds:
        return f"≥ {_number(bounds['Ge'].ge)}"
    return ""


def _problem(error: Any) -> tuple[str, dict[str, str]]:
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, _Problem):
        return cause.key, cause.params
    name = str(error["loc"][0]) if error.get("loc") else ""
    params = {"name": _env_name(name), "value": _shown(name, error.get("input"))}
    if name == "jakon_tiers":
        return "settings_jakon_tiers", {"value": params["value"], "example": "100000000:0.21,*:0.09"}
    kind = str(error.get("type", ""))
    annotation = Settings.model_fields[name].annotation if name in Settings.model_fields else None
    if annotation in (int, float):
        params["valid"] = valid_range(name)
        if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
            return "settings_out_of_range", params
        return ("settings_not_whole" if annotation is int else "settings_not_number"), params
    return "settings_invalid", params


def _checked(build: Any) -> Settings:
    try:
        return build()
    except ValidationError as exc:
        raise SettingsError([_problem(e) for e in exc.errors()]) from None


@contextlib.contextmanager
def _environment(environ: Mapping[str, str] | None) -> Iterator[None]:
    token = _ENVIRON.set(environ)
    try:
        yield
    finally:
        _ENVIRON.reset(token)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from defaults and ``UCJ_<NAME>`` environment variables (``environ``, else os.environ).

    Raises SettingsError (a ValueError) naming each variable whose value cannot be read or is out
    of range, with what is valid; a secret's value is never shown.
    """
    env = os.environ if environ is None else environ
    given = tuple(sorted((k, v) for k, v in env.items() if k.startswith(PREFIX)))
    return _load(given)


@functools.lru_cache(maxsize=32)
def _load(given: tuple[tuple[str, str], ...]) -> Settings:
    # Settings are frozen: one instance per set of UCJ_* values (pages and queries load them often).
    with _environment(dict(given)):
        return _checked(Settings)
