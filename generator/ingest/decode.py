"""Bytes to text: encoding detection, binary rejection and size limiting.

Seeds come from anywhere (copied web pages, old Windows exports, files saved
by mistake), so decoding never raises: it returns text plus warnings, or a
reason the file is not text at all. The rules, in order:

1. A byte-order mark decides (UTF-32, UTF-8, UTF-16).
2. Known binary signatures (PNG, JPEG, PDF, ZIP/Office, ...) are rejected.
3. UTF-16 without a BOM is recognised by its regular NUL pattern.
4. Many NUL or control bytes mean binary; a few stray NULs are tolerated
   (they are removed later, with a warning).
5. Valid UTF-8 is UTF-8. Otherwise each line that is not UTF-8 is decoded as
   cp1252 (the usual culprit), or latin-1 if cp1252 cannot map it, and the
   file is named in a warning.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from . import limits

#: Leading bytes of common non-text formats, with a human name for the report.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xca\xfe\xba\xbe", "Java class or Mach-O file"),
    (b"\x00asm", "WebAssembly module"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

#: Byte-order marks, longest first (the UTF-32 LE mark starts with UTF-16 LE's).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: C0 control bytes that never occur in text files (tab, LF, VT, FF, CR, ESC allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
#: Share of NUL bytes above which a file without a BOM is binary.
NUL_RATIO_BINARY = 0.01
#: Share of other control bytes above which a file is binary.
CONTROL_RATIO_BINARY = 0.05
#: How many bytes the binary heuristics look at.
SNIFF_BYTES = 65_536


@dataclass
class RawFile:
    """A file's bytes (possibly only a prefix) and the hash of all of them."""

    data: bytes
    size: int
    sha256: str
    truncated: bool


@dataclass
class Decoded:
    """Decoding outcome: ``text`` is None when the file is not text (``reason`` says why)."""

    text: str | None
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)
    reason: str | None = None


def read_raw(path: Path) -> RawFile:
    """Read at most ``limits.max_bytes()`` bytes of a regular file and hash it, in bounded work.

    The size comes from ``fstat`` before anything is read. A file up to
    ``limits.MAX_HASH_BYTES`` is hashed whole, so exact duplicates are exact
    even beyond the part kept; a bigger one (a 20 GB sparse file) by the kept
    part and its size, so it costs one read of the limit (only that part is
    ever used, so two such files with one hash make the same article). Opened
    non-blocking and checked to be a regular file on the open descriptor, so
    a FIFO or a device that took the file's place since the folder was listed
    cannot hang the build.
    """
    cap = limits.max_bytes()
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        whole = info.st_size <= limits.MAX_HASH_BYTES
        budget = limits.MAX_HASH_BYTES if whole else cap
        digest = hashlib.sha256()
        kept = bytearray()
        size = 0
        while size < budget:
            chunk = handle.read(min(1 << 20, budget - size))
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
            if len(kept) < cap:
                kept.extend(chunk[: cap - len(kept)])
    if not whole or size >= budget:
        size = max(size, info.st_size)
        digest.update(b"\0size=%d" % size)
    return RawFile(bytes(kept), size, digest.hexdigest(), size > len(kept))


def binary_signature(data: bytes) -> str | None:
    """Name of the binary format ``data`` starts with, if any."""
    for magic, name in BINARY_SIGNATURES:
        if data.startswith(magic):
            if magic == b"BZh" and not data[4:10] == b"1AY&SY":
                continue  # a text file may start with "BZh"; a real bzip2 block header follows
            if magic == b"MZ" and b"This program cannot be run in DOS mode" not in data[:512]:
                continue  # "MZ..." is also the start of ordinary words
            return name
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "WebP image", b"WAVE": "WAV audio", b"AVI ": "AVI video"}[data[8:12]]
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit regularly on odd/even bytes (ASCII-heavy UTF-16)."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) / 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    good = sum(1 for char in text if char.isprintable() or char in "\n\r\t")
    return good / len(text)


def _decode_with(data: bytes, encoding: str, final: bool) -> str:
    """Decode strictly; when the data was cut short, an unfinished last character is ignored."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    return decoder.decode(data, final=final)


def _decode_lines_fallback(data: bytes) -> tuple[str, list[str]]:
    """Decode line by line: UTF-8 where valid, else cp1252, else latin-1.

    Whole-file cp1252 would garble UTF-8 parts of a file pasted together from
    two sources; per line, each part keeps its own encoding.
    """
    out: list[str] = []
    used: dict[str, int] = {}
    for raw_line in data.splitlines(keepends=True):
        try:
            out.append(raw_line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        try:
            out.append(raw_line.decode("cp1252"))
            used["cp1252"] = used.get("cp1252", 0) + 1
        except UnicodeDecodeError:
            out.append(raw_line.decode("latin-1"))
            used["latin-1"] = used.get("latin-1", 0) + 1
    warnings = [
        f"not valid UTF-8: {count} line(s) decoded as {name}"
        for name, count in sorted(used.items())
    ]
    return "".join(out), warnings


def decode_bytes(data: bytes, truncated: bool = False) -> Decoded:
    """Turn raw bytes into text, or explain why they are not text.

    ``truncated`` says ``data`` is only a prefix of the file, so a multi-byte
    character cut at the end is dropped instead of being an error.
    """
    final = not truncated
    for bom, encoding in BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return Decoded(_decode_with(body, encoding, final), encoding)
            except UnicodeDecodeError:
                pass
            if encoding == "utf-8":
                text, warnings = _decode_lines_fallback(body)
                return Decoded(text, "cp1252", warnings)
            decoder = codecs.getincrementaldecoder(encoding)("replace")
            text = decoder.decode(body, final=final)
            return Decoded(text, encoding, [f"invalid {encoding.upper()}: undecodable bytes replaced"])

    signature = binary_signature(data)
    if signature:
        return Decoded(None, reason=f"binary file ({signature})")

    sample = data[:SNIFF_BYTES]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        try:
            text = _decode_with(data[: len(data) - len(data) % 2], utf16, final)
        except UnicodeDecodeError:
            text = None
        if text is not None and _printable_share(text[:20_000]) > 0.95:
            return Decoded(text, utf16, [f"no byte-order mark: decoded as {utf16.upper()}"])

    if sample:
        nul_share = sample.count(0) / len(sample)
        control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        control_share = (control - sample.count(0)) / len(sample)
        if nul_share > NUL_RATIO_BINARY and sample.count(0) >= 4:
            return Decoded(None, reason=f"binary file ({sample.count(0)} NUL bytes in the first {len(sample)} bytes)")
        if control_share > CONTROL_RATIO_BINARY:
            return Decoded(None, reason=f"binary file ({control_share:.0%} control bytes)")

    try:
        return Decoded(_decode_with(data, "utf-8", final), "utf-8")
    except UnicodeDecodeError:
        pass
    text, warnings = _decode_lines_fallback(data)
    return Decoded(text, "cp1252", warnings)
