"""Reading pages and writing results: bytes in, bytes out, nothing lost on the way.

Reading
    Files and stdin are read as bytes and decoded here (never with universal newlines), so
    ``\\r\\n`` and lone ``\\r`` line endings reach the line stage exactly as they were.

    Decoding, in this order:

    1. image/archive magic numbers (PNG, JPEG, GIF, WebP, PDF, ZIP, gzip, TIFF, ELF) → ``InputError``;
    2. a byte-order mark decides: UTF-8 (BOM stripped), UTF-32 or UTF-16 (BOM stripped);
    3. no BOM: NUL bytes mean binary data (or UTF-16 without a BOM, which we do not guess) →
       ``InputError``;
    4. valid UTF-8 is UTF-8;
    5. anything else is read as Windows-1252 (the usual legacy encoding of scraped Western pages).
       Its five undefined bytes map to U+0081 etc., so every byte sequence decodes and
       ``Decoded.encode`` gives back exactly the bytes that were read.

    The whole file gets one encoding (no per-byte mixing), so writing a file back in place
    (``--in-place``, the pre-commit hook) reproduces every kept line byte for byte.

Writing
    ``atomic_writer``/``write_atomic`` write to a temporary file in the target's directory and
    ``os.replace`` it over the target, keeping the target's permission bits. An error midway
    leaves the original untouched and removes the temporary file.

JSON lines
    ``iter_jsonl`` reads one record per line, lazily (constant memory, stdin works); malformed
    lines come out flagged with their line number (or raise, with ``strict=True``). A stream may
    be gzip-compressed, as corpora often are (``gunzipped``: told by its first byte, which no
    JSON line starts with); ``gzip_onto`` compresses what is written back.
    ``record_page`` picks the page out of a record: the requested field, else an ``html`` field.
"""
from __future__ import annotations

import codecs
import gzip
import json
import os
import stat
import sys
import tempfile
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, Optional, Tuple, Union

STDIN = "-"
STDIN_NAME = "<stdin>"

PathLike = Union[str, "os.PathLike[str]"]


class FileError(Exception):
    """A file problem the user can fix; ``str()`` is one line: ``<source>: <reason>``."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class InputError(FileError):
    """An input that cannot be read as a text page (missing, a directory, unreadable, binary, ...)."""


class OutputError(FileError):
    """An output that cannot be written."""


def source_name(path: PathLike) -> str:
    """How a path is named in messages: ``<stdin>`` for ``-``."""
    return STDIN_NAME if str(path) == STDIN else str(path)


# --------------------------------------------------------------------------- decoding

GZIP_MAGIC = b"\x1f\x8b"
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive"),
    (GZIP_MAGIC, "gzip-compressed data"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x7fELF", "an executable"),
)

# (BOM, codec); UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SLOPPY = "cleaner-sloppy-cp1252"


def _sloppy(exc):
    """cp1252 with its 5 undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) mapped to U+0081 etc."""
    if isinstance(exc, UnicodeDecodeError):
        return chr(exc.object[exc.start]), exc.start + 1
    if isinstance(exc, UnicodeEncodeError):
        chars = exc.object[exc.start:exc.end]
        if all(0x80 <= ord(c) <= 0x9F for c in chars):
            return bytes(ord(c) for c in chars), exc.end
    raise exc


codecs.register_error(_SLOPPY, _sloppy)


@dataclass(frozen=True)
class Decoded:
    """A decoded page and how to encode text back into the bytes it came from."""

    text: str
    encoding: str = "utf-8"   # a Python codec name: utf-8, utf-16-le, utf-32-be, cp1252, ...
    bom: bytes = b""

    def encode(self, text: str, with_bom: bool = True) -> bytes:
        """``text`` in the page's own encoding (and BOM), as ``--in-place`` writes it."""
        errors = _SLOPPY if self.encoding == "cp1252" else "strict"
        return (self.bom if with_bom else b"") + text.encode(self.encoding, errors)


def _binary_kind(data: bytes) -> Optional[str]:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    return None


def decode(data: bytes, source: str = "<input>") -> Decoded:
    """Bytes → text by the rules in the module docstring; ``InputError`` for binary data."""
    kind = _binary_kind(data)
    if kind:
        raise InputError(source, f"binary data ({kind}), not a text page")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(encoding)
            except UnicodeDecodeError as e:
                raise InputError(source, f"invalid {encoding.upper()} after its byte-order mark "
                                         f"(byte {e.start + len(bom)})") from None
            if "\x00" in text:
                raise InputError(source, "binary data (NUL characters), not a text page")
            return Decoded(text, encoding, bom)
    if b"\x00" in data:
        raise InputError(source, "binary data (NUL bytes), not a text page "
                                 "(UTF-16 needs a byte-order mark)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return Decoded(data.decode("cp1252", _SLOPPY), "cp1252")


# --------------------------------------------------------------------------- reading

def _os_reason(e: OSError) -> str:
    if isinstance(e, FileNotFoundError):
        return "no such file"
    if isinstance(e, IsADirectoryError):
        return "is a directory"
    if isinstance(e, PermissionError):
        return "permission denied"
    return (e.strerror or type(e).__name__).lower()


def stdin_binary() -> BinaryIO:
    return getattr(sys.stdin, "buffer", sys.stdin)


def open_input(path: PathLike) -> BinaryIO:
    """A binary stream for a path or ``-`` (stdin); ``InputError`` with a one-line reason."""
    if str(path) == STDIN:
        return stdin_binary()
    name = source_name(path)
    if os.path.isdir(path):
        raise InputError(name, "is a directory")
    try:
        return open(path, "rb")
    except OSError as e:
        raise InputError(name, _os_reason(e)) from None


def read_bytes(path: PathLike) -> bytes:
    name = source_name(path)
    f = open_input(path)
    try:
        return f.read()
    except OSError as e:
        raise InputError(name, _os_reason(e)) from None
    finally:
        if str(path) != STDIN:
            f.close()


def read_text(path: PathLike) -> Decoded:
    """A file (or ``-``) read and decoded; ``InputError`` for anything that is not a text page."""
    return decode(read_bytes(path), source_name(path))


# --------------------------------------------------------------------------- writing

def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_writer(path: PathLike) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` only when the ``with`` block ends without an error.

    The temporary file sits in the target's directory (``os.replace`` must not cross file
    systems) and gets the target's permission bits (a new file: 0666 minus the umask).
    A symlink is followed: the file it points to is replaced, the link stays.
    """
    name = str(path)
    target = Path(os.path.realpath(path))
    if target.is_dir():
        raise OutputError(name, "is a directory")
    try:
        st = os.stat(target)
        mode, owner = stat.S_IMODE(st.st_mode), (st.st_uid, st.st_gid)
    except FileNotFoundError:
        mode, owner = 0o666 & ~_umask(), None
    except OSError as e:
        raise OutputError(name, _os_reason(e)) from None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".cleaner-tmp")
    except OSError as e:
        raise OutputError(name, f"cannot write here: {_os_reason(e)}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if owner is not None and hasattr(os, "chown"):
            with suppress(OSError):
                os.chown(tmp, *owner)
        os.replace(tmp, target)
    except OSError as e:
        with suppress(OSError):
            os.unlink(tmp)
        raise OutputError(name, f"cannot write: {_os_reason(e)}") from None
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise


def write_atomic(path: PathLike, data: bytes) -> None:
    with atomic_writer(path) as f:
        f.write(data)


# --------------------------------------------------------------------------- JSON lines

@dataclass
class JsonLine:
    """One non-blank line of a JSONL stream: the parsed object, or why it is malformed."""

    line_no: int                   # 1-based
    raw: bytes                     # the line as read, without its line ending
    record: Optional[dict] = None
    error: Optional[str] = None    # set for malformed lines (record is None then)


def iter_jsonl(stream: BinaryIO, source: str, strict: bool = False) -> Iterator[JsonLine]:
    """Lazily, every non-blank line of a JSON-lines stream (one JSON object per line).

    Malformed lines (bad JSON, invalid UTF-8, not an object) come out with ``error`` set, or
    raise ``InputError`` naming the line with ``strict=True``. A UTF-8 BOM on the first line is
    ignored; blank lines are skipped.
    """
    for line_no, raw in enumerate(stream, 1):
        raw = raw.rstrip(b"\r\n")
        if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        if not raw.strip():
            continue
        error, record = None, None
        try:
            record = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            error = "invalid UTF-8"
        except ValueError as e:
            error = f"malformed JSON ({e.msg} at column {e.colno})" if hasattr(e, "msg") else "malformed JSON"
        else:
            if not isinstance(record, dict):
                error, record = f"not a JSON object (a {type(record).__name__})", None
        if error and strict:
            raise InputError(f"{source}:{line_no}", error)
        yield JsonLine(line_no, raw, record, error)


def gunzipped(stream: BinaryIO) -> Tuple[BinaryIO, bool]:
    """The stream, decompressed if it is gzip data, and whether it was. Only the first byte is
    looked at (peeked, so a pipe is not read ahead): 0x1f starts gzip data and never a JSON line."""
    if hasattr(stream, "peek"):
        first = stream.peek(1)[:1]
    elif stream.seekable():
        first = stream.read(1)
        stream.seek(-len(first), os.SEEK_CUR)
    else:
        first = b""
    if first != GZIP_MAGIC[:1]:
        return stream, False
    return gzip.GzipFile(fileobj=stream, mode="rb"), True


@contextmanager
def gzip_onto(f: BinaryIO) -> Iterator[BinaryIO]:
    """A gzip stream writing onto ``f``; its trailer is written when the block ends. No file name
    or time in the header, so the same records give the same bytes."""
    gz = gzip.GzipFile(filename="", fileobj=f, mode="wb", compresslevel=6, mtime=0)
    try:
        yield gz
    finally:
        gz.close()


class RecordError(ValueError):
    """A well-formed JSON record without a usable page."""


def record_page(record: dict, field: str = "text") -> Tuple[str, bool]:
    """``(page, is_html)``: the record's ``field``, or its ``html`` field when it has no ``field``."""
    if field in record:
        value, is_html = record[field], False
    elif "html" in record:
        field, value, is_html = "html", record["html"], True
    else:
        raise RecordError(f"no {field!r} field" + ("" if field == "html" else " (and no 'html' field)"))
    if not isinstance(value, str):
        raise RecordError(f"field {field!r} is {type(value).__name__}, not a string")
    return value, is_html


def dump_record(record: dict) -> bytes:
    """One JSON line, UTF-8, non-ASCII kept as is."""
    # backslashreplace turns a lone surrogate (legal in JSON text) back into its \uXXXX escape
    return json.dumps(record, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n"
