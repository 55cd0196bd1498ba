"""WordprocessingML: the XML of a document's paragraphs, runs, tables and styles.

The walked HTML (``walk._Para``, ``walk._Table``) is written here as ``w:p``, ``w:r`` and
``w:tbl`` elements in the styles of ``styles.STYLES`` (ECMA-376 Part 1, section 17);
lengths are twips (1/20 point) and half-points as the standard counts them. Nothing here
knows the package (zip, parts, relationships): that is ``package.py``.
"""

from __future__ import annotations

from toolkit.documents.docx.styles import MARGIN_IN, PAGE_WIDTH_IN

from toolkit.documents.docx.walk import _PAGE, _TEXT, _BR

import re
from lxml import etree

from toolkit.documents.docx.styles import FONT, StyleSpec, TABLE_SPACE_PT
from toolkit.documents.docx.walk import _Fmt, _LIST_INDENT_PT, _PLAIN, _Para, _Table, _float



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


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)


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


_P, _PPR, _R, _RPR, _T = _w("p"), _w("pPr"), _w("r"), _w("rPr"), _w("t")


def _xml_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


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
