"""Call sheets: the targeted offices to phone, with a 30-second script built from the campaign.

Advocates call offices as well as write (LETTER-CONVENTIONS.md): a call reaches a staff
member who tallies it for the member, so the script says who is calling, the campaign's
ask, the member's seats that carry the lead recommendations, each with the
recommendations under it (as the letter's tailoring picks them, tailor.build_tailoring;
tailored_sentence, shortened to keep the script's length), and thanks. Read aloud at about 160 words a
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
    bills.BillPosition on each of the campaign's bills), ``tailored`` (the script's
    sentence on the seats that carry the lead recommendations: tailored_sentence).
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
    tailored: str = ""


def call_order(targets: Sequence[Legislator]) -> list[Legislator]:
    """Members by state, then chamber (Senate first), district, surname and bioguide ID."""
    return sorted(targets, key=lambda leg: (leg.state, leg.chamber != "senate",
                                            leg.district or 0, leg.last_name, leg.bioguide_id))


def reading_seconds(text: str) -> int:
    """Seconds to read ``text`` aloud at WORDS_PER_MINUTE, rounded to the nearest 5."""
    words = len(re.findall(r"\S+", text))
    return max(5, int(round(words * 60 / WORDS_PER_MINUTE / 5.0)) * 5)


#: Most words a whole script may take (reading_seconds 40 at WORDS_PER_MINUTE, the most a
#: "30-second" script runs on the sheet): the tailoring paragraph takes what the rest
#: leaves, a longer naming of every seat giving way to a shorter one.
SCRIPT_WORDS = 113
#: The fewest words the tailoring paragraph is allowed, however long the rest.
TAILORING_WORDS = 30


def _titles(titles: Sequence[str], serial: bool = False) -> str:
    """Titles joined as a list; titles that hold commas are joined with semicolons
    ("A, B, and C; and D") so that the list still reads as its items."""
    from toolkit.campaign.model import prose_list

    titles = [t.strip().rstrip(".") for t in titles]
    if len(titles) > 1 and any("," in t for t in titles):
        return "; ".join(titles[:-1]) + "; and " + titles[-1]
    return prose_list(titles, serial)


def count_phrase(count: int, total: int) -> str:
    """``count`` of ``total`` recommendations: "this recommendation", "both
    recommendations", "all three recommendations", "two of the five recommendations"."""
    from toolkit.documents.tailor import number_word

    if count == 1:
        return "this recommendation"
    if count == total:
        return "both recommendations" if total == 2 else \
            f"all {number_word(total)} recommendations"
    return f"{number_word(count)} of the {number_word(total)} recommendations"


def recommendations_phrase(titles: Sequence[str], total: int, serial: bool = False,
                           first_only: bool = False) -> str:
    """``titles`` of ``total`` recommendations counted and named: "this recommendation:
    X"; "both recommendations: X and Y"; "two of the five recommendations: X and Y";
    ``first_only``: several named by the first, "all five recommendations, beginning
    with this one: X"."""
    head = count_phrase(len(titles), total)
    if first_only and len(titles) > 1:
        return f"{head}, beginning with this one: {titles[0].strip().rstrip('.')}"
    return f"{head}: {_titles(titles, serial)}"


def tailored_sentence(tailoring, who: str, total: int, committee: str = "",
                      serial: bool = False, budget: int = SCRIPT_WORDS) -> str:
    """The script's tailoring, consistent with the letter's (tailor.build_tailoring): the
    member's seats that carry the lead recommendations, each with the recommendations
    under it, counted with the right number; "" for a member without lead ones.

    ``who``: "Senator Britt"; ``committee``: the seat words of the group that carries the
    first lead recommendation (the script's first seat). The fullest form within
    ``budget`` words is taken:

    1. every seat group with its recommendations: "As A, Senator X can act directly on
       this recommendation: R." (one group) or "Senator X can act directly on both
       recommendations: R, as A; and S, as B." (several);
    2. the first group with its recommendations, the others counted: "As A, Senator X can
       act directly on this recommendation: R. Senator X also sits on the committee that
       handles the other one.";
    3. as 2, the first group's recommendations named by the first ("two of the five
       recommendations, beginning with this one: R").
    """
    from toolkit.documents.tailor import number_word, seat_matches, seats_phrase

    lead = tuple(tailoring.lead)
    if not lead:
        return ""
    groups: dict[str, list] = {}
    for seat in tailoring.seats:
        groups.setdefault(seat.committee_id[:4], []).append(seat)

    def holders(rec) -> tuple[str, ...]:
        return tuple(parent for parent, group in groups.items()
                     if any(seat_matches(s.committee_id, c)
                            for s in group for c in rec.committees))

    clusters: dict[tuple[str, ...], list] = {}
    for rec in lead:
        clusters.setdefault(holders(rec), []).append(rec)
    forms = []
    named = [(seats_phrase([tuple(groups[h]) for h in hs], serial) if hs else committee,
              [r.title for r in recs]) for hs, recs in clusters.items()]
    named = [(seats, titles) for seats, titles in named if seats]
    if len(named) == 1:
        seats, titles = named[0]
        forms.append(f"As {seats}, {who} can act directly on "
                     f"{recommendations_phrase(titles, total, serial)}.")
    elif named:
        parts = [f"{_titles(titles, serial)}, as {seats}" for seats, titles in named]
        forms.append(f"{who} can act directly on {count_phrase(len(lead), total)}: "
                     + "; ".join(parts[:-1]) + "; and " + parts[-1] + ".")
    first = holders(lead[0])
    parent = first[0] if first else ""   # the group ``committee`` names
    mine = [r for r in lead if parent and parent in holders(r)] or [lead[0]]
    others = [r for r in lead if r not in mine]
    seats = committee or (seats_phrase([tuple(groups[parent])], serial) if parent else "")
    tail = ""
    if others:
        other_groups = {h for r in others for h in holders(r) if h != parent}
        many = len(other_groups) > 1
        rest = "the other one" if len(others) == 1 else f"the other {number_word(len(others))}"
        tail = (f" {who} also sits on the committee{'s' if many else ''} that "
                f"handle{'' if many else 's'} {rest}.")
    for first_only in (False, True):
        forms.append(f"As {seats}, {who} can act directly on "
                     f"{recommendations_phrase([r.title for r in mine], total, serial, first_only)}."
                     + tail)
    return next((f for f in forms if len(f.split()) <= budget), forms[-1])


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
        fields = {"campaign": campaign, "caller": caller, "member": context["member"],
                  "tailoring": context["tailoring"], "committee": committee, "tailored": "",
                  "words": context["words"], "bills": context["bills"]}
        label = f"{leg.bioguide_id} {official_name(leg)}"
        rest = len(join_blocks(html_blocks(templates.render("call-script.html", fields,
                                                            label))).split())
        tailored = tailored_sentence(context["tailoring"], context["member"].salutation_name,
                                     len(campaign.recommendations), committee,
                                     campaign.style.serial_comma,
                                     max(TAILORING_WORDS, SCRIPT_WORDS - rest))
        html = templates.render("call-script.html", {**fields, "tailored": tailored}, label)
        script = join_blocks(html_blocks(html))
        phones = tuple((o.city, o.phone) for o in district_offices.get(leg.bioguide_id, ())
                       if o.phone)
        entries.append(CallEntry(leg, office_title(leg, campaign), official_name(leg),
                                 address.constituency(leg), leg.phone, phones,
                                 campaign_seats(leg, campaign), context["member"],
                                 context["tailoring"], committee, script,
                                 reading_seconds(script), context["words"], context["bills"],
                                 tailored))
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

