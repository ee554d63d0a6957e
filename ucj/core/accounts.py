"""Who may change the figures: users, roles, region scope, local accounts and OIDC role rules.

Roles, from least to most:
- viewer: reads;
- analyst: also uploads, edits targets and rolls back, within the regions assigned (a region
  includes its children: an analyst of "61" may publish "61.03" and "61.03.01", not "15.71");
- admin: everything, every region, and the accounts.

Local accounts live in ``accounts.json`` in the data directory with argon2 password hashes (salted,
slow; never plain text), written 0600 from the first byte. Failed sign-ins make the next attempt
wait (``ucj.storage.signin``); nothing locks an account (``locked`` is only read, from earlier versions).
With no local account and no OIDC configured, the app runs in local mode: one user with every role.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from . import regions
from .errors import UcjError
from .i18n import both

ROLES = ("viewer", "analyst", "admin")
#: What each role may do (reading is open to every role).
ALLOWED = {
    "viewer": {"read"},
    "analyst": {"read", "upload", "targets", "rollback"},
    "admin": {"read", "upload", "targets", "rollback", "admin"},
}
ACCOUNTS = "accounts.json"
_HASHER = PasswordHasher()  # argon2id with the library's current recommended cost


@dataclass(frozen=True)
class User:
    """Someone acting on the store. ``regions`` bounds an analyst's writes; an admin has all."""

    name: str
    role: str
    regions: tuple[str, ...] = ()
    #: "local" (an account), "oidc", "local-mode" (no accounts configured) or "system" (the sample data).
    source: str = "local"

    def may(self, action: str) -> bool:
        return action in ALLOWED.get(self.role, set())

    def in_scope(self, code: str) -> bool:
        """True when this user may write figures of ``code``."""
        if self.role == "admin":
            return True
        return any(code == r or code.startswith(r + ".") for r in self.regions)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


SYSTEM = User("demo", "admin", (), "system")


class AccessDenied(UcjError, PermissionError):
    """A write the user's role or region scope does not allow; ``key`` is a message key."""

    def message(self) -> str:
        return both(self.key, **self.params)


def local_mode_user(name: str = "") -> User:
    """The one user of an installation without accounts: every role, every region."""
    return User(name or "lokal", "admin", (), "local-mode")


def authorize(user: User, action: str, codes: list[str] | tuple[str, ...] = ()) -> None:
    """Raises AccessDenied unless ``user`` may do ``action`` on every region in ``codes``."""
    if not user.may(action):
        raise AccessDenied("access_denied_role", user=user.name, role=user.role, action=action)
    outside = sorted({c for c in codes if not user.in_scope(c)})
    if outside:
        shown = ", ".join(outside[:5]) + (f", … (+{len(outside) - 5})" if len(outside) > 5 else "")
        scope = ", ".join(user.regions) or "—"
        raise AccessDenied("access_denied_scope", user=user.name, regions=shown, scope=scope)


# --- passwords -----------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """An argon2id hash with its own random salt."""
    return _HASHER.hash(password)


def password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


class AuthError(UcjError, ValueError):
    """A sign-in that failed: ``key`` is "sign_in_refused" (``wait``: seconds before the next try),
    the same for every cause."""


@dataclass
class Account:
    name: str
    role: str
    regions: list[str] = field(default_factory=list)
    password_hash: str = ""
    failures: int = 0
    locked: bool = False
    created_at: str = ""

    def user(self) -> User:
        return User(self.name, self.role, tuple(self.regions), "local")


def check_account(name: str, role: str, region_codes: list[str]) -> tuple[str, list[str]]:
    """(name, dotted region codes) for a new account. Raises ValueError with a bilingual message."""
    name = name.strip()
    if not name or len(name) > 64 or any(ord(ch) < 32 for ch in name):
        raise ValueError(both("bad_user_name"))
    if role not in ROLES:
        raise ValueError(both("bad_role", role=role, valid=", ".join(ROLES)))
    codes = []
    for c in region_codes:
        try:
            codes.append(regions.get_region(c).code)
        except regions.RegionError as exc:
            raise ValueError(both("unknown_code") + f" ({c})") from exc
    if role == "analyst" and not codes:
        raise ValueError(both("analyst_needs_regions"))
    return name, codes


# --- OpenID Connect ------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleRule:
    """Who gets which role when signed in through the office's identity provider: a rule matches an
    exact e-mail, an e-mail domain, or a group in the token's ``groups`` claim."""

    role: str
    regions: tuple[str, ...] = ()
    email: str | None = None
    domain: str | None = None
    group: str | None = None

    def matches(self, claims: dict) -> bool:
        email = str(claims.get("email") or "").lower()
        if claims.get("email_verified") is False:
            email = ""
        groups = claims.get("groups") or []
        if isinstance(groups, str):
            groups = [groups]
        if self.email and email == self.email.lower():
            return True
        if self.domain and email.endswith("@" + self.domain.lower()):
            return True
        return bool(self.group and self.group in groups)


def load_role_rules(path: str | os.PathLike | None) -> list[RoleRule]:
    """Rules from a TOML file of ``[[rule]]`` tables (role, regions, and email, domain or group).

    Raises ValueError naming the rule that cannot be read.
    """
    if not path or not Path(path).exists():
        return []
    doc = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for i, r in enumerate(doc.get("rule", []), start=1):
        if r.get("role") not in ROLES or not any(r.get(k) for k in ("email", "domain", "group")):
            raise ValueError(f"{path}: rule {i} needs a role ({', '.join(ROLES)}) and an email, domain or group")
        _, codes = check_account("rule", r["role"], list(r.get("regions", [])))
        out.append(RoleRule(r["role"], tuple(codes), r.get("email"), r.get("domain"), r.get("group")))
    return out


def user_from_claims(claims: dict, rules: list[RoleRule]) -> User | None:
    """The first matching rule's user for an OIDC sign-in, or None (no access) when none matches."""
    name = str(claims.get("email") or claims.get("preferred_username") or claims.get("sub") or "")
    for rule in rules:
        if rule.matches(claims):
            return User(name, rule.role, rule.regions, "oidc")
    return None


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def accounts_from_json(text: str) -> dict[str, Account]:
    doc = json.loads(text)
    return {n: Account(name=n, **{k: v for k, v in a.items() if k != "name"}) for n, a in doc.get("users", {}).items()}


def accounts_to_json(accounts: dict[str, Account]) -> str:
    users = {n: {k: v for k, v in a.__dict__.items() if k != "name"} for n, a in sorted(accounts.items())}
    return json.dumps({"format": 1, "users": users}, ensure_ascii=False, indent=1)
