"""DOCX: the rendered HTML walked into paragraphs, runs and layout tables.

The HTML that ``html.py`` renders is the one source of every document's words: this
module walks it (lxml.html) into ``_Para`` and ``_Table`` records, one Word paragraph per
block with its style (``styles._resolve``) and its inline formatting; the one-pager's
callouts and bar chart become layout tables with their text alternative.
"""

from __future__ import annotations

from toolkit.documents.docx.styles import _body_classes, CHART_BAR_CLASS, CHART_LABEL_CLASS, CHART_VALUE_CLASS, PAGE_HEADER_CLASS, PAGE_NUMBER_CLASS

import re
from dataclasses import dataclass
from typing import NamedTuple
import lxml.html

from toolkit.documents.docx.styles import BLOCK_CLASSES, KEEP_TOGETHER, KEEP_WITH_PREVIOUS, LAYOUT_GAP_PT, LAYOUT_ROW_CLASSES, LAYOUT_TABLE_DESCRIPTION, LIST_SPACE_AFTER_PT, SKIP_TAGS, _Chain, _SPEC, _resolve


_INLINE = frozenset(
    "a abbr b bdi bdo br cite code data dfn em font i img kbd mark q s samp small span strike "
    "strong sub sup time tt u var wbr del ins label".split())


#: Tags whose own content is a paragraph (others are containers: their loose text is
#: styled as a ``p`` inside them).
_PARA_TAGS = frozenset("p li h1 h2 h3 h4 h5 h6 dt dd pre caption figcaption summary legend".split())


_LIST_INDENT_PT = 18


_HTML_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


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

