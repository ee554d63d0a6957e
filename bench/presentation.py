"""How long the Presentasi page takes to show the next slide, against drawing a slide on the server.

``python bench/presentation.py [--presses 12]`` starts ``streamlit run app.py`` on the sample data,
opens /presentasi in headless Chromium (/usr/bin/chromium), and measures, median and p95:
- a key press (→) until the next slide's counter shows: the browser switches slides itself;
- the baseline, measured in the same run: the page drawn by the server for a slide (a reload of
  /presentasi?slide=n until its counter shows), which is what every key press cost before.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presses", type=int, default=12)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port), "STREAMLIT_SERVER_HEADLESS": "true"}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 720})
            url = f"{base}/presentasi?period=2025-07&region=15.71"
            page.goto(url)
            page.wait_for_function("() => !!document.__ucjKeys", timeout=60_000)
            total = int(page.locator(".ucj-counter").inner_text().split()[-1])
            presses, draws = [], []
            for i in range(args.presses):
                k = i % (total - 1) + 1
                if k == 1 and i:  # past the last slide: start again from the first
                    page.goto(url)
                    page.wait_for_function("() => !!document.__ucjKeys", timeout=60_000)
                t = time.perf_counter()
                page.keyboard.press("ArrowRight")
                page.wait_for_function(
                    f"() => document.querySelector('.ucj-counter').innerText.startsWith('Slide {k + 1} ')"
                )
                presses.append((time.perf_counter() - t) * 1000)
            for i in range(max(3, args.presses // 3)):
                k = i % total + 1
                t = time.perf_counter()
                page.goto(f"{url}&slide={k}")
                page.wait_for_function(
                    f"() => {{ const c = document.querySelector('.ucj-counter');"
                    f" return c && c.innerText.startsWith('Slide {k} ') && !!document.__ucjKeys; }}",
                    timeout=60_000,
                )
                draws.append((time.perf_counter() - t) * 1000)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    med, base_med = statistics.median(presses), statistics.median(draws)
    print("| Presentasi | median ms | p95 ms |")
    print("| --- | --- | --- |")
    print(f"| key press → next slide | {med:.0f} | {_p95(presses):.0f} |")
    print(f"| baseline: a slide drawn by the server | {base_med:.0f} | {_p95(draws):.0f} |")
    print(f"key press ÷ baseline: {med / base_med:.3f}")


if __name__ == "__main__":
    main()
