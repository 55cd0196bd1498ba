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

from toolkit.documents.docx.ooxml import (CT, PR, R, W, _CT_CORE, _CT_HEADER, _CT_MAIN, _CT_STYLES,
                                          _PPR, _REL_CORE, _REL_DOC, _REL_HEADER,
                                          _REL_STYLES, _RPR, _SAFE_PARSER, _VAL, _style_index,
                                          _text_width, _twips, _w, _write_paragraphs,
                                          _write_style, _xml_bytes)

from toolkit.documents.docx.styles import HEADER_IN, MARGIN_IN, PAGE_HEIGHT_IN, PAGE_WIDTH_IN

from toolkit.documents.docx.walk import _TEXT

import copy
import datetime
import io
import os
import posixpath
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
from toolkit.documents.draftmark import MARK_CLASS, MARK_TEXT
from toolkit.errors import ExportError

from toolkit.documents.docx.styles import FONT, STYLES
from toolkit.documents.docx.walk import _HTML_PARSER, _PLAIN, _Para, _paragraphs_of, _walk, _xml_safe


AUTHOR = "advocacy toolkit"


#: The document language (core properties ``dc:language``, the styles' ``w:lang``) when
#: the HTML has no ``lang`` attribute: a BCP 47 tag.
LANGUAGE = "en-US"


#: Word's compatibility mode written in the reference's settings: 15 is Word 2013 and
#: later (current Word opens the file without "[Compatibility Mode]").
COMPATIBILITY_MODE = "15"




















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
        from toolkit.documents.html import bundled_templates_dir

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
    # The DRAFT mark (toolkit.documents.draftmark.mark_html) stays atop the body and is repeated in the
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

