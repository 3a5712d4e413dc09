"""Does the Map draw the same picture with outlines sent as typed arrays (NaN gaps) as it did with lists
(null gaps)? `python benchmarks/map_pixels.py <checkout of the code before> --out DIR`.

Starts the dashboard from the given checkout (e.g. `git archive 5347e0e | tar -x -C /tmp/p3map-before`)
and from this one, opens the same Map views in Chromium (Streamlit's own plotly.js) at 1440x900 and
390x844, and compares screenshots of the chart pixel by pixel; as a control, this checkout's chart is
shot twice. Also compares what plotly.js made of each figure: every trace's name and number of points.
Prints one row per view and size; the PNGs (and a difference image where they differ) go to --out.
Nothing here is a test; the result goes in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from PIL import Image, ImageChops  # noqa: E402
from playwright.sync_api import Browser, sync_playwright  # noqa: E402

from benchmarks.loadkit import servers  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_FLAGS, wait_for_app  # noqa: E402

VIEWS = {
    "value, Birmingham chosen": "map?council=E08000025&measure=rereferral_pct",
    "floor verdict, Birmingham chosen": "map?council=E08000025&measure=rereferral_pct&colour=Floor+verdict",
    "value, 2021-22 boundaries, none chosen": "map?measure=rereferral_pct&period=2021-22",
}
SIZES = [(1440, 900), (390, 844)]
CHART = "[data-testid='stPlotlyChart']"
TRACES = f"""() => document.querySelector("{CHART} .js-plotly-plot")._fullData.map(t => [t.name, t._length])"""


@contextmanager
def _server(checkout: Path) -> Iterator[str]:
    with servers.replicas(checkout / "dashboard.py", 1, cwd=checkout) as (replica,):
        yield replica.url


def shot(browser: Browser, url: str, size: tuple[int, int]) -> tuple[bytes, list[list[object]]]:
    """A screenshot of the chart once drawn, and plotly.js's traces (name, number of points)."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(url)
        wait_for_app(page)
        page.wait_for_selector(f"{CHART} .main-svg")
        page.evaluate(f"""() => document.querySelector("{CHART}").scrollIntoView({{block: 'start'}})""")
        page.wait_for_timeout(1500)  # let plotly.js finish drawing and any resize settle
        page.mouse.move(0, 0)  # nothing hovered
        return page.locator(CHART).first.screenshot(), page.evaluate(TRACES)
    finally:
        context.close()


def differing(a: bytes, b: bytes, out: Path | None) -> int:
    """How many pixels differ (any channel); a difference image is saved when any do."""
    one, two = (Image.open(io.BytesIO(x)).convert("RGB") for x in (a, b))
    if one.size != two.size:
        return -1
    diff = ImageChops.difference(one, two)
    count = int(np.count_nonzero(np.asarray(diff).any(axis=2)))
    if count and out:
        diff.point(lambda v: 255 if v else 0).save(out)
    return count


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("before", type=Path, help="a checkout of the code before (with its data/prepared)")
    p.add_argument("--out", type=Path, required=True, help="a folder for the screenshots")
    a = p.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    shots: dict[tuple[str, str, tuple[int, int]], tuple[bytes, list[list[object]]]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        for label, checkout in (("before", a.before.resolve()), ("after", ROOT), ("after again", ROOT)):
            with _server(checkout) as url:
                for view, path in VIEWS.items():
                    for size in SIZES:
                        shots[label, view, size] = shot(browser, f"{url}/{path}", size)
        browser.close()
    print("| view | size | pixels | differing, before vs after | control: after vs after | same traces |")
    print("|---|---|---:|---:|---:|---|")
    for number, view in enumerate(VIEWS, start=1):
        for size in SIZES:
            (b, b_traces), (n, n_traces), (n2, _) = (shots[k, view, size] for k in ("before", "after", "after again"))
            stem = f"view{number}_{size[0]}x{size[1]}"
            for name, png in (("before", b), ("after", n)):
                (a.out / f"{stem}_{name}.png").write_bytes(png)
            w, h = Image.open(io.BytesIO(n)).size
            changed = differing(b, n, a.out / f"{stem}_diff.png")
            control = differing(n, n2, None)
            print(f"| {view} | {size[0]}x{size[1]} | {w}x{h} | {changed} | {control} | {b_traces == n_traces} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
