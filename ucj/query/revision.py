"""The store as of one manifest revision, read through one DuckDB cursor.

Named for what it is rather than a "session": the app already has two of those (Streamlit's
session state, and the sign-in session a cookie carries), and this one is neither.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property

import pandas as pd

from ..storage.store import Store, periods_with_data
from .sql import Cursor


class Revision:
    """One manifest of the store and one cursor over its files: every query made through it sees
    the same version of the data, however many figures a page or a command draws. Open one per
    page render, command, deck or report, and close it (or use ``with Revision(store) as r:``).

    Every query function of ``ucj.query`` takes a Revision as its first argument."""

    def __init__(self, store: Store):
        self.store = store
        self.manifest = store.manifest()
        self.files = {p: str(f) for p, f in store.active_files(self.manifest).items()}
        tfile = store.active_file("targets", manifest=self.manifest)
        self._targets = str(tfile) if tfile is not None and tfile.exists() else None
        self._cursor: Cursor | None = None

    @property
    def cursor(self) -> Cursor:
        """The revision's DuckDB cursor, opened on the first query: a render whose figures all come
        from a cache opens none."""
        if self._cursor is None:
            self._cursor = Cursor(self.files, self._targets)
        return self._cursor

    @property
    def revision(self) -> int:
        """Grows with every change to the store: a cache keyed on it sees every publish."""
        return int(self.manifest.get("revision", 0))

    @cached_property
    def token(self) -> str:
        """The manifest's content as a digest: what a cache across renders keys on. Two copies of a
        store that reached the same revision number by different writes (a replica's copy after a
        publish elsewhere) differ here."""
        text = json.dumps(self.manifest, sort_keys=True, default=str)
        return f"{self.revision}:{hashlib.sha256(text.encode()).hexdigest()}"

    def periods(self) -> list[str]:
        """Periods with data in this revision's manifest (not a withdrawn month), oldest first."""
        return periods_with_data(self.manifest)

    def latest_period(self) -> str | None:
        """The newest period with data, None for a store without any."""
        p = self.periods()
        return p[-1] if p else None

    def versions(self, period: str | None = None) -> pd.DataFrame:
        """The store's versions as of this manifest (``Store.versions``)."""
        return self.store.versions(period, manifest=self.manifest)

    def read_boundaries(self) -> dict | None:
        """The boundary file of this manifest (``Store.read_boundaries``)."""
        return self.store.read_boundaries(self.manifest)

    def read_jakon(self) -> pd.DataFrame | None:
        """The project register in force in this manifest (``Store.read_jakon``)."""
        return self.store.read_jakon(self.manifest)

    def read_programmes(self) -> pd.DataFrame | None:
        """The Pemda programmes' beneficiaries in force in this manifest (``Store.read_programmes``)."""
        return self.store.read_programmes(self.manifest)

    def read_budgets(self) -> pd.DataFrame | None:
        """The Pemda programmes' budgets in force in this manifest (``Store.read_budgets``)."""
        return self.store.read_budgets(self.manifest)

    def jakon_by_demo(self) -> bool:
        """Whether the register in force is the sample data's (its projects are not official)."""
        active = self.store.active_record("jakon", manifest=self.manifest)
        return active is not None and active["user"] == "demo"

    def close(self) -> None:
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None

    def __enter__(self) -> Revision:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
