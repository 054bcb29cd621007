"""Article readers: every kind of bad input is skipped with its reason and line number,
good lines around it still come out, encodings and formats are read (SPEC §1, §6)."""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.ingest.readers import (
    SkippedInput,
    article_from_html,
    parse_jsonl_line,
    read_inputs,
    read_jsonl,
    read_txt,
)

ROOT = Path(__file__).resolve().parents[2]

AR1 = "قصفت قوات النظام بالمدفعية الثقيلة بلدة كفرنبل في ريف إدلب الجنوبي، ما أدى إلى مقتل مدنيين اثنين."
AR2 = "اعتقلت دورية تابعة للأمن العام ثلاثة شبان في مدينة جبلة بريف اللاذقية فجر اليوم."
AR3 = "خرج عشرات المتظاهرين في ساحة مدينة السويداء للمطالبة بالإفراج عن المعتقلين."


def _line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _read(paths, **kw):
    skips: list[SkippedInput] = []
    articles = list(read_inputs([str(p) for p in paths], on_skip=skips.append, **kw))
    return articles, skips


def _reasons(skips):
    return [(s.line, s.reason) for s in skips]


# --------------------------------------------------------------------------- JSONL


def test_good_jsonl_fields(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text(
        _line(id="a1", url="https://x.sy/1", outlet="x.sy", published="2020-01-08", title="عنوان", text=AR1) + "\n",
        encoding="utf-8",
    )
    (art,), skips = _read([p])
    assert skips == []
    assert (art.id, art.url, art.outlet, art.published, art.title, art.text) == (
        "a1",
        "https://x.sy/1",
        "x.sy",
        dt.date(2020, 1, 8),
        "عنوان",
        AR1,
    )


def test_each_bad_line_kind_is_skipped_with_reason_and_line(tmp_path):
    p = tmp_path / "mixed.jsonl"
    lines = [
        _line(id="ok1", text=AR1),  # 1
        "{not json",  # 2
        "[1, 2, 3]",  # 3
        _line(id="x"),  # 4 missing text
        _line(id="x", text="   \n "),  # 5 empty text
        _line(id="x", text=["قصف"]),  # 6 text not a string
        _line(id="x", text=AR1, published="08/01/2020"),  # 7 bad date
        _line(id="x", text=AR1, published="2020-13-40"),  # 8 impossible date
        _line(id="x", text="Russian jets struck two towns in Idlib today, killing four."),  # 9 English
        _line(id="x", text=AR1 + "\u0000"),  # 10 NUL character via JSON escape
        _line(id="ok2", text=AR2),  # 11
        _line(id={"a": 1}, text=AR1),  # 12 id not a string
        "",  # 13 blank: silent
        "42",  # 14
        _line(id="ok3", text=AR3),  # 15
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, skips = _read([p])
    assert [a.id for a in arts] == ["ok1", "ok2", "ok3"]
    assert _reasons(skips) == [
        (2, "malformed"),
        (3, "malformed"),
        (4, "malformed"),
        (5, "empty"),
        (6, "malformed"),
        (7, "malformed"),
        (8, "malformed"),
        (9, "not_arabic"),
        (10, "malformed"),
        (12, "malformed"),
        (14, "malformed"),
    ]
    assert all(s.source == str(p) and s.message for s in skips)
    assert "published" in skips[5].message
    assert str(skips[0]).startswith(f"{p}#2: malformed: ")


def test_binary_bytes_on_a_line(tmp_path):
    p = tmp_path / "bin.jsonl"
    p.write_bytes(
        (_line(id="ok1", text=AR1) + "\n").encode()
        + b'{"id": "x", "text": "\x00\x01\x02\xff\xfe"}\n'
        + (_line(id="ok2", text=AR2) + "\n").encode()
    )
    arts, skips = _read([p])
    assert [a.id for a in arts] == ["ok1", "ok2"]
    assert _reasons(skips) == [(2, "encoding")]


def test_wrong_encoding_line(tmp_path):
    p = tmp_path / "latin.jsonl"
    p.write_bytes(
        (_line(id="ok1", text=AR1) + "\n").encode()
        + _line(id="x", text="Café à Montréal, déjà vu, très élevé").encode("latin-1")
        + b"\n"
    )
    arts, skips = _read([p])
    assert [a.id for a in arts] == ["ok1"]
    assert _reasons(skips) == [(2, "encoding")]


def test_too_large_line_and_text(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_MAX_LINE_BYTES", "2000")
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_BYTES", "600")
    p = tmp_path / "big.jsonl"
    p.write_text(
        "\n".join(
            [
                _line(id="ok1", text=AR1),
                _line(id="huge_line", text=AR1 * 40),  # > 2000 bytes: whole line refused
                _line(id="big_text", text=AR1 * 4),  # < 2000 line bytes, > 600 text bytes
                _line(id="ok2", text=AR2),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    arts, skips = _read([p])
    assert [a.id for a in arts] == ["ok1", "ok2"]
    assert _reasons(skips) == [(2, "too_large"), (3, "too_large")]


def test_missing_id_is_synthesized_from_file_and_line(tmp_path):
    p = tmp_path / "noid.jsonl"
    p.write_text(_line(text=AR1) + "\n" + _line(id="", text=AR2) + "\n" + _line(id=17, text=AR3) + "\n", encoding="utf-8")
    arts, skips = _read([p])
    assert skips == []
    assert [a.id for a in arts] == ["noid.jsonl:1", "noid.jsonl:2", "17"]


def test_published_datetime_and_null(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text(
        _line(id="a", text=AR1, published="2021-05-03T09:30:00+03:00") + "\n" + _line(id="b", text=AR1, published=None) + "\n",
        encoding="utf-8",
    )
    arts, _ = _read([p])
    assert [a.published for a in arts] == [dt.date(2021, 5, 3), None]


def test_empty_file(tmp_path):
    p = tmp_path / "empty.jsonl"
    p.write_bytes(b"")
    q = tmp_path / "blank.jsonl"
    q.write_text("\n  \n\n", encoding="utf-8")
    arts, skips = _read([p, q])
    assert arts == []
    assert [(s.source, s.line, s.reason) for s in skips] == [(str(p), None, "empty"), (str(q), None, "empty")]


def test_missing_file_does_not_stop_the_run(tmp_path):
    good = tmp_path / "good.jsonl"
    good.write_text(_line(id="g", text=AR1) + "\n", encoding="utf-8")
    arts, skips = _read([tmp_path / "nope.jsonl", good])
    assert [a.id for a in arts] == ["g"]
    assert _reasons(skips) == [(None, "missing")]


# --------------------------------------------------------------------------- encodings


def test_utf8_bom(tmp_path):
    p = tmp_path / "bom.jsonl"
    p.write_bytes(codecs.BOM_UTF8 + (_line(id="a", text=AR1) + "\n" + _line(id="b", text=AR2) + "\n").encode())
    arts, skips = _read([p])
    assert skips == [] and [a.text for a in arts] == [AR1, AR2]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_jsonl(tmp_path, codec):
    p = tmp_path / "u16.jsonl"
    body = _line(id="a", text=AR1) + "\n" + _line(id="b", text=AR2) + "\n"
    data = body.encode(codec) if codec == "utf-16" else codecs.BOM_UTF16_BE + body.encode(codec)
    p.write_bytes(data)
    arts, skips = _read([p])
    assert skips == [] and [a.text for a in arts] == [AR1, AR2]


def test_utf16_without_bom_is_refused_once(tmp_path):
    p = tmp_path / "u16le.jsonl"
    p.write_bytes((_line(id="a", text=AR1) + "\n" + _line(id="b", text=AR2) + "\n").encode("utf-16-le"))
    arts, skips = _read([p])
    assert arts == [] and _reasons(skips) == [(None, "encoding")]


def test_cp1256_jsonl_line_by_line(tmp_path):
    p = tmp_path / "win.jsonl"
    p.write_bytes(_line(id="w", text=AR1).encode("cp1256") + b"\n" + (_line(id="u", text=AR2) + "\n").encode("utf-8"))
    arts, skips = _read([p])
    assert skips == []
    assert [(a.id, a.text) for a in arts] == [("w", AR1), ("u", AR2)]


def test_txt_in_utf16_and_cp1256(tmp_path):
    a = tmp_path / "u16.txt"
    a.write_bytes(("العنوان\n" + AR1).encode("utf-16"))
    b = tmp_path / "win.txt"
    b.write_bytes(("العنوان\n" + AR2).encode("cp1256"))
    arts, skips = _read([a, b])
    assert skips == []
    assert [(x.id, x.title, x.text) for x in arts] == [("u16", "العنوان", AR1), ("win", "العنوان", AR2)]


def test_gzip_inputs(tmp_path):
    j = tmp_path / "in.jsonl.gz"
    with gzip.open(j, "wt", encoding="utf-8") as fh:
        fh.write(_line(id="z", text=AR1) + "\nbroken\n")
    t = tmp_path / "story.txt.gz"
    with gzip.open(t, "wt", encoding="utf-8") as fh:
        fh.write("عنوان الخبر\n" + AR2)
    arts, skips = _read([j, t])
    assert [(a.id, a.text) for a in arts] == [("z", AR1), ("story", AR2)]
    assert _reasons(skips) == [(2, "malformed")]


def test_truncated_gzip_is_a_skip(tmp_path):
    j = tmp_path / "cut.jsonl.gz"
    j.write_bytes(gzip.compress(((_line(id="z", text=AR1) + "\n") * 200).encode())[:300])
    arts, skips = _read([j])
    assert len(skips) == 1 and skips[0].reason == "malformed"


# --------------------------------------------------------------------------- txt


def test_txt_title_is_first_non_empty_line(tmp_path):
    p = tmp_path / "kafranbel-2020.txt"
    p.write_text("\n\n  غارات على كفرنبل  \n\n" + AR1 + "\n" + AR2 + "\n", encoding="utf-8")
    (art,), skips = _read([p])
    assert skips == []
    assert art.id == "kafranbel-2020"
    assert art.title == "غارات على كفرنبل"
    assert art.text == AR1 + "\n" + AR2
    assert art.published is None and art.url is None


def test_txt_single_line_is_text_without_title(tmp_path):
    p = tmp_path / "one.txt"
    p.write_text(AR1, encoding="utf-8")
    assert read_txt(str(p)).title is None
    assert read_txt(str(p)).text == AR1


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\n \n", "empty"), (b"Title\nAn English story only.", "not_arabic")],
)
def test_txt_bad(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    arts, skips = _read([p])
    assert arts == [] and _reasons(skips) == [(None, reason)]


def test_txt_too_large(tmp_path, monkeypatch):
    monkeypatch.setenv("MARSAD_MAX_ARTICLE_BYTES", "500")
    p = tmp_path / "long.txt"
    p.write_text("عنوان\n" + AR1 * 10, encoding="utf-8")
    arts, skips = _read([p])
    assert arts == [] and _reasons(skips) == [(None, "too_large")]


# --------------------------------------------------------------------------- HTML

NOISY_HTML = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>قصف مدفعي على كفرنبل | شبكة الأخبار</title>
<link rel="canonical" href="https://www.example-news.sy/news/2020/kafranbel">
<meta property="article:published_time" content="2020-01-15T08:00:00+02:00">
</head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/s">أقسام</a></li>
<li><a href="/p">سياسة</a></li><li><a href="/e">اقتصاد</a></li></ul></nav></header>
<div class="share">شارك على فيسبوك تويتر واتساب</div>
<article><h1>قصف مدفعي على كفرنبل</h1>
<p>{AR1}</p>
<p>وأضاف المراسل أن القصف استهدف الأحياء السكنية والسوق الشعبي وسط البلدة،
وأن فرق الدفاع المدني عملت على إسعاف المصابين إلى المشافي القريبة.</p>
<p>{AR2}</p>
</article>
<aside class="related"><h3>أخبار متعلقة</h3><ul>
<li><a href="/n1">غارات روسية على ريف حماة الشمالي</a></li>
<li><a href="/n2">انفجار عبوة ناسفة في مدينة الباب</a></li></ul></aside>
<footer>جميع الحقوق محفوظة © 2020</footer>
</body></html>
""".replace("{AR1}", AR1).replace("{AR2}", AR2)


def test_html_with_noise(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(NOISY_HTML, encoding="utf-8")
    (art,), skips = _read([p])
    assert skips == []
    assert art.id == "page"
    assert art.title == "قصف مدفعي على كفرنبل"
    assert AR1 in art.text and AR2 in art.text
    assert not art.text.startswith(art.title)  # the <h1> headline is the title, not repeated in text
    assert "جميع الحقوق محفوظة" not in art.text
    assert "شارك على فيسبوك" not in art.text
    assert art.url == "https://www.example-news.sy/news/2020/kafranbel"
    assert art.outlet == "example-news.sy"
    assert art.published == dt.date(2020, 1, 15)


def test_html_date_only_from_metadata(tmp_path):
    """A Levantine month date in the running text is not guessed into a publication date."""
    html = (
        "<html><head><meta charset='utf-8'><title>خبر</title></head><body><article>"
        f"<p>دمشق، ١٥ كانون الثاني ٢٠٢٠</p><p>{AR1}</p><p>{AR2}</p></article></body></html>"
    )
    p = tmp_path / "nodate.htm"
    p.write_text(html, encoding="utf-8")
    (art,), _ = _read([p])
    assert art.published is None
    assert art.url is None and art.outlet is None


def test_html_in_cp1256(tmp_path):
    p = tmp_path / "win.html"
    p.write_bytes(NOISY_HTML.replace('charset="utf-8"', 'charset="windows-1256"').replace("©", "").encode("cp1256"))
    (art,), skips = _read([p])
    assert skips == [] and AR1 in art.text


def test_malformed_html_still_gives_text(tmp_path):
    p = tmp_path / "broken.html"
    p.write_text(f"<html><body><div><p>{AR1}<p>{AR2}</div></span></table><b>", encoding="utf-8")
    (art,), skips = _read([p])
    assert skips == [] and "كفرنبل" in art.text


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<html><body><nav></nav></body></html>", "empty"),
        ("<html><body><p>Only English here, about the weather and football scores.</p></body></html>", "not_arabic"),
    ],
)
def test_html_without_arabic_text(tmp_path, html, reason):
    p = tmp_path / "x.html"
    p.write_text(html, encoding="utf-8")
    arts, skips = _read([p])
    assert arts == [] and _reasons(skips) == [(None, reason)]


def test_article_from_html_keeps_given_url():
    art = article_from_html(
        f"<html><body><article><p>{AR1}</p><p>{AR2}</p></article></body></html>", id="w1", url="https://a.sy/x"
    )
    assert (art.id, art.url, art.outlet) == ("w1", "https://a.sy/x", "a.sy")


# --------------------------------------------------------------------------- per-line API, stdin, order


def test_parse_jsonl_line_raises_input_error_with_reason():
    assert parse_jsonl_line(_line(id="a", text=AR1).encode(), source="f", lineno=3).id == "a"
    with pytest.raises(InputError) as info:
        parse_jsonl_line(b"nope", source="f", lineno=3)
    assert info.value.reason == "malformed"


def test_mixed_inputs_keep_order(tmp_path):
    j = tmp_path / "a.jsonl"
    j.write_text(_line(id="j1", text=AR1) + "\n" + _line(id="j2", text=AR2) + "\n", encoding="utf-8")
    t = tmp_path / "b.txt"
    t.write_text("عنوان\n" + AR3, encoding="utf-8")
    h = tmp_path / "c.html"
    h.write_text(NOISY_HTML, encoding="utf-8")
    arts, skips = _read([j, t, h])
    assert skips == [] and [a.id for a in arts] == ["j1", "j2", "b", "c"]
    assert [a.id for a in read_jsonl(str(j))] == ["j1", "j2"]


_STDIN_SCRIPT = """
import json, sys
from marsad.ingest.readers import read_inputs
skips = []
for a in read_inputs(sys.argv[1:], on_skip=skips.append):
    print(json.dumps(a.to_dict(), ensure_ascii=False))
for s in skips:
    print(f"SKIP {s.source} {s.line} {s.reason}", file=sys.stderr)
"""


@pytest.mark.parametrize("args", [[], ["-"]])
def test_stdin(args):
    data = (_line(id="s1", text=AR1) + "\nnot json\n" + _line(text=AR2) + "\n").encode("utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-c", _STDIN_SCRIPT, *args], input=data, capture_output=True, cwd=ROOT, env=env, timeout=60
    )
    assert proc.returncode == 0, proc.stderr.decode()
    out = [json.loads(x) for x in proc.stdout.decode("utf-8").splitlines()]
    assert [(o["id"], o["text"]) for o in out] == [("s1", AR1), ("stdin:3", AR2)]
    assert proc.stderr.decode().strip() == "SKIP <stdin> 2 malformed"


# --------------------------------------------------------------------------- fuzz


@hsettings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.one_of(
        st.binary(max_size=3000),
        st.text(max_size=500).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.lists(
            st.one_of(
                st.binary(max_size=200),
                st.dictionaries(
                    st.sampled_from(["id", "text", "published", "title", "url"]),
                    st.one_of(st.none(), st.integers(), st.text(max_size=60), st.lists(st.integers(), max_size=3)),
                    max_size=5,
                ).map(lambda d: json.dumps(d).encode()),
            ),
            max_size=8,
        ).map(b"\n".join),
    ),
    suffix=st.sampled_from([".jsonl", ".txt", ".html", ".jsonl.gz", ".txt.gz", ".dat"]),
)
def test_read_inputs_never_raises_on_random_bytes(tmp_path, data, suffix):
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(data)
    skips: list[SkippedInput] = []
    arts = list(read_inputs([str(p)], on_skip=skips.append))
    for s in skips:
        assert s.reason in {"empty", "encoding", "too_large", "not_arabic", "malformed", "missing"}
    for a in arts:
        assert a.text.strip() and isinstance(a.id, str)
        a.text.encode("utf-8")  # writable


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_text_with_a_bom_and_nul_characters_is_refused_as_binary(codec):
    from marsad.errors import EncodingError
    from marsad.ingest.readers import decode_bytes

    assert decode_bytes("قصف على حلب".encode(codec)) == "قصف على حلب"
    with pytest.raises(EncodingError, match="NUL"):
        decode_bytes("قصف\x00 على حلب".encode(codec))
