"""HTML -> DOCX: the rendered letter or one-pager mapped onto the styles of a reference .docx.

The HTML that ``html.py`` renders is the one source of every document's words: this
module walks it (lxml.html) and writes one Word paragraph per block, in the named
paragraph style the block's tag and CSS classes map to (``STYLES``, which mirrors
base.css, letter.css and onepager.css). The look lives in the reference .docx, as with
pandoc's ``--reference-doc``: a user restyles "Inside Address" or "Salutation" in Word and
every document follows. The bundled reference (``templates/reference.docx``) is written
by ``build_reference_docx`` from the same table.

Rendering is built for thousands of documents: a reference is read and parsed once per
process; each document serializes only the parts that differ (document.xml, core.xml
and, for a page-2 header, the header parts) and reuses the compressed bytes of every
other part. The zip is written here, with fixed timestamps and part order, so the same
inputs give byte-identical files.
"""

from __future__ import annotations

import copy
import datetime
import io
import os
import posixpath
import re
import struct
import tempfile
import zlib
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from xml.sax.saxutils import escape

import lxml.html
from lxml import etree

from toolkit.drafts import MARK_CLASS, MARK_TEXT
from toolkit.errors import ExportError

__all__ = ["STYLES", "StyleSpec", "build_reference_docx", "render_docx"]

# --------------------------------------------------------------------------- styles


class StyleSpec(NamedTuple):
    """One named style of the reference .docx and the HTML it is used for.

    ``scope`` is the ``<body>`` class the rule is limited to ("letter", "onepager", or ""
    for every document); ``applies_to`` holds comma-separated CSS-like selectors (tags,
    ``.classes``, descendant combinators), matched like CSS: the most specific selector
    wins, a later row wins a tie. ``size``, spacing and indents are in points; ``line``
    is CSS's unitless ``line-height`` (times ``size`` gives the line height, written as
    "at least" so that a larger font in a user's reference still fits); ``height``
    (points) is an exact line height instead. ``border`` is (side, width pt, padding
    pt, RGB hex), side "top", "left", "bottom", "right" or "box" (all four);
    ``shading`` an RGB hex fill (CSS ``background``); ``right`` a right indent (pt).
    """

    name: str
    scope: str
    applies_to: str
    size: float
    bold: bool = False
    italic: bool = False
    before: float = 0
    after: float = 0
    align: str = "left"
    keep_with_next: bool = False
    left: float = 0
    hanging: float = 0
    line: float | None = None
    height: float | None = None
    contextual: bool = False
    border: tuple[str, float, float, str] | None = None
    based_on: str = "Normal"
    kind: str = "paragraph"
    shading: str | None = None
    right: float = 0
    color: str = "000000"


#: base.css ``html``: the letter's font size (pt) and line-height.
LETTER_PT, LETTER_LINE = 10.5, 1.2
#: onepager.css ``html``: the one-pager's font size (pt) and line-height.
BRIEF_PT, BRIEF_LINE = 11, 1.18
_L, _B = LETTER_LINE, BRIEF_LINE
_RULE, _BAND = ("bottom", 0.75, 4, "000000"), ("bottom", 2, 8, "000000")

S = StyleSpec
#: Every style render_docx uses, mirroring base.css / letter.css / onepager.css: change
#: a size there, change it here (tests/test_docx.py checks that they agree).
#: "contextual" drops the space between paragraphs of the same style, as CSS does
#: between the lines of a block whose margin sits on the block (.inside-address).
#: Paragraphs with the same border form one bordered box (.sender-block, .title-band).
#: Names avoid LibreOffice's own style names ("Complimentary Close" is its "Salutation").
STYLES: tuple[StyleSpec, ...] = (
    #  name                 scope       applies to                          pt         bold   italic before after align     keep   left hang line
    S("Normal",             "",         "",                                 LETTER_PT, False, False, 0,  6,    "left",   False, 0,   0,   _L, based_on=""),
    S("Header",             "",         ".page-header p",                   9,         False, False, 0,  0,    "left",   False, 0,   0,   1.15),
    # the DRAFT mark (toolkit.drafts): atop the body at the body's size and spacing, and in
    # every page's header at the header's (neither moves a line); bold red
    S("Draft Mark",         "",         f".{MARK_CLASS}",                   LETTER_PT, True,  False, 0,  6,    "left",   False, 0,   0,   _L, color="C00000"),
    S("Draft Mark Header",  "",         "",                                 9,         True,  False, 0,  0,    "left",   False, 0,   0,   1.15, color="C00000", based_on="Header"),
    # the letter
    S("Body Text",          "letter",   "p",                                LETTER_PT, False, False, 0,  6,    "left",   False, 0,   0,   _L),
    S("Sender Block",       "letter",   ".sender-block p",                  LETTER_PT, False, False, 0,  12,   "center", False, 0,   0,   _L, contextual=True, border=_RULE),
    S("Sender Name",        "letter",   ".sender-block .sender-name",       LETTER_PT, True,  False, 0,  0,    "center", False, 0,   0,   _L, border=_RULE, based_on="Sender Block"),
    S("Constituent Sender", "letter",   ".constituent-sender p, .constituent-sender .sender-name", LETTER_PT, False, False, 0, 12, "left", False, 0, 0, _L, contextual=True),
    S("Date",               "letter",   ".date",                            LETTER_PT, False, False, 0,  10,   "left",   False, 0,   0,   _L),
    S("Inside Address",     "letter",   ".inside-address p",                LETTER_PT, False, False, 0,  10,   "left",   False, 0,   0,   _L, contextual=True),
    S("Subject",            "letter",   ".subject",                         LETTER_PT, True,  False, 0,  6,    "left",   True,  0,   0,   _L),
    S("Salutation",         "letter",   ".salutation",                      LETTER_PT, False, False, 0,  6,    "left",   True,  0,   0,   _L),
    S("List Number",        "letter",   "ol li, ol li p",                   LETTER_PT, False, False, 0,  3,    "left",   False, 18,  18,  _L),
    S("List Bullet",        "letter",   "ul li, ul li p",                   LETTER_PT, False, False, 0,  3,    "left",   False, 18,  18,  _L),
    # the complimentary close ("Closing" is Word's name for it) and the signature block
    S("Closing",            "letter",   ".closing p",                       LETTER_PT, False, False, 10, 0,    "left",   False, 0,   0,   _L, contextual=True),
    S("Signature Space",    "letter",   ".closing .signature-space",        LETTER_PT, False, False, 0,  0,    "left",   False, 0,   0,   height=26, based_on="Closing"),
    S("Signer Name",        "letter",   ".closing .signer-name",            LETTER_PT, False, False, 0,  0,    "left",   False, 0,   0,   _L, based_on="Closing"),
    S("Signer Title",       "letter",   ".closing .signer-title",           LETTER_PT, False, False, 0,  0,    "left",   False, 0,   0,   _L, based_on="Closing"),
    # the one-pager
    S("Brief Text",         "onepager", "p",                                BRIEF_PT,  False, False, 0,  6,    "left",   False, 0,   0,   _B),
    # headings: Word's own Heading styles (outline levels: the navigation pane, a PDF's tags)
    S("Heading 1",          "",         "h1",                               15,        True,  False, 0,  3,    "left",   True,  0,   0,   1.15),
    S("Heading 2",          "",         "h2",                               11,        True,  False, 7,  3,    "left",   True,  0,   0,   _B, border=("bottom", 0.75, 0, "444444")),
    S("Heading 3",          "",         "h3",                               BRIEF_PT,  True,  False, 6,  2,    "left",   True,  0,   0,   _B),
    S("Title Band",         "onepager", ".title-band p",                    BRIEF_PT,  False, False, 0,  2,    "left",   False, 0,   0,   _B, border=_BAND),
    S("Organization",       "onepager", ".title-band .organization",        BRIEF_PT,  True,  False, 0,  2,    "left",   False, 0,   0,   _B, border=_BAND, based_on="Title Band"),
    S("Prepared For",       "onepager", ".title-band .prepared-for",        BRIEF_PT,  False, True,  0,  6,    "left",   False, 0,   0,   _B, border=_BAND, based_on="Title Band"),
    # .ask: a box (border 1.5 pt, padding 5 pt 8 pt, grey fill), inset by its padding
    S("Ask",                "onepager", ".ask",                             10.5,      True,  False, 5,  11,   "left",   False, 8,   0,   _B, border=("box", 1.5, 5, "000000"), shading="F2F2F2", right=8),
    # .callouts: a one-row layout table (LAYOUT_ROW_CLASSES), a cell per callout
    S("Callout Figure",     "onepager", ".callout .figure",                 22,        True,  False, 0,  0,    "left",   False, 0,   0,   1.1, border=("top", 3, 2, "000000")),
    S("Callout Text",       "onepager", ".callout",                         BRIEF_PT,  False, False, 0,  0,    "left",   False, 0,   0,   1.12),
    # the bar chart (inline SVG) drawn as a table: its text elements
    S("Chart Label",        "onepager", ".chart .bar-label",                9,         False, False, 0,  0,    "right",  False, 0,   0,   1.1),
    S("Chart Value",        "onepager", ".chart .bar-value",                10,        True,  False, 0,  0,    "left",   False, 0,   0,   1.1),
    S("Chart Text",         "onepager", ".chart-alt",                       BRIEF_PT,  False, False, 3,  6,    "left",   False, 0,   0,   _B),
    S("Why",                "onepager", ".why",                             BRIEF_PT,  False, False, 0,  6,    "left",   False, 11,  0,   _B, border=("left", 3, 8, "000000")),
    S("Brief List Number",  "onepager", "ol li, ol li p",                   BRIEF_PT,  False, False, 0,  3,    "left",   False, 18,  18,  _B),
    S("Brief List Bullet",  "onepager", "ul li, ul li p",                   BRIEF_PT,  False, False, 0,  3,    "left",   False, 18,  18,  _B),
    S("Principles List",    "onepager", ".principles li, .principles li p", BRIEF_PT,  False, False, 0,  2,    "left",   False, 18,  18,  _B),
    S("Brief Footer",       "onepager", ".footer p",                        8.5,       False, False, 0,  2,    "left",   False, 0,   0,   _B, border=("top", 0.75, 3, "444444")),
    S("Brief Contact",      "onepager", ".footer .contact",                 BRIEF_PT,  False, False, 6,  2,    "left",   False, 0,   0,   _B, border=("top", 0.75, 3, "444444"), based_on="Brief Footer"),
    # character styles
    S("Fact Source",        "",         ".fact-source",                     8.5,       False, True,  kind="character", based_on="Default Paragraph Font"),
)
del S, _L, _B, _RULE, _BAND

#: The font of every style (base.css ``font-family``), set for ASCII, high ANSI,
#: east-Asian and complex-script text alike: a font Word users have. The PDF uses its
#: metric-compatible twin (Liberation Serif, which fontconfig substitutes for the name),
#: so the same words break at the same places in Word, LibreOffice and the PDF.
FONT = "Times New Roman"
#: Page setup (base.css ``@page``): US Letter, 1 in margins; header/footer 0.5 in from the edge.
PAGE_WIDTH_IN, PAGE_HEIGHT_IN, MARGIN_IN, HEADER_IN = 8.5, 11.0, 1.0, 0.5
#: Containers that must not split across pages (CSS ``break-inside: avoid``).
KEEP_TOGETHER = frozenset({"closing"})
#: (body class, container class): the container stays on the page of the paragraph
#: before it (letter.css ``.constituent-letter .closing { break-before: avoid }``).
KEEP_WITH_PREVIOUS = frozenset({("constituent-letter", "closing")})
#: Elements never written to the DOCX body (``page-header`` goes to the page-2 header).
SKIP_TAGS = frozenset({"head", "style", "title", "script", "template", "noscript", "meta", "link",
                       "svg"})  # an SVG other than the bar chart (CHART_*_CLASS): left out
PAGE_HEADER_CLASS, PAGE_NUMBER_CLASS = "page-header", "page-number"
#: Elements that are one paragraph of their own, styled by their selector: inline ones
#: that CSS displays as blocks (onepager.css ``.callout .figure { display: block }``),
#: and the DRAFT mark's div (toolkit.drafts.MARK_CLASS: "Draft Mark").
BLOCK_CLASSES = frozenset({"figure", MARK_CLASS})
#: Containers whose blocks CSS sets side by side (onepager.css ``.callouts { display:
#: flex }``): a one-row layout table, one cell per child, ``LAYOUT_GAP_PT`` apart.
LAYOUT_ROW_CLASSES = frozenset({"callouts"})
#: The gap between the cells of a layout row (onepager.css ``.callouts { gap }``), points.
LAYOUT_GAP_PT = 10
#: The space between two tables in a row (onepager.css: ``.callouts`` margin-bottom
#: 4pt + ``.chart`` margin-top 2pt), points.
TABLE_SPACE_PT = 6
#: The alternative text (Word's table "Alt Text" description) of a layout row: a screen
#: reader reads its cells in order as paragraphs; it has no header row.
LAYOUT_TABLE_DESCRIPTION = "Layout table: key figures side by side, each with its explanation."
#: The classes of the bar chart's SVG parts (onepager.html ``bar_chart``): an SVG with
#: them is drawn as a table of shaded cells; one without them is left out (its text
#: alternative, ``.chart-alt``, is the chart in the DOCX).
CHART_LABEL_CLASS, CHART_BAR_CLASS, CHART_VALUE_CLASS = "bar-label", "bar", "bar-value"
#: Space after a whole list (base.css ``ol, ul { margin-bottom }``), in points: the
#: last item gets it when it is more than the item's own (``li { margin-bottom }``).
LIST_SPACE_AFTER_PT = 6
AUTHOR = "advocacy toolkit"
#: The document language (core properties ``dc:language``, the styles' ``w:lang``) when
#: the HTML has no ``lang`` attribute: a BCP 47 tag.
LANGUAGE = "en-US"
#: Word's compatibility mode written in the reference's settings: 15 is Word 2013 and
#: later (current Word opens the file without "[Compatibility Mode]").
COMPATIBILITY_MODE = "15"

_INLINE = frozenset(
    "a abbr b bdi bdo br cite code data dfn em font i img kbd mark q s samp small span strike "
    "strong sub sup time tt u var wbr del ins label".split())
#: Tags whose own content is a paragraph (others are containers: their loose text is
#: styled as a ``p`` inside them).
_PARA_TAGS = frozenset("p li h1 h2 h3 h4 h5 h6 dt dd pre caption figcaption summary legend".split())
_LIST_INDENT_PT = 18

# --------------------------------------------------------------------------- XML names

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_STYLES = R + "/styles"
_REL_HEADER = R + "/header"
_REL_DOC = R + "/officeDocument"
_REL_CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_CT_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_CT_CORE = "application/vnd.openxmlformats-package.core-properties+xml"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_VAL = _w("val")
_P, _PPR, _R, _RPR, _T = _w("p"), _w("pPr"), _w("r"), _w("rPr"), _w("t")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
_HTML_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)

# --------------------------------------------------------------------------- text safety

#: Characters XML 1.0 cannot hold: C0 controls except tab/LF/CR, U+FFFE/U+FFFF and
#: surrogates (in a Python str every surrogate is a lone one).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_HTML_SPACE = re.compile(r"[ \t\n\r]+")


def _xml_safe(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 cannot hold, and how many were removed.

    Vertical tab and form feed (line and page breaks pasted from Word) become spaces
    so that the words on either side stay apart; the rest are dropped.
    """
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        count += 1
        return " " if match.group() in "\x0b\x0c" else ""

    return _XML_ILLEGAL.sub(replace, text), count


# --------------------------------------------------------------------------- selectors

_Chain = tuple[tuple[str, frozenset], ...]
_COMPOUND = re.compile(r"^([a-z][a-z0-9]*)?((?:\.[\w-]+)*)$")


@dataclass(frozen=True)
class _Rule:
    style: str
    scope: str
    compounds: tuple[tuple[str | None, frozenset], ...]
    specificity: tuple[int, int, int]


def _compile_rules(kind: str) -> tuple[_Rule, ...]:
    rules = []
    for order, spec in enumerate(STYLES):
        if spec.kind != kind:
            continue
        for selector in filter(None, (s.strip() for s in spec.applies_to.split(","))):
            compounds = []
            for part in selector.split():
                match = _COMPOUND.match(part)
                if not match:  # pragma: no cover - the table is static
                    raise ValueError(f"bad selector {selector!r} in STYLES")
                classes = frozenset(c for c in match.group(2).split(".") if c)
                compounds.append((match.group(1), classes))
            classes = sum(len(c) for _, c in compounds)
            tags = sum(1 for t, _ in compounds if t)
            rules.append(_Rule(spec.name, spec.scope, tuple(compounds),
                               (classes * 10 + tags, 1 if spec.scope else 0, order)))
    return tuple(rules)


_SPEC = {spec.name: spec for spec in STYLES}
_PARA_RULES = _compile_rules("paragraph")
_CHAR_RULES = _compile_rules("character")


def _compound_matches(compound: tuple[str | None, frozenset], node: tuple[str, frozenset]) -> bool:
    tag, classes = compound
    return (tag is None or tag == node[0]) and classes <= node[1]


def _selector_matches(compounds, chain: _Chain) -> bool:
    """CSS descendant-selector matching, right to left, against ``chain`` (root first)."""
    if not _compound_matches(compounds[-1], chain[-1]):
        return False
    position = len(chain) - 2
    for compound in reversed(compounds[:-1]):
        while position >= 0 and not _compound_matches(compound, chain[position]):
            position -= 1
        if position < 0:
            return False
        position -= 1
    return True


_RESOLVED: dict[tuple[str, _Chain], str | None] = {}


def _resolve(kind: str, chain: _Chain) -> str | None:
    """The style name for the element at the end of ``chain`` (None: no rule matches)."""
    key = (kind, chain)
    if key in _RESOLVED:
        return _RESOLVED[key]
    body_classes = _body_classes(chain)
    best, name = None, None
    for rule in _PARA_RULES if kind == "paragraph" else _CHAR_RULES:
        if rule.scope and rule.scope not in body_classes:
            continue
        if rule.compounds and _selector_matches(rule.compounds, chain):
            if best is None or rule.specificity > best:
                best, name = rule.specificity, rule.style
    if len(_RESOLVED) < 4096:
        _RESOLVED[key] = name
    return name


# --------------------------------------------------------------------------- HTML walk


class _Fmt(NamedTuple):
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    vert: str = ""
    style: str = ""


_TEXT, _BR, _TAB, _PAGE = 0, 1, 2, 3
_PLAIN = _Fmt()


@dataclass
class _Para:
    style: str
    runs: list
    depth: int = 0
    after: float | None = None  # points, overriding the style's space after
    keep_next: bool = False
    keep_lines: bool = False


@dataclass
class _Cell:
    paragraphs: list[_Para]
    span: int = 1                           # grid columns
    fill: str = ""                          # shading, RGB hex ("" none)
    margins: tuple[float, float] | None = None  # (left, right) points, else the table's


@dataclass
class _Table:
    """A borderless table: a layout row (``widths`` None: equal columns across the text
    width, text aligned with the margins) or the bar chart (``widths`` in points)."""

    rows: list[list[_Cell]]
    widths: tuple[float, ...] | None = None
    padding: float = 0        # the cells' left and right margins, points
    row_height: float = 0     # at least, points
    gap: float = 0            # white rule between rows (the space between bars), points
    caption: str = ""         # Word's Alt Text title
    description: str = ""     # Word's Alt Text description
    keep_next: bool = False   # set by the walker as on a paragraph; unused: rows never split
    keep_lines: bool = False


def _paragraphs_of(blocks: list) -> list[_Para]:
    """Every paragraph of ``blocks``, those in table cells included."""
    out = []
    for block in blocks:
        if isinstance(block, _Table):
            out += [p for row in block.rows for cell in row for p in cell.paragraphs]
        else:
            out.append(block)
    return out


class _Ctx(NamedTuple):
    chain: _Chain      # style chain of the paragraph this block's loose content makes
    depth: int         # list nesting
    keep: bool         # inside a keep-together container


def _inline_fmt(fmt: _Fmt, tag: str, chain: _Chain) -> _Fmt:
    if tag in ("strong", "b"):
        fmt = fmt._replace(bold=True)
    elif tag in ("em", "i", "cite", "dfn", "var"):
        fmt = fmt._replace(italic=True)
    elif tag in ("u", "ins"):
        fmt = fmt._replace(underline=True)
    elif tag in ("s", "strike", "del"):
        fmt = fmt._replace(strike=True)
    elif tag in ("sup", "sub"):
        fmt = fmt._replace(vert="superscript" if tag == "sup" else "subscript")
    if chain[-1][1]:
        style = _resolve("character", chain)
        if style:
            fmt = fmt._replace(style=style)
    return fmt


def _collapse(runs: list) -> list:
    """Collapse HTML white space as a browser does; drop what is left empty."""
    out: list = []
    at_start = True  # at the start of a line, or after a space
    for fmt, kind, text in runs:
        if kind == _TEXT:
            text = _HTML_SPACE.sub(" ", text)
            if at_start:
                text = text.lstrip(" ")
            if not text:
                continue
            at_start = text.endswith(" ")
            if out and out[-1][1] == _TEXT and out[-1][0] == fmt:
                out[-1] = (fmt, _TEXT, out[-1][2] + text)
                continue
        elif kind == _BR:
            _strip_trailing(out)
            at_start = True
        else:
            at_start = False
        out.append((fmt, kind, text))
    _strip_trailing(out)
    return out


def _strip_trailing(out: list) -> None:
    while out and out[-1][1] == _TEXT:
        text = out[-1][2].rstrip(" ")
        if text:
            out[-1] = (out[-1][0], _TEXT, text)
            return
        out.pop()


class _Walker:
    """Turns the element tree into ``_Para`` records (one per paragraph box)."""

    def __init__(self, header_mode: bool = False):
        self.paragraphs: list[_Para] = []
        self.runs: list = []
        self.marker: str | None = None
        self.header_mode = header_mode
        self.page_header: tuple | None = None

    def content(self, el, chain: _Chain, fmt: _Fmt, ctx: _Ctx) -> None:
        if el.text:
            self.runs.append((fmt, _TEXT, el.text))
        number = _int(el.get("start"), 1) if el.tag == "ol" else None
        for child in el:
            if isinstance(child.tag, str):
                marker = None
                if child.tag == "li" and el.tag in ("ol", "ul"):
                    if number is not None:
                        number = _int(child.get("value"), number)
                        marker, number = f"{number}.", number + 1
                    else:
                        marker = "\u2022"
                self.element(child, chain, fmt, ctx, marker)
            if child.tail:
                self.runs.append((fmt, _TEXT, child.tail))

    def element(self, el, chain: _Chain, fmt: _Fmt, ctx: _Ctx, marker: str | None = None) -> None:
        tag = el.tag.lower()
        classes = frozenset(el.get("class", "").split())
        if el.get("hidden") is not None:
            return
        if tag == "svg" and not self.header_mode:
            chart = _chart_table(el, chain + ((tag, classes),))
            if chart is not None:
                self.flush(ctx)
                self.paragraphs.append(chart)
            return
        if tag in SKIP_TAGS:
            return
        if PAGE_HEADER_CLASS in classes and not self.header_mode:
            if self.page_header is None:
                self.page_header = (el, chain)
            return
        node_chain = chain + ((tag, classes),)
        if (classes & LAYOUT_ROW_CLASSES and not self.header_mode
                and self.layout_row(el, node_chain, fmt, ctx)):
            return
        if tag in _INLINE and classes & BLOCK_CLASSES:
            fmt = _inline_fmt(fmt, tag, node_chain)
        elif tag in _INLINE:
            if tag == "br":
                self.runs.append((fmt, _BR, ""))
            elif tag in ("img", "wbr"):
                pass
            elif PAGE_NUMBER_CLASS in classes and self.header_mode:
                self.runs.append((_inline_fmt(fmt, tag, node_chain), _PAGE, ""))
            else:
                self.content(el, node_chain, _inline_fmt(fmt, tag, node_chain), ctx)
            return
        self.flush(ctx)
        if self.paragraphs and any(c in classes and b in _body_classes(chain)
                                   for b, c in KEEP_WITH_PREVIOUS):
            self.paragraphs[-1].keep_next = True
        if marker:
            self.marker = marker
        paragraph = tag in _PARA_TAGS or classes & BLOCK_CLASSES
        style_chain = node_chain if paragraph else node_chain + (("p", frozenset()),)
        keep = bool(classes & KEEP_TOGETHER)
        inner = _Ctx(style_chain, ctx.depth + (tag in ("ol", "ul")), ctx.keep or keep)
        start = len(self.paragraphs)
        self.content(el, node_chain, fmt, inner)
        self.flush(inner, force=self.marker is not None and marker is not None)
        if tag in ("ol", "ul") and len(self.paragraphs) > start:
            last = self.paragraphs[-1]
            last.after = max(LIST_SPACE_AFTER_PT, _SPEC[last.style].after)
        if keep and not ctx.keep:
            group = self.paragraphs[start:]
            for index, para in enumerate(group):
                para.keep_lines = True
                para.keep_next = index < len(group) - 1

    def layout_row(self, el, chain: _Chain, fmt: _Fmt, ctx: _Ctx) -> bool:
        """``el``'s child elements as the cells of a one-row layout table; False (nothing
        done) when ``el`` holds text of its own, which a cell could not place."""
        if (el.text or "").strip() or any((c.tail or "").strip() for c in el):
            return False
        self.flush(ctx)
        cells = []
        inner = _Ctx(chain + (("p", frozenset()),), ctx.depth, ctx.keep)
        for child in el:
            if isinstance(child.tag, str):
                cell = _Walker()
                cell.element(child, chain, fmt, inner)
                cell.flush(inner)
                if cell.paragraphs:
                    cells.append(_Cell(_paragraphs_of(cell.paragraphs)))
        if cells:
            self.paragraphs.append(_Table([cells], padding=LAYOUT_GAP_PT / 2,
                                          description=LAYOUT_TABLE_DESCRIPTION))
        return True

    def flush(self, ctx: _Ctx, force: bool = False) -> None:
        runs = _collapse(self.runs) if self.runs else []
        self.runs = []
        if not runs and not force:
            return
        style = _resolve("paragraph", ctx.chain) or "Normal"
        if self.marker is not None:
            runs.insert(0, (_PLAIN, _TAB, ""))
            runs.insert(0, (_PLAIN, _TEXT, self.marker))
            self.marker = None
        self.paragraphs.append(_Para(style, runs, ctx.depth))


def _chart_table(svg, chain: _Chain) -> _Table | None:
    """The bar chart of onepager.html's ``bar_chart`` macro as a table, or None.

    Each bar is a row: its label (right-aligned), a cell shaded in the bar's fill whose
    width is the bar's length, and its value, all as editable text. Widths come from
    the SVG (CSS pixels, 0.75 pt each): the label column is the bars' x, each bar its
    rect's width, the value column the rest of the SVG's width; the grid has a column
    boundary at every bar's end, so each bar cell spans the columns up to its end. The
    table's Alt Text is the SVG's ``<title>`` (the chart's text alternative). None when
    the SVG lacks a width or its parts (``.bar-label``, ``.bar``, ``.bar-value``, one
    of each per bar), as an SVG from an older template does.
    """
    parts: dict[str, list] = {CHART_LABEL_CLASS: [], CHART_BAR_CLASS: [], CHART_VALUE_CLASS: []}
    for node in svg.iter():
        if isinstance(node.tag, str):
            for name in set(node.get("class", "").split()) & parts.keys():
                parts[name].append(node)
    labels, rects, values = (parts[n] for n in (CHART_LABEL_CLASS, CHART_BAR_CLASS, CHART_VALUE_CLASS))
    width = _float(svg.get("width"))
    if not rects or not width or not len(labels) == len(rects) == len(values):
        return None
    px = 0.75  # points per CSS pixel
    left = min(_float(r.get("x")) or 0.0 for r in rects)
    lengths = [round(max(_float(r.get("width")) or 0.0, 0.0), 1) for r in rects]
    ends = sorted(set(n for n in lengths if n > 0))
    rest = width - left - (ends[-1] if ends else 0.0)
    widths = [left] + [b - a for a, b in zip([0.0] + ends, ends)] + [max(rest, 0.0)]
    label_style, value_style = (
        _resolve("paragraph", chain + (("text", frozenset({name})),)) or "Normal"
        for name in (CHART_LABEL_CLASS, CHART_VALUE_CLASS))
    # the space between a bar and its label (the label ends that far left of the bar)
    pad = max(left - (_float(labels[0].get("x")) or left), 0.0) * px
    rows = []
    for label, rect, value, length in zip(labels, rects, values, lengths):
        span = ends.index(length) + 1 if length > 0 else 0
        row = [_Cell([_Para(label_style, _text_runs(label))], margins=(0, pad))]
        if span:
            row.append(_Cell([_Para(value_style, [])], span, _hex_color(rect.get("fill"))))
        row.append(_Cell([_Para(value_style, _text_runs(value))], len(widths) - 1 - span,
                         margins=(pad, 0)))
        rows.append(row)
    heights = [_float(r.get("height")) or 0.0 for r in rects]
    tops = [_float(r.get("y")) or 0.0 for r in rects]
    gap = min((b - a - h for a, b, h in zip(tops, tops[1:], heights)), default=0.0)
    title = svg.find("title")
    return _Table(rows, tuple(w * px for w in widths), 0, max(heights) * px,
                  min(max(gap, 0.0) * px, 12), caption="Bar chart",
                  description=" ".join(title.text_content().split()) if title is not None else "")


def _text_runs(el) -> list:
    """The text of ``el`` as one plain run, white space collapsed."""
    return _collapse([(_PLAIN, _TEXT, el.text_content())])


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _hex_color(value: str | None) -> str:
    """An SVG fill ("#222", "#777777") as Word's RGB hex; "000000" for anything else."""
    value = (value or "").strip().lstrip("#")
    if re.fullmatch(r"[0-9A-Fa-f]{3}", value):
        value = "".join(c * 2 for c in value)
    return value.upper() if re.fullmatch(r"[0-9A-Fa-f]{6}", value) else "000000"


def _body_classes(chain: _Chain) -> frozenset:
    return next((c for t, c in chain if t == "body"), frozenset())


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _walk(root) -> tuple[list[_Para], list[_Para], str]:
    """(body paragraphs, page-2 header paragraphs, <title> text) of an HTML document."""
    body = root.find("body")
    if body is None:  # pragma: no cover - lxml always makes a body
        body = root
    html_node = ("html", frozenset(root.get("class", "").split()))
    body_chain: _Chain = (html_node,)
    body_node = ("body", frozenset(body.get("class", "").split()))
    ctx = _Ctx(body_chain + (body_node, ("p", frozenset())), 0, False)
    walker = _Walker()
    walker.content(body, body_chain + (body_node,), _PLAIN, ctx)
    walker.flush(ctx)
    header: list[_Para] = []
    if walker.page_header is not None:
        el, chain = walker.page_header
        head = _Walker(header_mode=True)
        head.element(el, chain, _PLAIN, _Ctx(chain + (("p", frozenset()),), 0, False))
        header = head.paragraphs
    title_el = root.find("head/title")
    title = " ".join(title_el.text_content().split()) if title_el is not None else ""
    return walker.paragraphs, header, title


# --------------------------------------------------------------------------- WordprocessingML


def _twips(points: float) -> str:
    return str(round(points * 20))


def _run_props(parent, fmt: _Fmt, style_ids: dict[str, str]) -> None:
    if fmt == _PLAIN:
        return
    rpr = etree.SubElement(parent, _RPR)
    if fmt.style:
        etree.SubElement(rpr, _w("rStyle"), {_VAL: style_ids[fmt.style]})
    if fmt.bold:
        etree.SubElement(rpr, _w("b"))
    if fmt.italic:
        etree.SubElement(rpr, _w("i"))
    if fmt.strike:
        etree.SubElement(rpr, _w("strike"))
    if fmt.underline:
        etree.SubElement(rpr, _w("u"), {_VAL: "single"})
    if fmt.vert:
        etree.SubElement(rpr, _w("vertAlign"), {_VAL: fmt.vert})


def _write_paragraphs(parent, paragraphs: list, style_ids: dict[str, str],
                      numbered_styles: frozenset[str] = frozenset(), text_width: float = 0) -> None:
    """Write ``paragraphs`` (``_Para`` and ``_Table`` records) into ``parent``;
    ``text_width`` (points) is the width between the margins, for layout rows."""
    sub = etree.SubElement
    for para in paragraphs:
        if isinstance(para, _Table):
            _write_table(parent, para, style_ids, numbered_styles, text_width)
            continue
        p = sub(parent, _P)
        ppr = sub(p, _PPR)
        sub(ppr, _w("pStyle"), {_VAL: style_ids[para.style]})
        if para.keep_next:
            sub(ppr, _w("keepNext"))
        if para.keep_lines:
            sub(ppr, _w("keepLines"))
        numbered = para.style in numbered_styles
        if numbered:  # the number is in the text: switch off the style's own numbering
            num = sub(ppr, _w("numPr"))
            sub(num, _w("ilvl"), {_VAL: "0"})
            sub(num, _w("numId"), {_VAL: "0"})
        if para.after is not None:
            sub(ppr, _w("spacing"), {_w("after"): _twips(para.after)})
        if para.depth > 1 or numbered:  # (LibreOffice drops a style's indent with numId 0)
            sub(ppr, _w("ind"), {_w("left"): _twips(_LIST_INDENT_PT * max(para.depth, 1)),
                                 _w("hanging"): _twips(_LIST_INDENT_PT)})
        for fmt, kind, text in para.runs:
            if kind == _PAGE:
                _page_field(p, fmt, style_ids)
                continue
            r = sub(p, _R)
            _run_props(r, fmt, style_ids)
            if kind == _TEXT:
                t = sub(r, _T)
                t.text = text
                if text[0] == " " or text[-1] == " " or "  " in text:
                    t.set(_XML_SPACE, "preserve")
            elif kind == _BR:
                sub(r, _w("br"))
            else:
                sub(r, _w("tab"))


def _write_table(parent, table: _Table, style_ids: dict[str, str],
                 numbered_styles: frozenset[str], text_width: float) -> None:
    """A borderless table (``w:tbl``) with a fixed grid; cells hold their paragraphs.

    A layout row spans the text width plus its cells' margins and is moved left by one
    margin, so that its text lines up with the page's. Two tables in a row would be
    one table to Word: an empty paragraph ``TABLE_SPACE_PT`` high is put between them.
    """
    sub = etree.SubElement
    if len(parent) and parent[-1].tag == _w("tbl"):
        spacer = sub(sub(parent, _P), _PPR)
        sub(spacer, _w("spacing"), {_w("before"): "0", _w("after"): "0",
                                    _w("line"): _twips(TABLE_SPACE_PT), _w("lineRule"): "exact"})
    columns = max(sum(c.span for c in row) for row in table.rows)
    if table.widths is None:
        widths = [(text_width + 2 * table.padding) / columns] * columns
        indent = -table.padding
    else:
        widths, indent = list(table.widths), 0
    edges = [round(sum(widths[:i]) * 20) for i in range(len(widths) + 1)]  # twips, no drift
    twips = [b - a for a, b in zip(edges, edges[1:])]
    tbl = sub(parent, _w("tbl"))
    pr = sub(tbl, _w("tblPr"))
    sub(pr, _w("tblW"), {_w("w"): str(edges[-1]), _w("type"): "dxa"})
    sub(pr, _w("tblInd"), {_w("w"): _twips(indent), _w("type"): "dxa"})
    borders = sub(pr, _w("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        if side == "insideH" and table.gap:
            sub(borders, _w(side), {_VAL: "single", _w("sz"): str(round(table.gap * 8)),
                                    _w("space"): "0", _w("color"): "FFFFFF"})
        else:
            sub(borders, _w(side), {_VAL: "nil"})
    sub(pr, _w("tblLayout"), {_w("type"): "fixed"})
    margins = sub(pr, _w("tblCellMar"))
    for side in ("top", "left", "bottom", "right"):
        sub(margins, _w(side), {_w("w"): _twips(table.padding if side in ("left", "right") else 0),
                                _w("type"): "dxa"})
    # no header row: a layout table (Word's "Header Row" and banding off)
    sub(pr, _w("tblLook"), {_VAL: "0600", _w("firstRow"): "0", _w("lastRow"): "0",
                            _w("firstColumn"): "0", _w("lastColumn"): "0",
                            _w("noHBand"): "1", _w("noVBand"): "1"})
    if table.caption:
        sub(pr, _w("tblCaption"), {_VAL: table.caption})
    if table.description:
        sub(pr, _w("tblDescription"), {_VAL: table.description})
    grid = sub(tbl, _w("tblGrid"))
    for width in twips:
        sub(grid, _w("gridCol"), {_w("w"): str(width)})
    for row in table.rows:
        tr = sub(tbl, _w("tr"))
        trpr = sub(tr, _w("trPr"))
        sub(trpr, _w("cantSplit"))
        if table.row_height:
            sub(trpr, _w("trHeight"), {_VAL: _twips(table.row_height), _w("hRule"): "atLeast"})
        column = 0
        for cell in row:
            tc = sub(tr, _w("tc"))
            tcpr = sub(tc, _w("tcPr"))
            sub(tcpr, _w("tcW"), {_w("w"): str(sum(twips[column:column + cell.span])),
                                  _w("type"): "dxa"})
            column += cell.span
            if cell.span > 1:
                sub(tcpr, _w("gridSpan"), {_VAL: str(cell.span)})
            if cell.fill:
                sub(tcpr, _w("shd"), {_VAL: "clear", _w("color"): "auto", _w("fill"): cell.fill})
            if cell.margins is not None:
                mar = sub(tcpr, _w("tcMar"))
                for side, width in zip(("left", "right"), cell.margins):
                    sub(mar, _w(side), {_w("w"): _twips(width), _w("type"): "dxa"})
            sub(tcpr, _w("vAlign"), {_VAL: "center" if table.row_height else "top"})
            _write_paragraphs(tc, cell.paragraphs or [_Para("Normal", [])], style_ids,
                              numbered_styles, text_width)


def _text_width(sect_pr) -> float:
    """The width between the side margins of a section (``w:sectPr``), in points."""
    size, margins = sect_pr.find(_w("pgSz")), sect_pr.find(_w("pgMar"))
    width = _float(size.get(_w("w")) if size is not None else None) or PAGE_WIDTH_IN * 1440
    sides = sum(_float(margins.get(_w(s)) if margins is not None else None) or MARGIN_IN * 1440
                for s in ("left", "right"))
    return (width - sides) / 20


def _page_field(p, fmt: _Fmt, style_ids: dict[str, str]) -> None:
    """A PAGE field (the page number), shown as "2" until the application updates it."""
    for kind, value in (("begin", None), ("instr", " PAGE "), ("separate", None),
                        ("text", "2"), ("end", None)):
        r = etree.SubElement(p, _R)
        _run_props(r, fmt, style_ids)
        if kind == "instr":
            node = etree.SubElement(r, _w("instrText"))
            node.text = value
            node.set(_XML_SPACE, "preserve")
        elif kind == "text":
            etree.SubElement(r, _T).text = value
        else:
            etree.SubElement(r, _w("fldChar"), {_w("fldCharType"): kind})


def _core_xml(title: str, date: datetime.date | None, language: str = LANGUAGE) -> bytes:
    stamp = f"{date:%Y-%m-%d}T00:00:00Z" if date else "2000-01-01T00:00:00Z"
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>{AUTHOR}</dc:creator>"
        f"<dc:language>{escape(language)}</dc:language>"
        f"<cp:lastModifiedBy>{AUTHOR}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>").encode("utf-8")


def _xml_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------- styles.xml


def _style_index(styles_root) -> dict[tuple[str, str], str]:
    """{(type, lower-case name): styleId} of a styles part (Word stores "heading 2")."""
    index = {}
    for style in styles_root.iterfind(_w("style")):
        name = style.find(_w("name"))
        key = name.get(_VAL) if name is not None else style.get(_w("styleId"), "")
        index.setdefault((style.get(_w("type"), "paragraph"), key.lower()), style.get(_w("styleId")))
    return index


def _new_style_id(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9]", "", name) or "Style"
    style_id, n = base, 1
    while style_id.lower() in taken:
        n += 1
        style_id = f"{base}{n}"
    return style_id


def _write_style(styles_root, spec: StyleSpec, index: dict[tuple[str, str], str]) -> str:
    """Create or reset the style ``spec`` in ``styles_root``; return its styleId.

    An existing style keeps its id, name and links; its paragraph and run properties
    are replaced by the table's.
    """
    key = (spec.kind, spec.name.lower())
    sub = etree.SubElement
    style_id = index.get(key)
    style = None
    if style_id is not None:
        style = next((s for s in styles_root.iterfind(_w("style"))
                      if s.get(_w("styleId")) == style_id
                      and s.get(_w("type"), "paragraph") == spec.kind), None)
    if style is None:
        style_id = _new_style_id(spec.name, {i.lower() for i in index.values() if i})
        style = sub(styles_root, _w("style"), {_w("type"): spec.kind, _w("styleId"): style_id})
        if spec.name == "Normal":
            style.set(_w("default"), "1")
        sub(style, _w("name"), {_VAL: spec.name})
        index[key] = style_id
        if spec.based_on:
            based = index.get((spec.kind, spec.based_on.lower()))
            if based:
                sub(style, _w("basedOn"), {_VAL: based})
        sub(style, _w("qFormat"))
    for child in list(style):
        if child.tag in (_PPR, _RPR, _w("semiHidden"), _w("unhideWhenUsed"), _w("hidden")):
            style.remove(child)
    if spec.kind == "paragraph":
        ppr = sub(style, _PPR)
        if spec.keep_with_next:
            sub(ppr, _w("keepNext"))
        sub(ppr, _w("widowControl"))
        if spec.border:
            side, width, space, color = spec.border
            bdr = sub(ppr, _w("pBdr"))
            for edge in ("top", "left", "bottom", "right") if side == "box" else (side,):
                sub(bdr, _w(edge), {_VAL: "single", _w("sz"): str(round(width * 8)),
                                    _w("space"): str(round(space)), _w("color"): color})
        if spec.shading:
            sub(ppr, _w("shd"), {_VAL: "clear", _w("color"): "auto", _w("fill"): spec.shading})
        spacing = {_w("before"): _twips(spec.before), _w("after"): _twips(spec.after)}
        if spec.height:
            spacing.update({_w("line"): _twips(spec.height), _w("lineRule"): "exact"})
        elif spec.line:
            spacing.update({_w("line"): _twips(spec.size * spec.line), _w("lineRule"): "atLeast"})
        sub(ppr, _w("spacing"), spacing)
        if spec.left or spec.hanging or spec.right:
            ind = {_w("left"): _twips(spec.left)}
            if spec.right:
                ind[_w("right")] = _twips(spec.right)
            if spec.hanging:
                ind[_w("hanging")] = _twips(spec.hanging)
            sub(ppr, _w("ind"), ind)
        if spec.contextual:
            sub(ppr, _w("contextualSpacing"))
        sub(ppr, _w("jc"), {_VAL: {"justify": "both"}.get(spec.align, spec.align)})
        level = re.fullmatch(r"Heading ([1-9])", spec.name)
        if level:
            sub(ppr, _w("outlineLvl"), {_VAL: str(int(level.group(1)) - 1)})
    rpr = sub(style, _RPR)
    if spec.name == "Normal":
        sub(rpr, _w("rFonts"), {_w(a): FONT for a in ("ascii", "hAnsi", "eastAsia", "cs")})
    if spec.kind == "paragraph" or spec.bold:
        sub(rpr, _w("b"), {} if spec.bold else {_VAL: "0"})
    if spec.kind == "paragraph" or spec.italic:
        sub(rpr, _w("i"), {} if spec.italic else {_VAL: "0"})
    if spec.kind == "paragraph" or spec.color != "000000":
        sub(rpr, _w("color"), {_VAL: spec.color})
    sub(rpr, _w("sz"), {_VAL: str(round(spec.size * 2))})
    sub(rpr, _w("szCs"), {_VAL: str(round(spec.size * 2))})
    return style_id


# --------------------------------------------------------------------------- zip


class _Entry(NamedTuple):
    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream


def _deflate(name: str, raw: bytes) -> _Entry:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return _Entry(name.encode("utf-8"), zlib.crc32(raw), len(raw),
                  compressor.compress(raw) + compressor.flush())


#: MS-DOS date and time of 1980-01-01 00:00:00, zipfile's ``ZipInfo(date_time=(1980, 1, 1, 0, 0, 0))``.
_DOS_DATE, _DOS_TIME = (1 << 5) | 1, 0


def _zip(entries: list[_Entry]) -> bytes:
    """A ZIP_DEFLATED archive of ``entries`` in order, every date 1980-01-01 00:00:00.

    Written by hand (the layout ``zipfile`` writes) so that parts that never change are
    compressed once per process, not once per document.
    """
    chunks, central, offset = [], [], 0
    for e in entries:
        local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, zipfile.ZIP_DEFLATED,
                            _DOS_TIME, _DOS_DATE, e.crc, len(e.data), e.size, len(e.name), 0)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0,
                                   zipfile.ZIP_DEFLATED, _DOS_TIME, _DOS_DATE, e.crc,
                                   len(e.data), e.size, len(e.name), 0, 0, 0, 0, 0, offset))
        central.append(e.name)
        chunks += (local, e.name, e.data)
        offset += len(local) + len(e.name) + len(e.data)
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                      len(directory), offset, 0)
    return b"".join(chunks) + directory + end


# --------------------------------------------------------------------------- reference


@dataclass
class _Reference:
    """A parsed reference .docx: the cached state every document starts from."""

    path: str
    order: list[str]                 # part names, in the order they are written
    entries: dict[str, _Entry]       # compressed bytes of the parts reused as they are
    main: str                        # the main document part (word/document.xml)
    core: str                        # the core-properties part (docProps/core.xml)
    document: etree._Element         # the main document with an empty <w:body>
    sect_pr: etree._Element          # the body's section properties
    header_sect_pr: etree._Element   # ... with the page-2 header and a different first page
    header_entries: dict[str, _Entry]  # content types and rels that list the header parts
    header_names: tuple[str, str | None]  # (pages 2+ header, first-page header or None)
    header_root: etree._Element      # an empty <w:hdr>
    style_ids: dict[str, str]        # table style name -> styleId
    created: frozenset[str]          # table styles missing from the reference
    numbered: frozenset[str]         # table styles the reference numbers (w:numPr)


_CACHE: dict[tuple[str, int, int], _Reference] = {}


def _reference(path: Path) -> _Reference:
    try:
        resolved = path.resolve()
        stat = resolved.stat()
    except OSError as exc:
        raise ExportError(f"{path}: cannot read the reference .docx: {exc.strerror or exc}") from exc
    key = (str(resolved), stat.st_mtime_ns, stat.st_size)
    ref = _CACHE.get(key)
    if ref is None:
        if len(_CACHE) >= 16:
            _CACHE.clear()
        ref = _CACHE[key] = _load_reference(resolved)
    return ref


def _part_target(base_dir: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base_dir, target))


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _load_reference(path: Path) -> _Reference:
    try:
        with zipfile.ZipFile(path) as archive:
            raw = {info.filename: archive.read(info) for info in archive.infolist()
                   if not info.is_dir()}
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError,
            NotImplementedError, ValueError, EOFError) as exc:
        raise ExportError(f"{path}: cannot read the reference .docx "
                          f"(not a .docx or damaged): {exc}") from exc
    try:
        return _parse_reference(path, raw)
    except (KeyError, StopIteration, etree.XMLSyntaxError, ValueError, TypeError,
            AttributeError) as exc:
        raise ExportError(f"{path}: not a usable reference .docx "
                          f"({type(exc).__name__}: {exc})") from exc


def _parse_reference(path: Path, raw: dict[str, bytes]) -> _Reference:
    def parse(name: str):
        return etree.fromstring(raw[name], _SAFE_PARSER)

    changed: dict[str, bytes] = {}
    types = parse("[Content_Types].xml")
    package_rels = parse("_rels/.rels")
    main = _part_target("", next(r.get("Target") for r in package_rels
                                 if r.get("Type") == _REL_DOC))
    main_dir = posixpath.dirname(main)
    overrides = {o.get("PartName").lstrip("/"): o for o in types.iterfind(f"{{{CT}}}Override")}
    if main in overrides and overrides[main].get("ContentType") != _CT_MAIN:  # a .dotx
        overrides[main].set("ContentType", _CT_MAIN)
        changed["[Content_Types].xml"] = b""
    main_rels_name = _rels_name(main)
    if main_rels_name in raw:
        main_rels = parse(main_rels_name)
    else:
        main_rels = etree.Element(f"{{{PR}}}Relationships", nsmap={None: PR})
        changed[main_rels_name] = b""
    rel_ids = {r.get("Id") for r in main_rels}

    def add_part(rels, rel_id: str, rel_type: str, target: str, part: str, content_type: str):
        etree.SubElement(rels, f"{{{PR}}}Relationship",
                         {"Id": rel_id, "Type": rel_type, "Target": target})
        etree.SubElement(types, f"{{{CT}}}Override",
                         {"PartName": "/" + part, "ContentType": content_type})
        changed["[Content_Types].xml"] = b""

    # styles: the table's styles must all exist; missing ones are made from the table
    styles_rel = next((r for r in main_rels if r.get("Type") == _REL_STYLES), None)
    if styles_rel is not None:
        styles_name = _part_target(main_dir, styles_rel.get("Target"))
        styles = parse(styles_name)
    else:
        styles_name = posixpath.join(main_dir, "styles.xml")
        styles = etree.Element(_w("styles"), nsmap={"w": W})
        add_part(main_rels, "rIdAdvocacyStyles", _REL_STYLES, "styles.xml", styles_name, _CT_STYLES)
        changed[main_rels_name] = b""
    index = _style_index(styles)
    created = [spec.name for spec in STYLES if (spec.kind, spec.name.lower()) not in index]
    for spec in STYLES:
        if spec.name in created:
            _write_style(styles, spec, index)
    style_ids = {spec.name: index[(spec.kind, spec.name.lower())] for spec in STYLES}
    numbered = frozenset(spec.name for spec in STYLES if spec.kind == "paragraph"
                         and _numbered(styles, style_ids[spec.name]))
    if created:
        changed[styles_name] = _xml_bytes(styles)

    # core properties: written per document
    core_rel = next((r for r in package_rels if r.get("Type") == _REL_CORE), None)
    if core_rel is not None:
        core = _part_target("", core_rel.get("Target"))
    else:
        core = "docProps/core.xml"
        add_part(package_rels, "rIdAdvocacyCore", _REL_CORE, core, core, _CT_CORE)
        changed["_rels/.rels"] = _xml_bytes(package_rels)

    # the main document: an empty body and the reference's section properties
    document = parse(main)
    body = document.find(_w("body"))
    if body is None:
        body = etree.SubElement(document, _w("body"))
    sect_pr = body[-1] if len(body) and body[-1].tag == _w("sectPr") else _default_sect_pr()
    for child in list(body):
        body.remove(child)
    header_names, header_entries, header_sect_pr, header_rels = _header_variant(
        raw, main_dir, main_rels, rel_ids, types, sect_pr)
    header_entries[main_rels_name] = _deflate(main_rels_name, _xml_bytes(header_rels))
    if "[Content_Types].xml" in changed:
        changed["[Content_Types].xml"] = _xml_bytes(types)
    if main_rels_name in changed:
        changed[main_rels_name] = _xml_bytes(main_rels)

    order = ["[Content_Types].xml"] + [n for n in raw if n != "[Content_Types].xml"]
    order += [n for n in changed if n not in order] + ([core] if core not in raw else [])
    entries = {name: _deflate(name, changed.get(name) or raw[name])
               for name in order if name not in (main, core)}
    header_root = etree.Element(_w("hdr"), nsmap={"w": W, "r": R})
    return _Reference(str(path), order, entries, main, core, document, sect_pr, header_sect_pr,
                      header_entries, header_names, header_root, style_ids, frozenset(created),
                      numbered)


def _numbered(styles_root, style_id: str) -> bool:
    """True when the paragraph style ``style_id`` (or a style it is based on) is numbered."""
    by_id = {s.get(_w("styleId")): s for s in styles_root.iterfind(_w("style"))
             if s.get(_w("type"), "paragraph") == "paragraph"}
    seen = set()
    while style_id in by_id and style_id not in seen:
        seen.add(style_id)
        style = by_id[style_id]
        num = style.find(f"{_PPR}/{_w('numPr')}/{_w('numId')}")
        if num is not None:
            return num.get(_VAL) != "0"
        based = style.find(_w("basedOn"))
        style_id = based.get(_VAL) if based is not None else None
    return False


def _header_variant(raw, main_dir, main_rels, rel_ids, types, sect_pr):
    """The page-2 header: part names, the content types entry, the section, the rels.

    The reference's own first-page header (a letterhead) is kept; without one, page 1
    gets an empty header so that the page-2 header does not show there.
    """
    taken = {n.lower() for n in raw}
    names = []
    for _ in range(2):
        n = 1
        while posixpath.join(main_dir, f"header{n}.xml").lower() in taken:
            n += 1
        names.append(posixpath.join(main_dir, f"header{n}.xml"))
        taken.add(names[-1].lower())
    ref_tag = _w("headerReference")
    has_first = any(h.get(_w("type")) == "first" for h in sect_pr.iterfind(ref_tag))
    first = None if has_first else names[1]
    rels = copy.deepcopy(main_rels)
    ids = ["rIdAdvocacyHeader", "rIdAdvocacyFirstHeader"]
    while any(i in rel_ids for i in ids):
        ids = [i + "X" for i in ids]
    header_types = copy.deepcopy(types)
    for rel_id, name in zip(ids, (names[0], first)):
        if name is None:
            continue
        etree.SubElement(rels, f"{{{PR}}}Relationship", {
            "Id": rel_id, "Type": _REL_HEADER, "Target": posixpath.relpath(name, main_dir or ".")})
        etree.SubElement(header_types, f"{{{CT}}}Override",
                         {"PartName": "/" + name, "ContentType": _CT_HEADER})
    section = copy.deepcopy(sect_pr)
    for ref in list(section.iterfind(ref_tag)):
        if ref.get(_w("type"), "default") == "default":
            section.remove(ref)
    section.insert(0, etree.Element(ref_tag, {_w("type"): "default", f"{{{R}}}id": ids[0]}))
    if first is not None:
        section.insert(1, etree.Element(ref_tag, {_w("type"): "first", f"{{{R}}}id": ids[1]}))
    title_pg = section.find(_w("titlePg"))
    if title_pg is None:
        after = [_w(t) for t in ("textDirection", "bidi", "rtlGutter", "docGrid",
                                 "printerSettings", "sectPrChange")]
        position = next((i for i, c in enumerate(section) if c.tag in after), len(section))
        section.insert(position, etree.Element(_w("titlePg")))
    else:
        title_pg.attrib.pop(_VAL, None)
    entries = {"[Content_Types].xml": _deflate("[Content_Types].xml", _xml_bytes(header_types))}
    return (names[0], first), entries, section, rels


def _default_sect_pr():
    section = etree.Element(_w("sectPr"))
    etree.SubElement(section, _w("pgSz"), {_w("w"): _twips(PAGE_WIDTH_IN * 72),
                                            _w("h"): _twips(PAGE_HEIGHT_IN * 72)})
    margin = _twips(MARGIN_IN * 72)
    etree.SubElement(section, _w("pgMar"), {
        _w("top"): margin, _w("right"): margin, _w("bottom"): margin, _w("left"): margin,
        _w("header"): _twips(HEADER_IN * 72), _w("footer"): _twips(HEADER_IN * 72),
        _w("gutter"): "0"})
    return section


# --------------------------------------------------------------------------- public API


def render_docx(html: str, reference: Path | None = None, title: str = "",
                date: datetime.date | None = None) -> tuple[bytes, tuple[str, ...]]:
    """Map the rendered semantic HTML onto the styles of a reference .docx; return (docx bytes, warnings).

    ``html`` is a rendered template (letter.html, onepager.html): every block becomes a
    paragraph in the style its tag and classes map to in ``STYLES`` (``<p
    class="salutation">`` -> "Salutation", a ``<p>`` in ``<address
    class="inside-address">`` -> "Inside Address"); ``<strong>``/``<em>`` become bold and
    italic runs, ``<br>`` a line break, list items carry their number ("1.") or bullet
    in the text. An element of class ``page-header`` becomes the header of pages 2 and
    later (none on page 1), its ``.page-number`` a PAGE field; a DRAFT mark
    (``.draft-mark``, toolkit.drafts) stays atop the body and is also written in the
    header of every page, page 1 included. ``reference`` is the
    .docx whose styles and page setup are used (default: the bundled
    ``templates/reference.docx``); a style it lacks is made from ``STYLES``, with a
    warning. ``title`` (default: the HTML ``<title>``) and ``date`` (created/modified,
    at 00:00 UTC; default 2000-01-01) go in the document properties, with the language
    (the HTML's ``lang``, default ``LANGUAGE``). ``<h1>``-``<h3>`` become Word's Heading
    1-3 styles.

    The same arguments give the same bytes. Characters XML cannot hold (control
    characters) are removed, with a warning saying how many. Raises ExportError when
    the reference .docx cannot be read or is not a usable .docx.
    """
    if reference is None:
        from toolkit.render.html import bundled_templates_dir

        reference = bundled_templates_dir() / "reference.docx"
    ref = _reference(Path(reference))
    warnings: list[str] = []
    html, removed = _xml_safe(html)
    title, removed_title = _xml_safe(title)
    removed += removed_title
    if removed:
        warnings.append(f"removed {removed} control character(s) that a .docx cannot hold")
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=_HTML_PARSER)
    except etree.ParserError:  # an empty document: an empty page, as WeasyPrint makes
        root = lxml.html.document_fromstring("<html><body></body></html>")
    paragraphs, header, html_title = _walk(root)
    # The DRAFT mark (toolkit.drafts.mark_html) stays atop the body and is repeated in the
    # header of every page, as the PDF repeats it on every page.
    draft = ([_Para("Draft Mark Header", [(_PLAIN, _TEXT, MARK_TEXT)])]
             if root.find_class(MARK_CLASS) else [])
    header = draft + header if header or draft else header

    every = _paragraphs_of(paragraphs + header)
    used = {p.style for p in every}
    used.update(fmt.style for p in every for fmt, _, _ in p.runs if fmt.style)
    for name in sorted(used & ref.created):
        warnings.append(f"{Path(ref.path).name}: no style {name!r}; made it from the toolkit's defaults")

    document = copy.deepcopy(ref.document)
    body = document.find(_w("body"))
    _write_paragraphs(body, paragraphs, ref.style_ids, ref.numbered, _text_width(ref.sect_pr))
    body.append(copy.deepcopy(ref.header_sect_pr if header else ref.sect_pr))

    language = (root.get("lang") or "").strip() or LANGUAGE
    fresh = {ref.main: _xml_bytes(document),
             ref.core: _core_xml(title or html_title, date, language)}
    extra: list[_Entry] = []
    if header:
        default_name, first_name = ref.header_names
        part = copy.deepcopy(ref.header_root)
        _write_paragraphs(part, header, ref.style_ids, ref.numbered)
        extra.append(_deflate(default_name, _xml_bytes(part)))
        if first_name:   # page 1: no page-2 header, only the DRAFT mark if any
            first = copy.deepcopy(ref.header_root)
            _write_paragraphs(first, draft or [_Para("Header", [])], ref.style_ids)
            extra.append(_deflate(first_name, _xml_bytes(first)))
    reused = {**ref.entries, **ref.header_entries} if header else ref.entries
    entries = [_deflate(name, fresh[name]) if name in fresh else reused[name]
               for name in ref.order] + extra
    return _zip(entries), tuple(warnings)


def build_reference_docx(path: Path) -> None:
    """Write the reference .docx: page setup and every paragraph/character style render_docx uses.

    Starts from python-docx's default template: US Letter, 1 in margins (base.css
    ``@page``), ``FONT`` (Times New Roman) throughout, language ``LANGUAGE``,
    compatibility mode ``COMPATIBILITY_MODE`` (15), and every style of ``STYLES`` with its size
    (points), weight, spacing and indents. Table styles and parts a reference does not
    need (thumbnail, stylesWithEffects, customXml) are dropped. The body shows one
    sample paragraph per style, for whoever restyles it in Word; render_docx ignores
    it. The file is the same bytes on every run; it is written to a temporary file and
    renamed. Raises ExportError when ``path`` cannot be written.
    """
    import docx
    from docx.shared import Inches

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Inches(PAGE_WIDTH_IN), Inches(PAGE_HEIGHT_IN)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Inches(MARGIN_IN))
    section.header_distance = section.footer_distance = Inches(HEADER_IN)

    styles = document.styles.element
    for style in list(styles.iterfind(_w("style"))):
        if (style.get(_w("type")) == "table"
                and style.get(_w("styleId")) not in ("TableNormal", "TableGrid")):
            styles.remove(style)
    for fonts in styles.iter(_w("rFonts")):  # theme fonts would override FONT
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(_w(attr), None)
    defaults = styles.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_RPR}")
    fonts = defaults.find(_w("rFonts"))
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(_w(attr), FONT)
    for size in (defaults.find(_w("sz")), defaults.find(_w("szCs"))):
        size.set(_VAL, str(round(STYLES[0].size * 2)))
    spacing = styles.find(f"{_w('docDefaults')}/{_w('pPrDefault')}/{_PPR}/{_w('spacing')}")
    spacing.attrib.clear()
    spacing.attrib.update({_w("after"): "0", _w("line"): "240", _w("lineRule"): "auto"})
    index = _style_index(styles)
    for spec in STYLES:
        _write_style(styles, spec, index)
    ours = {index[(s.kind, s.name.lower())] for s in STYLES}
    numbering = document.part.numbering_part.element
    for link in list(numbering.iter(_w("pStyle"))):  # numbering linked to our list styles
        if link.get(_VAL) in ours:
            link.getparent().remove(link)

    settings = document.settings.element
    for tag in (_w("rsids"), "{http://schemas.microsoft.com/office/word/2010/wordml}docId"):
        for node in settings.findall(tag):
            settings.remove(node)
    for setting in settings.iterfind(f"{_w('compat')}/{_w('compatSetting')}"):
        if setting.get(_w("name")) == "compatibilityMode":
            setting.set(_VAL, COMPATIBILITY_MODE)
    language = defaults.find(_w("lang"))
    if language is None:
        language = etree.SubElement(defaults, _w("lang"))
    language.set(_VAL, LANGUAGE)

    for spec in STYLES:  # one sample paragraph per style, for editing in Word
        if spec.kind == "paragraph":
            document.add_paragraph(f"{spec.name}: {spec.applies_to or 'every paragraph'}",
                                   style=document.styles[spec.name])

    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            part.drop_rel(rel_id)
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package_rels.pop(rel_id)

    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["docProps/core.xml"] = _core_xml("advocacy toolkit reference", None)
    parts["docProps/app.xml"] = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{AUTHOR}</Application><DocSecurity>0</DocSecurity>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>").encode("utf-8")
    fonts_name = "word/fontTable.xml"
    if fonts_name in parts:
        table = etree.fromstring(parts[fonts_name], _SAFE_PARSER)
        if not any(f.get(_w("name")) == FONT for f in table):
            font = etree.SubElement(table, _w("font"), {_w("name"): FONT})
            etree.SubElement(font, _w("family"), {_VAL: "roman"})
            etree.SubElement(font, _w("pitch"), {_VAL: "variable"})
        parts[fonts_name] = _xml_bytes(table)
    first = ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
             "word/document.xml", "word/_rels/document.xml.rels"]
    order = [n for n in first if n in parts] + sorted(n for n in parts if n not in first)
    data = _zip([_deflate(name, parts[name]) for name in order])

    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".reference-", suffix=".docx", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as exc:
        raise ExportError(f"{path}: cannot write the reference .docx: {exc.strerror or exc}") from exc
