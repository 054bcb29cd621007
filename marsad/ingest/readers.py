"""Article readers: JSONL (SPEC §1), plain text and HTML files → :class:`Article`.

One bad input never stops a run.  Each function that reads one item raises an
:class:`~marsad.errors.InputError` subclass whose ``reason`` is a stable code;
:func:`read_inputs` turns it into a :class:`SkippedInput` handed to ``on_skip``
and goes on with the next line or file (SPEC §6).

Reason codes (``SkippedInput.reason``):

* ``empty``       empty file, or a blank ``text`` (blank JSONL lines are
  ignored silently: editors and ``cat`` leave them at file ends);
* ``encoding``    not UTF-8, UTF-16 or UTF-32 (with BOM) or mostly-Arabic Windows-1256; raw NUL
  bytes (binary data, UTF-16 without BOM); ISO-8859-6 / MacArabic text, which reads as
  garbled Arabic in Windows-1256 (see :data:`MAX_GARBLED_SHARE`);
* ``too_large``   a line above ``max_line_bytes``, a text above ``max_article_bytes``,
  an HTML file above ``max_response_bytes``;
* ``not_arabic``  fewer than :data:`MIN_ARABIC_SHARE` of the letters are Arabic;
* ``malformed``   invalid JSON, not an object, ``text`` missing or not a string,
  ``published`` not ``YYYY-MM-DD``, ``id`` not a string/number, NUL characters in text;
* ``missing``     the path does not exist or cannot be opened (the same code the
  distributed runner, :mod:`marsad.scale`, uses).

Decisions worth knowing:

* A JSONL line without ``id`` (or with an empty one) gets ``<file name>:<line>``
  (``stdin:<line>`` for standard input): a line that is otherwise good is still worth
  extracting, and the id is stable for the same file.  A numeric id becomes its string.
* ``published`` may also be an ISO date-time; only its date is kept.  ``""`` = null.
* ``url``, ``outlet``, ``title`` that are not strings become null (nothing downstream
  depends on them, so dropping beats skipping the article).
* Windows-1256 is only accepted when the decoded text is mostly Arabic: cp1256 maps
  nearly every byte to something, so "it decoded" proves nothing by itself.
* ``.txt``: first non-empty line = title, the rest = text; a one-line file is text with
  no title.  id = file stem (``.gz`` and the format suffix removed), published null.
* HTML: id = file stem; url = the canonical/og:url link (else the one given); outlet =
  its host without ``www.``; a headline repeated as the body's first line is dropped
  from the text (it is the title).  Dates come only from the page's metadata and URL
  (htmldate with ``extensive_search`` off): its guesses from running text misread
  Levantine month names ("١٥ كانون الثاني ٢٠٢٠" → 2020-01-01).  No text found by
  trafilatura → all visible text (``html2txt``) → ``empty``.
* Encoding detection is per line for JSONL (one badly encoded line costs only itself)
  and per file for ``.txt``/``.html``.  charset-normalizer is not used: its guesses on
  short lines are not stable, and Arabic sources are in practice UTF-8/16 or cp1256.
"""

from __future__ import annotations

import codecs
import datetime as dt
import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast
from urllib.parse import urlsplit

from marsad import settings
from marsad.errors import EmptyInput, EncodingError, InputError, MalformedInput, NotArabic, TooLarge
from marsad.models import Article

__all__ = [
    "SkippedInput",
    "MIN_ARABIC_SHARE",
    "read_inputs",
    "read_jsonl",
    "read_txt",
    "read_html",
    "parse_jsonl_line",
    "article_from_html",
    "article_from_txt",
    "decode_bytes",
    "check_text",
]

#: Least share of Arabic letters among all letters for a text to count as Arabic.
#: Arabic news quotes English names and acronyms (ISIS, SDF, UN) but stays far above
#: 90 %; an English page with an Arabic menu stays far below.  0.5 sits between.
MIN_ARABIC_SHARE = 0.5

#: Share of NUL bytes in a file's first block above which it is refused as a whole
#: (UTF-16 without BOM, binary file) instead of line by line.  UTF-16 text has ~50 %.
_NUL_SHARE_BINARY = 0.1
_SNIFF_BYTES = 4096

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
TXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")

OnSkip = Callable[["SkippedInput"], None]


@dataclass(frozen=True, slots=True)
class SkippedInput:
    """One input that was not read: where (``source``, 1-based ``line`` or None for a
    whole file) and why (``reason``: a stable code of :mod:`marsad.errors`)."""

    source: str
    line: int | None
    reason: str
    message: str

    def __str__(self) -> str:
        return f"{self.key}: {self.reason}: {self.message}"

    @property
    def key(self) -> str:
        """Where, as ``marsad ingest`` stores and prints it too: ``path#line`` (or the path)."""
        return self.source if self.line is None else f"{self.source}#{self.line}"


# --------------------------------------------------------------------------- text checks


# Arabic-script letters: base block (no tashkeel, no digits), extended letters, supplement
# and presentation forms.  Persian and Urdu pass too: the script, not the language, is
# what the extractor's lexicons need.
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]")


def arabic_share(text: str) -> float:
    """Share of Arabic letters among the letters of ``text`` (0.0 when it has none)."""
    letters = sum(map(str.isalpha, text))
    return len(_ARABIC_LETTER.findall(text)) / letters if letters else 0.0


def is_encodable(text: str) -> bool:
    """False for strings with lone surrogates (JSON "\\ud800"): they cannot be written out."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_text(text: str) -> str:
    """Raise the :class:`InputError` that disqualifies ``text`` as an article, if any."""
    if not text.strip():
        raise EmptyInput("the article text is empty")
    if "\x00" in text:
        raise MalformedInput("the article text contains NUL characters")
    if not is_encodable(text):
        raise EncodingError("the article text contains lone surrogates (bad \\u escapes)")
    limit = settings.get("max_article_bytes")
    size = len(text.encode("utf-8"))
    if size > limit:
        raise TooLarge(f"text of {size} bytes is above max_article_bytes ({limit})")
    share = arabic_share(text)
    if share < MIN_ARABIC_SHARE:
        raise NotArabic(f"only {share:.0%} of the letters are Arabic (at least {MIN_ARABIC_SHARE:.0%} needed)")
    return text


# --------------------------------------------------------------------------- decoding

# UTF-32 first: its little-endian BOM (FF FE 00 00) starts with UTF-16's (FF FE), and read
# as UTF-16 it gives text with a NUL after every character.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> str:
    """Bytes of one text → str: UTF-8 (BOM or not), UTF-16 or UTF-32 with BOM, else Windows-1256
    when the result is mostly Arabic.  Anything else raises :class:`EncodingError`."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"broken {codec.upper()} ({exc.reason} at byte {exc.start})") from None
            if "\x00" in text:
                raise EncodingError(f"{codec.upper()} text with NUL characters: binary data, not an article")
            return text
    if b"\x00" in data:
        raise EncodingError("binary data (NUL bytes): not UTF-8, UTF-16 with BOM or Windows-1256")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"{exc.reason} at byte {exc.start}"
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if text and arabic_share(text) >= MIN_ARABIC_SHARE:
        if _garbled_share(text) > MAX_GARBLED_SHARE:
            raise EncodingError(
                f"not UTF-8 ({utf8_error}); read as Windows-1256 it is garbled Arabic "
                "(ISO-8859-6 or MacArabic?): convert it to UTF-8"
            )
        return text
    raise EncodingError(f"not UTF-8 ({utf8_error}) nor Arabic Windows-1256")


#: Latin letters Windows-1256 puts between its Arabic letters (bytes 0xE0–0xFF).  Real
#: Arabic text in cp1256 has none of them; Arabic written in ISO-8859-6 or MacArabic
#: and read as cp1256 is full of them (و → è, ي → ê, ه → ç, ق → â), while still
#: "mostly Arabic" letters, so the Arabic share alone would accept the garble.
_CP1256_LATIN = frozenset("àâçèéêëîïôùûü")
MAX_GARBLED_SHARE = 0.03


def _garbled_share(text: str) -> float:
    letters = sum(map(str.isalpha, text))
    return sum(ch in _CP1256_LATIN for ch in text) / letters if letters else 0.0


# --------------------------------------------------------------------------- JSONL


def _parse_published(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MalformedInput(f"'published' must be a YYYY-MM-DD string or null, got {type(value).__name__}")
    head, sep, _rest = value.strip().partition("T")
    head = head.split(" ")[0] if not sep else head
    try:
        if len(head) != 10:
            raise ValueError
        return dt.date.fromisoformat(head)
    except ValueError:
        raise MalformedInput(f"'published' is not a YYYY-MM-DD date: {value[:40]!r}") from None


def _opt_str(obj: dict[str, Any], name: str) -> str | None:
    value = obj.get(name)
    if not isinstance(value, str) or "\x00" in value or not is_encodable(value):
        return None
    return value.strip() or None


def _source_stem(source: str) -> str:
    return "stdin" if source in ("-", "<stdin>") else Path(source).name


def parse_jsonl_line(line: bytes | str, *, source: str = "-", lineno: int = 0) -> Article:
    """One JSONL line (SPEC §1) → :class:`Article`; raises an :class:`InputError` to skip it.

    Shared with :mod:`marsad.scale`, so a distributed run reads a line exactly as the
    serial reader does."""
    if isinstance(line, bytes):
        limit = settings.get("max_line_bytes")
        if len(line) > limit:
            raise TooLarge(f"line of {len(line)} bytes is above max_line_bytes ({limit})")
        line = decode_bytes(line)
    elif len(line.encode("utf-8", "surrogatepass")) > (limit := settings.get("max_line_bytes")):
        raise TooLarge(f"line is above max_line_bytes ({limit})")
    line = line.lstrip("\ufeff").strip()
    if not line:
        raise EmptyInput("empty line")
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError) as exc:  # ValueError: also 5000-digit numbers
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)[:80] or "nested too deeply"
        raise MalformedInput(f"invalid JSON ({msg})") from None
    if not isinstance(obj, dict):
        raise MalformedInput(f"a JSON object was expected, got {type(obj).__name__}")
    if "text" not in obj or obj["text"] is None:
        raise MalformedInput("field 'text' is missing")
    text = obj["text"]
    if not isinstance(text, str):
        raise MalformedInput(f"field 'text' must be a string, got {type(text).__name__}")
    check_text(text)
    raw_id = obj.get("id")
    if raw_id is None or raw_id == "":
        art_id = f"{_source_stem(source)}:{lineno}"
    elif isinstance(raw_id, str) and not is_encodable(raw_id):
        raise MalformedInput("field 'id' contains lone surrogates")
    elif isinstance(raw_id, str) or (isinstance(raw_id, int | float) and not isinstance(raw_id, bool)):
        art_id = str(raw_id)
    else:
        raise MalformedInput(f"field 'id' must be a string or number, got {type(raw_id).__name__}")
    return Article(
        id=art_id,
        text=text,
        url=_opt_str(obj, "url"),
        outlet=_opt_str(obj, "outlet"),
        published=_parse_published(obj.get("published")),
        title=_opt_str(obj, "title"),
    )


def _open_binary(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    if path.lower().endswith(".gz"):
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


def _read_long_line(fh: IO[bytes], limit: int) -> bytes | None:
    """The next line, at most ``limit + 1`` bytes of it kept (the rest is drained, so one
    huge line costs no memory); None at end of file."""
    line = fh.readline(limit + 1)
    if not line:
        return None
    if len(line) > limit and not line.endswith(b"\n"):
        while True:
            rest = fh.readline(1 << 20)
            if not rest or rest.endswith(b"\n"):
                break
    return line


def _jsonl_lines(fh: IO[bytes]) -> Iterator[tuple[int, bytes | str]]:
    """(line number, raw line) of a JSONL stream.  UTF-16 (BOM) streams are decoded as a
    whole and yield str; everything else yields bytes, decoded line by line so that one
    badly encoded line costs only itself."""
    limit = settings.get("max_line_bytes")
    buffered: Any = fh if hasattr(fh, "peek") else io.BufferedReader(fh)  # type: ignore[arg-type]
    head = buffered.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    wide = next((codec for bom, codec in _BOMS if codec != "utf-8-sig" and head.startswith(bom)), None)
    if wide:
        reader = io.TextIOWrapper(buffered, encoding=wide, errors="strict", newline=None)
        lineno = 0
        try:
            while True:
                text_line = reader.readline(limit + 1)
                if not text_line:
                    return
                lineno += 1
                if len(text_line) > limit and not text_line.endswith("\n"):
                    while (rest := reader.readline(1 << 20)) and not rest.endswith("\n"):
                        pass
                yield lineno, text_line
        except UnicodeDecodeError as exc:
            raise EncodingError(f"broken {wide.upper()} after line {lineno} ({exc.reason}); rest of file not read") from None
    if head and head.count(0) / len(head) > _NUL_SHARE_BINARY:
        raise EncodingError("binary data or UTF-16 without BOM: not read")
    lineno = 0
    while (raw := _read_long_line(buffered, limit)) is not None:
        lineno += 1
        yield lineno, raw


def read_jsonl(path: str, *, on_skip: OnSkip | None = None) -> Iterator[Article]:
    """Articles of a JSONL file (``-`` = standard input, ``.gz`` read transparently).

    Bad lines go to ``on_skip`` with their line number; a file-level problem (missing,
    unreadable, binary, empty) is one skip with ``line=None``."""
    source = "<stdin>" if path == "-" else path
    skip = on_skip or (lambda _s: None)
    try:
        fh = _open_binary(path)
    except OSError as exc:
        skip(SkippedInput(source, None, "missing", f"cannot open: {exc.strerror or exc}"))
        return
    seen_content = False
    lineno = 0
    try:
        for lineno, raw in _jsonl_lines(fh):
            if not raw.strip():
                continue
            seen_content = True
            try:
                yield parse_jsonl_line(raw, source=source, lineno=lineno)
            except InputError as exc:
                skip(SkippedInput(source, lineno, exc.reason, str(exc)))
        if not seen_content:
            skip(SkippedInput(source, None, "empty", "no article in the file"))
    except InputError as exc:
        skip(SkippedInput(source, lineno + 1 if lineno else None, exc.reason, str(exc)))
    except (OSError, EOFError, zlib.error) as exc:  # truncated or corrupt gzip, read error
        skip(SkippedInput(source, lineno + 1 if lineno else None, "malformed", f"unreadable: {exc}"))
    finally:
        if path != "-":
            fh.close()


# --------------------------------------------------------------------------- whole files


def _read_file_bytes(path: str, limit: int, limit_name: str) -> bytes:
    try:
        with _open_binary(path) as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError as exc:
        raise InputError(f"cannot open: {exc.strerror}", reason="missing") from None
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise MalformedInput(f"unreadable: {exc}") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", reason="missing") from None
    if len(data) > limit:
        raise TooLarge(f"file is above {limit_name} ({limit} bytes)")
    if not data.strip():
        raise EmptyInput("the file is empty")
    return data


def _file_stem(path: str) -> str:
    name = Path(path).name
    low = name.lower()
    for suffix in (".gz", *TXT_SUFFIXES, *HTML_SUFFIXES):
        if low.endswith(suffix):
            name, low = name[: -len(suffix)], low[: -len(suffix)]
    return name or Path(path).name


def article_from_txt(text: str, *, id: str) -> Article:
    """Plain text → Article: the first non-empty line is the title, the rest the text.
    A one-line file is its own text with no title (an article is its text, not a title)."""
    lines = text.lstrip("\ufeff").splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise EmptyInput("the file is empty")
    title: str | None = lines[0].strip()
    body = "\n".join(lines[1:]).strip()
    if not body:
        title, body = None, lines[0].strip()
    check_text(body)
    return Article(id=id, text=body, title=title)


def read_txt(path: str) -> Article:
    """A ``.txt`` (or ``.txt.gz``) file → Article; id = file stem, published null."""
    data = _read_file_bytes(path, settings.get("max_article_bytes"), "max_article_bytes")
    return article_from_txt(decode_bytes(data), id=_file_stem(path))


_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def article_from_html(html: str | bytes, *, id: str, url: str | None = None) -> Article:
    """An HTML page → Article, via trafilatura: main text, title, canonical url, and a
    date only when the page's metadata states one (see module docstring)."""
    import trafilatura  # heavy import, only for HTML inputs

    if isinstance(html, bytes):
        html = decode_bytes(html)
    if "\x00" in html:
        html = html.replace("\x00", "")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, favor_recall=True, date_extraction_params=_DATE_PARAMS
        )
    except Exception as exc:  # noqa: BLE001 - trafilatura/lxml raise assorted errors on broken markup
        raise MalformedInput(f"HTML could not be parsed ({type(exc).__name__})") from None
    data: dict[str, Any] = {}
    if doc is not None:
        data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        try:  # last resort for pages trafilatura finds no main text in: all visible text
            text = (trafilatura.html2txt(html) or "").strip()
        except Exception:  # noqa: BLE001
            text = ""
    if not text:
        raise EmptyInput("no text found in the HTML page")
    check_text(text)
    published = None
    if data.get("date"):
        try:
            published = dt.date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            published = None
    page_url = data.get("url") or url
    page_url = page_url if isinstance(page_url, str) and page_url.startswith(("http://", "https://")) else url
    outlet = None
    if page_url:
        host = urlsplit(page_url).hostname or ""
        outlet = host.removeprefix("www.") or None
    raw_title = data.get("title")
    title = raw_title.strip() or None if isinstance(raw_title, str) else None
    first, _nl, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest.strip()  # the headline repeated as the body's first line: keep it once, as title
    return Article(id=id, text=text, url=page_url, outlet=outlet, published=published, title=title)


def read_html(path: str) -> Article:
    """An ``.html``/``.htm`` (or ``.gz``) file → Article; id = file stem."""
    data = _read_file_bytes(path, settings.get("max_response_bytes"), "max_response_bytes")
    return article_from_html(data, id=_file_stem(path))


# --------------------------------------------------------------------------- dispatch


def _kind(path: str) -> str:
    """'jsonl', 'txt' or 'html' from the name; unknown names are sniffed by first byte."""
    if path == "-":
        return "jsonl"
    low = path.lower().removesuffix(".gz")
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(TXT_SUFFIXES):
        return "txt"
    if low.endswith(HTML_SUFFIXES):
        return "html"
    try:
        with _open_binary(path) as fh:
            head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    except (OSError, EOFError, zlib.error):
        return "txt"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"<"):
        return "html"
    return "txt"


def _expand(paths: Sequence[str]) -> Iterator[str]:
    for path in paths or ["-"]:
        if path != "-" and os.path.isdir(path):
            suffixes = tuple(s + gz for s in (*JSONL_SUFFIXES, *TXT_SUFFIXES, *HTML_SUFFIXES) for gz in ("", ".gz"))
            yield from sorted(
                os.path.join(root, name)
                for root, _dirs, names in os.walk(path)
                for name in names
                if name.lower().endswith(suffixes)
            )
        else:
            yield path


def read_inputs(paths: Sequence[str], *, on_skip: OnSkip | None = None) -> Iterator[Article]:
    """Articles of every input, in order.  ``-`` or no paths = JSONL on standard input;
    a folder = its JSONL/txt/html files, sorted.  Never raises for a bad input: each one
    is reported to ``on_skip`` (ignored when None) and reading goes on."""
    skip = on_skip or (lambda _s: None)
    for path in _expand(paths):
        if path != "-" and not os.path.exists(path):
            skip(SkippedInput(path, None, "missing", "no such file"))
            continue
        kind = _kind(path)
        if kind == "jsonl":
            yield from read_jsonl(path, on_skip=skip)
            continue
        try:
            article = read_txt(path) if kind == "txt" else read_html(path)
        except InputError as exc:
            skip(SkippedInput(path, None, exc.reason, str(exc)))
            continue
        yield article
