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

from toolkit.congress.model import official_name

from toolkit.documents import address

import re
from dataclasses import dataclass
from typing import Sequence
from toolkit.campaign.model import Campaign
from toolkit.congress.model import Legislator
from toolkit.documents.job import member_meta


from toolkit.campaign.bills import position_text

SHEET_PATH = "calls/call-sheet.pdf"


CSV_PATH = "calls/call-sheet.csv"


#: Reading speed for the script's time estimate, words per minute.
WORDS_PER_MINUTE = 160


#: ``draft``: the DRAFT mark's text on every row while the campaign's sender is a
#: placeholder (the script then names "Your Organization Name"), else empty.
#: ``bill_positions``: the member's position on each of the campaign's bills
#: ("H.R. 2468: cosponsor"; bills.position_text), empty for a campaign without bills.
CSV_COLUMNS = ("state", "chamber", "district", "bioguide_id", "member", "office",
               "washington_phone", "district_phones", "committees", "script", "seconds",
               "draft", "bill_positions")
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
    paragraphs separated by blank lines), ``seconds`` (its reading time, rounded to 5 s),
    ``words`` (prose.LetterWords in the caller's voice) and ``bills`` (the member's
    bills.BillPosition on each of the campaign's bills).
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
    words: object = None
    bills: tuple = ()


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
    from toolkit.documents.packet import campaign_seats, office_title
    from toolkit.documents.plaintext import html_blocks, join_blocks
    from toolkit.documents.tailor import build_context, committee_phrase, seat_matches

    entries = []
    for leg in call_order(targets):
        context = build_context(leg, campaign, "", signers=(caller,), constituent=caller)
        seats, lead = context["tailoring"].seats, context["tailoring"].lead
        # the seats under the recommendation the script names (the first lead one)
        named = tuple(s for s in seats if lead and any(seat_matches(s.committee_id, c)
                                                       for c in lead[0].committees)) or seats
        committee = committee_phrase(tuple(s for s in named if s.committee_id[:4]
                                           == named[0].committee_id[:4])) if named else ""
        html = templates.render("call-script.html", {
            "campaign": campaign, "caller": caller, "member": context["member"],
            "tailoring": context["tailoring"], "committee": committee,
            "words": context["words"], "bills": context["bills"]},
            f"{leg.bioguide_id} {official_name(leg)}")
        script = join_blocks(html_blocks(html))
        phones = tuple((o.city, o.phone) for o in district_offices.get(leg.bioguide_id, ())
                       if o.phone)
        entries.append(CallEntry(leg, office_title(leg, campaign), official_name(leg),
                                 address.constituency(leg), leg.phone, phones,
                                 campaign_seats(leg, campaign), context["member"],
                                 context["tailoring"], committee, script,
                                 reading_seconds(script), context["words"], context["bills"]))
    return entries


def csv_rows(entries: Sequence[CallEntry], extra: dict | None = None) -> list[dict]:
    """The call sheet CSV's rows (CSV_COLUMNS, plus ``extra`` columns on every row)."""
    return [{**(extra or {}), **member_meta(e.leg), "member": e.name, "office": e.title,
             "washington_phone": e.washington_phone,
             "district_phones": "; ".join(f"{city} {phone}" for city, phone in e.district_phones),
             "committees": "; ".join(f"{s.name} ({s.role})" for s in e.seats),
             "script": e.script, "seconds": e.seconds,
             "bill_positions": position_text(e.bills)} for e in entries]


def render_sheet(entries: Sequence[CallEntry], campaign: Campaign, caller: Caller, date: str,
                 templates, renderer) -> tuple[str, object]:
    """(HTML, laid-out document) of one call sheet (calls.html)."""
    html = templates.render("calls.html", {"campaign": campaign, "date": date, "caller": caller,
                                           "entries": list(entries),
                                           "draft_mark": campaign.placeholder_sender},
                            "the call sheet")
    return html, renderer.layout(html)

