"""Client side: expand the inputs and cut them into partitions, lazily.

A :class:`Partition` is what one task receives: for JSONL, the raw bytes of
``partition_size`` consecutive lines (and the number of the first one, for skip
reports and default ids); for WARC, the raw bytes of a run of whole records;
for ``.txt``/``.html`` files, the raw bytes of a group of files; for the rare
JSONL file the serial reader must decode as a whole (UTF-16), articles already
read by :mod:`marsad.ingest.readers`.
Partitions are produced one at a time, so the client never holds more than the
window of partitions in flight, whatever the size of the corpus.

Lines are read exactly as the serial reader reads them (split on ``\\n``, blank
lines ignored, a file with no content reported ``empty``, a corrupt gzip
reported ``malformed`` at the line where it breaks), so the skip reports and
the output match ``marsad extract``.
"""

from __future__ import annotations

import codecs
import glob
import os
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.ingest import readers
from marsad.ingest.readers import SkippedInput
from marsad.scale._warc import is_warc, read_range, warc_ranges

__all__ = ["Partition", "expand_inputs", "input_kind", "iter_partitions"]

OnSkip = Callable[[SkippedInput], None]
_GLOB_CHARS = frozenset("*?[")
_FOLDER_SUFFIXES = tuple(
    s + gz for s in (*readers.JSONL_SUFFIXES, *readers.TXT_SUFFIXES, *readers.HTML_SUFFIXES) for gz in ("", ".gz")
) + (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(slots=True)
class Partition:
    index: int
    kind: str  # "jsonl" | "warc" | "files" | "articles"
    source: str
    first: int  # first line number (jsonl) or HTML record ordinal (warc)
    payload: Any
    size: int  # lines or records in the partition
    skips_after: list[SkippedInput] = field(default_factory=list)  # file-level skips, reported after it


def expand_inputs(inputs: Sequence[str], on_skip: OnSkip | None = None) -> list[str]:
    """Paths in order: globs expanded (sorted), folders replaced by their input files
    (sorted), ``-`` kept for standard input.  A path or pattern that names nothing is
    reported ``missing``, as the serial reader does."""
    out: list[str] = []
    for item in inputs or ["-"]:
        if item == "-":
            out.append(item)
        elif os.path.isdir(item):
            out.extend(
                sorted(
                    os.path.join(root, name)
                    for root, _dirs, names in os.walk(item)
                    for name in names
                    if name.lower().endswith(_FOLDER_SUFFIXES)
                )
            )
        elif os.path.exists(item) or not (_GLOB_CHARS & set(item)):
            out.append(item)  # a missing plain path is reported when read, in order
        else:
            matches = sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
            if not matches and on_skip:
                on_skip(SkippedInput(item, None, "missing", "no file matches the pattern"))
            out.extend(matches)
    return out


def input_kind(path: str) -> str:
    """'jsonl', 'warc' or 'file' (one article per .txt/.html file)."""
    if path == "-":
        return "jsonl"
    if is_warc(path):
        return "warc"
    return "jsonl" if readers._kind(path) == "jsonl" else "file"


def _needs_serial_reader(path: str) -> bool:
    """A JSONL file the serial reader decodes as a whole (UTF-16 BOM) or refuses (binary)."""
    if path == "-":
        return False
    try:
        with readers._open_binary(path) as fh:
            head = fh.read(readers._SNIFF_BYTES)
    except (OSError, EOFError, zlib.error):
        return True  # let the serial reader report it
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        bool(head) and head.count(0) / len(head) > readers._NUL_SHARE_BINARY
    )


def _jsonl_partitions(path: str, partition_size: int, start_index: int) -> Iterator[Partition]:
    source = "<stdin>" if path == "-" else path
    limit = readers.settings.get("max_line_bytes")
    index = start_index
    buf: list[bytes] = []
    first = lineno = 0
    seen_content = False
    fh = readers._open_binary(path)
    try:
        try:
            while (raw := readers._read_long_line(fh, limit)) is not None:
                lineno += 1
                if not buf:
                    first = lineno
                # Lines are shipped as read (the parser sees the same bytes as the serial
                # one); only a cut-off over-long line gets a \n so it stays one line.
                buf.append(raw + b"\n" if len(raw) > limit and not raw.endswith(b"\n") else raw)
                seen_content = seen_content or bool(raw.strip())
                if len(buf) >= partition_size:
                    yield Partition(index, "jsonl", source, first, b"".join(buf), len(buf))
                    index += 1
                    buf = []
        except (OSError, EOFError, zlib.error) as exc:  # truncated or corrupt gzip, read error
            skip = SkippedInput(source, lineno + 1 if lineno else None, "malformed", f"unreadable: {exc}")
            yield Partition(index, "jsonl", source, first or lineno + 1, b"".join(buf), len(buf), [skip])
            return
        if buf or not seen_content:
            after = [] if seen_content else [SkippedInput(source, None, "empty", "no article in the file")]
            yield Partition(index, "jsonl", source, first or 1, b"".join(buf), len(buf), after)
    finally:
        if path != "-":
            fh.close()


#: Most bytes of .txt/.html files shipped in one partition.
FILE_PARTITION_BYTES = 32 * 2**20


def _read_file(path: str) -> tuple[str, str, bytes | None, SkippedInput | None]:
    """(path, 'txt' | 'html', raw bytes, None) or (path, kind, None, skip): the bytes are read
    here with the serial reader's checks; decoding and parsing happen on a worker."""
    from marsad.errors import InputError

    kind = readers._kind(path)
    if kind == "txt":
        limit, name = readers.settings.get("max_article_bytes"), "max_article_bytes"
    else:
        limit, name = readers.settings.get("max_response_bytes"), "max_response_bytes"
    try:
        return path, kind, readers._read_file_bytes(path, limit, name), None
    except InputError as exc:
        return path, kind, None, SkippedInput(path, None, exc.reason, str(exc))


def _serial_batches(path: str, partition_size: int) -> Iterator[tuple[list, list[SkippedInput]]]:
    """(articles, skips) of a file only the serial reader can read as a whole (UTF-16 or
    binary JSONL), in batches."""
    batch: list = []
    skips: list[SkippedInput] = []
    for article in readers.read_inputs([path], on_skip=skips.append):
        batch.append(article)
        if len(batch) >= partition_size:
            yield batch, skips
            batch, skips = [], []
    if batch or skips:
        yield batch, skips


def iter_partitions(paths: Sequence[str], partition_size: int) -> Iterator[Partition]:
    """Partitions of every input in order; ``index`` counts from 0 across all inputs.
    Consecutive .txt/.html inputs are grouped, ``partition_size`` files (and at most
    :data:`FILE_PARTITION_BYTES`) to a partition."""
    index = 0
    files: list[tuple] = []
    files_bytes = 0

    def flush_files() -> Iterator[Partition]:
        nonlocal index, files, files_bytes
        if files:
            yield Partition(index, "files", files[0][0], 0, files, len(files))
            index += 1
            files, files_bytes = [], 0

    for path in paths:
        if path != "-" and not os.path.exists(path):
            files.append((path, "missing", None, SkippedInput(path, None, "missing", "no such file")))
            continue
        kind = input_kind(path)
        if kind == "file":
            item = _read_file(path)
            if files and (len(files) >= partition_size or files_bytes + len(item[2] or b"") > FILE_PARTITION_BYTES):
                yield from flush_files()
            files.append(item)
            files_bytes += len(item[2] or b"")
            continue
        yield from flush_files()
        if kind == "jsonl" and not _needs_serial_reader(path):
            for part in _jsonl_partitions(path, partition_size, index):
                yield part
                index += 1
        elif kind == "warc":
            try:
                for rng in warc_ranges(path, partition_size):
                    yield Partition(index, "warc", path, rng.first_record, read_range(rng), rng.n_html)
                    index += 1
            except Exception as exc:  # noqa: BLE001 - warcio raises assorted errors on a broken archive
                skip = SkippedInput(path, None, "malformed", f"unreadable WARC: {exc}")
                yield Partition(index, "articles", path, 0, [], 0, [skip])
                index += 1
        else:
            for batch, skips in _serial_batches(path, partition_size):
                yield Partition(index, "articles", path, 0, batch, len(batch), skips)
                index += 1
    yield from flush_files()
