"""How fast the map page becomes usable with 10,000 events, in headless Chromium.

Synthesises N events (default 10,000; see bench_api.py) into a fresh SQLite
store, serves the app on 127.0.0.1 and loads the page in Debian's Chromium
(Playwright, never `playwright install`) several times.  "Usable" is the moment
the page marks itself ready: outlines, every event fetched, clustered and drawn,
the list and the timeline filled.  Then times a zoom, a filter click and opening
an event.  Target: ready <= 2 s.  Not a test: it prints numbers.

    python bench/bench_page.py            # 10,000 events, 5 loads
    python bench/bench_page.py -n 50000 --loads 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_api import Server, build_db  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
READY = "body[data-ready='1']:not([data-loading])"
TARGET_MS = 2000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--events", type=int, default=10_000)
    ap.add_argument("--loads", type=int, default=5)
    ap.add_argument("--screenshot", type=Path, help="save a screenshot of the last load here")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from marsad.api import create_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "page.db"
        build_db(db, args.events)
        with Server(create_app(str(db))) as srv, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            ready_ms: list[float] = []
            for i in range(args.loads):
                ctx = browser.new_context(viewport={"width": 1400, "height": 900})
                ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(srv.url) else r.abort())
                page = ctx.new_page()
                t0 = time.perf_counter()
                page.goto(srv.url + "/")
                page.wait_for_selector(READY, state="attached", timeout=60_000)
                ready_ms.append((time.perf_counter() - t0) * 1000)
                if i < args.loads - 1:
                    ctx.close()
            drawn = page.locator(".leaflet-marker-pane .mk").count()
            cluster_texts = page.locator(".leaflet-marker-pane .cl").all_inner_texts()
            n_clusters, in_clusters = len(cluster_texts), sum(int(t) for t in cluster_texts)
            timing = page.evaluate(
                "(() => { const n = performance.getEntriesByType('navigation')[0];"
                " return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; })()"
            )

            def timed(action, until: str) -> float:  # type: ignore[no-untyped-def]
                t0 = time.perf_counter()
                action()
                page.wait_for_selector(until, state="attached", timeout=60_000)
                return (time.perf_counter() - t0) * 1000

            zoom_ms = timed(
                lambda: page.locator(".leaflet-control-zoom-in").click(), ".leaflet-marker-pane .mk, .leaflet-marker-pane .cl"
            )
            page.wait_for_timeout(400)
            filter_ms = timed(
                lambda: page.locator("input[name=event_type][value='Battles']").check(),
                "body[data-points]:not([data-points='%d']):not([data-loading])" % args.events,
            )
            open_ms = timed(lambda: page.locator("#list li button").first.click(), "#panel blockquote.evidence")
            points = page.locator("body").get_attribute("data-points")
            if args.screenshot:
                page.screenshot(path=str(args.screenshot))
            browser.close()

    med = statistics.median(ready_ms)
    print(f"events: {args.events:,}; loads: {args.loads}")
    print("page ready (ms): " + ", ".join(f"{x:.0f}" for x in ready_ms) + f"; median {med:.0f}, max {max(ready_ms):.0f}")
    print(
        f"last load: DOMContentLoaded {timing['dcl']:.0f} ms, load {timing['load']:.0f} ms; "
        f"{drawn} single markers + {n_clusters} clusters holding {in_clusters:,} events"
    )
    print(
        f"after ready: zoom in {zoom_ms:.0f} ms; type filter (-> {points} events) {filter_ms:.0f} ms; "
        f"open an event {open_ms:.0f} ms"
    )
    print(f"target: ready <= {TARGET_MS} ms: {'met' if max(ready_ms) <= TARGET_MS else 'NOT met'} (worst of {args.loads})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
