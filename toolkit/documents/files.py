"""The bytes of a made file: its safe name, its SHA-256, and CSV that Excel opens safely.

CSV cells that begin with =, +, -, @, a tab or a carriage return are prefixed with an
apostrophe (OWASP, "CSV Injection"), so that a name or a story can never run as an
Excel formula.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import re
import unicodedata
from typing import Iterable, Iterator


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@functools.lru_cache(maxsize=65536)
def safe_slug(text: str, limit: int = 40) -> str:
    """Reduce a name to safe lower-case ASCII for a file name: "Luján" -> "lujan".

    Accents are dropped, anything but letters and digits becomes "-", and path
    pieces (``../``, ``/``, ``\\``) cannot survive. Returns "x" for an empty result.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return slug or "x"


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def csv_safe(value: object) -> str:
    """A cell for a CSV that Excel opens: text starting with = + - @ tab or CR gets a "'".

    Stops a spreadsheet from evaluating a name such as ``=HYPERLINK(...)`` as a formula
    (CSV injection). Numbers are left alone.
    """
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return "'" + text
    return text


def csv_bytes(rows: Iterable[dict], columns: tuple[str, ...]) -> bytes:
    """Rows as CSV bytes in UTF-8 with a BOM (so Excel shows accents), formula-safe cells."""
    return b"".join(csv_chunks(rows, columns))


def csv_chunks(rows: Iterable[dict], columns: tuple[str, ...],
               size: int = 1 << 20) -> Iterator[bytes]:
    """``csv_bytes`` in chunks of about ``size`` bytes, reading ``rows`` as it goes."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore",
                            lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_safe(row.get(k, "")) for k in columns})
        if buffer.tell() >= size:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")
