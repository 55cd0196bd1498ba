"""Who a coalition sign-on letter is addressed to: a committee's leaders, the leadership, or each target.

Room: documents/ (forms of address, beside address.py, whose rules it reuses:
"The Honorable" + the official full name, the surname as the member uses it, the
chamber line, "Washington, DC" and the chamber's ZIP). Its rules come from
LETTER-CONVENTIONS.md and FIELD-PRACTICE.md:

- A committee's leaders are addressed together: the inside address names each with
  the title and the committee ("The Honorable James E. Risch, Chairman" / "The
  Honorable Jeanne Shaheen, Ranking Member" / "Committee on Foreign Relations" /
  "United States Senate" / "Washington, DC 20510"), and one salutation greets them
  all ("Dear Chairman Risch and Ranking Member Shaheen:"). The committee data's role
  words (Chairman, Chair) are used unless the campaign's ``signon.chair_title`` says
  ``chair`` or ``gendered``. An appropriations subcommittee's letter may add the full
  committee's chair and ranking member (four leaders), the full committee first.
- The leadership (Speaker, majority and minority leaders of both chambers): "Dear
  Speaker Johnson, Leader Scalise, ...:", each named with the post in the inside
  address, House first (the Speaker leads). The congress data does not record these
  posts: the campaign names them (``signon.leadership``), and this module checks each
  against the members in office.
- Each member of the campaign's targets: address.inside_address and address.salutation.

A leader who is not in office on the letter's date stops the letter with a message
(never a letter to someone who has left).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from toolkit.campaign.model import Campaign, prose_list
from toolkit.campaign.signon import LEADERSHIP_POSTS
from toolkit.congress.capitol import CHAMBER_ZIPS
from toolkit.congress.model import Legislator, normalize_role, official_name
from toolkit.documents import address
from toolkit.errors import ToolkitError

#: How each leadership post is written after the name and in the salutation.
POST_TITLES = {"speaker": ("Speaker of the House", "Speaker"),
               "senate_majority_leader": ("Majority Leader", "Leader"),
               "senate_minority_leader": ("Minority Leader", "Leader"),
               "house_majority_leader": ("Majority Leader", "Leader"),
               "house_minority_leader": ("Minority Leader", "Leader")}
_POST_CHAMBER = {"speaker": "house", "senate_majority_leader": "senate",
                 "senate_minority_leader": "senate", "house_majority_leader": "house",
                 "house_minority_leader": "house"}


@dataclass(frozen=True)
class Addressee:
    """One letter's addressee(s).

    ``stem``: the file name under the output folder, without extension
    (``committee-SSFR``, ``leadership``, ``letters/WA-sen-cantwell-C000127``);
    ``blocks``: the inside address as blocks of lines (one block per chamber);
    ``salutation``: ends with a colon; ``name``: the addressees in a phrase (manifest,
    titles); ``members``: the members written to, in the order named.
    """

    stem: str
    blocks: tuple[tuple[str, ...], ...]
    salutation: str
    name: str
    members: tuple[Legislator, ...]


# --------------------------------------------------------------------------- committees

@dataclass(frozen=True)
class _SeatRow:
    bioguide_id: str
    committee_id: str
    committee_name: str
    chamber: str
    role: str


def load_roster(path: str | Path | None = None) -> list[_SeatRow]:
    """The committee-membership file of the data in use, with the role words as written
    (``Chairman``, ``Chair``, ``Ranking Member``); ``contacts.load_committees`` keeps
    the normalized role only."""
    from toolkit.congress.datastore import data_file

    path = Path(path) if path else data_file("committee-membership.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [_SeatRow(r["bioguide_id"].strip().upper(), r["committee_id"].strip().upper(),
                         r["committee_name"].strip(), (r.get("chamber") or "").strip().lower(),
                         (r.get("role") or "").strip())
                for r in csv.DictReader(handle)]


def committee_line(name: str) -> str:
    """The committee as the inside address names it: "Senate Committee on Foreign
    Relations" -> "Committee on Foreign Relations"; a subcommittee ("Senate Committee on
    Appropriations: Subcommittee on ...") -> "Subcommittee on ..."."""
    name = name.rsplit(": ", 1)[-1]
    for chamber in ("Senate ", "House ", "United States Senate ", "U.S. Senate ", "U.S. House "):
        if name.startswith(chamber) and "ommittee" in name[len(chamber):len(chamber) + 12]:
            return name[len(chamber):]
    return name


def chair_word(role: str, leg: Legislator, style: str) -> str:
    """The chair's title: the data's word (``data``), Chair (``chair``), or Chairman /
    Chairwoman by gender (``gendered``; Chair when the gender is unknown)."""
    if style == "chair":
        return "Chair"
    if style == "gendered":
        gender = leg.gender.upper()[:1]
        return {"F": "Chairwoman", "M": "Chairman"}.get(gender, "Chair")
    return role if role.lower() in ("chair", "chairman", "chairwoman") else "Chair"


def committee_leaders(committee_id: str, legislators: Sequence[Legislator], campaign: Campaign,
                      *, with_full_committee: bool = False, date: dt.date | None = None,
                      roster: Sequence[_SeatRow] | None = None) -> Addressee:
    """The joint Addressee of a committee's (or subcommittee's) chair and ranking member.

    ``committee_id``: a thomas ID (``SSFR``, ``SSAP18``) of the data in use.
    ``with_full_committee``: for a subcommittee, the full committee's chair and ranking
    member too, named first (the appropriations form: four leaders). ``legislators``:
    the members in use (their names, genders, terms). Raises ToolkitError for an
    unknown committee (with a did-you-mean), a committee whose data names no chair or
    ranking member, a leader not among the members in use or whose term ended before
    ``date`` (default today), or ``with_full_committee`` on a full committee.
    """
    from toolkit.congress.datastore import term_ended

    roster = load_roster() if roster is None else roster
    wanted = committee_id.strip().upper()
    held = {r.committee_id for r in roster}
    if wanted not in held:
        from toolkit.campaign.check import committee_hint

        raise ToolkitError(f"--to committee:{wanted}: no such committee in the committee data "
                           f"in use{committee_hint(wanted, held)}")
    ids = [wanted]
    if with_full_committee:
        if len(wanted) <= 4:
            raise ToolkitError(f"--with-full-committee: {wanted} is a full committee already; "
                               "use it with a subcommittee (e.g. committee:SSAP18)")
        ids.insert(0, wanted[:4])
    by_id = {leg.bioguide_id: leg for leg in legislators}
    style = campaign.signon.chair_title
    block: list[str] = []
    greetings: list[str] = []
    members: list[Legislator] = []
    chamber = ""
    for cid in ids:
        rows = [r for r in roster if r.committee_id == cid]
        chamber = chamber or rows[0].chamber
        leaders = []
        for post in ("Chair", "Ranking Member"):
            row = next((r for r in rows if normalize_role(r.role) == post), None)
            if row is None:
                raise ToolkitError(f"--to committee:{cid}: the committee data in use names no "
                                   f"{post.lower()} of {rows[0].committee_name} (rosters "
                                   "incomplete?); run 'advocacy contacts update', or choose "
                                   "another --to")
            leg = by_id.get(row.bioguide_id)
            if leg is None or term_ended(leg, date):
                when = f" on {date:%Y-%m-%d}" if date else ""
                raise ToolkitError(f"--to committee:{cid}: the {post.lower()} of "
                                   f"{rows[0].committee_name} in the data ({row.bioguide_id}) "
                                   f"is not a member in office{when}; run 'advocacy contacts "
                                   "update' for the current rosters")
            word = chair_word(row.role, leg, style) if post == "Chair" else "Ranking Member"
            leaders.append((leg, word))
        for leg, word in leaders:
            block.append(f"The Honorable {official_name(leg)}, {word}")
            greetings.append(f"{word} {address.surname(leg)}")
            members.append(leg)
        block.append(committee_line(rows[0].committee_name))
    if chamber not in address.CHAMBER_LINES:
        raise ToolkitError(f"--to committee:{wanted}: a joint committee has no chamber to "
                           "address; write to its leaders with --to targets")
    block += [address.CHAMBER_LINES[chamber], f"Washington, DC {CHAMBER_ZIPS[chamber]}"]
    stem = f"committee-{wanted}" + ("-full" if with_full_committee else "")
    return Addressee(stem, (tuple(block),), f"Dear {prose_list(greetings)}:",
                     prose_list(greetings), tuple(members))


# --------------------------------------------------------------------------- leadership

def leadership(legislators: Sequence[Legislator], campaign: Campaign,
               date: dt.date | None = None) -> Addressee:
    """The joint Addressee of the Speaker and the party leaders the campaign names.

    Raises ToolkitError when the campaign names none (the congress data does not hold
    leadership posts: the message says how to name them), when an ID is not a member
    in office on ``date``, or sits in the wrong chamber for the post.
    """
    from toolkit.congress.datastore import term_ended

    named = {post: getattr(campaign.signon.leadership, post) for post in LEADERSHIP_POSTS}
    named = {post: bid for post, bid in named.items() if bid}
    if not named:
        raise ToolkitError(
            "--to leadership: the congress data in use does not record who the Speaker and "
            "the party leaders are; name them by bioguide ID in the campaign, e.g.\n"
            "  signon:\n    leadership:\n      speaker: J000299\n"
            "      senate_majority_leader: T000250\n      senate_minority_leader: S000148\n"
            "      house_majority_leader: S001176\n      house_minority_leader: J000294\n"
            "(check them against the current leadership before sending)")
    by_id = {leg.bioguide_id: leg for leg in legislators}
    problems = []
    for post, bid in named.items():
        leg = by_id.get(bid)
        label = post.replace("_", " ")
        if leg is None or term_ended(leg, date):
            problems.append(f"signon.leadership.{post}: {bid} is not a member in office"
                            + (f" on {date:%Y-%m-%d}" if date else ""))
        elif leg.chamber != _POST_CHAMBER[post]:
            problems.append(f"signon.leadership.{post}: {bid} ({leg.last_name}) sits in the "
                            f"{leg.chamber}, not the chamber of the {label}")
    if problems:
        raise ToolkitError("--to leadership: the campaign's leadership cannot be used", problems)
    blocks, greetings, members = [], [], []
    for chamber in ("house", "senate"):
        posts = [p for p in LEADERSHIP_POSTS if p in named and _POST_CHAMBER[p] == chamber]
        if chamber == "house":
            posts.sort(key=lambda p: p != "speaker")
        if not posts:
            continue
        block = []
        for post in posts:
            leg = by_id[named[post]]
            long, short = POST_TITLES[post]
            block.append(f"The Honorable {official_name(leg)}, {long}")
            greetings.append(f"{short} {address.surname(leg)}")
            members.append(leg)
        block += [address.CHAMBER_LINES[chamber], f"Washington, DC {CHAMBER_ZIPS[chamber]}"]
        blocks.append(tuple(block))
    return Addressee("leadership", tuple(blocks), f"Dear {prose_list(greetings)}:",
                     prose_list(greetings), tuple(members))


# --------------------------------------------------------------------------- targets

def member_addressee(leg: Legislator, campaign: Campaign, stem: str) -> Addressee:
    """One member of the campaign's targets, addressed as ``generate`` addresses them;
    ``stem``: the letter's file name (the job's: ``letters/<documents.job.file_stem>``)."""
    style = campaign.style
    title = address.title(leg, style.house_salutation, style.territory_salutation)
    return Addressee(stem,
                     (address.inside_address(leg, style.chamber_line_first),),
                     address.salutation(leg, style.house_salutation, style.territory_salutation),
                     f"{title} {address.surname(leg)}", (leg,))
