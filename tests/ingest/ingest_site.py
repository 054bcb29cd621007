"""A small Arabic news site written for these tests: pages, feeds, robots.txt, and
a threaded HTTP server on 127.0.0.1 that serves them with ETag/Last-Modified,
redirects, 404s, slow answers and a request log."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

STORIES = {
    "saraqib": (
        "قصف مدفعي على سراقب",
        "قصفت قوات النظام بالمدفعية الثقيلة صباح اليوم الأربعاء الأحياء السكنية في مدينة سراقب بريف إدلب الشرقي، "
        "ما أدى إلى مقتل ثلاثة مدنيين بينهم طفل وإصابة خمسة آخرين بجروح متفاوتة. وقال الدفاع المدني السوري إن فرقه "
        "انتشلت الضحايا من تحت أنقاض منزل مؤلف من طابقين في الحي الشرقي من المدينة، وإن القصف تواصل لساعات وطال "
        "الطريق الدولي حلب دمشق. وأفاد ناشطون بأن موجة نزوح جديدة بدأت من المدينة باتجاه المخيمات الحدودية.",
    ),
    "mayadin": (
        "غارة جوية على الميادين",
        "استهدفت طائرة مسيرة مجهولة الهوية مساء أمس الثلاثاء سيارة عسكرية تقل عناصر من الميليشيات الإيرانية قرب "
        "مدينة الميادين في ريف دير الزور الشرقي، ما أسفر عن مقتل أربعة عناصر وتدمير السيارة بالكامل. وذكرت شبكات "
        "محلية أن الطيران المسير حلق لساعات فوق المنطقة قبل تنفيذ الضربة، وأن سيارات الإسعاف نقلت الجثث إلى "
        "المشفى العسكري في المدينة وسط استنفار أمني واسع.",
    ),
    "daraa": (
        "اغتيال في درعا",
        "اغتال مسلحون مجهولون مساء الثلاثاء شاباً من أبناء مدينة طفس في ريف درعا الغربي بإطلاق النار عليه من "
        "مسافة قريبة أثناء عودته إلى منزله، وفر المهاجمون إلى جهة مجهولة. وقال تجمع أحرار حوران إن الشاب كان "
        "يعمل في محل لبيع المواد الغذائية ولم يكن منتمياً لأي جهة عسكرية، وإن حوادث الاغتيال تصاعدت في المحافظة "
        "خلال الأسابيع الأخيرة دون أن تعلن أي جهة مسؤوليتها عنها.",
    ),
    "bab": (
        "انفجار في الباب",
        "انفجرت دراجة نارية مفخخة ظهر اليوم في سوق الخضار وسط مدينة الباب شرقي حلب، ما أدى إلى مقتل مدنيين اثنين "
        "وإصابة سبعة آخرين بينهم نساء. وهرعت فرق الدفاع المدني إلى المكان وأخمدت الحريق الذي اندلع في عدد من "
        "المحال التجارية، فيما فرضت الشرطة المحلية طوقاً أمنياً حول السوق وبدأت التحقيق في ملابسات التفجير.",
    ),
}


def page(title: str, text: str, *, date: str | None = "2020-01-08", section: str = "أخبار سوريا") -> bytes:
    meta = f'<meta property="article:published_time" content="{date}T09:00:00+03:00">' if date else ""
    paras = "".join(f"<p>{s.strip()}.</p>" for s in text.split(".") if s.strip())
    return f"""<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title>{meta}
<meta property="article:section" content="{section}"></head><body>
<nav><a href="/">الرئيسية</a> | <a href="/syria">سوريا</a> | <a href="/world">العالم</a></nav>
<article><h1>{title}</h1>{paras}</article>
<aside><h3>أخبار متعلقة</h3><ul><li><a href="/x">عنوان خبر آخر لا علاقة له</a></li></ul></aside>
<footer>جميع الحقوق محفوظة © 2020</footer></body></html>""".encode()


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link><pubDate>{d}</pubDate><category>سوريا</category></item>"
        for path, t, d in items
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>موقع تجريبي</title>
<link>{base}/</link><description>أخبار</description>{entries}</channel></rss>""".encode()


@dataclass
class Route:
    body: bytes | Callable[[], bytes]
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class Site:
    """Routes and request log of the test server."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        self.base = ""

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.log if p == path)


def make_handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802
            site.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = site.routes.get(self.path)
            if route is None:
                self._send(404, b"<html><body>not found</body></html>", "text/html")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._send(304, b"", None, etag=route.etag)
                return
            if route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                self._send(304, b"", None)
                return
            body = route.body() if callable(route.body) else route.body
            extra = dict(route.headers)
            if route.location:
                extra["Location"] = route.location
            if route.last_modified:
                extra["Last-Modified"] = route.last_modified
            self._send(route.status, body, route.content_type, etag=route.etag, extra=extra)

        def _send(
            self, status: int, body: bytes, ctype: str | None, *, etag: str | None = None, extra: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if etag:
                self.send_header("ETag", etag)
            for k, v in (extra or {}).items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        pass  # clients that give up on slow pages are expected here


class Server:
    def __init__(self, site: Site) -> None:
        self.httpd = _QuietServer(("127.0.0.1", 0), make_handler(site))
        self.httpd.daemon_threads = True
        site.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def standard_site(site: Site) -> Site:
    """The site most tests use: a feed of four stories, a near-duplicate, and troubles."""
    b = site.base
    for key, (title, text) in STORIES.items():
        site.routes[f"/news/{key}"] = Route(page(title, text))
    title, text = STORIES["saraqib"]
    site.routes["/copy/saraqib"] = Route(page(title + " (محدث)", text.replace("خمسة آخرين", "ستة آخرين")))
    site.routes["/news/english"] = Route(page("Shelling", "Government forces shelled the town of Saraqib today. " * 8))
    site.routes["/old/mayadin"] = Route(b"", status=301, location="/news/mayadin")
    site.routes["/news/slow"] = Route(page("بطيء", STORIES["bab"][1] + " مكرر"), delay=3.0)
    site.routes["/private/page"] = Route(page("ممنوع", STORIES["daraa"][1] + " نسخة ممنوعة"))
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    site.routes["/feed.xml"] = Route(
        rss(
            b,
            [
                ("/news/saraqib", "قصف مدفعي على سراقب", "الأربعاء، 8 يناير 2020"),
                ("/old/mayadin", "غارة جوية على الميادين", "٨ كانون الثاني ٢٠٢٠"),
                ("/news/daraa", "اغتيال في درعا", "Wed, 08 Jan 2020 10:00:00 +0300"),
                ("/news/bab", "انفجار في الباب", "2020-01-08T12:00:00Z"),
                ("/copy/saraqib", "قصف مدفعي على سراقب (محدث)", "الأربعاء، 8 يناير 2020"),
                ("/news/english", "Shelling", "الأربعاء، 8 يناير 2020"),
                ("/news/missing", "خبر محذوف", "الأربعاء، 8 يناير 2020"),
                ("/private/page", "ممنوع", "الأربعاء، 8 يناير 2020"),
            ],
        ),
        content_type="application/rss+xml; charset=utf-8",
        etag='"feed-v1"',
    )
    site.routes["/broken.xml"] = Route(
        b"<?xml version='1.0'?><rss><channel><item><title>\xd9\x82", content_type="application/rss+xml"
    )
    site.routes["/atom.xml"] = Route(
        f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>أطوم</title>
<entry><title>اغتيال في درعا</title><link href="{b}/news/daraa"/><updated>2020-01-08T10:00:00Z</updated></entry>
</feed>""".encode(),
        content_type="application/atom+xml",
        last_modified="Wed, 08 Jan 2020 10:00:00 GMT",
    )
    return site
