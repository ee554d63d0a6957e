"""Benchmarks, reported as ratios against a baseline measured in the same run.

Baseline: load every active snapshot into pandas and roll up by hand (what ``ucj.db`` avoids).
Measured: ``ucj.db.coverage_by_region`` and ``ucj.db.target_status`` over the same Parquet files.
Run: ``make bench`` (or ``python bench/run.py [--periods N]``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ucj import db, regions  # noqa: E402
from ucj.demo import write_demo  # noqa: E402
from ucj.store import Store  # noqa: E402


def _timeit(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def baseline(store: Store, period: str) -> pd.DataFrame:
    frames = [pd.read_parquet(p) for p in store.active_files().values()]
    df = pd.concat(frames)
    df = df[df["period"] == period]
    df["code"] = df["region_code"].str[:5]
    per_region = df.groupby(["code", "region_code"]).agg(
        participants=("participants", "sum"), workforce=("workforce", "max")
    )
    out = per_region.groupby("code").sum()
    out["coverage_pct"] = (100 * out["participants"] / out["workforce"]).round(2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        store = Store(d)
        write_demo(store)
        period = db.latest_period(store)
        assert list(baseline(store, period)["participants"]) == list(
            db.coverage_by_region(store, period)["participants"]
        )
        regions.region_name("15")  # load the region list outside the timings
        base = _timeit(lambda: baseline(store, period), args.repeat)
        rows = [
            ("coverage_by_region", _timeit(lambda: db.coverage_by_region(store, period), args.repeat)),
            ("target_status", _timeit(lambda: db.target_status(store, period), args.repeat)),
            ("coverage_series (2 provinces)", _timeit(lambda: db.coverage_series(store, ["15", "61"]), args.repeat)),
        ]
        print(f"baseline (pandas, load every snapshot): {base * 1000:.1f} ms = 1.00")
        for name, t in rows:
            print(f"{name}: {t * 1000:.1f} ms = {t / base:.2f} × baseline")


if __name__ == "__main__":
    main()
