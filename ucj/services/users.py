"""Local accounts as operations: sign in, add, remove, unlock, list. Each is audited; each write
takes the acting user and needs the admin role (the first account, which must be an admin, may be
created by anyone who can run the command line on the server: that is how an office starts)."""

from __future__ import annotations

import functools
import getpass
import secrets

import pandas as pd

from ..core.accounts import AccessDenied, Account, AuthError, User, check_account, hash_password, now, password_matches
from ..core.settings import Settings, load_settings
from ..storage import signin
from ..storage.store import Store

MIN_PASSWORD = 10


@functools.cache
def _dummy_hash() -> str:
    """Verified for a name that is not an account, so a made-up name takes as long as a real one."""
    return hash_password(secrets.token_hex(16))


def sign_in(
    store: Store, name: str, password: str, settings: Settings | None = None, *, address: str | None = None
) -> User:
    """The user for ``name`` and ``password``, signing in from client ``address``.

    Raises AuthError("sign_in_refused", wait=N), or "sign_in_wrong" while N is 0, for any failure
    alike (a wrong password, a name that is not an account, or an attempt made before the wait after
    earlier failures is over):
    N is the seconds before the next attempt may be made. Nothing is locked: failures per name and
    per address only make the next attempt wait (see ``ucj.storage.signin``). A sign-in never rewrites
    ``accounts.json``; failures reach the audit log at most once per name, address and
    ``signin_audit_window_s``, with their count.
    """
    settings = settings or load_settings()
    name = (name or "").strip()[:64]
    throttle = signin.Throttle(store.data_dir, settings)
    gate = throttle.begin(name, address)
    if not gate.open:
        raise _refused(gate.wait_s)
    account = store.accounts().get(name)
    # The same argon2 work whether or not the name is an account.
    matches = password_matches(account.password_hash if account else _dummy_hash(), password or "")
    if account is not None and matches and not account.locked:
        user = account.user()
        earlier = throttle.succeeded(name, address)
        detail: dict[str, object] | None = {"failures_before": earlier} if earlier else None
        store.audit.append("sign_in", user, regions=user.regions, detail=detail)
        return user
    gate, report = throttle.failed(name, address)
    if report:
        who = account.user() if account else None
        detail = {"name": name, "address": address or "-", "count": report}
        store.audit.append("sign_in_failed", who, detail=detail)
    raise _refused(gate.wait_s)


def _refused(wait_s: int) -> AuthError:
    """Every failed sign-in alike: "sign_in_refused" with the seconds to wait, or, while no wait is
    due, "sign_in_wrong" (no "try again in 0 seconds"). Neither tells whether the name exists."""
    return AuthError("sign_in_refused", wait=wait_s) if wait_s > 0 else AuthError("sign_in_wrong")


def resume_session(store: Store, token: str | None, settings: Settings | None = None) -> User | None:
    """The user a browser's session token names, when the token is genuine, unexpired, issued after
    the account was (re)created, and the account still exists; else None. The role is the
    account's as it is now, not as it was when the token was issued."""
    settings = settings or load_settings()
    if not token or settings.session_hours <= 0:
        return None
    key = signin.existing_session_key(store.data_dir, settings)  # none yet: no token was ever issued
    claims = signin.read_token(key, token) if key else None
    if claims is None:
        return None
    account = store.accounts().get(claims["n"])
    if account is None or account.locked:
        return None
    if account.created_at and claims.get("iat", 0) < _epoch(account.created_at):
        return None  # the account was replaced (a new password) after this token was issued
    return account.user()


def session_token(store: Store, user: User, settings: Settings | None = None) -> str | None:
    """A token that signs ``user`` in again for ``session_hours`` (None when they are 0)."""
    settings = settings or load_settings()
    if settings.session_hours <= 0 or user.source != "local":
        return None
    return signin.issue_token(signin.session_key(store.data_dir, settings), user.name, settings.session_hours)


def handoff_code(store: Store, user: User, settings: Settings | None = None) -> str | None:
    """The one-minute, single-use code a browser trades for its session cookie (serve.py's route,
    ``signin.redeem_handoff``); None when ``session_hours`` is 0 or the user is not a local account."""
    settings = settings or load_settings()
    if settings.session_hours <= 0 or user.source != "local":
        return None
    return signin.handoff_code(store.data_dir, settings, user.name)


def _epoch(iso: str) -> float:
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(iso).timestamp()
    except ValueError:
        return 0.0


def _require_admin(store: Store, actor: User | str | None, action: str) -> User:
    # The very first account needs nobody's permission: there is nobody yet.
    if not store.accounts():
        return store.actor(actor)
    user = store.actor(actor)
    store.authorize(user, "admin", what=action)
    return user


def add_user(
    store: Store, name: str, role: str, regions: list[str], password: str, *, actor: User | str | None = None
) -> User:
    """Adds (or replaces) a local account. Raises ValueError for a bad name, role, region or a
    password shorter than MIN_PASSWORD characters, AccessDenied unless ``actor`` is an admin."""
    name, codes = check_account(name, role, regions)
    if len(password or "") < MIN_PASSWORD:
        from ..core.i18n import both

        raise ValueError(both("password_too_short", n=MIN_PASSWORD))
    if role != "admin" and not store.accounts():
        # Else the office would have accounts and nobody able to manage them.
        from ..core.i18n import both

        raise ValueError(both("first_account_admin"))
    user = _require_admin(store, actor, "users add")
    account = Account(name, role, codes, hash_password(password), 0, False, now())
    line = {"event": "user_added", "user": user, "regions": codes, "detail": {"name": name, "role": role}}
    store.update_accounts(lambda accounts: accounts.__setitem__(name, account), lambda _: line)
    return account.user()


def remove_user(store: Store, name: str, *, actor: User | str | None = None) -> bool:
    """Removes an account; False when there was none. Raises AccessDenied unless ``actor`` is an admin."""
    user = _require_admin(store, actor, "users remove")
    removed = store.update_accounts(
        lambda accounts: accounts.pop(name, None) is not None,
        lambda done: {"event": "user_removed", "user": user, "detail": {"name": name}} if done else None,
    )
    return bool(removed)


def unlock_user(
    store: Store, name: str, *, actor: User | str | None = None, local: bool = False, settings: Settings | None = None
) -> bool:
    """Clears ``name``'s wait after failed sign-ins (and a lock of an earlier version); False when
    there is no such account. ``actor`` must be an admin, unless ``local``: the break-glass of the
    server's operator (`users unlock NAME --local`), who proves themself by access to the data
    directory, recorded as such in the audit log."""
    if local:
        user = User(_shell_user(), "admin", (), "operator")
    else:
        user = _require_admin(store, actor, "users unlock")
    if name not in store.accounts():
        return False
    signin.Throttle(store.data_dir, settings or load_settings()).clear(name)

    def unlock(accounts: dict[str, Account]) -> None:
        accounts[name].locked, accounts[name].failures = False, 0

    detail = {"name": name, "via": "local-shell"} if local else {"name": name}
    if store.accounts()[name].locked or store.accounts()[name].failures:
        store.update_accounts(unlock, lambda _: {"event": "user_unlocked", "user": user, "detail": detail})
    else:  # only this server's sign-in wait was cleared: no account changed
        store.audit.append("user_unlocked", user, detail=detail)
    return True


def _shell_user() -> str:
    try:
        return getpass.getuser() or "operator"
    except (OSError, KeyError):  # no login name in this environment
        return "operator"


def list_users(store: Store, settings: Settings | None = None) -> pd.DataFrame:
    """Columns: name, role, regions, locked, failures (recent failed sign-ins), created_at (never
    the hashes)."""
    throttle = signin.Throttle(store.data_dir, settings or load_settings())
    rows = [
        {
            "name": a.name,
            "role": a.role,
            "regions": ", ".join(a.regions),
            "locked": a.locked,
            "failures": max(a.failures, throttle.failures(a.name)),
            "created_at": a.created_at,
        }
        for a in store.accounts().values()
    ]
    return pd.DataFrame(rows, columns=["name", "role", "regions", "locked", "failures", "created_at"])


__all__ = [
    "AccessDenied",
    "AuthError",
    "add_user",
    "handoff_code",
    "list_users",
    "remove_user",
    "resume_session",
    "session_token",
    "sign_in",
    "unlock_user",
]
