"""Call sheets: the targeted offices to phone, with a 30-second script built from the campaign.

Advocates call offices as well as write (LETTER-CONVENTIONS.md): a call reaches a staff
member who tallies it for the member, so the script says who is calling, the campaign's
ask, the one recommendation that falls under the member's committees (as the letter's
tailoring picks it, tailor.build_tailoring) with the committee that handles it, and
thanks. Read aloud at about 160 words a
minute (conversational speech) it takes about 30 seconds; the sheet prints each script's estimate.

``advocacy calls`` makes ``calls/call-sheet.pdf`` and ``calls/call-sheet.csv`` for the
targets, sorted by state, then chamber (Senate first), district and surname. With
constituents, each constituent gets their own sheet for their own two senators and
House member (``constituents/<name>-r<row>/call-sheet.pdf``, beside their letters), and
the CSV holds every constituent's rows. The words of the script are those of the
``call-script.html`` template, in the PDF and in the CSV alike.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from toolkit.campaign import Campaign
from toolkit.contacts import Legislator
from toolkit.drafts import MARK_TEXT
from toolkit.errors import ToolkitError
from toolkit.output import csv_bytes, safe_slug, sha256_bytes
from toolkit.pipeline import OutputFile, Result, member_meta, write_outputs

SHEET_PATH = "calls/call-sheet.pdf"
CSV_PATH = "calls/call-sheet.csv"
#: Reading speed for the script's time estimate, words per minute.
WORDS_PER_MINUTE = 160
#: ``draft``: the DRAFT mark's text on every row while the campaign's sender is a
#: placeholder (the script then names "Your Organization Name"), else empty.
CSV_COLUMNS = ("state", "chamber", "district", "bioguide_id", "member", "office",
               "washington_phone", "district_phones", "committees", "script", "seconds",
               "draft")
CONSTITUENT_CSV_COLUMNS = ("constituent_row", "constituent_name") + CSV_COLUMNS


@dataclass(frozen=True)
class Caller:
    """Who calls: ``name`` ("" for a volunteer of the organization, who says their own)
    and ``place`` ("Spokane, WA 99203" for a constituent, else "")."""

    name: str = ""
    place: str = ""


@dataclass(frozen=True)
class CallEntry:
    """One office on a call sheet.

    ``title`` ("Senator Cantwell (D-WA)"), ``name`` (official name), ``constituency``,
    ``washington_phone``, ``district_phones`` ((city, phone) pairs, in file order),
    ``seats`` (packet.SeatLine: the seats that matter to the campaign), ``member`` and
    ``tailoring`` (as the letter has them), ``committee`` (the most senior of the
    member's named seat groups as words, "" when none), ``script`` (the script's text,
    paragraphs separated by blank lines) and ``seconds`` (its reading time, rounded to 5 s).
    """

    leg: Legislator
    title: str
    name: str
    constituency: str
    washington_phone: str
    district_phones: tuple[tuple[str, str], ...]
    seats: tuple
    member: object
    tailoring: object
    committee: str
    script: str
    seconds: int


def call_order(targets: Sequence[Legislator]) -> list[Legislator]:
    """Members by state, then chamber (Senate first), district, surname and bioguide ID."""
    return sorted(targets, key=lambda leg: (leg.state, leg.chamber != "senate",
                                            leg.district or 0, leg.last_name, leg.bioguide_id))


def reading_seconds(text: str) -> int:
    """Seconds to read ``text`` aloud at WORDS_PER_MINUTE, rounded to the nearest 5."""
    words = len(re.findall(r"\S+", text))
    return max(5, int(round(words * 60 / WORDS_PER_MINUTE / 5.0)) * 5)


def build_entries(targets: Sequence[Legislator], campaign: Campaign, caller: Caller,
                  district_offices: dict, templates) -> list[CallEntry]:
    """One CallEntry per target, in call_order; ``templates`` is a render.html.TemplateSet.

    Raises TemplateRenderError when call-script.html fails.
    """
    from toolkit import address
    from toolkit.packet import campaign_seats, office_title
    from toolkit.plaintext import html_blocks, join_blocks
    from toolkit.tailor import build_context, committee_phrase, seat_matches

    entries = []
    for leg in call_order(targets):
        context = build_context(leg, campaign, "")
        seats, lead = context["tailoring"].seats, context["tailoring"].lead
        # the seats under the recommendation the script names (the first lead one)
        named = tuple(s for s in seats if lead and any(seat_matches(s.committee_id, c)
                                                       for c in lead[0].committees)) or seats
        committee = committee_phrase(tuple(s for s in named if s.committee_id[:4]
                                           == named[0].committee_id[:4])) if named else ""
        html = templates.render("call-script.html", {
            "campaign": campaign, "caller": caller, "member": context["member"],
            "tailoring": context["tailoring"], "committee": committee},
            f"{leg.bioguide_id} {address.official_name(leg)}")
        script = join_blocks(html_blocks(html))
        phones = tuple((o.city, o.phone) for o in district_offices.get(leg.bioguide_id, ())
                       if o.phone)
        entries.append(CallEntry(leg, office_title(leg, campaign), address.official_name(leg),
                                 address.constituency(leg), leg.phone, phones,
                                 campaign_seats(leg, campaign), context["member"],
                                 context["tailoring"], committee, script,
                                 reading_seconds(script)))
    return entries


def csv_rows(entries: Sequence[CallEntry], extra: dict | None = None) -> list[dict]:
    """The call sheet CSV's rows (CSV_COLUMNS, plus ``extra`` columns on every row)."""
    return [{**(extra or {}), **member_meta(e.leg), "member": e.name, "office": e.title,
             "washington_phone": e.washington_phone,
             "district_phones": "; ".join(f"{city} {phone}" for city, phone in e.district_phones),
             "committees": "; ".join(f"{s.name} ({s.role})" for s in e.seats),
             "script": e.script, "seconds": e.seconds} for e in entries]


def render_sheet(entries: Sequence[CallEntry], campaign: Campaign, caller: Caller, date: str,
                 templates, renderer) -> tuple[str, object]:
    """(HTML, laid-out document) of one call sheet (calls.html)."""
    html = templates.render("calls.html", {"campaign": campaign, "date": date, "caller": caller,
                                           "entries": list(entries),
                                           "draft_mark": campaign.placeholder_sender},
                            "the call sheet")
    return html, renderer.layout(html)


def build_calls(targets: Sequence[Legislator], campaign: Campaign, out: Path, *, date: str,
                templates: str | Path | None = None, constituents: Sequence | None = None,
                legislators: Sequence[Legislator] = (), district_offices: dict | None = None,
                force: bool = False, dry_run: bool = False,
                day: dt.date | None = None) -> tuple[Result, list[str]]:
    """Make the call sheet(s) and their CSV under ``out``; record them in its manifest.

    Without ``constituents``: one sheet for ``targets`` (SHEET_PATH, CSV_PATH). With
    ``constituents`` (constituents.Constituent records; ``legislators`` to match them
    with constituents.match_offices): one sheet per constituent who has a member, at
    ``constituents/<name>-r<row>/call-sheet.pdf``, and CSV_PATH with their rows. ``date``
    is written out; constituents are matched to the members still in office on ``day``
    (default today). Returns (Result, ``(constituent, problems)`` for every row that did
    not get every member, as ``ConstituentPlan.attention``). Raises ToolkitError
    when no office is left to call; OutputExistsError as write_outputs does.
    """
    from toolkit.constituents import OfficeIndex, match_offices
    from toolkit.packet import load_district_offices
    from toolkit.pipeline import CONSTITUENT_COLUMNS
    from toolkit.output import MANIFEST_COLUMNS

    offices = load_district_offices() if district_offices is None else district_offices
    sheets: list[tuple[str, Caller, list[Legislator], dict]] = []
    attention: list[tuple] = []
    if constituents is None:
        sheets.append((SHEET_PATH, Caller(), list(targets), {}))
    else:
        index = OfficeIndex.build(legislators, day)   # members still in office on ``day``
        for person in constituents:
            match = match_offices(person, index)
            if match.problems:
                attention.append((person, match.problems))
            if match.offices:
                place = " ".join(p for p in (f"{person.city}, {person.state}", person.zip[:5]) if p)
                sheets.append((f"constituents/{safe_slug(person.name)}-r{person.row}/call-sheet.pdf",
                               Caller(person.name, place), match.offices,
                               {"constituent_row": person.row, "constituent_name": person.name}))
    if not any(members for _, _, members, _ in sheets):
        raise ToolkitError("no office to call; check the selection",
                           [p for _, problems in attention for p in problems])
    columns = CONSTITUENT_CSV_COLUMNS if constituents is not None else CSV_COLUMNS

    def make() -> list[OutputFile]:
        from toolkit.render.html import TemplateSet
        from toolkit.render.pdf import PdfRenderer

        template_set = TemplateSet(templates)
        renderer = PdfRenderer(template_set.folders[0], template_set.folders)
        files, rows, laid_out = [], [], []
        for relpath, caller, members, extra in sheets:
            entries = build_entries(members, campaign, caller, offices, template_set)
            html, laid = render_sheet(entries, campaign, caller, date, template_set, renderer)
            laid_out.append((relpath, html, laid, extra))
            draft = {"draft": MARK_TEXT} if campaign.placeholder_sender else {}
            rows += csv_rows(entries, {**(extra or {}), **draft})
        pdfs = renderer.write([item[2] for item in laid_out],
                              [f"{campaign.title}: call sheet"] * len(laid_out))
        for (relpath, html, laid, extra), pdf in zip(laid_out, pdfs):
            meta = {"constituent_row": extra.get("constituent_row", ""),
                    "constituent_name": extra.get("constituent_name", "")} if extra else {}
            files.append(OutputFile(relpath, pdf.data, "call-sheet", "pdf", pdf.pages,
                                    sha256_bytes(html.encode("utf-8")), meta,
                                    tuple(f"{relpath}: {w}" for w in pdf.warnings)))
        data = csv_bytes(rows, columns)
        files.append(OutputFile(CSV_PATH, data, "call-sheet", "csv", "", sha256_bytes(data)))
        return files

    relpaths = [relpath for relpath, _, _, _ in sheets] + [CSV_PATH]
    result = write_outputs(Path(out), relpaths, make, force=force, dry_run=dry_run,
                           columns=CONSTITUENT_COLUMNS if constituents is not None
                           else MANIFEST_COLUMNS, campaign=campaign, date=day)
    return result, attention
