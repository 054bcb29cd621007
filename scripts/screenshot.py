"""Take the screenshots of the map page shown in the docs (docs/screenshot-desktop.png, docs/screenshot-phone.png).

Serves the app on the given database (127.0.0.1, a free port), opens the page
in Debian's headless Chromium through Playwright (never `playwright install`),
waits until the events are drawn, optionally opens one event, and saves a PNG.
Nothing is fetched from outside 127.0.0.1 (OpenStreetMap tiles stay off).

    python scripts/screenshot.py demo.db --docs     # both docs screenshots: 1440x900 and 390x844
    python scripts/screenshot.py marsad.db -o /tmp/shot.png --event latest --lang en --size 390x844
    python scripts/screenshot.py marsad.db --query "event_type=Battles&admin1=Idlib" --event 42
"""

from __future__ import annotations

import argparse
import socket
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", help="database: SQLite file path or SQLAlchemy URL")
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "screenshot-desktop.png")
    ap.add_argument(
        "--docs", action="store_true", help="write docs/screenshot-desktop.png (1440x900) and docs/screenshot-phone.png (390x844)"
    )
    ap.add_argument("--lang", choices=("en", "ar"), default="en")
    ap.add_argument(
        "--event",
        default="latest",
        help="event id to open in the side panel, 'latest' (default: the newest event in the list) or 'none'",
    )
    ap.add_argument("--query", default="", help="page filters as a query string, e.g. 'event_type=Battles'")
    ap.add_argument("--size", default="1440x900", help="viewport WIDTHxHEIGHT")
    args = ap.parse_args(argv)

    import uvicorn
    from playwright.sync_api import sync_playwright

    from marsad.api import create_app

    app = create_app(args.db)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    base = f"http://127.0.0.1:{port}"
    try:
        shots = (
            [("1440x900", ROOT / "docs" / "screenshot-desktop.png"), ("390x844", ROOT / "docs" / "screenshot-phone.png")]
            if args.docs
            else [(args.size, args.output)]
        )
        query = "&".join(p for p in (args.query.lstrip("?"), "lang=ar" if args.lang == "ar" else "") if p)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for size, output in shots:
                width, height = (int(x) for x in size.lower().split("x"))
                ctx = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                ctx.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                page = ctx.new_page()
                page.goto(f"{base}/{'?' + query if query else ''}")
                page.wait_for_selector(READY, state="attached", timeout=60_000)
                if args.event != "none":
                    tabs = page.locator("#views")
                    if tabs.is_visible():  # a phone: the list is in its own view
                        page.locator("#views [data-view=list]").click()
                    button = (
                        page.locator("#list li button").first
                        if args.event == "latest"
                        else page.locator(f"#list button[data-id='{int(args.event)}']")
                    )
                    if button.count():
                        button.click()
                        page.wait_for_selector("#panel blockquote.evidence", timeout=30_000)
                    if tabs.is_visible():
                        page.locator("#views [data-view=map]").click()
                page.wait_for_timeout(400)
                output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output))
                ctx.close()
                print(f"saved {output}")
            browser.close()
    finally:
        server.should_exit = True
        thread.join(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
