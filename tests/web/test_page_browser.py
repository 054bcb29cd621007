"""The map page in a real headless Chromium, against a live server on 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.browser

LOCATED = 8  # sample events drawn as markers (geo_precision 1 or 2)


def _marker_total(page) -> int:  # type: ignore[no-untyped-def]
    singles = page.locator(".leaflet-marker-pane .mk").count()
    clusters = sum(int(t) for t in page.locator(".leaflet-marker-pane .cl").all_inner_texts())
    return singles + clusters


def _query(page) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return parse_qs(urlsplit(page.url).query)


def _wait_points(page, n: int) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector(f"body[data-points='{n}']:not([data-loading])", state="attached", timeout=10_000)


def test_page_shows_the_expected_markers(open_page, event_ids, artifacts):  # type: ignore[no-untyped-def]
    page = open_page()
    assert page.locator("body").get_attribute("data-points") == "9"
    assert _marker_total(page) == LOCATED
    # The governorate-only event (Daraa) is not a dot: its governorate is shaded instead.
    assert page.locator(f".leaflet-marker-pane .mk[data-id='{event_ids['محافظة درعا']}']").count() == 0
    shaded = page.evaluate(
        "[...document.querySelectorAll('path.ol-admin1')].filter(p => +p.getAttribute('fill-opacity') > 0.1).length"
    )
    assert shaded == 1
    # The event near al-Mayadin (geo_precision 2) is marked as approximate.
    near = page.locator(f".mk[data-id='{event_ids['ريف الميادين']}']")
    if near.count():
        assert "p2" in (near.get_attribute("class") or "")
    assert page.locator("#list li button").count() == 9
    assert "9 events" in page.locator("#counts").inner_text()
    assert "Wikipedia contributors (CC BY-SA)" in page.locator("#data-attribution").inner_text()
    page.screenshot(path=str(artifacts / "page-default.png"))
    assert page.errors == []


def test_a_filter_narrows_map_and_list(open_page):  # type: ignore[no-untyped-def]
    page = open_page()
    page.locator("input[name=event_type][value='Protests']").check()
    _wait_points(page, 2)
    assert _marker_total(page) == 2
    assert page.locator("#list li button").count() == 2
    assert _query(page)["event_type"] == ["Protests"]
    page.locator("input[name=q]").fill("منبج")
    _wait_points(page, 1)
    assert _marker_total(page) == 1
    assert _query(page)["q"] == ["منبج"]
    page.locator("#reset").click()
    _wait_points(page, 9)
    assert "event_type" not in _query(page)
    assert page.errors == []


def test_search_ignores_hamza_and_clitics(open_page):  # type: ignore[no-untyped-def]
    page = open_page()
    page.locator("input[name=q]").fill("بادلب")
    _wait_points(page, 2)
    names = page.locator("#list .where").all_inner_texts()
    assert all("Idlib" in n for n in names)


def test_an_event_opens_with_its_arabic_evidence_right_to_left(open_page, event_ids, artifacts):  # type: ignore[no-untyped-def]
    page = open_page()
    page.locator(f"#list button[data-id='{event_ids['كفرنبل']}']").click()
    evidence = page.locator("#panel blockquote.evidence")
    evidence.wait_for()
    assert evidence.get_attribute("dir") == "rtl" and evidence.get_attribute("lang") == "ar"
    assert evidence.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert "كفرنبل" in evidence.inner_text()
    assert page.locator("#panel blockquote mark.hl-place").all_inner_texts() == ["كفرنبل"]
    assert "لقوات النظام" in page.locator("#panel blockquote mark.hl-actor").all_inner_texts()
    assert "قصف" in page.locator("#panel blockquote mark.hl-event").all_inner_texts()
    panel = page.locator("#panel").inner_text()
    assert "Syrian government artillery shelled Kafr Nabl" in panel
    assert "exact day" in panel and "the place itself" in panel
    link = page.locator("#panel .sources a")
    assert link.get_attribute("href") == "https://example.org/news/kafranbel"
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    assert _query(page)["ev"] == [str(event_ids["كفرنبل"])]
    assert page.locator(f".mk.sel[data-id='{event_ids['كفرنبل']}']").count() == 1
    page.screenshot(path=str(artifacts / "page-event.png"))
    assert page.errors == []


def test_precision_is_shown_honestly(open_page, event_ids):  # type: ignore[no-untyped-def]
    page = open_page(f"?ev={event_ids['محافظة درعا']}")
    page.locator("#panel blockquote").wait_for()
    panel = page.locator("#panel").inner_text()
    assert "only the governorate is known" in panel and "that week" in panel
    # the governorate is outlined, no marker is drawn for it
    assert page.locator(f".mk[data-id='{event_ids['محافظة درعا']}']").count() == 0
    assert page.evaluate("[...document.querySelectorAll('path.ol-admin1')].some(p => p.getAttribute('stroke-width') === '3')")


def test_the_url_round_trips_the_filters(open_page, live_server, event_ids, chromium_browser):  # type: ignore[no-untyped-def]
    page = open_page()
    page.locator("input[name=event_type][value='Explosions/Remote violence']").check()
    _wait_points(page, 4)
    page.locator("select[name=admin1]").select_option("Idlib")
    _wait_points(page, 2)
    page.locator("input[name=min_fatalities]").fill("4")
    page.locator("input[name=min_fatalities]").dispatch_event("change")
    _wait_points(page, 1)
    page.locator(f"#list button[data-id='{event_ids['سراقب']}']").click()
    page.locator("#panel blockquote").wait_for()
    page.locator("#lang-switch").click()
    shared = page.url
    q = _query(page)
    assert q["event_type"] == ["Explosions/Remote violence"] and q["admin1"] == ["Idlib"]
    assert q["min_fatalities"] == ["4"] and q["lang"] == ["ar"] and q["ev"] == [str(event_ids["سراقب"])]

    other = chromium_browser.new_page()
    try:
        other.goto(shared)
        other.wait_for_selector("body[data-ready='1'][data-points='1']:not([data-loading])", state="attached")
        assert other.locator("html").get_attribute("dir") == "rtl"
        assert other.locator("input[name=event_type][value='Explosions/Remote violence']").is_checked()
        assert other.locator("select[name=admin1]").input_value() == "Idlib"
        assert other.locator("input[name=min_fatalities]").input_value() == "4"
        other.locator("#panel blockquote").wait_for()
        assert "سراقب" in other.locator("#panel blockquote").inner_text()
        assert other.locator("#list li.sel").count() == 1
        assert other.url == shared
    finally:
        other.close()


def test_the_timeline_brush_filters_dates(open_page):  # type: ignore[no-untyped-def]
    page = open_page()
    box = page.locator("#timeline-svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.25, y, steps=5)
    page.mouse.up()
    page.wait_for_selector("body:not([data-points='9']):not([data-loading])", state="attached")
    q = _query(page)
    assert q["start"] == ["2020-01-06"]
    assert re.fullmatch(r"2020-01-0\d", q["end"][0])
    assert int(page.locator("body").get_attribute("data-points")) < 9
    assert page.locator("input[name=start]").input_value() == "2020-01-06"
    page.locator("#timeline-clear").click()
    _wait_points(page, 9)


def test_arabic_interface(open_page):  # type: ignore[no-untyped-def]
    page = open_page("?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert "معارك" in page.locator("#types").inner_text()
    assert "حدثاً" in page.locator("#counts").inner_text()
    page.locator("#lang-switch").click()
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert "Battles" in page.locator("#types").inner_text()


def test_hostile_article_text_does_not_execute(open_page, event_ids, artifacts):  # type: ignore[no-untyped-def]
    hostile = event_ids["دوما"]
    page = open_page(f"?ev={hostile}")
    page.locator("#panel blockquote").wait_for()
    page.locator(f"#list button[data-id='{hostile}']").click()
    page.locator("#panel blockquote").wait_for()
    page.wait_for_timeout(300)  # give an injected onerror the chance to fire
    assert page.evaluate("typeof window.__pwned") == "undefined"
    panel = page.locator("#panel")
    # The markup is shown as text ...
    assert "<script>window.__pwned = 1</script>" in panel.inner_text()
    assert 'onerror="window.__pwned=4"' in panel.inner_text()
    # ... and never became elements.
    assert panel.locator("script, img, iframe, object").count() == 0
    assert page.locator("#list script, #list img").count() == 0
    hrefs = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert "link not shown" in panel.inner_text()
    page.screenshot(path=str(artifacts / "page-hostile.png"))
    assert page.errors == []  # no dialog, no page error, no CSP violation


def test_screenshot_is_kept(open_page, artifacts):  # type: ignore[no-untyped-def]
    page = open_page("?lang=ar")
    path = artifacts / "page-arabic.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def test_offline_by_default_tiles_only_on_request(open_page, live_server):  # type: ignore[no-untyped-def]
    page = open_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))
    page.reload()
    page.wait_for_selector("body[data-ready='1']:not([data-loading])", state="attached")
    assert outside == []  # Leaflet, outlines, data: all from the app itself
    page.goto(f"{live_server.url}/?osm=1")
    page.wait_for_selector("body[data-ready='1']:not([data-loading])", state="attached")
    page.wait_for_timeout(300)
    assert outside and all(u.startswith("https://tile.openstreetmap.org/") for u in outside)
    assert _query(page)["osm"] == ["1"]


def test_api_docs_render_offline(web_page, live_server, artifacts):  # type: ignore[no-untyped-def]
    """/docs is Swagger UI from the fastapi-offline package: it renders the
    API's operations with nothing fetched from outside 127.0.0.1."""
    outside: list[str] = []
    web_page.on("request", lambda r: None if r.url.startswith(live_server.url) else outside.append(r.url))
    web_page.goto(f"{live_server.url}/docs")
    web_page.wait_for_selector(".swagger-ui .info .title", timeout=15_000)
    assert "Marsad" in web_page.inner_text(".swagger-ui .info .title")
    web_page.wait_for_selector(".opblock-summary-path[data-path='/api/events']", timeout=15_000)
    assert outside == []
    assert not [e for e in web_page.errors if "favicon" not in e], web_page.errors
    web_page.screenshot(path=str(artifacts / "api-docs.png"))
