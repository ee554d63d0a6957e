"""Speed as a person in front of a browser sees it, beside three baselines measured in the same run.

``make bench-browser`` (``python bench/browser.py [--repeat 5] [--months 3] [--load 1,10,20,40]
[--duration 60] [--quick]``), headless Chromium at /usr/bin/chromium driven by Playwright:

1. starts ``streamlit run app.py`` on a temporary copy of data/ (the sample) and, after it, on a
   national store (every kecamatan × 4 sectors × ``--months`` months, made with bench/run.py's
   generator);
2. baselines, measured once in the same run: a minimal Streamlit page with one plotly chart
   (bench/baseline_app.py), the same bars with Streamlit's built-in Vega-Lite chart, and a static
   HTML page drawing the same plotly figure (plotly.js from the installed plotly package, served by
   a local http.server: nothing from the network);
3. for Ringkasan, Wilayah and Presentasi, cold (a new browser context) and warm (a reload in the
   same context), median and p95 over ``--repeat``: first contentful paint, script done, every
   chart drawn, the server's time of the render, bytes over the wire; ratios of "every chart drawn"
   to each baseline's;
4. a load run: N concurrent browser contexts on one app process (the sample), each opening
   Ringkasan and changing the region in the sidebar every 2–4 s for ``--duration`` seconds: p50/p95
   of a filter change, errors, the app's CPU and RSS;
5. prints the machine and every table, and writes them to bench/browser-last.md.

How each figure is taken (all times from the navigation's start, in the page's own clock):
- first contentful paint: PerformanceObserver('paint');
- script done: the end of the last script run, read from Streamlit's own run state
  (``[data-testid=stApp][data-test-script-state]`` turning ``notRunning``), once it has stayed idle 1 s;
- every chart drawn: the first animation frame from which every visible plotly chart has its
  ``.main-svg`` (every Vega chart its canvas/svg) and the set of charts stays the same for 1 s (at
  least one chart mounted; Presentasi's hidden slides, display:none, are not waited for);
- server time: from the websocket (CDP Network.webSocketFrameSent/Received): the time from each
  ``rerun_script`` BackMsg the browser sends to the next ``script_finished`` ForwardMsg it receives,
  summed over the load (loopback, so the network's part is negligible; the app is not instrumented);
- bytes: HTTP bodies as they came over the wire (CDP Network.loadingFinished encodedDataLength) and
  websocket payloads (CDP gives them after permessage-deflate is undone: an upper bound).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import functools
import http.server
import os
import platform
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
CHROMIUM = os.environ.get("UCJ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1366, "height": 768}
QUIET_MS = 1000
LOAD_TIMEOUT_MS = 90_000

# Installed in every page before its own scripts: the page's clock for each figure.
INIT_JS = """
(() => {
  const b = window.__b = {fcp: null, runs: [], state: null, lastInput: 0, drawn: null, sig: '', charts: 0};
  try {
    new PerformanceObserver(l => { for (const e of l.getEntries())
      if (e.name === 'first-contentful-paint') b.fcp = e.startTime; }).observe({type: 'paint', buffered: true});
  } catch (e) {}
  const mark = () => { b.lastInput = performance.now(); };
  document.addEventListener('click', mark, true);
  document.addEventListener('keydown', mark, true);
  const onState = (el) => {
    const s = el.getAttribute('data-test-script-state');
    if (s === b.state) return;
    const t = performance.now();
    if (s === 'running') b.runs.push({start: t, end: null});
    else if (s === 'notRunning' && b.runs.length && b.runs[b.runs.length - 1].end === null)
      b.runs[b.runs.length - 1].end = t;
    b.state = s;
  };
  const attach = () => {
    const el = document.querySelector('[data-testid="stApp"]');
    if (!el) return false;
    onState(el);
    new MutationObserver(() => onState(el))
      .observe(el, {attributes: true, attributeFilter: ['data-test-script-state']});
    return true;
  };
  const root = new MutationObserver(() => { if (attach()) root.disconnect(); });
  if (!attach()) root.observe(document, {childList: true, subtree: true});
  const visible = (el) => el.getClientRects().length > 0;
  const frame = () => {
    const allPlots = document.querySelectorAll('[data-testid="stPlotlyChart"], .ucj-static-plot');
    const allVegas = document.querySelectorAll('[data-testid="stVegaLiteChart"]');
    const plots = [...allPlots].filter(visible), vegas = [...allVegas].filter(visible);
    const done = plots.every(p => p.querySelector('.js-plotly-plot .main-svg'))
              && vegas.every(v => v.querySelector('canvas, svg'));
    const idle = b.state === null || b.state === 'notRunning';
    const sig = [plots.length, vegas.length, allPlots.length, allVegas.length, b.runs.length].join('/');
    b.charts = allPlots.length + allVegas.length;
    if (!(done && idle) || sig !== b.sig) b.drawn = null;
    if (done && idle && b.drawn === null) b.drawn = performance.now();
    b.sig = sig;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
"""

# True once the page is complete: the script idle for QUIET_MS and every chart drawn as long.
SETTLED_JS = """
([streamlit, quiet]) => {
  const b = window.__b; if (!b) return false;
  const now = performance.now();
  if (streamlit) {
    if (b.state !== 'notRunning' || !b.runs.length) return false;
    const last = b.runs[b.runs.length - 1];
    if (last.end === null || now - last.end < quiet) return false;
    if (document.querySelector('[data-testid="stSpinner"], .stSpinner')) return false;
  }
  return b.charts > 0 && b.drawn !== null && now - b.drawn >= quiet;
}
"""

ERRORS_JS = """
() => document.querySelectorAll('[data-testid="stException"]').length
  + [...document.querySelectorAll('[data-testid="stAlert"] [data-testid="stIconMaterial"]')]
      .filter(i => i.textContent.trim() === 'error').length
"""


# --- processes -------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class App:
    proc: subprocess.Popen
    base: str

    @property
    def pid(self) -> int:
        return self.proc.pid


@contextlib.contextmanager
def streamlit(script: Path, data_dir: Path | None, log: Path) -> Iterator[App]:
    """``streamlit run script`` on a free port (UCJ_DATA_DIR=data_dir); yields it, then stops it."""
    port = free_port()
    env = {
        **os.environ,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
    }
    if data_dir is not None:
        env["UCJ_DATA_DIR"] = str(data_dir)
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true"]
    with open(log, "w") as out:
        proc = subprocess.Popen([*cmd, "--server.port", str(port)], cwd=ROOT, env=env, stdout=out, stderr=out)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"streamlit did not start; see {log}")
            time.sleep(0.3)
        try:
            yield App(proc, base)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def static_site(tmp: Path) -> Iterator[str]:
    """The static baseline: one HTML page drawing baseline_app.figure() with the installed plotly.js."""
    import plotly

    sys.path.insert(0, str(BENCH))
    from baseline_app import figure

    site = tmp / "static"
    site.mkdir()
    shutil.copy(Path(plotly.__file__).parent / "package_data" / "plotly.min.js", site / "plotly.min.js")
    (site / "index.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Baseline</title>"
        "<script src='plotly.min.js'></script></head><body><h1>Baseline</h1>"
        "<div id='chart' class='ucj-static-plot' style='height:400px'></div>"
        f"<script>const fig = {figure().to_json()}; Plotly.newPlot('chart', fig.data, fig.layout);</script>"
        "</body></html>"
    )
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()


def national_store(tmp: Path, months: int) -> tuple[Path, str]:
    """A national store made with bench/run.py's generator: every kecamatan × 4 sectors × months;
    returns (data directory, last period)."""
    import numpy as np

    sys.path.insert(0, str(BENCH))
    sys.path.insert(0, str(ROOT))
    from run import kecamatan_codes, monthly_csv

    from ucj.core.parsing import period_range
    from ucj.services import service
    from ucj.storage.store import Store

    data_dir = tmp / "national"
    store = Store(data_dir)
    codes = kecamatan_codes()
    rng = np.random.default_rng(1)
    workforce = rng.integers(5_000, 80_000, len(codes))
    base = (workforce * rng.uniform(0.1, 0.4, len(codes))).astype(int)
    periods = period_range("2016-01", "2025-12")[-months:]
    for i, p in enumerate(periods):
        out = service.ingest(store, monthly_csv(codes, workforce, base, i, p), f"{p}.csv", user="bench",
                             accept_warnings=True)  # fmt: skip
        assert out.stored, out.result.errors[:3]
    return data_dir, periods[-1]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(ln for ln in status.splitlines() if ln.startswith("VmRSS")).split()[1]) / 1024


# --- one page load -------------------------------------------------------------------------------


@dataclass
class Load:
    fcp: float | None = None
    script: float | None = None
    drawn: float | None = None
    server: float | None = None
    http: int = 0
    ws: int = 0
    error: str = ""


@dataclass
class Wire:
    """What CDP saw of one page: bytes, and the websocket's rerun → script_finished pairs."""

    http: int = 0
    ws: int = 0
    pending: float | None = None
    runs: list[float] = field(default_factory=list)

    def reset(self) -> None:
        self.http = self.ws = 0
        self.pending = None
        self.runs = []


async def watch_wire(page) -> Wire:
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    wire = Wire()
    cdp = await page.context.new_cdp_session(page)

    def payload(event) -> bytes:
        r = event["response"]
        return base64.b64decode(r["payloadData"]) if r.get("opcode") == 2 else r["payloadData"].encode()

    def sent(event) -> None:
        data = payload(event)
        wire.ws += len(data)
        msg = BackMsg()
        with contextlib.suppress(Exception):
            msg.ParseFromString(data)
            if msg.WhichOneof("type") == "rerun_script":
                wire.pending = event["timestamp"]

    def received(event) -> None:
        data = payload(event)
        wire.ws += len(data)
        if len(data) > 512 or wire.pending is None:  # script_finished is a few bytes
            return
        msg = ForwardMsg()
        with contextlib.suppress(Exception):
            msg.ParseFromString(data)
            if msg.WhichOneof("type") == "script_finished":
                wire.runs.append((event["timestamp"] - wire.pending) * 1000)
                wire.pending = None

    def finished(event) -> None:
        wire.http += int(event.get("encodedDataLength", 0))

    cdp.on("Network.webSocketFrameSent", sent)
    cdp.on("Network.webSocketFrameReceived", received)
    cdp.on("Network.loadingFinished", finished)
    await cdp.send("Network.enable")
    return wire


async def settle(page, is_streamlit: bool, wire: Wire | None) -> Load:
    try:
        await page.wait_for_function(SETTLED_JS, arg=[is_streamlit, QUIET_MS], timeout=LOAD_TIMEOUT_MS, polling=100)
    except Exception as exc:  # noqa: BLE001 - a page that never completes is a result, not a crash
        return Load(error=type(exc).__name__)
    b = await page.evaluate(
        "() => ({fcp: __b.fcp, drawn: __b.drawn, end: __b.runs.length ? __b.runs[__b.runs.length - 1].end : null})"
    )
    load = Load(fcp=b["fcp"], script=b["end"] if is_streamlit else None, drawn=b["drawn"])
    if wire is not None:
        await asyncio.sleep(0.2)  # the last CDP events
        load.http, load.ws = wire.http, wire.ws
        load.server = sum(wire.runs) if (is_streamlit and wire.runs) else None
    if await page.evaluate(ERRORS_JS):
        load.error = "error shown"
    return load


async def cold_and_warm(browser, url: str, is_streamlit: bool) -> tuple[Load, Load]:
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(INIT_JS)
    page = await context.new_page()
    wire = await watch_wire(page)
    try:
        await page.goto(url, timeout=LOAD_TIMEOUT_MS)
        cold = await settle(page, is_streamlit, wire)
        wire.reset()
        await page.reload(timeout=LOAD_TIMEOUT_MS)
        warm = await settle(page, is_streamlit, wire)
    except Exception as exc:  # noqa: BLE001
        cold = warm = Load(error=type(exc).__name__)
    await context.close()
    return cold, warm


# --- statistics and tables -------------------------------------------------------------------------


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def med(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def ms(x: float | None) -> str:
    return "—" if x is None else f"{x:,.0f}".replace(",", ".")


def ratio(a: float | None, b: float | None) -> str:
    return "—" if a is None or not b else f"{a / b:.2f}".replace(".", ",")


def kib(x: float | None) -> str:
    return "—" if x is None else f"{x / 1024:,.0f}".replace(",", ".")


@dataclass
class Series:
    loads: list[Load] = field(default_factory=list)

    def values(self, name: str) -> list[float]:
        return [v for v in (getattr(load, name) for load in self.loads if not load.error) if v is not None]

    def cell(self, name: str) -> str:
        xs = self.values(name)
        return f"{ms(med(xs))} / {ms(p95(xs))}" if xs else "—"

    def median(self, name: str) -> float | None:
        return med(self.values(name))

    @property
    def errors(self) -> int:
        return sum(1 for load in self.loads if load.error)


BASELINES = ("plotly in Streamlit", "Vega in Streamlit", "static HTML")
HEAD = (
    "| page | cache | FCP ms med / p95 | script done ms med / p95 | every chart drawn ms med / p95 "
    "| server ms med / p95 | HTTP KiB | WS KiB | drawn ÷ plotly-in-Streamlit | ÷ Vega-in-Streamlit "
    "| ÷ static HTML | errors |\n" + "| --- " * 12 + "|"
)


def table(results: dict[tuple[str, str], Series], baselines: dict[tuple[str, str], Series]) -> str:
    lines = [HEAD]
    for (name, cache), s in results.items():
        drawn = s.median("drawn")
        ratios = [ratio(drawn, baselines[(b, cache)].median("drawn")) for b in BASELINES] if baselines else []
        lines.append(
            f"| {name} | {cache} | {s.cell('fcp')} | {s.cell('script')} | {s.cell('drawn')} | {s.cell('server')} "
            f"| {kib(s.median('http'))} | {kib(s.median('ws'))} | " + " | ".join(ratios or ["—"] * 3)
            + f" | {s.errors}/{len(s.loads)} |"
        )  # fmt: skip
    return "\n".join(lines)


async def measure_pages(browser, pages: list[tuple[str, str, bool]], repeat: int) -> dict[tuple[str, str], Series]:
    """{(name, cold|warm): Series}, the pages interleaved repeat by repeat (drift shows in every page alike),
    after one visit of each page that is not measured (a running app, not one that just started)."""
    for _, url, is_streamlit in pages:  # not measured: the process's imports and first queries
        await cold_and_warm(browser, url, is_streamlit)
    out: dict[tuple[str, str], Series] = {}
    for name, _, _ in pages:
        out[(name, "cold")], out[(name, "warm")] = Series(), Series()
    for _ in range(repeat):
        for name, url, is_streamlit in pages:
            cold, warm = await cold_and_warm(browser, url, is_streamlit)
            out[(name, "cold")].loads.append(cold)
            out[(name, "warm")].loads.append(warm)
            note = cold.error or warm.error
            print(f"  {name}: cold {ms(cold.drawn)} ms, warm {ms(warm.drawn)} ms {note}", flush=True)
    return out


# --- the load run ------------------------------------------------------------------------------------


@dataclass
class Viewer:
    first: float | None = None
    changes: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def viewer(browser, url: str, deadline: float, seed: int) -> Viewer:
    v = Viewer()
    rnd = random.Random(seed)
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(INIT_JS)
    page = await context.new_page()
    page.on("pageerror", lambda exc: v.errors.append("page error"))
    try:
        left = max(1.0, deadline - time.monotonic())
        t0 = time.monotonic()
        await page.goto(url, timeout=left * 1000)
        await page.wait_for_function(SETTLED_JS, arg=[True, 300], timeout=left * 1000, polling=200)
        v.first = (time.monotonic() - t0) * 1000
        while time.monotonic() + 4 < deadline:
            await asyncio.sleep(rnd.uniform(2, 4))
            # The sidebar's region list: its combobox opens the options (a click on the box's label does not).
            box = page.locator('.st-key-region [role="combobox"]')
            await box.click(timeout=10_000)
            options = page.locator('[role="option"]:not([aria-selected="true"])')
            await options.first.wait_for(timeout=10_000)
            n = await options.count()
            await options.nth(rnd.randrange(min(n, 8))).click(timeout=10_000)
            try:
                took = await page.wait_for_function(
                    """() => { const b = __b, last = b.runs[b.runs.length - 1];
                       const run = b.runs.find(r => r.start >= b.lastInput && r.end !== null);
                       return b.state === 'notRunning' && run && last.end !== null
                         ? last.end - b.lastInput : false; }""",
                    timeout=30_000,
                    polling=50,
                )
                v.changes.append(await took.json_value())
            except Exception:  # noqa: BLE001
                v.errors.append("filter change over 30 s")
                break
            if await page.evaluate(ERRORS_JS):
                v.errors.append("error shown")
                break
    except Exception as exc:  # noqa: BLE001
        v.errors.append("load failed" if v.first is None else type(exc).__name__)
        if os.environ.get("BENCH_DEBUG"):
            print(repr(exc)[:500], flush=True)
    await context.close()
    return v


def sample_cpu(pid: int, stop: threading.Event, samples: list[float]) -> None:
    last_t, last_c = time.monotonic(), cpu_seconds(pid)
    while not stop.wait(1.0):
        t, c = time.monotonic(), cpu_seconds(pid)
        samples.append(100 * (c - last_c) / (t - last_t))
        last_t, last_c = t, c


async def load_run(browser, app: App, url: str, n: int, duration: float) -> dict:
    samples: list[float] = []
    stop = threading.Event()
    cpu0, t0 = cpu_seconds(app.pid), time.monotonic()
    sampler = threading.Thread(target=sample_cpu, args=(app.pid, stop, samples), daemon=True)
    sampler.start()
    deadline = time.monotonic() + duration
    viewers = await asyncio.gather(*(viewer(browser, url, deadline, seed) for seed in range(n)))
    stop.set()
    sampler.join()
    cpu_total = cpu_seconds(app.pid) - cpu0
    wall = time.monotonic() - t0
    rss_after = rss_mib(app.pid)
    await asyncio.sleep(5)  # the sessions closed with their contexts; Streamlit lets them go
    changes = [c for v in viewers for c in v.changes]
    firsts = [v.first for v in viewers if v.first is not None]
    errors = [e for v in viewers for e in v.errors]
    return {
        "n": n,
        "changes": changes,
        "firsts": firsts,
        "loaded": len(firsts),
        "errors": errors,
        "cpu_mean": 100 * cpu_total / wall,
        "cpu_p95": p95(samples) if samples else None,
        "cpu_per_change": cpu_total / len(changes) * 1000 if changes else None,
        "rss_after": rss_after,
        "rss_closed": rss_mib(app.pid),
    }


def load_table(rows: list[dict]) -> str:
    lines = [
        "| viewers | pages loaded | first load ms p50 / p95 | filter changes | filter change ms p50 / p95 "
        "| errors | app CPU % mean / p95 | CPU ms per change | RSS MiB after run | RSS MiB after close |",
        "| --- " * 10 + "|",
    ]
    for r in rows:
        ch, fi = r["changes"], r["firsts"]
        errs = ", ".join(f"{r['errors'].count(e)} {e}" for e in sorted(set(r["errors"]))) or "0"
        lines.append(
            f"| {r['n']} | {r['loaded']}/{r['n']} | {ms(med(fi))} / {ms(p95(fi) if fi else None)} | {len(ch)} "
            f"| {ms(med(ch))} / {ms(p95(ch) if ch else None)} | {errs} | {r['cpu_mean']:.0f} / "
            f"{ms(r['cpu_p95'])} | {ms(r['cpu_per_change'])} | {r['rss_after']:.0f} | {r['rss_closed']:.0f} |"
        )
    return "\n".join(lines)


# --- the run -------------------------------------------------------------------------------------------


def machine(chromium_version: str) -> str:
    model = "?"
    with contextlib.suppress(OSError):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        model = next((ln.split(":", 1)[1].strip() for ln in lines if ln.startswith("model name")), "?")
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import streamlit as st

    return (
        f"{os.cpu_count()} CPUs ({model}), {ram:.1f} GiB RAM, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}, Streamlit {st.__version__}, Chromium {chromium_version}"
    )


APP_PAGES = [("Ringkasan", "ringkasan"), ("Wilayah", "wilayah"), ("Presentasi", "presentasi")]


async def page_tables(browser, args, tmp: Path, sample: Path, emit) -> None:
    """The baselines, then the app's pages on the sample and on the national store."""
    print("baselines …", flush=True)
    with streamlit(BENCH / "baseline_app.py", None, tmp / "baseline.log") as base, static_site(tmp) as html:
        pages = [
            (BASELINES[0], f"{base.base}/?chart=plotly", True),
            (BASELINES[1], f"{base.base}/?chart=vega", True),
            (BASELINES[2], html, False),
        ]
        baselines = await measure_pages(browser, pages, args.repeat)
    emit()
    emit("### Baselines (the floor)")
    emit()
    emit(table(baselines, baselines))
    print(f"national store: {args.months} month(s) of every kecamatan …", flush=True)
    t = time.monotonic()
    national, national_period = national_store(tmp, args.months)
    print(f"  made in {time.monotonic() - t:.0f} s", flush=True)
    stores = [
        ("sample", sample, "2025-07", "15", APP_PAGES),
        (f"national store, {args.months} month(s)", national, national_period, "35",
         APP_PAGES[:1] if args.quick else APP_PAGES),
    ]  # fmt: skip
    for label, data_dir, period, region, app_pages in stores:
        print(f"{label} …", flush=True)
        with streamlit(ROOT / "app.py", data_dir, tmp / "app.log") as app:
            pages = [(n, f"{app.base}/{p}?period={period}&region={region}", True) for n, p in app_pages]
            results = await measure_pages(browser, pages, args.repeat)
        emit()
        emit(f"### {label[0].upper() + label[1:]} (period {period}, region {region})")
        emit()
        emit(table(results, baselines))


async def main_async(args) -> str:
    from playwright.async_api import async_playwright

    started = time.monotonic()
    out: list[str] = []

    def emit(text: str = "") -> None:
        print(text, flush=True)
        out.append(text)

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sample = tmp / "sample"
        shutil.copytree(ROOT / "data", sample)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            emit(f"machine: {machine(browser.version)}")
            load = ", ".join(f"{x:.1f}".replace(".", ",") for x in os.getloadavg())
            emit(f"load average at the start: {load} (1, 5, 15 min; other work on the machine shows here)")
            emit(
                f"repeat {args.repeat}; national store: 7.285 kecamatan × 4 sectors × {args.months} month(s); "
                f"load run {args.duration:.0f} s per N"
            )
            if not args.no_pages:
                await page_tables(browser, args, tmp, sample, emit)
            rows = []
            for n in args.load:
                print(f"load run, {n} viewer(s) …", flush=True)
                with streamlit(ROOT / "app.py", sample, tmp / f"load-{n}.log") as app:
                    url = f"{app.base}/ringkasan?period=2025-07&region=15"
                    await cold_and_warm(browser, url, True)  # warm-up, not measured
                    rows.append(await load_run(browser, app, url, n, args.duration))
            if rows:
                emit()
                emit(
                    f"### Load: N viewers on one app process (sample), each changing region every 2–4 s "
                    f"for {args.duration:.0f} s"
                )
                emit()
                emit(load_table(rows))
            await browser.close()
    emit()
    load = ", ".join(f"{x:.1f}".replace(".", ",") for x in os.getloadavg())
    emit(f"benchmark took {time.monotonic() - started:.0f} s; load average at the end {load} (1, 5, 15 min)")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--months", type=int, default=3, help="months in the national store")
    parser.add_argument("--load", default="1,10,20,40", help="viewers per load run, comma-separated ('' for none)")
    parser.add_argument("--duration", type=float, default=60, help="seconds per load run")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 1 repeat, 1 month (Ringkasan only), load 2 for 10 s"
    )
    parser.add_argument("--no-pages", action="store_true", help="the load run only")
    parser.add_argument("--out", type=Path, help="where the tables go (default bench/browser-last.md; --quick: none)")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.months, args.load, args.duration = 1, 1, "2", 10
        global LOAD_TIMEOUT_MS
        LOAD_TIMEOUT_MS = 40_000
    args.load = [int(n) for n in args.load.split(",") if n.strip()]
    text = asyncio.run(main_async(args))
    if args.out is None and args.quick:
        return
    args.out = args.out or BENCH / "browser-last.md"
    args.out.write_text("# Browser benchmark, last run (`make bench-browser`)\n\n" + text + "\n")
    print(f"written to {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
