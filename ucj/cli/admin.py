"""The commands of the store's keepers: users (local accounts), store (the shared store), demo."""

from __future__ import annotations

import getpass
import json
import sys

import click

from ..core.i18n import both
from . import params as P
from .base import Run, _print_records, _print_table, _user, _uses_store

# ---- demo ------------------------------------------------------------------------------------


@click.command(help="Write the illustrative sample data set.")
@_uses_store()
def demo(run: Run) -> int:
    from ..services.demo import write_demo

    n = write_demo(run.store)
    print(both("cli_demo_written", n=n, path=run.store.data_dir), file=run.out)
    return 0


# ---- users ------------------------------------------------------------------------------------


@click.group(help="Local accounts: add, list, remove, unlock.")
def users() -> None:
    pass


@users.command(
    "add",
    help="Add (or replace) a local account; the password comes from a prompt or standard input; the first account "
    "must be an admin.",
)
@click.argument("name")
@click.option("--role", type=click.Choice(["viewer", "analyst", "admin"]), required=True, help="the account's role")
@click.option("--region", "regions_", multiple=True, metavar="CODE", help="a region an analyst may change (repeatable)")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@P.user("the admin acting (once accounts exist)")
@_uses_store()
def users_add(run: Run, name: str, role: str, regions_: tuple[str, ...], password_stdin: bool, user: str | None) -> int:
    from ..services import users as accounts

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(both("cli_password_prompt") + ": ")
        if getpass.getpass(both("cli_password_repeat") + ": ") != password:
            print(both("cli_passwords_differ"), file=run.err)
            return 2
    account = accounts.add_user(run.store, name, role, list(regions_), password, actor=_user(user))
    print(both("cli_account_saved", name=account.name, role=account.role), file=run.out)
    return 0


@users.command("list", help="The accounts, their roles, regions and recent failed sign-ins (never the hashes).")
@P.as_json()
@_uses_store()
def users_list(run: Run, as_json: bool) -> int:
    from ..services import users as accounts

    df = accounts.list_users(run.store, run.settings)
    if as_json:
        _print_records(df, run.out)
    elif df.empty:
        print(both("cli_no_accounts"), file=run.out)
    else:
        _print_table(df, run.out)
    return 0


@users.command("remove", help="Remove an account.")
@click.argument("name")
@P.user("the admin acting")
@_uses_store()
def users_remove(run: Run, name: str, user: str | None) -> int:
    from ..services import users as accounts

    if not accounts.remove_user(run.store, name, actor=_user(user)):
        print(both("cli_no_such_account", name=name), file=run.err)
        return 2
    print(both("cli_account_removed", name=name), file=run.out)
    return 0


@users.command(
    "unlock",
    help="Clear an account's wait after failed sign-ins; `--local` is the operator's break-glass, no admin needed "
    "(see *Sign-in and recovery*).",
)
@click.argument("name")
@P.user("the admin acting")
@click.option(
    "--local",
    is_flag=True,
    help="break-glass for the server's operator: no admin needed (access to the data directory is the proof)",
)
@_uses_store()
def users_unlock(run: Run, name: str, user: str | None, local: bool) -> int:
    from ..services import users as accounts

    if local and user:
        raise click.UsageError(both("cli_user_or_local"))
    if local:
        if not accounts.unlock_user(run.store, name, local=True, settings=run.settings):
            print(both("cli_no_such_account", name=name), file=run.err)
            return 2
        print(both("unlock_local_done", name=name), file=run.out)
        return 0
    if not accounts.unlock_user(run.store, name, actor=_user(user)):
        print(both("cli_no_such_account", name=name), file=run.err)
        return 2
    print(both("cli_account_unlocked", name=name), file=run.out)
    return 0


# ---- store ------------------------------------------------------------------------------------


@click.group(help="The shared store on object storage: copy, history, restore.")
def store() -> None:
    pass


@store.command(
    "copy",
    help="Publish the local data directory (checked first) as the next version of a shared store on S3-compatible "
    "storage; onto a store that holds versions already only with `--replace N`, N its newest manifest version (else "
    "exit 2, saying how many it holds); see *Scaling out*.",
)
@click.option(
    "--to", required=True, metavar="URL", help="s3://bucket/prefix (credentials from the AWS environment variables)"
)
@click.option(
    "--replace",
    type=int,
    metavar="N",
    help="copy onto a store that holds versions already: N must be its newest manifest version",
)
@_uses_store(local=True)
def store_copy(run: Run, to: str, replace: int | None) -> int:
    from ..storage import replica

    problems = run.store.check()
    if problems:  # a damaged store is not spread to every replica
        print("\n".join(problems), file=run.err)
        return 1
    version = replica.copy_to(run.store.data_dir, to, replace=replace)
    print(both("store_copied", version=version, url=to.split("?")[0]), file=run.out)
    return 0


def _store_url(run: Run, given: str | None) -> str | None:
    url = given or run.settings.store
    if not url:
        print(both("store_no_url"), file=run.err)
    return url or None


@store.command(
    "history",
    help="The shared store's manifest versions (default `UCJ_STORE`): number, time (UTC) and the files each changed.",
)
@P.store_url
@P.as_json()
@_uses_store(local=True)
def store_history(run: Run, store_url: str | None, as_json: bool) -> int:
    from ..storage import replica

    if (url := _store_url(run, store_url)) is None:
        return 2
    rows = replica.history(url)
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=1), file=run.out)
        return 0
    if not rows:
        print(both("store_history_empty", url=url.split("?")[0]), file=run.out)
    for r in rows:
        print(f"{r['version']:>6}  {_when(r['at'])}  {_what_changed(r)}", file=run.out)
    return 0


@store.command(
    "restore",
    help="Write a NEW manifest version whose content is version N's (audited, admins only; N must pass `check`; "
    "nothing is deleted).",
)
@click.argument("version", type=int, metavar="N")
@P.store_url
@P.user("the admin acting")
@_uses_store(local=True)
def store_restore(run: Run, version: int, store_url: str | None, user: str | None) -> int:
    from ..storage import replica

    if (url := _store_url(run, store_url)) is None:
        return 2
    new = replica.restore(url, version, user=_user(user), audit_key=run.settings.audit_key)
    print(both("store_restored", source=version, version=new, url=url.split("?")[0]), file=run.out)
    return 0


def _when(at) -> str:
    import datetime as dt

    if at is None:
        return "-"
    return dt.datetime.fromtimestamp(float(at), dt.UTC).isoformat(timespec="seconds")


def _what_changed(r: dict) -> str:
    """A manifest version's change in a line: a restore, else the store's files it changed (the
    audit log, its head and the manifest change with nearly every write: named only when alone)."""
    if r.get("restored_from"):
        return f"restore of version {r['restored_from']}"
    bookkeeping = {"audit.log", "audit.head", "manifest.json"}
    files = [f for f in r["changed"] if f not in bookkeeping] + [f"-{f}" for f in r["removed"]]
    return ", ".join(files or r["changed"]) or "-"


COMMANDS = [demo, users, store]
