"""HTML -> PDF with WeasyPrint, a batch at a time, fetching nothing from outside.

Each document is laid out on its own; the pages of a batch are then written as one
PDF (WeasyPrint's font subsetting, most of the cost of ``write_pdf``, runs once per
batch instead of once per file) and split back into one file per document with pypdf.
Every file is complete on its own. Resources are fetched only from the template
folders: any other URL (http, another local file) is refused and reported.
"""

from __future__ import annotations

import io
import logging
import os
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


@dataclass
class LaidOut:
    """One document laid out by WeasyPrint: its pages, ready to be written, and warnings."""

    document: object
    warnings: tuple[str, ...]

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
        return LaidOut(document, tuple(dict.fromkeys(capture.messages)))

    def write(self, laid_out: Sequence[LaidOut], titles: Sequence[str]) -> list[RenderedPdf]:
        """Write laid-out documents as one PDF, then split it: one complete PDF each.

        ``titles`` gives each PDF's document title. The bytes depend only on the
        documents and their order (no timestamps).
        """
        from pypdf import PdfReader, PdfWriter

        pages = [page for item in laid_out for page in item.document.pages]
        combined = laid_out[0].document.copy(pages).write_pdf()
        reader = PdfReader(io.BytesIO(combined))
        results, start = [], 0
        for item, title in zip(laid_out, titles):
            writer = PdfWriter()
            for number in range(start, start + item.pages):
                writer.add_page(reader.pages[number])
            writer.add_metadata({"/Producer": "advocacy toolkit (WeasyPrint, pypdf)",
                                 "/Title": title})
            buffer = io.BytesIO()
            writer.write(buffer)
            results.append(RenderedPdf(buffer.getvalue(), item.pages, item.warnings))
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
