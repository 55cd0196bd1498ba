"""(legislator, campaign) -> what to say to that member first, and why.

A member seated on a committee that handles a recommendation gets that recommendation
first, with the committee (or subcommittee) and the member's role there named; the
other recommendations follow briefly. A member with no relevant seat gets the general
letter. The rule follows LETTER-CONVENTIONS.md and DOCUMENTS.md: staff read for the
member's own jurisdiction, state and district.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit import address
from toolkit.campaign import Campaign, Recommendation
from toolkit.contacts import Legislator, Seat

#: Seniority of committee roles, most senior first (for choosing which seat to name).
ROLE_ORDER = ("Chair", "Ranking Member", "Co-Chair", "Vice Chair", "Member", "Ex Officio")
#: Committee groups named in one letter at most (a letter is one page).
MAX_NAMED_COMMITTEES = 2


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
    if sub.role == "Member" and full.role == "Member":
        return f"{head} and of its {_sub_name(sub)}"
    return f"{head} and {role_phrase(sub.role)} its {_sub_name(sub)}"


@dataclass(frozen=True)
class Tailoring:
    """What a letter or one-pager says to one member first.

    ``lead``: recommendations under the member's committees, in campaign order;
    ``rest``: the others. ``seats``: the relevant seats named, most senior first.
    ``seat_phrase``: those seats as words ("" when none); ``member_role``: "a senator
    from Washington"; ``why``: the one-pager's tailored line. ``lead_numbers`` are the
    1-based positions of ``lead`` in the campaign.
    """

    lead: tuple[Recommendation, ...]
    rest: tuple[Recommendation, ...]
    seats: tuple[Seat, ...]
    seat_phrase: str
    member_role: str
    why: str
    lead_numbers: tuple[int, ...]

    @property
    def is_general(self) -> bool:
        """True when no seat of the member's is relevant: the general letter."""
        return not self.lead


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


def _number_list(numbers: tuple[int, ...]) -> str:
    words = [str(n) for n in numbers]
    if len(words) == 1:
        return f"recommendation {words[0]}"
    return "recommendations " + ", ".join(words[:-1]) + " and " + words[-1]


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

    chosen = sorted(groups.items(), key=group_key)[:MAX_NAMED_COMMITTEES]
    phrases = [committee_phrase(tuple(group)) for _, group in chosen]
    seat_phrase = ", and ".join(phrases) if len(phrases) > 1 and " and " in phrases[0] else \
        " and ".join(phrases)
    named = tuple(sorted((s for _, g in chosen for s in g), key=_role_rank))
    role = member_role(leg)
    who = f"{style_title} {address.surname(leg)}"
    if lead:
        why = f"As {seat_phrase}, {who} can advance {_number_list(tuple(numbers))} directly."
    else:
        why = f"As {role}, {who} has a voice and a vote on {campaign.subject}."
    return Tailoring(tuple(lead), tuple(rest), named, seat_phrase if lead else "", role, why,
                     tuple(numbers))


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
        label=address.short_label(leg),
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
    ``constituent`` (None for an organization's letter) and ``date`` (written out).
    """
    member = member_view(leg, campaign)
    title = member.salutation_name.rsplit(" " + address.surname(leg), 1)[0]
    return {
        "campaign": campaign,
        "member": member,
        "tailoring": build_tailoring(leg, campaign, title),
        "sender": sender or organization_sender(campaign),
        "signers": tuple(signers) if signers else tuple(campaign.sender.signers),
        "facts": tuple(campaign.key_facts[:campaign.letter_facts]),
        "constituent": constituent,
        "date": date,
    }
