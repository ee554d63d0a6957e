"""Local accounts as operations: sign in, add, remove, unlock, list. Each is audited; each write
takes the acting user and needs the admin role (the first account may be created by anyone who
can run the command line on the server: that is how an office starts)."""

from __future__ import annotations

import pandas as pd

from .accounts import AccessDenied, Account, AuthError, User, check_account, hash_password, now, password_matches
from .settings import Settings, load_settings
from .store import Store

MIN_PASSWORD = 10


def sign_in(store: Store, name: str, password: str, settings: Settings | None = None) -> User:
    """The user for ``name`` and ``password``. Raises AuthError("bad_credentials") for an unknown
    name or a wrong password, and AuthError("account_locked") for a locked account; the
    ``lockout_failures``-th wrong password in a row locks it. Every attempt is audited."""
    settings = settings or load_settings()
    name = (name or "").strip()[:64]

    def attempt(accounts: dict[str, Account]) -> tuple[str, Account | None]:
        account = accounts.get(name)
        if account is None:
            return "unknown", None
        if account.locked:
            return "locked", account
        if password_matches(account.password_hash, password or ""):
            account.failures = 0
            return "ok", account
        account.failures += 1
        if account.failures >= settings.lockout_failures:
            account.locked = True
            return "now_locked", account
        return "wrong", account

    outcome, account = store.update_accounts(attempt)
    if outcome == "ok":
        user = account.user()
        store.audit.append("sign_in", user, regions=user.regions)
        return user
    who = account.user() if account else None
    detail = {"name": name, "reason": outcome}
    store.audit.append("sign_in_failed", who, detail=detail)
    if outcome == "now_locked":
        store.audit.append("account_locked", who, detail={"failures": account.failures})
    if outcome in ("locked", "now_locked"):
        raise AuthError("account_locked", user=name)
    raise AuthError("bad_credentials")


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
        from .i18n import both

        raise ValueError(both("password_too_short", n=MIN_PASSWORD))
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


def unlock_user(store: Store, name: str, *, actor: User | str | None = None) -> bool:
    """Unlocks an account after too many wrong passwords; False when there is no such account."""
    user = _require_admin(store, actor, "users unlock")

    def unlock(accounts: dict[str, Account]) -> bool:
        if name not in accounts:
            return False
        accounts[name].locked, accounts[name].failures = False, 0
        return True

    done = store.update_accounts(
        unlock, lambda done: {"event": "user_unlocked", "user": user, "detail": {"name": name}} if done else None
    )
    return bool(done)


def list_users(store: Store) -> pd.DataFrame:
    """Columns: name, role, regions, locked, failures, created_at (never the hashes)."""
    rows = [
        {
            "name": a.name,
            "role": a.role,
            "regions": ", ".join(a.regions),
            "locked": a.locked,
            "failures": a.failures,
            "created_at": a.created_at,
        }
        for a in store.accounts().values()
    ]
    return pd.DataFrame(rows, columns=["name", "role", "regions", "locked", "failures", "created_at"])


__all__ = ["AccessDenied", "AuthError", "add_user", "list_users", "remove_user", "sign_in", "unlock_user"]
