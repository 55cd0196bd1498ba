"""Hill-day briefing packets: per office a profile page, the letter and the one-pager.

For each targeted office a packet (``packets/<STATE>-<sen|rep>-<surname>-<BIOGUIDE>.pdf``):
the office profile page (member, party, state and district, the member's committee and
subcommittee seats relevant to the campaign with their roles, Washington office, district
offices, website, meeting-notes lines, the date; DOCUMENTS.md "Packet office profile
page"), then the tailored letter and the one-pager, each laid out exactly as ``advocacy
generate`` makes them (same templates, same fit-to-page loop). Every page carries the
footer "<office> — page X of Y", counted within the packet.

For the day, ``packets/hill-day.pdf``: a cover page with the table of contents (office,
building and room, first page), then the packets in walking order (Senate: Russell,
Dirksen, Hart; House: Cannon, Longworth, Rayburn, then any other building; by room number
within a building), with one PDF bookmark per office; with ``duplex`` a blank page is
inserted where needed so that every packet starts on an odd (right-hand) page. With
``docx``, each packet also as a DOCX (``docx.package.render_docx`` of the same HTML, each
part starting a new page, without the PDF's footer). And ``packets/schedule.csv``
(UTF-8 with BOM, opens in Excel with accents intact): office, member, building, room,
phone, in walking order.
"""

from __future__ import annotations

from toolkit.congress.model import official_name, short_label

from toolkit.documents import address
from toolkit.congress import capitol

import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence
from toolkit.campaign.model import Campaign
from toolkit.congress.model import Legislator
from toolkit.errors import ToolkitError
from toolkit.documents.files import csv_bytes, sha256_bytes
from toolkit.documents.job import DocumentJob, OutputFile, file_stem, member_meta, shortened_of
from toolkit.documents.render import fit_to_pages
from toolkit.campaign.bills import position_text, positions
from toolkit.documents.tailor import build_context, relevant_seats

from toolkit.congress.offices import DistrictOffice, load_district_offices


#: Parts of a packet, in order: (template, page limit).
PARTS = (("profile.html", 1), ("letter.html", 1), ("onepager.html", 1))


HILL_DAY_PATH = "packets/hill-day.pdf"


SCHEDULE_PATH = "packets/schedule.csv"


SCHEDULE_COLUMNS = ("office", "member", "building", "room", "phone")


#: Walking order of the office buildings on a Hill day (LETTER-CONVENTIONS.md): Senate,
#: then House; any other building (Ford) and unknown offices come last.
WALKING_BUILDINGS = ("Russell", "Dirksen", "Hart", "Cannon", "Longworth", "Rayburn")


#: Offices laid out per WeasyPrint renderer (bounds memory on a large selection).
CHUNK = 8


_PAGE_SIZE = (612, 792)  # US Letter, points


def walking_key(leg: Legislator) -> tuple:
    """Sort key for the Hill-day route: building (WALKING_BUILDINGS order), room, bioguide ID.

    Rooms sort by number (``B-40`` < ``131`` < ``2021``, ``479A`` after ``479``); an
    office with no known building comes last.
    """
    office = capitol.parse_office(leg.address, leg.chamber)
    building = (WALKING_BUILDINGS.index(office.building) if office.building in WALKING_BUILDINGS
                else len(WALKING_BUILDINGS) + (0 if office.building else 1))
    digits = re.search(r"\d+", office.room)
    return (building, int(digits[0]) if digits else 10 ** 6, office.room, leg.bioguide_id)


def walking_order(targets: Sequence[Legislator]) -> list[Legislator]:
    """The targets in Hill-day walking order (see ``walking_key``)."""
    return sorted(targets, key=walking_key)


def office_title(leg: Legislator, campaign: Campaign) -> str:
    """How the packet names an office: ``Senator Cantwell (D-WA)``."""
    style = campaign.style
    title = address.title(leg, style.house_salutation, style.territory_salutation)
    return f"{title} {address.surname(leg)} ({short_label(leg)})"


def room_line(leg: Legislator) -> str:
    """Building and room for the route: ``511 Hart``, or the street as given, or ""."""
    office = capitol.parse_office(leg.address, leg.chamber)
    if office.building and office.room:
        return f"{office.room} {office.building}"
    return office.street


@dataclass(frozen=True)
class SeatLine:
    """A committee seat on the profile page: the committee's name, the role, subcommittee or not."""

    name: str
    role: str
    is_subcommittee: bool


def campaign_seats(leg: Legislator, campaign: Campaign) -> tuple[SeatLine, ...]:
    """The member's seats on the campaign's committees and subcommittees, as SeatLines.

    Each committee is followed by its subcommittees, which are named without the
    committee's name when the committee is listed. Used by the profile page and the
    call sheet.
    """
    wanted = tuple(campaign.targets.committees) + tuple(
        c for rec in campaign.recommendations for c in rec.committees)
    seats = [s for s in relevant_seats(leg, wanted)
             if any(s.committee_id in (c, c[:4]) for c in wanted)]
    parents = list(dict.fromkeys(s.committee_id[:4] for s in seats))
    ordered = sorted(seats, key=lambda s: (parents.index(s.committee_id[:4]), s.is_subcommittee))
    listed = {s.committee_id for s in seats}

    def name(seat) -> str:
        if seat.is_subcommittee and seat.committee_id[:4] in listed and ": " in seat.committee_name:
            return seat.committee_name.split(": ", 1)[1]
        return seat.committee_name

    return tuple(SeatLine(name(s), s.role, s.is_subcommittee) for s in ordered)


def profile_context(leg: Legislator, campaign: Campaign, date: str,
                    district_offices: dict[str, tuple[DistrictOffice, ...]]) -> dict:
    """The merge fields of the profile page: build_context's, plus ``profile``.

    ``profile`` holds ``name`` (official name), ``title`` (office_title), ``party``,
    ``constituency``, ``seats`` (SeatLines: the member's seats on the campaign's
    committees and subcommittees, as tailor.build_tailoring picks them, each committee
    followed by its subcommittees, named without the committee's name when it is
    listed), ``office`` (capitol.Office of the Washington office), ``chamber_line``,
    ``phone``, ``url``, ``district_offices`` and ``lead`` (the recommendations to lead
    with).
    """
    context = build_context(leg, campaign, date)
    lines = campaign_seats(leg, campaign)
    context["profile"] = {
        "name": official_name(leg),
        "title": office_title(leg, campaign),
        "party": leg.party,
        "constituency": address.constituency(leg),
        "seats": lines,
        "office": capitol.parse_office(leg.address, leg.chamber),
        "chamber_line": address.CHAMBER_LINES[leg.chamber],
        "phone": leg.phone,
        "url": leg.url,
        "district_offices": district_offices.get(leg.bioguide_id, ()),
        "lead": tuple(rec.title for rec in context["tailoring"].lead),
    }
    return context


@dataclass
class Packet:
    """One office's packet once rendered: its PDF, page count and place in the day."""

    leg: Legislator
    title: str
    room: str
    pdf: bytes
    pages: int
    source_sha256: str
    warnings: tuple[str, ...]
    docx: bytes | None = None
    #: what its parts shortened to fit their pages (documents.job.shortened_of), "" if nothing
    shortened: str = ""


def _stamp(parts: list[bytes], footer: bytes, title: str) -> bytes:
    """Join the parts' pages into one PDF and lay footer page i over page i."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in parts:
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    for page, stamp in zip(writer.pages, PdfReader(io.BytesIO(footer)).pages):
        page.merge_page(stamp)
    writer.add_metadata({"/Producer": "advocacy toolkit (WeasyPrint, pypdf)", "/Title": title})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_DOCX_DATE = (1980, 1, 1, 0, 0, 0)


def join_docx(parts: Sequence[bytes]) -> bytes:
    """Join DOCX files made from the same reference into one, each part on a new page.

    The first part's package (styles, page setup, properties) is kept; the body of each
    further part follows, its first paragraph marked "page break before". Section
    properties and header parts of the further parts are dropped. The zip is written
    with fixed dates, so the same parts give the same bytes.
    """
    import zipfile

    from lxml import etree

    def body_of(data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
        return root, root.find(f"{_W}body")

    root, body = body_of(parts[0])
    section = body.find(f"{_W}sectPr")
    for data in parts[1:]:
        _, other = body_of(data)
        blocks = [child for child in other if child.tag != f"{_W}sectPr"]
        first = next((b for b in blocks if b.tag == f"{_W}p"), None)
        if first is not None:
            ppr = first.find(f"{_W}pPr")
            if ppr is None:
                ppr = etree.Element(f"{_W}pPr")
                first.insert(0, ppr)
            position = sum(1 for child in ppr if child.tag in (
                f"{_W}pStyle", f"{_W}keepNext", f"{_W}keepLines"))
            ppr.insert(position, etree.Element(f"{_W}pageBreakBefore"))
        for block in blocks:
            if section is not None:
                section.addprevious(block)
            else:
                body.append(block)
    document = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(parts[0])) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = document if info.filename == "word/document.xml" else source.read(info)
            target.writestr(zipfile.ZipInfo(info.filename, date_time=_DOCX_DATE), data,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def render_packets(targets: Sequence[Legislator], campaign: Campaign, date: str, *,
                   templates: str | Path | None = None,
                   district_offices: dict | None = None, docx: bool = False,
                   day: dt.date | None = None) -> list[Packet]:
    """Render each office's packet PDF (profile, letter, one-pager, footers), in walking order.

    ``date`` is written out ("January 15, 2026"). With ``docx``, each packet is also
    made as a DOCX (render_docx of the same HTML, one part per page; without the PDF's
    footer); ``day`` goes in its document properties. Raises TemplateRenderError or
    ExportError when a template or the layout fails.
    """
    from toolkit.documents.html import TemplateSet
    from toolkit.documents.pdf import PdfRenderer

    template_set = TemplateSet(templates)
    offices = district_offices if district_offices is not None else load_district_offices()
    ordered = walking_order(targets)
    packets: list[Packet] = []
    for start in range(0, len(ordered), CHUNK):
        # untagged (variant None): parts are stamped and joined with pypdf, which keeps
        # no structure tree; packets are print files
        renderer = PdfRenderer(template_set.folders[0], template_set.folders, None)
        laid_out, titles, pending = [], [], []
        for leg in ordered[start:start + CHUNK]:
            context = profile_context(leg, campaign, date, offices)
            context["draft_mark"] = campaign.placeholder_sender   # draftmark.mark_html
            where = f"{leg.bioguide_id} {context['profile']['name']}"
            title = office_title(leg, campaign)
            htmls, parts, warnings = [], [], []
            for name, limit in PARTS:
                part = DocumentJob(name, name, f"{name} for {where}", context, {}, title,
                                   max_pages=limit)
                html, laid, part_warnings = fit_to_pages(part, template_set, renderer, where)
                htmls.append(html)
                parts.append(laid)
                warnings += part_warnings
            total = sum(p.pages for p in parts)
            footer_html = template_set.render("packet-footer.html", {
                "office": f"{title} \u00b7 {room_line(leg)}".strip(" \u00b7"), "pages": total,
                "campaign": campaign, "date": date}, where)
            footer = renderer.layout(footer_html)
            laid_out += parts + [footer]
            titles += [f"{campaign.title} \u2014 {title}"] * (len(parts) + 1)
            source = sha256_bytes("\0".join(htmls + [footer_html]).encode("utf-8"))
            pending.append((leg, title, len(parts), total, source, tuple(warnings), htmls))
        pdfs = iter(renderer.write(laid_out, titles))
        for leg, title, count, total, source, warnings, htmls in pending:
            shortened = "; ".join(f"{name.removesuffix('.html')}: {shortened_of(html)}"
                                  for (name, _), html in zip(PARTS, htmls)
                                  if shortened_of(html))
            parts = [next(pdfs).data for _ in range(count)]
            footer = next(pdfs).data
            name = f"{campaign.title} \u2014 briefing packet \u2014 {title}"
            data = _stamp(parts, footer, name)
            document = None
            if docx:
                from toolkit.documents.docx.package import render_docx

                reference = template_set.find("reference.docx")
                rendered = [render_docx(html, reference, name, day) for html in htmls]
                document = join_docx([r[0] for r in rendered])
                warnings += tuple(f"{file_stem(leg)}.docx: {w}" for r in rendered for w in r[1])
            packets.append(Packet(leg, title, room_line(leg), data, total, source, warnings,
                                  document, shortened))
    return packets


def _cover(template_set, renderer, campaign: Campaign, date: str, packets: list[Packet],
           duplex: bool):
    """Lay out the cover page and table of contents; return (laid out, first pages).

    First pages are 1-based pages of the combined PDF. The table's own length decides
    where the first packet starts, so it is laid out until its page count is stable.
    """
    cover_pages = 1
    for _ in range(3):
        firsts, page = [], cover_pages + 1
        for packet in packets:
            if duplex and page % 2 == 0:
                page += 1
            firsts.append(page)
            page += packet.pages
        html = template_set.render("cover.html", {
            "campaign": campaign, "date": date, "duplex": duplex,
            "draft_mark": campaign.placeholder_sender,
            "entries": [{"title": p.title, "member": official_name(p.leg),
                         "room": p.room, "phone": p.leg.phone, "page": first}
                        for p, first in zip(packets, firsts)]}, "the cover page")
        laid = renderer.layout(html)
        if laid.pages == cover_pages:
            return html, laid, firsts
        cover_pages = laid.pages
    raise ToolkitError("the table of contents of the Hill-day PDF does not settle on a "
                       "page count; check cover.html")


def combine(cover: bytes, packets: list[Packet], firsts: list[int], title: str) -> bytes:
    """The day's PDF: the cover pages, then each packet from its first page, bookmarked.

    ``firsts`` are the packets' 1-based first pages; the gaps before them are filled
    with blank US Letter pages (duplex). One outline entry per packet: its title and
    room.
    """
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(cover)).pages:
        writer.add_page(page)
    for packet, first in zip(packets, firsts):
        while len(writer.pages) < first - 1:
            writer.add_blank_page(*_PAGE_SIZE)
        for page in PdfReader(io.BytesIO(packet.pdf)).pages:
            writer.add_page(page)
        writer.add_outline_item(title=f"{packet.title} \u2014 {packet.room}".rstrip(" \u2014"),
                                page_number=first - 1)
    writer.add_metadata({"/Producer": "advocacy toolkit (WeasyPrint, pypdf)", "/Title": title})
    writer.page_mode = "/UseOutlines"
    # packets laid out together share font subsets: store each only once (about half
    # the size for a large day)
    writer.compress_identical_objects()
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def schedule_rows(packets: Sequence[Packet]) -> list[dict]:
    """The schedule's rows (office, member, building, room, phone), in the packets' order."""
    rows = []
    for packet in packets:
        office = capitol.parse_office(packet.leg.address, packet.leg.chamber)
        rows.append({"office": packet.title, "member": official_name(packet.leg),
                     "building": office.building, "room": office.room,
                     "phone": packet.leg.phone})
    return rows


def render_hill_day(targets: Sequence[Legislator], campaign: Campaign, date: str, *,
                    templates: str | Path | None = None, duplex: bool = False,
                    district_offices: dict | None = None, docx: bool = False,
                    day: dt.date | None = None) -> list[OutputFile]:
    """Every file of ``advocacy packet``: per-office packets, the day's PDF, the schedule.

    Returns OutputFiles in that order (packets in walking order, each PDF followed by
    its DOCX when ``docx``).
    """
    from toolkit.documents.html import TemplateSet
    from toolkit.documents.pdf import PdfRenderer

    packets = render_packets(targets, campaign, date, templates=templates,
                             district_offices=district_offices, docx=docx, day=day)
    template_set = TemplateSet(templates)
    renderer = PdfRenderer(template_set.folders[0], template_set.folders, None)
    cover_html, laid, firsts = _cover(template_set, renderer, campaign, date, packets, duplex)
    cover = renderer.write([laid], [campaign.title])[0]
    title = f"{campaign.title} \u2014 Hill day, {date}"
    day = combine(cover.data, packets, firsts, title)
    files = []
    for p in packets:
        meta = {**member_meta(p.leg), "shortened": p.shortened,
                "bill_positions": position_text(positions(p.leg, campaign))}
        files.append(OutputFile(f"packets/{file_stem(p.leg)}.pdf", p.pdf, "packet", "pdf",
                                p.pages, p.source_sha256, meta, p.warnings))
        if p.docx is not None:
            files.append(OutputFile(f"packets/{file_stem(p.leg)}.docx", p.docx, "packet", "docx",
                                    "", p.source_sha256, meta))
    day_pages = firsts[-1] - 1 + packets[-1].pages if packets else laid.pages
    files.append(OutputFile(HILL_DAY_PATH, day, "hill-day", "pdf", day_pages,
                            sha256_bytes((cover_html + "".join(p.source_sha256 for p in packets)
                                          + str(duplex)).encode("utf-8")),
                            warnings=tuple(f"cover: {w}" for w in cover.warnings)))
    schedule = csv_bytes(schedule_rows(packets), SCHEDULE_COLUMNS)
    files.append(OutputFile(SCHEDULE_PATH, schedule, "schedule", "csv", "",
                            sha256_bytes(schedule)))
    return files

