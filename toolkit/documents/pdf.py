"""HTML -> PDF with WeasyPrint, a batch at a time, fetching nothing from outside.

PDFs are tagged PDF/UA-1 by default (``DEFAULT_VARIANT``; WeasyPrint's ``pdf_variant``):
a structure tree (headings, paragraphs, lists, links), the document's language (the
HTML ``lang``, else ``DEFAULT_LANG``) and title, e-mail addresses as ``mailto:`` links.
A tagged PDF is written with one ``write_pdf`` per document, because a structure tree
does not survive splitting a combined PDF page by page (benchmarks/bench_pdf_write.py
measures the candidates). Untagged output (``variant=None``) keeps the batch path: the
pages of a batch are written as one PDF (WeasyPrint's font subsetting runs once per
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
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from urllib.parse import unquote, urlparse
from toolkit.errors import ExportError



LOGGER_NAMES = ("weasyprint", "weasyprint.progress")


#: Word fonts the templates name (base.css: letters and one-pagers; packet.css: profile
#: pages) -> the metric-compatible open font fontconfig substitutes for them when
#: fonts-liberation2 is installed: the PDF is drawn in the twin, the DOCX names the Word
#: font, and the same words break at the same places in both.
WORD_FONT_TWINS = {"Times New Roman": "Liberation Serif", "Arial": "Liberation Sans"}


#: The PDF variant of every document unless ``--pdf-variant`` says otherwise.
DEFAULT_VARIANT = "pdf/ua-1"


#: The WeasyPrint variants ``--pdf-variant`` offers ("none": an untagged PDF 1.7). PDF/X
#: is left out: WeasyPrint stamps PDF/X-4 files with a random document ID.
VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u",
            "pdf/a-3u", "pdf/a-4u", "pdf/a-1a", "pdf/a-2a", "pdf/a-3a", "none")


#: The document language when the HTML has no ``lang`` (PDF/UA requires one).
DEFAULT_LANG = "en-US"


#: The /Producer of a PDF written by WeasyPrint directly (the split path: "..., pypdf)").
PRODUCER = "advocacy toolkit (WeasyPrint)"


#: User-origin CSS for the ``mailto:`` links this module adds: they look like the text
#: around them unless a template styles ``a`` itself (author CSS wins).
_LINK_CSS = "a.advocacy-email { color: inherit; text-decoration: none; }"


#: An e-mail address in text (not a full RFC 5322 parser: what a sender block holds).
_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                    r"\.[A-Za-z]{2,})(?![\w-])")


#: Elements whose text is never linked (already a link, or not shown as text).
_NO_LINK_TAGS = frozenset(("a", "head", "style", "script", "title", "textarea", "svg"))


@dataclass(frozen=True)
class RenderedPdf:
    """One document's PDF: ``data`` (bytes), ``pages`` (count) and WeasyPrint's warnings."""

    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    from toolkit.documents.draftmark import mark_url

    mark = mark_url()

    class TemplateOnlyFetcher(URLFetcher):
        """A WeasyPrint URL fetcher that serves files from the template folders only (and
        the DRAFT mark's own outlines)."""

        def __init__(self, roots: Sequence[Path]):
            super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False)
            self.roots = [Path(r).resolve() for r in roots]

        def fetch(self, url, headers=None):
            if url == mark:     # the DRAFT mark's outlines (draftmark.mark_url)
                from weasyprint.urls import URLFetcherResponse

                from toolkit.documents.draftglyphs import SVG

                return URLFetcherResponse(url, SVG.encode(), {"Content-Type": "image/svg+xml"})
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
    reads ``no glyph for U+1F600 in Liberation Serif; printed from a fallback font`` or,
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


def link_emails(element) -> None:
    """Wrap every e-mail address in the text under ``element`` in a ``mailto:`` link.

    ``element`` is an ElementTree element (WeasyPrint's parsed HTML); it is changed in
    place. Text already inside ``<a>``, ``<head>``, ``<style>``, ``<script>`` or ``<svg>``
    is left alone. The link has class ``advocacy-email`` (styled like its text).
    """
    if not isinstance(element.tag, str) or element.tag in _NO_LINK_TAGS:
        return
    children = list(element)
    element.text, anchors = _linked(element.text)
    for position, anchor in enumerate(anchors):
        element.insert(position, anchor)
    for child in children:
        link_emails(child)
        child.tail, anchors = _linked(child.tail)
        position = list(element).index(child) + 1
        for offset, anchor in enumerate(anchors):
            element.insert(position + offset, anchor)


def _linked(text: str | None):
    """(text before the first address, [<a> elements, each with the text after it as tail])."""
    if not text or "@" not in text:
        return text, []
    from xml.etree.ElementTree import Element

    parts = _EMAIL.split(text)
    anchors = []
    for address, after in zip(parts[1::2], parts[2::2]):
        anchor = Element("a", {"href": f"mailto:{address}", "class": "advocacy-email"})
        anchor.text, anchor.tail = address, after or None
        anchors.append(anchor)
    return parts[0], anchors


_FONT_CONFIGS = threading.local()


def font_configuration():
    """This thread's WeasyPrint FontConfiguration, made on first use and then reused.

    Loading fonts (fontconfig's configuration and a Pango font map) for every batch left
    about 0.3 MB behind each time in Pango and fontconfig, which no collection frees: a
    worker grew with the number of batches it rendered. One per thread (Pango font maps
    are not shared between threads) and per process (not inherited across a fork). The
    bytes of a document do not depend on it: fonts are matched the same way each time.
    One exception: a user template's ``@font-face`` is loaded once per process, so a
    font file replaced at the same path during a long-lived process (a Dask worker) is
    not seen until the worker restarts (the bundled templates have none).
    """
    from weasyprint.text.fonts import FontConfiguration

    held = getattr(_FONT_CONFIGS, "held", None)
    if held is None or held[0] != os.getpid():
        held = _FONT_CONFIGS.held = (os.getpid(), FontConfiguration())
    return held[1]


class PdfRenderer:
    """Lays out HTML documents and writes them as PDFs, with the fonts of its thread.

    ``base_dir`` resolves relative URLs (the first template folder); ``roots`` are the
    only folders files may be read from. ``variant`` is WeasyPrint's ``pdf_variant``
    (one of ``VARIANTS``; ``None`` or "none": a plain, untagged PDF); ``actual_size``
    asks viewers to print at 100 % (``/ViewerPreferences /PrintScaling /None``: labels
    and envelopes). Create one per batch; renderers of one thread share its fonts
    (``font_configuration``). Raises ExportError for an unknown variant.
    """

    def __init__(self, base_dir: Path, roots: Sequence[Path],
                 variant: str | None = DEFAULT_VARIANT, actual_size: bool = False):
        from weasyprint import CSS

        if variant not in VARIANTS + (None,):
            raise ExportError(f"unknown PDF variant {variant!r}; use one of: {', '.join(VARIANTS)}")
        # fontTools stamps subset fonts with the current time unless SOURCE_DATE_EPOCH
        # is set: fix it so that the same inputs give byte-identical PDFs.
        os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")
        self.base_url = str(base_dir) + "/"
        self.fetcher = _fetcher_class()(roots)
        self.font_config = font_configuration()
        self.variant = None if variant == "none" else variant
        self.actual_size = actual_size
        self.link_css = CSS(string=_LINK_CSS, font_config=self.font_config)

    def layout(self, html: str) -> LaidOut:
        """Lay out one HTML document; raises ExportError if WeasyPrint fails on it.

        E-mail addresses in its text become ``mailto:`` links (``link_emails``).
        """
        from weasyprint import HTML

        capture = _Capture()
        loggers = [logging.getLogger(n) for n in LOGGER_NAMES]
        for logger in loggers:
            logger.addHandler(capture)
        try:
            parsed = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher)
            link_emails(parsed.etree_element)
            document = parsed.render(font_config=self.font_config, stylesheets=[self.link_css],
                                     pdf_variant=self.variant)
        except Exception as exc:  # WeasyPrint raises many kinds on broken CSS/HTML
            raise ExportError(f"PDF layout failed: {type(exc).__name__}: {exc}") from exc
        finally:
            for logger in loggers:
                logger.removeHandler(capture)
        glyphs, chars = missing_glyphs(document)
        return LaidOut(document, tuple(dict.fromkeys(capture.messages + glyphs)), chars)

    def write(self, laid_out: Sequence[LaidOut], titles: Sequence[str]) -> list[RenderedPdf]:
        """Write each laid-out document as one complete PDF; return them in order.

        ``titles`` gives each PDF's document title. With a variant (tagged PDF/UA by
        default) every document gets its own ``write_pdf``, keeping its structure tree;
        without one, the documents are written as one PDF (fonts subset once) and split
        with pypdf. The bytes depend only on the documents and their order (no
        timestamps). What WeasyPrint logs while writing goes in each RenderedPdf's
        ``warnings`` after its layout warnings: a ".notdef glyph" line to the documents
        holding that character (unless the layout check already named it), anything
        else to every document written with it. Raises ExportError if writing fails.
        """
        if not laid_out:
            return []
        if self.variant is None:
            pages = [page for item in laid_out for page in item.document.pages]
            combined, messages = self._write_pdf(laid_out[0].document.copy(pages))
            datas = self._split(combined, laid_out, titles)
            late = _late_warnings(messages, laid_out)
        else:
            datas, late = [], []
            for item, title in zip(laid_out, titles):
                item.document.metadata.title = title or item.document.metadata.title
                item.document.metadata.lang = item.document.metadata.lang or DEFAULT_LANG
                data, messages = self._write_pdf(item.document)
                datas.append(data)
                late += _late_warnings(messages, [item])
        return [RenderedPdf(data, item.pages, tuple(dict.fromkeys(item.warnings + tuple(extra))))
                for data, item, extra in zip(datas, laid_out, late)]

    def _write_pdf(self, document) -> tuple[bytes, list[str]]:
        """(PDF bytes, what WeasyPrint logged) for a laid-out document."""
        capture = _Capture()
        loggers = [logging.getLogger(n) for n in LOGGER_NAMES]
        for logger in loggers:
            logger.addHandler(capture)
        try:
            data = document.write_pdf(pdf_variant=self.variant, finisher=self._finish)
        except Exception as exc:
            raise ExportError(f"PDF writing failed: {type(exc).__name__}: {exc}") from exc
        finally:
            for logger in loggers:
                logger.removeHandler(capture)
        return data, list(dict.fromkeys(capture.messages))

    def _finish(self, document, pdf) -> None:
        """WeasyPrint finisher: the producer and, for ``actual_size``, print scaling None."""
        import pydyf

        pdf.info["Producer"] = pydyf.String(PRODUCER)
        if self.actual_size:
            preferences = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
            preferences["PrintScaling"] = "/None"
            pdf.catalog["ViewerPreferences"] = preferences

    def _split(self, combined: bytes, laid_out: Sequence[LaidOut],
               titles: Sequence[str]) -> list[bytes]:
        """Split a batch's PDF into one complete PDF per document (pypdf), titled."""
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import NameObject

        reader = PdfReader(io.BytesIO(combined))
        datas, start = [], 0
        for item, title in zip(laid_out, titles):
            writer = PdfWriter()
            for number in range(start, start + item.pages):
                writer.add_page(reader.pages[number])
            writer.add_metadata({"/Producer": "advocacy toolkit (WeasyPrint, pypdf)",
                                 "/Title": title})
            if self.actual_size:
                writer.create_viewer_preferences()[NameObject("/PrintScaling")] = \
                    NameObject("/None")
            buffer = io.BytesIO()
            writer.write(buffer)
            datas.append(buffer.getvalue())
            start += item.pages
        return datas


def _late_warnings(messages: Sequence[str], laid_out: Sequence[LaidOut]) -> list[list[str]]:
    """What WeasyPrint logged while writing ``laid_out`` together, per document.

    A ".notdef glyph" line goes to the documents that hold the character (unless their
    layout check already named it); any other line to every document.
    """
    late: list[list[str]] = [[] for _ in laid_out]
    for message in messages:
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
    return late


def render_pdfs(htmls: Sequence[str], base_dir: Path, roots: Sequence[Path],
                titles: Sequence[str] | None = None,
                variant: str | None = DEFAULT_VARIANT) -> list[RenderedPdf]:
    """Lay out each HTML document and return one complete PDF per document.

    A convenience over PdfRenderer for callers that need no page-fitting. Raises
    ExportError if WeasyPrint fails on a document.
    """
    renderer = PdfRenderer(base_dir, roots, variant)
    laid_out = [renderer.layout(html) for html in htmls]
    return renderer.write(laid_out, titles or [""] * len(laid_out))

