"""The coalition sign-on letter as HTML, PDF and DOCX.

Room: documents/. One HTML (``templates/signon.html`` + ``signon.css``, Jinja2 through
the TemplateSet every document uses) gives both formats: the PDF through PdfRenderer
(tagged PDF/UA-1 like every letter), the DOCX through ``render_docx``'s walk onto the
reference styles, then two things the walk does not make:

- the signatory list as real Word columns: a continuous section of ``columns``
  columns (``w:cols``) from the first entry to the last, so a Word user edits the list
  as text and it flows as in the PDF, in the same order; every entry keeps its lines
  together (``w:keepLines``), a heading stays with its first entry (Heading 2's
  keep-with-next);
- "Page X of Y" in the page-2 header: a NUMPAGES field after the PAGE field.

The DOCX is written again with fixed zip timestamps: the same inputs give the same bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from lxml import etree

from toolkit.campaign.model import Campaign, long_date
from toolkit.documents.signon_address import Addressee
from toolkit.sheets.signers import Group, SignerList

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: The signatory list's title (its heading, and where the DOCX's column section begins).
LIST_TITLE = "Signatories"
#: Columns the list may have (``--columns``).
COLUMN_CHOICES = (2, 3)
#: Space between Word columns, twentieths of a point (signon.css ``column-gap: 16pt``).
COLUMN_GAP_TWIPS = 320
#: Space after each entry of the list, twentieths of a point (signon.css: 3pt).
ENTRY_AFTER_TWIPS = 60
#: The list's font size, half-points (signon.css: 9.5pt).
ENTRY_HALF_POINTS = 19


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def as_of_text(when: dt.datetime | dt.date | None, date: dt.date | None = None) -> str:
    """The footer's date: "February 1, 2027, 5:00 p.m." for a stamp with a time, "February
    1, 2027" for a date; the letter's date (default today) when the list has no stamp."""
    if when is None:
        return long_date(date or dt.date.today())
    if isinstance(when, dt.datetime):
        if when.time() == dt.time(0):
            return long_date(when.date())
        hour = when.hour % 12 or 12
        half = "a.m." if when.hour < 12 else "p.m."
        return f"{long_date(when.date())}, {hour}:{when.minute:02d} {half}"
    return long_date(when)


def count_sentence(organizations: int, individuals: int, purpose: str) -> str:
    """The letter's first sentence, with the count after cleaning.

    "The 55 undersigned organizations write to urge you to ...", "The 47 undersigned
    organizations and 312 individuals write to ...", "The undersigned organization
    writes to ..." (one signer: no count). ``purpose`` follows "write to" (the
    campaign's ``signon.purpose``, e.g. "you about U.S. policy toward Mali").
    Source: FIELD-PRACTICE.md (coalition letters state the count first).
    """
    total = organizations + individuals
    if total == 1:
        who = "organization" if organizations else "individual"
        return f"The undersigned {who} writes to {purpose}."
    if organizations and individuals:
        who = f"{organizations:,} undersigned organization{'s' if organizations != 1 else ''} " \
              f"and {individuals:,} individual{'s' if individuals != 1 else ''}"
    elif organizations:
        who = f"{organizations:,} undersigned organizations"
    else:
        who = f"{individuals:,} undersigned individuals"
    return f"The {who} write to {purpose}."


@dataclass(frozen=True)
class GroupView:
    """A group of the printed list: its heading and entries (each a tuple of lines)."""

    heading: str
    entries: tuple[tuple[str, ...], ...]


def build_context(campaign: Campaign, signers: SignerList, groups: Sequence[Group],
                  addressee: Addressee, date: str, as_of: str, columns: int = 2) -> dict:
    """The merge fields of one sign-on letter (signon.html's opening comment lists them).

    ``date`` and ``as_of`` are written out; ``columns`` is 2 or 3. The count sentence
    counts the signers after cleaning (``count_sentence``); its purpose is the
    campaign's ``signon.purpose``, else "you about <subject>". ``words``
    (prose.coalition_words): the letter speaks as "we" (the campaign's ask and closing
    in the plural voice), its "Re:" line and running header name the subject as a
    heading.
    """
    from toolkit.documents.prose import coalition_words
    from toolkit.documents.tailor import organization_sender

    words = coalition_words(campaign)
    purpose = campaign.signon.purpose or f"you about {campaign.subject}"
    return {
        "campaign": campaign,
        "words": words,
        "addressee": addressee,
        "sender": organization_sender(campaign),
        "count_sentence": count_sentence(len(signers.organizations), len(signers.individuals),
                                         purpose),
        "groups": tuple(GroupView(g.heading, tuple(s.lines(campaign.signon.signer_names)
                                                   for s in g.signers)) for g in groups),
        "facts": tuple(campaign.key_facts[:campaign.letter_facts]),
        "short_title": campaign.signon.short_title or words.subject,
        "date": date,
        "as_of": as_of,
        "columns": columns,
        "cc": campaign.signon.cc,
        "list_title": LIST_TITLE,
        "draft_mark": campaign.placeholder_sender,   # draftmark.mark_html on every page
    }


@dataclass(frozen=True)
class RenderedLetter:
    """One sign-on letter in one format: ``data`` (bytes), ``pages``, warnings."""

    fmt: str
    data: bytes
    pages: int
    warnings: tuple[str, ...] = ()


def render_letter(html: str, formats: Sequence[str], templates, renderer, title: str,
                  columns: int = 2, date: dt.date | None = None) -> list[RenderedLetter]:
    """Render one letter's HTML in ``formats`` (``pdf``, ``docx``); return them in order.

    ``templates``: the run's TemplateSet (its ``reference.docx``); ``renderer``: a
    PdfRenderer; ``title``: the document title; ``date``: the DOCX's created date.
    The DOCX's page count is the PDF's (its layout). Raises ExportError as PdfRenderer
    and render_docx do.
    """
    from toolkit.documents.docx.package import render_docx

    laid = renderer.layout(html)
    out = []
    for fmt in formats:
        if fmt == "pdf":
            pdf = renderer.write([laid], [title])[0]
            out.append(RenderedLetter("pdf", pdf.data, pdf.pages, pdf.warnings))
        elif fmt == "docx":
            data, warnings = render_docx(html, templates.find("reference.docx"), title, date)
            out.append(RenderedLetter("docx", word_columns(data, columns), laid.pages,
                                      tuple(warnings)))
    return out


# --------------------------------------------------------------------------- DOCX

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(_w("t")))


def _style(p) -> str:
    node = p.find(f"{_w('pPr')}/{_w('pStyle')}")
    return node.get(_w("val")) if node is not None else ""


def _ppr(p):
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = etree.Element(_w("pPr"))
        p.insert(0, ppr)
    return ppr


#: Children of ``w:pPr`` that come after ``w:keepLines`` (ECMA-376 CT_PPrBase order).
_AFTER_KEEP_LINES = ("pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
                     "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
                     "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi",
                     "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
                     "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
                     "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr",
                     "pPrChange")


def _put(ppr, node, after: Sequence[str]) -> None:
    """Put ``node`` in ``ppr`` (replacing one of its name) before the first child named in
    ``after`` (the children that follow it in ECMA-376's order)."""
    name = etree.QName(node).localname
    for old in ppr.findall(_w(name)):
        ppr.remove(old)
    later = next((c for c in ppr if etree.QName(c).localname in after), None)
    if later is None:
        ppr.append(node)
    else:
        later.addprevious(node)


#: The children of ``w:rPr`` in ECMA-376's order (CT_RPr).
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
              "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
              "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
              "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _run_prop(run, name: str, value: str | None = None) -> None:
    rpr = run.find(_w("rPr"))
    if rpr is None:
        rpr = etree.Element(_w("rPr"))
        run.insert(0, rpr)
    node = etree.Element(_w(name))
    if value is not None:
        node.set(_w("val"), value)
    _put(rpr, node, _RPR_ORDER[_RPR_ORDER.index(name) + 1:])


def _entry(p) -> None:
    """One signatory's paragraph as signon.css sets it: its lines kept together, 3 pt
    after, 9.5 pt, the lines after the first (signer, title) in italics."""
    ppr = _ppr(p)
    _put(ppr, etree.Element(_w("keepLines")), _AFTER_KEEP_LINES)
    spacing = etree.Element(_w("spacing"))
    spacing.set(_w("after"), str(ENTRY_AFTER_TWIPS))
    _put(ppr, spacing, _AFTER_KEEP_LINES[_AFTER_KEEP_LINES.index("spacing") + 1:])
    detail = False
    for run in p.iter(_w("r")):
        detail = detail or run.find(_w("br")) is not None
        if detail and run.find(_w("t")) is not None:
            _run_prop(run, "i")
        _run_prop(run, "sz", str(ENTRY_HALF_POINTS))
        _run_prop(run, "szCs", str(ENTRY_HALF_POINTS))


def _section(base, columns: int, *, continuous: bool, keep_header: bool):
    """A copy of ``base`` (a ``w:sectPr``) with ``columns`` columns; ``continuous``:
    starts on the same page; without ``keep_header`` its header references and
    different-first-page flag are dropped (it inherits the previous section's headers)."""
    sect = copy.deepcopy(base)
    for child in list(sect):
        name = etree.QName(child).localname
        if name in ("type", "cols") or (not keep_header and name in (
                "headerReference", "footerReference", "titlePg")):
            sect.remove(child)
    if continuous:
        node = etree.Element(_w("type"))
        node.set(_w("val"), "continuous")
        first = next((c for c in sect if etree.QName(c).localname not in (
            "headerReference", "footerReference", "footnotePr", "endnotePr")), None)
        if first is None:
            sect.append(node)
        else:
            first.addprevious(node)
    cols = etree.Element(_w("cols"))
    cols.set(_w("num"), str(columns))
    cols.set(_w("space"), str(COLUMN_GAP_TWIPS if columns > 1 else 720))
    before = ("pgSz", "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType")
    anchors = [c for c in sect if etree.QName(c).localname in before]
    if anchors:
        anchors[-1].addnext(cols)
    else:
        sect.insert(0, cols)
    return sect


def word_columns(docx: bytes, columns: int) -> bytes:
    """``docx`` (from render_docx) with its signatory list in ``columns`` Word columns and
    "of N" (a NUMPAGES field) after the page-2 header's page number.

    The list runs from the paragraph after the last one reading ``LIST_TITLE`` to the
    last paragraph before the ``cc:`` lines (or the end): it becomes a continuous
    section with ``w:cols``; the letter before it keeps the reference's section (page-2
    header, different first page) and the ``cc:`` lines return to one column. Each
    entry keeps its lines together. Returns the new bytes (zip entries in the same
    order, fixed timestamps). A document without the list title is returned as it is.
    """
    source = zipfile.ZipFile(io.BytesIO(docx))
    parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    document = etree.fromstring(parts["word/document.xml"])
    body = document.find(_w("body"))
    paragraphs = [p for p in body if etree.QName(p).localname == "p"]
    titles = [i for i, p in enumerate(paragraphs) if _text(p).strip() == LIST_TITLE]
    if titles:
        start = titles[-1]
        after = paragraphs[start + 1:]
        # The DOCX keeps "Signers as of ..." under the title, above the columns.
        if after and _text(after[0]).startswith("Signers as of"):
            _put(_ppr(after[0]), etree.Element(_w("keepNext")), ("keepLines",) + _AFTER_KEEP_LINES)
            start += 1
            after = after[1:]
        end = next((i for i, p in enumerate(after) if _text(p).startswith("cc:")), len(after))
        entries = after[:end]
        final = body.find(_w("sectPr"))
        if entries and final is not None:
            for p in entries:
                if not _style(p).lower().startswith("heading"):
                    _entry(p)
            _ppr(paragraphs[start]).append(_section(final, 1, continuous=False, keep_header=True))
            listed = _section(final, columns, continuous=True, keep_header=False)
            if end < len(after):
                _ppr(entries[-1]).append(listed)
                body.replace(final, _section(final, 1, continuous=True, keep_header=False))
            else:
                body.replace(final, listed)
        parts["word/document.xml"] = etree.tostring(document, xml_declaration=True,
                                                    encoding="UTF-8", standalone=True)
    for name in [n for n in parts if n.startswith("word/header") and n.endswith(".xml")]:
        parts[name] = _page_count(parts[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, parts[info.filename])
    return out.getvalue()


def _page_count(xml: bytes) -> bytes:
    """A header part with a NUMPAGES field after the words "of" that follow its PAGE field."""
    root = etree.fromstring(xml)
    changed = False
    for p in root.iter(_w("p")):
        runs = p.findall(_w("r"))
        instr = [r for r in runs if r.find(_w("instrText")) is not None
                 and "PAGE" in (r.find(_w("instrText")).text or "")]
        if not instr or not _text(p).rstrip().endswith(" of"):
            continue
        last = runs[-1]
        text = last.find(_w("t"))
        if text is not None and text.text and not text.text.endswith(" "):
            text.text += " "
            text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        props = instr[0].find(_w("rPr"))
        for kind, value in (("begin", None), ("instr", " NUMPAGES "), ("separate", None),
                            ("text", "2"), ("end", None)):
            run = etree.SubElement(p, _w("r"))
            if props is not None:
                run.append(copy.deepcopy(props))
            if kind == "instr":
                node = etree.SubElement(run, _w("instrText"))
                node.text = value
                node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            elif kind == "text":
                etree.SubElement(run, _w("t")).text = value
            else:
                etree.SubElement(run, _w("fldChar")).set(_w("fldCharType"), kind)
        changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
        if changed else xml


def docx_list(docx: bytes | Path) -> list[str]:
    """The signatory entries of a sign-on DOCX in document order, each as its text: the paragraphs of its column section, headings left out.
    For tests and checks: an entry's lines are joined by " | "; returns [] when the
    document has no column section."""
    data = Path(docx).read_bytes() if isinstance(docx, (str, Path)) else docx
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    body = root.find(_w("body"))
    inside, out = False, []
    for p in body:
        if etree.QName(p).localname != "p":
            continue
        sect = p.find(f"{_w('pPr')}/{_w('sectPr')}")
        if inside and not _style(p).lower().startswith("heading"):
            pieces = [(node.text or "") if node.tag == _w("t") else "\n"
                      for node in p.iter(_w("t"), _w("br"))]
            out.append(" | ".join(line.strip() for line in "".join(pieces).split("\n")))
        if sect is not None and sect.find(_w("cols")) is not None and \
                sect.find(_w("cols")).get(_w("num"), "1") == "1":
            inside = True
        elif sect is not None:
            inside = False
    return out
