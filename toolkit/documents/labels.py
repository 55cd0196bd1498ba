"""Mailing labels (Avery 5160 sheets) and No. 10 envelopes for the targeted offices, as PDF.

Avery 5160 (and 8160): US Letter sheets of 3 columns x 10 rows of 2-5/8 x 1 in labels,
0.5 in top margin, 3/16 in side margins, 1/8 in between columns and no gap between rows
(LETTER-CONVENTIONS.md, "Page and print"). Each label holds the office's inside address
(address.inside_address). Every label is a fixed-size, absolutely positioned cell: the
font size of a label is chosen here from the width of its longest line (measured with the
widths of DejaVu Sans Condensed, the labels' font), so a long line shrinks, and at the
smallest size wraps, inside its own cell; it never spills into the next label.

A No. 10 envelope (9-1/2 x 4-1/8 in) is one page: the campaign's return address top left
and the recipient block 4.25 in from the left edge and 2 in from the top, where printers'
envelope feeds and the USPS read zone expect it (DOCUMENTS.md, "Labels and envelopes").

Files land under the output folder as ``labels/labels-avery5160.pdf`` and
``envelopes/envelopes-no10.pdf``, written atomically and recorded in ``manifest.csv``;
a file the user made or edited is never overwritten without ``force``.
"""

from __future__ import annotations

from toolkit.documents import address

import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from toolkit.campaign.model import Campaign
from toolkit.documents.files import sha256_bytes
from toolkit.documents.job import OutputFile
from toolkit.documents.pdf import DEFAULT_VARIANT
from toolkit.documents.tailor import organization_sender



POINTS_PER_INCH = 72.0


# Avery 5160 geometry, in inches.
SHEET_WIDTH, SHEET_HEIGHT = 8.5, 11.0


COLUMNS, ROWS = 3, 10


LABELS_PER_SHEET = COLUMNS * ROWS


LABEL_WIDTH, LABEL_HEIGHT = 2.625, 1.0


TOP_MARGIN, SIDE_MARGIN = 0.5, 0.1875


COLUMN_GAP, ROW_GAP = 0.125, 0.0


#: Space kept clear inside each label (inches): left/right and top/bottom. Printers
#: shift a sheet by up to 1/16 in, so text stays away from the die-cut edges.
LABEL_PADDING_X, LABEL_PADDING_Y = 0.12, 0.08


#: Font sizes a label may use (points), largest first; labels.css has a class per size.
LABEL_SIZES = (10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0)


#: Below this size (points) a label's lines may wrap instead of shrinking further.
WRAP_FROM = 8.0


#: Line height of label text, as a multiple of the font size (labels.css says 1.15).
LABEL_LINE_HEIGHT = 1.2


#: Estimated widths are multiplied by this, so that a label chosen to fit does fit.
WIDTH_SAFETY = 1.06


# No. 10 envelope, in inches.
ENVELOPE_WIDTH, ENVELOPE_HEIGHT = 9.5, 4.125


RECIPIENT_LEFT, RECIPIENT_TOP = 4.25, 2.0


LABELS_PATH = "labels/labels-avery5160.pdf"


ENVELOPES_PATH = "envelopes/envelopes-no10.pdf"


KINDS = {"labels": LABELS_PATH, "envelopes": ENVELOPES_PATH}


# Advance widths of DejaVu Sans Condensed (em), by character; others count as 0.72 em.
_WIDTH_GROUPS = {
    0.25: "'ijl", 0.27: "IJ", 0.29: " ,.", 0.30: "/:;\\|", 0.32: "-f", 0.35: "()[]t",
    0.36: "!", 0.37: "r", 0.41: '"', 0.45: "*_`", 0.47: "sz", 0.48: "?", 0.49: "c",
    0.50: "L", 0.52: "Fk", 0.53: "vxy", 0.54: "P", 0.55: "TYaeo",
    0.57: "$0123456789ESbdghnpqu{}", 0.59: "K", 0.62: "ABRVXZ", 0.63: "C", 0.66: "U",
    0.67: "N", 0.68: "H", 0.69: "D", 0.70: "&G", 0.71: "OQ", 0.74: "w", 0.75: "#+<=>^~",
    0.78: "M", 0.85: "%", 0.88: "m", 0.89: "W", 0.90: "@",
}


_WIDTHS = {ch: width for width, chars in _WIDTH_GROUPS.items() for ch in chars}


_OTHER_WIDTH = 0.72


def text_width(text: str, size: float) -> float:
    """Estimated width in points of ``text`` set in the labels' font at ``size`` points.

    Accented letters count as their base letter ("é" as "e"), typographic quotes as
    0.41 em, anything else unknown as 0.72 em; the sum is raised by WIDTH_SAFETY.
    """
    total = 0.0
    for ch in text:
        if ch in _WIDTHS:
            total += _WIDTHS[ch]
            continue
        base = unicodedata.normalize("NFKD", ch)[:1]
        total += _WIDTHS.get(base, 0.41 if ch in "\u2018\u2019\u201c\u201d" else _OTHER_WIDTH)
    return total * size * WIDTH_SAFETY


def label_cells() -> list[tuple[float, float, float, float]]:
    """The 30 label rectangles of an Avery 5160 sheet, in points from the top-left corner.

    Returns ``(x0, top, x1, bottom)`` per label, across then down (the order in which
    labels are filled), as pdfplumber reports positions.
    """
    cells = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            x0 = SIDE_MARGIN + column * (LABEL_WIDTH + COLUMN_GAP)
            top = TOP_MARGIN + row * (LABEL_HEIGHT + ROW_GAP)
            cells.append(tuple(v * POINTS_PER_INCH for v in
                               (x0, top, x0 + LABEL_WIDTH, top + LABEL_HEIGHT)))
    return cells


@dataclass(frozen=True)
class Label:
    """One filled label: its lines, font size (points), whether lines wrap, and its cell.

    ``left`` and ``top`` are the cell's position on the sheet in inches; ``fits`` is
    False when even wrapped at the smallest size the text is taller than the label
    (the text is then cut at the label's edge rather than spill into the next one).
    """

    lines: tuple[str, ...]
    size: float
    wrap: bool
    left: float
    top: float
    fits: bool = True

    @property
    def size_class(self) -> str:
        """The labels.css class of the font size: ``size-9`` for 9 pt."""
        return f"size-{self.size:g}".replace(".", "-")


def wrapped_lines(line: str, size: float, width: float) -> int:
    """How many lines ``line`` takes at ``size`` points in ``width`` points, wrapped at spaces.

    A word wider than the width is broken anywhere (labels.css ``overflow-wrap:
    anywhere``), taking as many lines as it needs.
    """
    count, used = 1, 0.0
    space = text_width(" ", size)
    for word in line.split():
        word_width = text_width(word, size)
        if used and used + space + word_width <= width:
            used += space + word_width
            continue
        if used:
            count += 1
        if word_width > width:
            count += math.ceil(word_width / width) - 1
            used = word_width % width
        else:
            used = word_width
    return count


def label_size(lines: Sequence[str]) -> tuple[float, bool, bool]:
    """Choose the font size for a label's lines: ``(size in points, wrap, fits)``.

    The largest of LABEL_SIZES at which every line fits the label's width and all lines
    its height; from WRAP_FROM points down, a size at which the lines fit once wrapped
    is taken too (wrapping a long name at 8 pt reads better than 6 pt on one line). If
    nothing fits, the smallest size, wrapped, with ``fits`` False.
    """
    width = (LABEL_WIDTH - 2 * LABEL_PADDING_X) * POINTS_PER_INCH
    height = (LABEL_HEIGHT - 2 * LABEL_PADDING_Y) * POINTS_PER_INCH
    for size in LABEL_SIZES:
        if (len(lines) * size * LABEL_LINE_HEIGHT <= height
                and all(text_width(line, size) <= width for line in lines)):
            return size, False, True
        if size <= WRAP_FROM:
            count = sum(wrapped_lines(line, size, width) for line in lines)
            if count * size * LABEL_LINE_HEIGHT <= height:
                return size, True, True
    return LABEL_SIZES[-1], True, False


def build_sheets(addresses: Sequence[Sequence[str]], start: int = 1) -> list[list[Label]]:
    """Lay out address blocks on Avery 5160 sheets: one list of Labels per sheet.

    ``start`` (1-30) is the first free label of the first sheet, for a sheet already
    partly used; labels fill across, then down. ``ceil((start - 1 + n) / 30)`` sheets.
    """
    cells = label_cells()
    sheets: list[list[Label]] = []
    for index, lines in enumerate(addresses, start=start - 1):
        if index % LABELS_PER_SHEET == 0 or not sheets:
            sheets.append([])
        x0, top, _, _ = cells[index % LABELS_PER_SHEET]
        size, wrap, fits = label_size(lines)
        sheets[-1].append(Label(tuple(lines), size, wrap, x0 / POINTS_PER_INCH,
                                top / POINTS_PER_INCH, fits))
    return sheets


def labels_html(addresses: Sequence[Sequence[str]], templates, start: int = 1) -> str:
    """The HTML of the label sheets (labels.html) for these address blocks."""
    sheets = build_sheets(addresses, start)
    return templates.render("labels.html", {
        "sheets": sheets, "label_width": LABEL_WIDTH, "label_height": LABEL_HEIGHT,
        "padding_x": LABEL_PADDING_X, "padding_y": LABEL_PADDING_Y})


#: The envelope's recipient block as envelope.html sets it: font size (points), line
#: height, width (inches); the bottom 5/8 in stays clear for the USPS barcode.
ENVELOPE_SIZE, ENVELOPE_LINE_HEIGHT, ENVELOPE_BLOCK_WIDTH = 11.0, 1.25, 4.9


ENVELOPE_BOTTOM_CLEAR = 0.625


#: envelope.html sets DejaVu Sans, about 1.12 times as wide as the condensed face
#: ``text_width`` measures.
ENVELOPE_WIDTH_FACTOR = 1.12


def envelope_fit(lines: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """Fit an address block to the envelope's recipient area: (lines, left out, fits).

    Lines wrap at the block's width; when they are more than the area holds, lines
    are left out from the middle, the chamber line first, never the name (first line)
    nor the city/ZIP line (last). ``fits`` is False when even the name and city/ZIP
    lines, wrapped, are too tall (the text is then cut at the area's edge).
    """
    width = ENVELOPE_BLOCK_WIDTH * POINTS_PER_INCH / ENVELOPE_WIDTH_FACTOR
    room = (ENVELOPE_HEIGHT - RECIPIENT_TOP - ENVELOPE_BOTTOM_CLEAR) * POINTS_PER_INCH
    most = int(room // (ENVELOPE_SIZE * ENVELOPE_LINE_HEIGHT))
    kept = list(lines)

    def height(block):
        return sum(wrapped_lines(line, ENVELOPE_SIZE, width) for line in block)

    chamber_lines = set(address.CHAMBER_LINES.values())
    while height(kept) > most and len(kept) > 2:
        middle = kept[1:-1]
        drop = next((line for line in middle if line in chamber_lines), middle[0])
        kept.remove(drop)
    left_out = tuple(line for line in lines if line not in kept)
    return tuple(kept), left_out, height(kept) <= most


def envelope_warnings(addresses: Sequence[Sequence[str]]) -> list[str]:
    """One report line per envelope whose address does not fit, as for labels."""
    warnings = []
    for number, lines in enumerate(addresses, start=1):
        _, left_out, fits = envelope_fit(lines)
        if not fits:
            warnings.append(f"{ENVELOPES_PATH}: envelope {number}: the address for "
                            f"{lines[0]!r} is too long to fit; shorten its lines")
        elif left_out:
            warnings.append(f"{ENVELOPES_PATH}: envelope {number}: the address for "
                            f"{lines[0]!r} does not fit; left out "
                            f"{', '.join(repr(line) for line in left_out)}")
    return warnings


def envelopes_html(addresses: Sequence[Sequence[str]], campaign: Campaign, templates,
                   senders: Sequence | None = None) -> str:
    """The HTML of the No. 10 envelopes (envelope.html), one page per address block.

    Each block as ``envelope_fit`` keeps it (the name and the city/ZIP line always).
    ``senders``: one return address per block (anything with ``name`` and ``address``
    lines: a constituent's own, for the letters they sign); default the campaign's
    organization on every envelope. Raises TemplateRenderError when ``senders`` are given
    and the envelope.html in use (a copy made before them) does not print them: it would
    put the organization's address on every envelope.
    """
    from toolkit.errors import TemplateRenderError

    sender = organization_sender(campaign)
    if senders:
        source, path, _ = templates.env.loader.get_source(templates.env, "envelope.html")
        if "senders" not in source:
            raise TemplateRenderError(
                f"{path}: this envelope.html prints one return address on every envelope, "
                "not each constituent's own: copy it again ('advocacy templates init') or "
                "use --return-address organization")
    return templates.render("envelope.html", {
        "sender": sender, "recipients": [envelope_fit(a)[0] for a in addresses],
        "senders": list(senders or ()),
        "recipient_left": RECIPIENT_LEFT, "recipient_top": RECIPIENT_TOP})


def render_labels(addresses: Sequence[Sequence[str]], campaign: Campaign, *,
                  kinds: Sequence[str] = tuple(KINDS), templates: str | Path | None = None,
                  start: int = 1, pdf_variant: str | None = DEFAULT_VARIANT,
                  senders: Sequence | None = None) -> list[OutputFile]:
    """Render the label sheets and/or envelopes for ``addresses``; return the PDFs.

    ``kinds``: ``labels`` and/or ``envelopes``; ``pdf_variant``: documents.pdf.VARIANTS or
    None; ``senders``: each envelope's return address (``envelopes_html``). The PDFs ask viewers to print at actual size (``/PrintScaling /None``).
    Raises TemplateRenderError or ExportError when a template or the layout fails.
    """
    from toolkit.documents.draftmark import mark_html
    from toolkit.documents.html import TemplateSet
    from toolkit.documents.pdf import PdfRenderer

    template_set = TemplateSet(templates)
    renderer = PdfRenderer(template_set.folders[0], template_set.folders, pdf_variant,
                           actual_size=True)
    documents = []
    for kind in kinds:
        if kind == "labels":
            html = labels_html(addresses, template_set, start)
            title = f"{campaign.title}: mailing labels (Avery 5160)"
        else:
            html = envelopes_html(addresses, campaign, template_set, senders)
            title = f"{campaign.title}: No. 10 envelopes"
        if campaign.placeholder_sender:
            html = mark_html(html, "envelope" if kind == "envelopes" else "margin")
        documents.append((kind, html, renderer.layout(html), title))
    warnings = []
    if "envelopes" in kinds:
        warnings += envelope_warnings(addresses)
    if "labels" in kinds:
        for sheet_number, sheet in enumerate(build_sheets(addresses, start), start=1):
            warnings += [f"{LABELS_PATH}: sheet {sheet_number}: the label for "
                         f"{label.lines[0]!r} is too long to fit; shorten its lines"
                         for label in sheet if not label.fits]
    pdfs = renderer.write([d[2] for d in documents], [d[3] for d in documents])
    return [OutputFile(KINDS[kind], pdf.data, kind, "pdf", pdf.pages,
                       sha256_bytes(html.encode("utf-8")),
                       warnings=tuple([w for w in warnings if w.startswith(KINDS[kind])]
                                      + [f"{KINDS[kind]}: {w}" for w in pdf.warnings]))
            for (kind, html, _, _), pdf in zip(documents, pdfs)]

