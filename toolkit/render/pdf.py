"""HTML -> PDF with WeasyPrint, a batch at a time, fetching nothing from outside.

Each document is laid out on its own; the pages of a batch are then written as one
PDF (WeasyPrint's font subsetting, most of the cost of ``write_pdf``, runs once per
batch instead of once per file) and split back into one file per document with pypdf.
Every file is complete on its own. Resources are fetched only from the template
folders: any other URL (http, another local file) is refused and reported.

Characters the fonts lack are reported per document: WeasyPrint logs a ".notdef
glyph" only when it writes a batch's PDF (without saying which document), so each
laid-out document's text is checked against the character map of the font its CSS
asks for (``fc-match``; fontTools reads the map, once per font and process).
"""

from __future__ import annotations

import functools
import io
import logging
import os
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import unquote, urlparse

from toolkit.errors import ExportError

LOGGER_NAMES = ("weasyprint", "weasyprint.progress")


@dataclass(frozen=True)
class RenderedPdf:
    """One document's PDF: ``data`` (bytes), ``pages`` (count) and WeasyPrint's warnings."""

    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class TemplateOnlyFetcher(URLFetcher):
        """A WeasyPrint URL fetcher that serves files from the template folders only."""

        def __init__(self, roots: Sequence[Path]):
            super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False)
            self.roots = [Path(r).resolve() for r in roots]

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise ValueError(f"blocked: the toolkit fetches nothing from outside ({url[:80]})")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise ValueError(f"blocked: {path} is outside the template folders")
            return super().fetch(url, headers)

    return TemplateOnlyFetcher


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().splitlines()[0][:300])


# --------------------------------------------------------------------------- glyphs

#: General categories that print no glyph of their own: controls, format characters
#: (bidi marks, zero-width joiners, soft hyphen), separators.
_NO_GLYPH_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp"))
_NOTDEF = re.compile(r"\.notdef glyph rendered.*\(U\+([0-9A-Fa-f]{4,6})\)")


@functools.lru_cache(maxsize=64)
def _font_for(family: str) -> tuple[str, frozenset[int]] | None:
    """(family name, code points) of the font fontconfig picks for ``family``, or None.

    None when ``fc-match`` or fontTools is not available, or the font cannot be read:
    the check is then skipped (WeasyPrint still logs what it cannot draw).
    """
    fc_match = shutil.which("fc-match")
    if not fc_match:
        return None
    try:
        from fontTools.ttLib import TTCollection, TTFont

        found = subprocess.run([fc_match, "-f", "%{family[0]}\t%{file}\t%{index}", family],
                               capture_output=True, text=True, timeout=10, check=True).stdout
        name, path, index = found.split("\t")
        font = (TTCollection(path, lazy=True).fonts[int(index or 0)]
                if path.lower().endswith((".ttc", ".otc")) else TTFont(path, lazy=True))
        return name, frozenset(font.getBestCmap() or {})
    except Exception:  # no font, an unreadable font, no fontTools: skip the check
        return None


@functools.lru_cache(maxsize=4096)
def _installed_font_has(char: str) -> bool:
    """True when some installed font has ``char`` (``fc-list :charset=...``)."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return False
    try:
        found = subprocess.run([fc_list, f":charset={ord(char):x}", "family"],
                               capture_output=True, text=True, timeout=10, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.strip())


def _needs_glyph(char: str) -> bool:
    return (ord(char) > 0x7E and unicodedata.category(char) not in _NO_GLYPH_CATEGORIES
            and not 0xFE00 <= ord(char) <= 0xFE0F and not 0xE0100 <= ord(char) <= 0xE01EF)


def missing_glyphs(document) -> tuple[list[str], frozenset[str]]:
    """Warnings for characters of a laid-out document its fonts have no glyph for.

    Returns (warnings, the document's characters that need a glyph). Each warning
    reads ``no glyph for U+1F600 in DejaVu Serif; printed from a fallback font`` or,
    when no installed font has it, ``...: it prints as an empty box``. Controls, format
    characters (bidi marks, joiners) and variation selectors need no glyph.
    """
    chars: dict[str, set[str]] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            text = getattr(box, "text", None)
            if not text or text.isascii():
                continue
            families = tuple(box.style["font_family"]) or ("serif",)
            for char in text:
                if _needs_glyph(char):
                    chars.setdefault(char, set()).add(families[0])
    warnings = []
    for char in sorted(chars):
        for family in sorted(chars[char]):
            font = _font_for(family)
            if font is None or ord(char) in font[1]:
                continue
            where = ("printed from a fallback font" if _installed_font_has(char)
                     else "no installed font has it: it prints as an empty box")
            warnings.append(f"no glyph for U+{ord(char):04X} in {font[0]}; {where}")
            break
    return warnings, frozenset(chars)


@dataclass
class LaidOut:
    """One document laid out by WeasyPrint: its pages, ready to be written, and warnings.

    ``chars``: the document's characters that need a glyph beyond ASCII.
    """

    document: object
    warnings: tuple[str, ...]
    chars: frozenset[str] = frozenset()

    @property
    def pages(self) -> int:
        """Number of pages."""
        return len(self.document.pages)


class PdfRenderer:
    """Lays out HTML documents and writes them as PDFs, with one font set per renderer.

    ``base_dir`` resolves relative URLs (the first template folder); ``roots`` are the
    only folders files may be read from. Create one per batch: documents laid out by
    the same renderer share fonts, so writing them together subsets each font once.
    """

    def __init__(self, base_dir: Path, roots: Sequence[Path]):
        from weasyprint.text.fonts import FontConfiguration

        # fontTools stamps subset fonts with the current time unless SOURCE_DATE_EPOCH
        # is set: fix it so that the same inputs give byte-identical PDFs.
        os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")
        self.base_url = str(base_dir) + "/"
        self.fetcher = _fetcher_class()(roots)
        self.font_config = FontConfiguration()

    def layout(self, html: str) -> LaidOut:
        """Lay out one HTML document; raises ExportError if WeasyPrint fails on it."""
        from weasyprint import HTML

        capture = _Capture()
        loggers = [logging.getLogger(n) for n in LOGGER_NAMES]
        for logger in loggers:
            logger.addHandler(capture)
        try:
            document = HTML(string=html, base_url=self.base_url,
                            url_fetcher=self.fetcher).render(font_config=self.font_config)
        except Exception as exc:  # WeasyPrint raises many kinds on broken CSS/HTML
            raise ExportError(f"PDF layout failed: {type(exc).__name__}: {exc}") from exc
        finally:
            for logger in loggers:
                logger.removeHandler(capture)
        glyphs, chars = missing_glyphs(document)
        return LaidOut(document, tuple(dict.fromkeys(capture.messages + glyphs)), chars)

    def write(self, laid_out: Sequence[LaidOut], titles: Sequence[str]) -> list[RenderedPdf]:
        """Write laid-out documents as one PDF, then split it: one complete PDF each.

        ``titles`` gives each PDF's document title. The bytes depend only on the
        documents and their order (no timestamps). What WeasyPrint logs while writing
        goes in each RenderedPdf's ``warnings`` after its layout warnings: a ".notdef
        glyph" line to the documents holding that character (unless the layout check
        already named it), anything else to every document of the batch.
        """
        from pypdf import PdfReader, PdfWriter

        pages = [page for item in laid_out for page in item.document.pages]
        capture = _Capture()
        loggers = [logging.getLogger(n) for n in LOGGER_NAMES]
        for logger in loggers:
            logger.addHandler(capture)
        try:
            combined = laid_out[0].document.copy(pages).write_pdf()
        except Exception as exc:
            raise ExportError(f"PDF writing failed: {type(exc).__name__}: {exc}") from exc
        finally:
            for logger in loggers:
                logger.removeHandler(capture)
        late: list[list[str]] = [[] for _ in laid_out]
        for message in dict.fromkeys(capture.messages):
            notdef = _NOTDEF.search(message)
            for number, item in enumerate(laid_out):
                if notdef is None:
                    late[number].append(message)
                    continue
                code = notdef.group(1).upper()
                if chr(int(code, 16)) in item.chars and not any(
                        f"U+{code} " in w for w in item.warnings):
                    late[number].append(f"no glyph for U+{code} in any installed font: "
                                        "it prints as an empty box")
        reader = PdfReader(io.BytesIO(combined))
        results, start = [], 0
        for item, title, extra in zip(laid_out, titles, late):
            writer = PdfWriter()
            for number in range(start, start + item.pages):
                writer.add_page(reader.pages[number])
            writer.add_metadata({"/Producer": "advocacy toolkit (WeasyPrint, pypdf)",
                                 "/Title": title})
            buffer = io.BytesIO()
            writer.write(buffer)
            results.append(RenderedPdf(buffer.getvalue(), item.pages,
                                       tuple(dict.fromkeys(item.warnings + tuple(extra)))))
            start += item.pages
        return results


def render_pdfs(htmls: Sequence[str], base_dir: Path, roots: Sequence[Path],
                titles: Sequence[str] | None = None) -> list[RenderedPdf]:
    """Lay out each HTML document and return one complete PDF per document.

    A convenience over PdfRenderer for callers that need no page-fitting. Raises
    ExportError if WeasyPrint fails on a document.
    """
    renderer = PdfRenderer(base_dir, roots)
    laid_out = [renderer.layout(html) for html in htmls]
    return renderer.write(laid_out, titles or [""] * len(laid_out))
