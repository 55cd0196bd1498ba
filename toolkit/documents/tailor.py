"""(legislator, campaign) -> what to say to that member first, and why.

A member seated on a committee that handles a recommendation gets that recommendation
first, with the committee (or subcommittee) and the member's role there named; the
other recommendations follow briefly. A member with no relevant seat gets the general
letter. The rule follows LETTER-CONVENTIONS.md and DOCUMENTS.md: staff read for the
member's own jurisdiction, state and district.


It also holds the merge fields of a constituent's letter (``constituent_view``: the
writer's own name, address and story paragraphs).
"""

from __future__ import annotations

from toolkit.congress.model import short_label

from toolkit.documents import address

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from toolkit.congress.model import Legislator
from toolkit.congress.states import (STATES, is_at_large, state_name)
if TYPE_CHECKING:  # pragma: no cover
    pass

from toolkit.campaign.model import Campaign, Recommendation, prose_list
from toolkit.congress.model import Seat

from toolkit.sheets.constituents import Constituent


@dataclass(frozen=True)
class ConstituentSigner:
    """The constituent as the letter's signer: typed name under the signature."""

    name: str
    title: str = ""


@dataclass(frozen=True)
class ConstituentView:
    """What letter.html says about the writer when ``constituent`` is set.

    ``place``: "Springfield, Illinois", with ", in Illinois's 13th congressional
    district" in a letter to a district's representative. ``connection``: what the
    constituent is to the organization, by the campaign's ``constituent_relation``: "a
    member of <organization>", "a supporter of <organization>", or "" (not said). ``story``: paragraphs (split on blank lines), each a tuple of its
    lines (the template joins them with line breaks; every line is printed as text).
    """

    name: str
    place: str
    connection: str
    story: tuple[tuple[str, ...], ...] = ()


def story_paragraphs(story: str) -> tuple[tuple[str, ...], ...]:
    """Split a story into paragraphs on blank lines, each paragraph into its lines."""
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", story.strip()):
        lines = tuple(line.strip() for line in block.split("\n") if line.strip())
        if lines:
            paragraphs.append(lines)
    return tuple(paragraphs)


def constituent_view(constituent: Constituent, leg: Legislator, organization: str,
                     relation: str = "member") -> ConstituentView:
    """The view of ``constituent`` for a letter to ``leg`` (district named for the House);
    ``relation``: "member", "supporter" or "none" (campaign.wording.RELATIONS)."""
    from toolkit.campaign.wording import RELATIONS, with_article

    name = state_name(constituent.state) if constituent.state in STATES else constituent.state
    place = ", ".join(p for p in (constituent.city, name) if p)
    if leg.chamber == "house" and leg.district and not is_at_large(leg.state):
        place += f", in {address.constituency(leg)}"
    connection = f"{RELATIONS[relation]} {with_article(organization)}" if RELATIONS[relation] else ""
    return ConstituentView(constituent.name, place, connection,
                           story_paragraphs(constituent.story))


#: Seniority of committee roles, most senior first (for choosing which seat to name).
ROLE_ORDER = ("Chair", "Ranking Member", "Co-Chair", "Vice Chair", "Member", "Ex Officio")


#: Counts as words, for "all five recommendations" (larger counts stay digits).
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten")


def number_word(count: int) -> str:
    """3 -> "three" (0 to 10); larger counts as digits ("12")."""
    return NUMBER_WORDS[count] if 0 <= count < len(NUMBER_WORDS) else str(count)


def _parent(committee_id: str) -> str:
    return committee_id[:4]


def seat_matches(seat_id: str, committee_id: str) -> bool:
    """True when a seat on ``seat_id`` gives jurisdiction over ``committee_id``.

    The same committee; the full committee of a listed subcommittee (a full committee
    handles what its subcommittees do); or a subcommittee of a listed full committee.
    Sibling subcommittees do not match.
    """
    return (seat_id == committee_id or seat_id == _parent(committee_id)
            or _parent(seat_id) == committee_id)


def relevant_seats(leg: Legislator, committee_ids: tuple[str, ...]) -> tuple[Seat, ...]:
    """The member's seats that match any of ``committee_ids``, in the member's roster order."""
    return tuple(s for s in leg.seats if any(seat_matches(s.committee_id, c) for c in committee_ids))


def _role_rank(seat: Seat) -> int:
    return ROLE_ORDER.index(seat.role) if seat.role in ROLE_ORDER else len(ROLE_ORDER)


def role_phrase(role: str) -> str:
    """"Chair" -> "Chair of", "Member" -> "a member of", "Ex Officio" -> "an ex officio member of"."""
    if role == "Member":
        return "a member of"
    if role == "Ex Officio":
        return "an ex officio member of"
    return f"{role} of"


def _sub_name(seat: Seat) -> str:
    return seat.committee_name.split(": ", 1)[1] if ": " in seat.committee_name else seat.committee_name


def committee_phrase(seats: tuple[Seat, ...]) -> str:
    """Name one committee group (a full committee and/or its subcommittees) with roles.

    E.g. "a member of the Senate Committee on Foreign Relations and Ranking Member of
    its Subcommittee on Africa and Global Health Policy"; a subcommittee seat without
    the full-committee seat: "Chair of the Subcommittee on Africa of the House Committee
    on Foreign Affairs". ``seats`` share one parent; the most senior subcommittee seat
    is named.
    """
    full = next((s for s in seats if not s.is_subcommittee), None)
    subs = sorted((s for s in seats if s.is_subcommittee
                   and not (full and s.role == "Ex Officio")), key=_role_rank)
    if full and not subs:
        return f"{role_phrase(full.role)} the {full.committee_name}"
    sub = subs[0]
    if not full:
        parent = sub.committee_name.split(": ", 1)[0]
        return f"{role_phrase(sub.role)} the {_sub_name(sub)} of the {parent}"
    head = f"{role_phrase(full.role)} the {full.committee_name}"
    if sub.role == full.role:   # "Ranking Member of A and of its B", not the role twice
        return f"{head} and of its {_sub_name(sub)}"
    return f"{head} and {role_phrase(sub.role)} its {_sub_name(sub)}"


def share(count: int, total: int, owner: str = "our") -> str:
    """``count`` of ``total`` recommendations in words: "all five of our recommendations",
    "both of our recommendations", "our recommendation", "two of our five recommendations";
    ``owner`` "my" for one writer's, "the" for a constituent's or caller's ("all five
    of the recommendations", "the recommendation", "two of the five recommendations")."""
    if count == total:
        if total == 1:
            return f"{owner} recommendation"
        return f"both of {owner} recommendations" if total == 2 else \
            f"all {number_word(total)} of {owner} recommendations"
    noun = "recommendation" if total == 1 else "recommendations"
    return f"{number_word(count)} of {owner} {number_word(total)} {noun}"


def body_count(seats: tuple[Seat, ...]) -> int:
    """How many committees and subcommittees committee_phrase names for one group."""
    full = any(not s.is_subcommittee for s in seats)
    subs = any(s.is_subcommittee and not (full and s.role == "Ex Officio") for s in seats)
    return int(full) + int(subs)


def seats_phrase(groups: list[tuple[Seat, ...]], serial: bool = False) -> str:
    """Several committee groups as words: groups that are one full-committee seat with the
    same role join as "a member of the A and the B" (the role said once); the parts
    join as a list ("Chair of A; a member of B and of its C; and a member of D")."""
    parts: list[str] = []
    plain: dict[str, list[str]] = {}
    order: list[tuple[str, str]] = []
    for group in groups:
        if len(group) == 1 and not group[0].is_subcommittee:
            role = group[0].role
            if role not in plain:
                plain[role] = []
                order.append(("plain", role))
            plain[role].append(f"the {group[0].committee_name}")
        else:
            order.append(("group", committee_phrase(group)))
    from toolkit.campaign.model import prose_list as join

    for what, value in order:
        parts.append(f"{role_phrase(value)} {join(plain[value])}" if what == "plain" else value)
    return join(parts, serial)


@dataclass(frozen=True)
class Tailoring:
    """What a letter or one-pager says to one member first.

    ``lead``: recommendations under the member's committees, in campaign order;
    ``rest``: the others. ``seats``: the relevant seats named, most senior first.
    ``seat_phrase``: every targeted committee the member sits on, grouped by committee
    (a full committee with its subcommittees), as words ("" when none): "Chair of A;
    a member of B and of its C; and a member of D"; ``committee_count``: how many
    committee groups it names. ``member_role``: "a senator from Washington"; ``why``:
    the one-pager's tailored line. ``lead_numbers`` are the 1-based positions of
    ``lead`` in the campaign; ``total`` the campaign's number of recommendations;
    ``voice``: "a voice and a vote on", or "a voice in" for a delegate or the resident
    commissioner (no vote on the House floor). ``committee_count`` counts the committees
    and subcommittees ``seat_phrase`` names (one: "that committee"; more: "those
    committees"); ``serial``: the campaign's serial-comma style.
    """

    lead: tuple[Recommendation, ...]
    rest: tuple[Recommendation, ...]
    seats: tuple[Seat, ...]
    seat_phrase: str
    member_role: str
    why: str
    lead_numbers: tuple[int, ...]
    committee_count: int = 0
    total: int = 0
    voice: str = "a voice and a vote on"
    serial: bool = False

    @property
    def is_general(self) -> bool:
        """True when no seat of the member's is relevant: the general letter."""
        return not self.lead

    @property
    def lead_share(self) -> str:
        """The lead recommendations counted: "all five of our recommendations", "three of
        our five recommendations"."""
        return share(len(self.lead), self.total)

    @property
    def total_share(self) -> str:
        """Every recommendation counted: "all five of our recommendations"."""
        return share(self.total, self.total)

    def share_of(self, owner: str) -> str:
        """``lead_share`` with another owner ("my", "the"): "two of the five recommendations"."""
        return share(len(self.lead), self.total, owner)

    def total_of(self, owner: str) -> str:
        """``total_share`` with another owner: "all five of the recommendations"."""
        return share(self.total, self.total, owner)

    @property
    def rest_phrase(self) -> str:
        """The other recommendations as running text: "maintain ... and center ..."."""
        return prose_list([rec.running for rec in self.rest], self.serial)

    @property
    def those_committees(self) -> str:
        """"that committee" (one committee or subcommittee named) or "those committees"."""
        return "those committees" if self.committee_count > 1 else "that committee"


def member_role(leg: Legislator) -> str:
    """The member's office as said in a sentence: "a senator from Washington"."""
    place = address.constituency(leg)
    kind = leg.office_kind
    if kind == "senator":
        return f"a senator from {place}"
    if kind == "delegate":
        return f"the delegate from {place}"
    if kind == "resident_commissioner":
        return f"the resident commissioner of {place}"
    return f"the representative of {place}"


def voice(leg: Legislator) -> str:
    """What a member has on a policy: "a voice and a vote on"; a delegate or the resident
    commissioner, who cannot vote on the House floor, "a voice in"."""
    if leg.office_kind in ("delegate", "resident_commissioner"):
        return "a voice in"
    return "a voice and a vote on"


def _title_list(lead: tuple[Recommendation, ...], total: int, serial: bool = False) -> str:
    """Lead recommendations named by their short titles on the one-pager, never by number:
    "all five recommendations", "one of them: Center economic livelihood ...", "two of the
    five: A and B"."""
    if len(lead) == total:
        return ("the recommendation" if total == 1 else
                f"{'both' if total == 2 else 'all ' + number_word(total)} recommendations")
    titles = prose_list([rec.title.rstrip(".") for rec in lead], serial)
    return f"{number_word(len(lead))} of the {number_word(total)}: {titles}"


def build_tailoring(leg: Legislator, campaign: Campaign, style_title: str) -> Tailoring:
    """Decide the lead recommendations and the words that name the member's seats.

    ``style_title`` is the salutation title (Senator, Representative...) used in the
    one-pager's line. Returns a Tailoring; never raises for a member without seats.
    """
    lead, rest, numbers = [], [], []
    for number, rec in enumerate(campaign.recommendations, start=1):
        if relevant_seats(leg, rec.committees):
            lead.append(rec)
            numbers.append(number)
        else:
            rest.append(rec)
    wanted = tuple(campaign.targets.committees) + tuple(
        c for rec in lead for c in rec.committees)
    seats = tuple(s for s in leg.seats
                  if any(s.committee_id in (c, _parent(c)) for c in wanted))
    groups: dict[str, list[Seat]] = {}
    for seat in seats:
        groups.setdefault(_parent(seat.committee_id), []).append(seat)

    def group_key(item: tuple[str, list[Seat]]) -> tuple:
        parent, group = item
        covers = sum(1 for rec in lead if any(seat_matches(s.committee_id, c)
                                               for s in group for c in rec.committees))
        order = next((i for i, c in enumerate(wanted) if _parent(c) == parent), len(wanted))
        return (min(_role_rank(s) for s in group), -covers, order)

    chosen = sorted(groups.items(), key=group_key)
    serial = campaign.style.serial_comma
    seat_phrase = seats_phrase([tuple(group) for _, group in chosen], serial)
    bodies = sum(body_count(tuple(group)) for _, group in chosen)
    named = tuple(sorted((s for _, g in chosen for s in g), key=_role_rank))
    role = member_role(leg)
    who = f"{style_title} {address.surname(leg)}"
    if lead:
        why = (f"As {seat_phrase}, {who} can act directly on "
               f"{_title_list(tuple(lead), len(campaign.recommendations), serial)}.")
    else:
        why = f"As {role}, {who} has {voice(leg)} {campaign.subject}."
    return Tailoring(tuple(lead), tuple(rest), named, seat_phrase if lead else "", role, why,
                     tuple(numbers), bodies if lead else 0, len(campaign.recommendations),
                     voice(leg), serial)


@dataclass(frozen=True)
class MemberView:
    """How a document names its addressee: lines and words computed by address.py."""

    bioguide_id: str
    inside_address: tuple[str, ...]
    salutation: str
    salutation_name: str
    label: str
    constituency: str


@dataclass(frozen=True)
class SenderView:
    """The sender block: ``name`` (organization or constituent), address lines, contact line."""

    name: str
    address: tuple[str, ...]
    contact: str


def member_view(leg: Legislator, campaign: Campaign) -> MemberView:
    """Inside address, salutation and labels for ``leg`` under the campaign's style."""
    style = campaign.style
    title = address.title(leg, style.house_salutation, style.territory_salutation)
    return MemberView(
        bioguide_id=leg.bioguide_id,
        inside_address=address.inside_address(leg, style.chamber_line_first),
        salutation=address.salutation(leg, style.house_salutation, style.territory_salutation),
        salutation_name=f"{title} {address.surname(leg)}",
        label=short_label(leg),
        constituency=address.constituency(leg))


def organization_sender(campaign: Campaign) -> SenderView:
    """The campaign's sender block (organization, address, "email · phone")."""
    sender = campaign.sender
    contact = " \u00b7 ".join(p for p in (sender.email, sender.phone) if p)
    return SenderView(sender.organization, tuple(sender.address), contact)


def build_context(leg: Legislator, campaign: Campaign, date: str,
                  sender: SenderView | None = None, signers: tuple | None = None,
                  constituent: object | None = None) -> dict:
    """The merge fields of one letter or one-pager, as a dict for the Jinja2 templates.

    Keys: ``campaign``, ``member`` (MemberView), ``tailoring`` (Tailoring), ``sender``
    (SenderView), ``signers`` (who signs), ``facts`` (the key facts the letter quotes),
    ``constituent`` (None for an organization's letter), ``date`` (written out),
    ``words`` (prose.LetterWords: the voice, the source sentence, the ask and closing in
    that voice, the subject as a heading), ``bills`` (bills.BillPosition per bill) and
    ``roomy`` (the one-pager has room for its fuller form: onepager_room.is_roomy).
    Raises CampaignError when a bill's cosponsor list cannot be read.
    """
    from toolkit.campaign.bills import positions
    from toolkit.documents.prose import letter_words

    member = member_view(leg, campaign)
    title = member.salutation_name.rsplit(" " + address.surname(leg), 1)[0]
    from toolkit.documents.onepager_room import is_roomy

    signers = tuple(signers) if signers else tuple(campaign.sender.signers)
    tailoring = build_tailoring(leg, campaign, title)
    bills = positions(leg, campaign)
    return {
        "words": letter_words(campaign, signers, constituent is not None, leg),
        "bills": bills,
        "roomy": is_roomy(campaign, tailoring.why, bills),
        "campaign": campaign,
        "member": member,
        "tailoring": tailoring,
        "sender": sender or organization_sender(campaign),
        "signers": signers,
        "facts": tuple(campaign.key_facts[:campaign.letter_facts]),
        "constituent": constituent,
        "date": date,
    }

