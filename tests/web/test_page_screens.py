"""The map page on a phone (390×844) and a desktop (1440×900) in real headless
Chromium: no sideways scrolling, no region covering another, place names drawn
offline, markers sized by deaths, the timeline's quick ranges and playback."""

from __future__ import annotations

import math
import time
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from marsad.api.labels import place_labels

pytestmark = pytest.mark.browser

PHONE = (390, 844)
DESKTOP = (1440, 900)
READY = "body[data-ready='1']:not([data-loading])"

# Main regions of the page; each visible one must sit inside the viewport's width
# and overlap no other.
REGIONS = [
    "header.topbar",
    "#views",
    "form.filters",
    "#map",
    "#timeline",
    "#panel",
    "section.weekly",
    "section.list-wrap",
    "footer.attribution",
]

# For every visible region: its rectangle and whether the point at its centre (once
# scrolled into view) belongs to it (nothing drawn over it).
_MEASURE = """(sels) => sels.map((sel) => {
  const node = document.querySelector(sel);
  if (!node) return null;
  const style = getComputedStyle(node);
  const r = node.getBoundingClientRect();
  if (style.display === 'none' || node.hidden || r.width < 1 || r.height < 1) return null;
  const left = r.left + scrollX, right = r.right + scrollX, top0 = r.top + scrollY, bottom0 = r.bottom + scrollY;
  node.scrollIntoView({block: 'nearest'});
  const v = node.getBoundingClientRect();
  const top = Math.max(v.top, 0), bottom = Math.min(v.bottom, innerHeight);
  const x = (Math.max(v.left, 0) + Math.min(v.right, innerWidth)) / 2, y = (top + bottom) / 2;
  const hit = document.elementFromPoint(x, y);
  return {sel, left, right, top: top0, bottom: bottom0,
          covered: !(hit && (node === hit || node.contains(hit))), by: hit ? hit.tagName + '.' + hit.className : null};
})"""


def _query(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlsplit(page.url).query)


def _poll(page, get, done, timeout: float = 15.0):  # type: ignore[no-untyped-def]
    """get() until done(value) or the timeout (a slow CI machine), then the last value.
    (page.wait_for_timeout, not time.sleep: Playwright sees the page's events meanwhile.)"""
    end = time.monotonic() + timeout
    value = get()
    while not done(value) and time.monotonic() < end:
        page.wait_for_timeout(100)
        value = get()
    return value


@pytest.fixture()
def screen(chromium_browser, live_server):  # type: ignore[no-untyped-def]
    """Open the page at a viewport size; nothing may be fetched from outside 127.0.0.1."""
    contexts = []

    def open_at(size: tuple[int, int], query: str = ""):  # type: ignore[no-untyped-def]
        ctx = chromium_browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="en-GB")
        contexts.append(ctx)
        page = ctx.new_page()
        page.outside = []  # type: ignore[attr-defined]
        page.errors = []  # type: ignore[attr-defined]

        def route(r):  # type: ignore[no-untyped-def]
            if r.request.url.startswith(live_server.url):
                r.continue_()
            else:
                page.outside.append(r.request.url)  # type: ignore[attr-defined]
                r.abort()

        ctx.route("**/*", route)
        page.on("pageerror", lambda exc: page.errors.append(str(exc)))  # type: ignore[attr-defined]
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))  # type: ignore[attr-defined]
        page.goto(f"{live_server.url}/{query}")
        page.wait_for_selector(READY, state="attached", timeout=15_000)
        return page

    yield open_at
    for ctx in contexts:
        ctx.close()


def _check_layout(page, label: str) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    width = page.evaluate("innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{label}: the page scrolls sideways"
    assert page.evaluate("document.body.scrollWidth") <= width, f"{label}: the page scrolls sideways"
    boxes = [b for b in page.evaluate(_MEASURE, REGIONS) if b]
    for b in boxes:
        assert b["left"] >= -0.5 and b["right"] <= width + 0.5, f"{label}: {b['sel']} is wider than the screen: {b}"
        assert not b["covered"], f"{label}: {b['sel']} is covered by {b['by']}"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap_x = min(a["right"], b["right"]) - max(a["left"], b["left"])
            overlap_y = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            assert overlap_x <= 0.5 or overlap_y <= 0.5, f"{label}: {a['sel']} and {b['sel']} overlap: {a} {b}"
    if page.locator("#panel .close").is_visible():  # the close button beside the heading, not on it
        close, head = page.locator("#panel .close").bounding_box(), page.locator("#panel h2").bounding_box()
        assert (
            close["x"] >= head["x"] + head["width"] - 0.5
            or close["x"] + close["width"] <= head["x"] + 0.5
            or close["y"] >= head["y"] + head["height"] - 0.5
        ), f"{label}: the close button covers the heading"
    lang = page.locator("#lang-switch").bounding_box()
    assert lang and 0 <= lang["x"] and lang["x"] + lang["width"] <= width, f"{label}: the language button is off-screen"
    return boxes


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_phone_layout_has_no_overflow_and_no_overlap(screen, event_ids, artifacts, lang):  # type: ignore[no-untyped-def]
    ev = event_ids["سراقب"]
    page = screen(PHONE, f"?ev={ev}" + ("&lang=ar" if lang == "ar" else ""))
    page.locator("#panel blockquote").wait_for()
    seen = {}
    for view in ("map", "list", "filters"):
        page.locator(f"#views [data-view={view}]").click()
        page.wait_for_timeout(150)
        page.evaluate("window.scrollTo(0, 0)")
        boxes = {b["sel"] for b in _check_layout(page, f"{lang} {view}")}
        seen[view] = boxes
        page.screenshot(path=str(artifacts / f"phone-{lang}-{view}.png"), full_page=True)
    # Map first: the map and the timeline, the open event below them; the list and
    # the filters each in their own view.
    assert {"#map", "#timeline", "#panel"} <= seen["map"] and "section.list-wrap" not in seen["map"]
    assert {"section.list-wrap", "#panel", "section.weekly"} <= seen["list"] and "#map" not in seen["list"]
    assert "form.filters" in seen["filters"] and "#map" not in seen["filters"]
    map_box = page.locator("#views [data-view=map]")
    map_box.click()
    assert page.locator("#map").bounding_box()["height"] >= 0.45 * PHONE[1]
    assert page.errors == [] and page.outside == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_desktop_layout_has_no_overflow_and_no_overlap(screen, event_ids, artifacts, lang):  # type: ignore[no-untyped-def]
    ev = event_ids["سراقب"]
    page = screen(DESKTOP, f"?ev={ev}" + ("&lang=ar" if lang == "ar" else ""))
    page.locator("#panel blockquote").wait_for()
    boxes = {b["sel"] for b in _check_layout(page, f"desktop {lang}")}
    assert {"form.filters", "#map", "#timeline", "#panel", "section.list-wrap"} <= boxes
    assert "#views" not in boxes  # the tabs are for small screens
    assert page.evaluate("document.documentElement.scrollHeight") <= DESKTOP[1]  # one screen, no page scroll
    # The legend is whole and visible without scrolling the filter column ...
    legend = page.locator("section.legend").bounding_box()
    form = page.locator("form.filters").bounding_box()
    assert legend["y"] + legend["height"] <= form["y"] + form["height"] + 0.5
    assert page.evaluate("[...document.querySelectorAll('.legend li')].every(li => li.scrollWidth <= li.clientWidth + 1)")
    # ... and the versions line is inside the open panel, not under the event list.
    versions = page.locator("#panel .versions").bounding_box()
    panel = page.locator("#panel").bounding_box()
    assert panel["y"] <= versions["y"] and versions["y"] + versions["height"] <= panel["y"] + panel["height"] + 0.5
    text = page.locator("#panel .versions").inner_text()
    if lang == "ar":
        assert "المعجم" in text and "lexicon" not in text and "gazetteer" not in text
        sources = page.locator("#panel .sources li").first
        assert sources.locator("bdi").count() >= 1  # title, outlet and date kept apart
    else:
        assert "lexicon" in text
    page.screenshot(path=str(artifacts / f"desktop-{lang}.png"))
    assert page.errors == [] and page.outside == []


def _label_texts(page) -> set[str]:  # type: ignore[no-untyped-def]
    page.wait_for_selector(".leaflet-labels-pane .pl", timeout=10_000)
    return set(page.locator(".leaflet-labels-pane .pl").all_inner_texts())


def test_place_names_are_drawn_offline_by_zoom(screen):  # type: ignore[no-untyped-def]
    rows = place_labels()["rows"]
    village_only = {r[0] for r in rows if r[4] >= 11} - {r[0] for r in rows if r[4] < 11}
    page = screen(DESKTOP)
    names = _label_texts(page)
    assert {"Damascus", "Aleppo", "Idlib"} <= names  # governorates and big cities at the country view
    assert not names & village_only  # no village names yet
    page = screen(DESKTOP, "?at=12/35.6138/36.5617")  # zoomed in on Kafr Nabl
    near = _label_texts(page)
    assert len(near & village_only) >= 5, near  # villages appear as one zooms in
    page = screen(DESKTOP, "?lang=ar")
    assert {"دمشق", "حلب"} <= _label_texts(page)  # in the page's language
    page.locator("#lang-switch").click()
    assert "Damascus" in _label_texts(page)
    assert page.outside == []  # all of it with no network


def _marker_size(fatalities: int) -> int:
    return round(min(34, 14 + 4 * math.log2(1 + fatalities)))


def test_markers_are_sized_by_fatalities(screen, event_ids):  # type: ignore[no-untyped-def]
    page = screen(DESKTOP, "?at=9/35.8/37.2")  # Idlib and Aleppo: Saraqab (5), Kafr Nabl (3), Manbij (0)
    page.wait_for_selector(".leaflet-marker-pane .mk")
    drawn = page.evaluate(
        "[...document.querySelectorAll('.leaflet-marker-pane .mk')]"
        ".map(m => [+m.dataset.id, +m.dataset.fatalities, m.offsetWidth])"
    )
    by_id = {i: (f, w) for i, f, w in drawn}
    saraqab, kafranbel, manbij = (by_id[event_ids[n]] for n in ("سراقب", "كفرنبل", "منبج"))
    assert (saraqab[0], kafranbel[0], manbij[0]) == (5, 3, 0)
    assert saraqab[1] > kafranbel[1] > manbij[1]
    for f, w in by_id.values():
        assert w == _marker_size(f)


def test_timeline_quick_ranges_and_playback(screen, live_server):  # type: ignore[no-untyped-def]
    page = screen(DESKTOP)
    days = httpx.get(f"{live_server.url}/api/timeline").json()["days"]
    first, last = days[0]["date"], days[-1]["date"]
    import datetime as dt

    def expect(n: int) -> tuple[str, str]:
        start = max(dt.date.fromisoformat(first), dt.date.fromisoformat(last) - dt.timedelta(days=n - 1))
        return start.isoformat(), last

    def count(start: str, end: str) -> int:
        return httpx.get(f"{live_server.url}/api/events", params={"start": start, "end": end}).json()["total"]

    for button, n in (("7", 7), ("1", 1), ("30", 30)):
        page.locator(f"#timeline [data-range='{button}']").click()
        start, end = expect(n)
        page.wait_for_selector(f"body[data-points='{count(start, end)}']:not([data-loading])", state="attached")
        q = _query(page)
        assert (q["start"], q["end"]) == ([start], [end])
        pressed = page.locator("#timeline [data-range][aria-pressed='true']")
        assert pressed.count() >= 1 and button in [pressed.nth(i).get_attribute("data-range") for i in range(pressed.count())]
    page.locator("#timeline [data-range='all']").click()
    page.wait_for_selector("#timeline [data-range='all'][aria-pressed='true']")  # redrawn with no date range
    page.wait_for_selector("body[data-points='9']:not([data-loading])", state="attached")
    assert "start" not in _query(page) and "end" not in _query(page)
    # The axis: the most per day (or per bin) and date ticks.
    assert "at most" in page.locator("#timeline-svg text.ymax").text_content()
    assert page.locator("#timeline-svg .ticks text").count() >= 2
    assert page.locator("#tl-summary").inner_text() == "9 dated events"
    # Playback steps a window through the span, and stops.
    page.locator("#tl-play").click()
    assert page.locator("#tl-play").get_attribute("aria-pressed") == "true"
    q = _poll(page, lambda: _query(page), lambda q: q.get("start", [first])[0] > first)  # a later window
    assert q["start"][0] > first and q["end"][0] <= last
    page.locator("#tl-play").click()
    assert page.locator("#tl-play").get_attribute("aria-pressed") == "false"
    # The weekly chart draws the shown events by type.
    page.locator("#timeline [data-range='all']").click()
    page.wait_for_selector("body[data-points='9']:not([data-loading])", state="attached")
    assert page.locator("#weekly-svg rect").count() >= 6 and page.locator("#weekly-svg circle.wk-dead").count() >= 1


def test_list_rows_and_panel_show_actors_and_sources(screen, event_ids, live_server):  # type: ignore[no-untyped-def]
    page = screen(DESKTOP, "?admin1=Idlib")
    row = page.locator(f"#list button[data-id='{event_ids['سراقب']}']")
    assert "Russian forces → civilians" in row.inner_text() and "1 source" in row.inner_text()
    row.click()
    page.locator("#panel blockquote").wait_for()
    link = page.locator("#panel .sources a")
    assert link.get_attribute("href") == "https://example.org/news/saraqab"
    assert "https://example.org/news/saraqab" in page.locator("#panel .sources").inner_text()
    # The feed link carries the page's filters and answers the same events.
    href = page.locator("#feed").get_attribute("href")
    assert href.startswith("/api/events.atom?") and "admin1=Idlib" in href
    import feedparser

    feed = feedparser.parse(httpx.get(live_server.url + href).content)
    assert len(feed.entries) == int(page.locator("body").get_attribute("data-points")) == 2
    assert page.locator("link#feed-discovery").get_attribute("href") == href


def test_phone_marker_opens_the_event_below_the_map(screen):  # type: ignore[no-untyped-def]
    page = screen(PHONE)
    marker = page.locator(".leaflet-marker-pane .mk").first
    marker.click()
    page.locator("#panel blockquote").wait_for()
    panel = _poll(page, lambda: page.locator("#panel").bounding_box(), lambda b: b["y"] < PHONE[1] - 40)  # the smooth scroll
    map_box = page.locator("#map").bounding_box()
    assert panel["y"] >= map_box["y"] + map_box["height"]  # under the map, not over it
    assert panel["y"] < PHONE[1] - 40  # its first lines in view
    assert map_box["y"] + map_box["height"] > 100  # and the map still on screen
    _check_layout(page, "phone, event open from the map")
