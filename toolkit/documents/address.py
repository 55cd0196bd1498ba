"""Forms of address for members of Congress: inside address, salutation, names, offices.

The rules follow ../shared/docs/LETTER-CONVENTIONS.md (congressional correspondence
guides): "The Honorable" before the official full name and never before a surname
alone; the chamber line; the Washington office split into room-and-building, and
"Washington, DC" with the ZIP (+4 for the House) kept; "Dear Senator X:" with a colon;
delegates and the resident commissioner addressed by their own titles. Names are never
re-cased, accents are kept, and a parenthesized nickname never reaches a salutation.


The office an organization's letter goes to is laid into the inside address here too
(``address_context``: the Washington office, or a district office chosen by
``congress.offices``).
"""

from __future__ import annotations

from toolkit.congress.model import official_name

from toolkit.documents import address

from toolkit.congress.model import Legislator
from toolkit.congress.states import is_at_large, state_name

import dataclasses
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    pass

from toolkit.congress.capitol import parse_office
from toolkit.congress.offices import OfficeChoice
from toolkit.congress.states import ordinal


CHAMBER_LINES = {"senate": "United States Senate", "house": "United States House of Representatives"}






def surname(leg: Legislator) -> str:
    """The surname as the member uses it, for the salutation.

    The last name as written, unless the official full name shows that the member uses
    only its first part ("Hernández Rivera" -> "Hernández" for Pablo José Hernández).
    Multi-word surnames stay whole ("Van Hollen", "De La Cruz").
    """
    words = leg.last_name.split()
    if not leg.full_name or len(words) < 2:
        return leg.last_name
    full = f" {' '.join(leg.full_name.replace(',', ' ').split())} "
    for end in range(len(words), 0, -1):
        candidate = " ".join(words[:end])
        if f" {candidate} " in full:
            return candidate
    return leg.last_name


def title(leg: Legislator, style: str = "representative", territory: str = "title") -> str:
    """The title used in the salutation: Senator, Representative, Delegate...

    ``style`` is the campaign's ``house_salutation``: ``representative`` (default),
    ``congressman`` (Congressman/Congresswoman by the member's gender, F or M) or
    ``honorific`` (Mr./Ms.). Where the gender is unknown, Representative is used.
    Delegates and the resident commissioner keep their titles unless ``territory`` is
    ``representative``.
    """
    kind = leg.office_kind
    if kind == "senator":
        return "Senator"
    if kind in ("delegate", "resident_commissioner") and territory == "title":
        return "Delegate" if kind == "delegate" else "Resident Commissioner"
    gender = leg.gender.upper()[:1]
    if style == "congressman" and gender in ("F", "M"):
        return "Congresswoman" if gender == "F" else "Congressman"
    if style == "honorific" and gender in ("F", "M"):
        return "Ms." if gender == "F" else "Mr."
    return "Representative"


def salutation(leg: Legislator, style: str = "representative", territory: str = "title") -> str:
    """The salutation, ending with a colon: ``Dear Senator Cantwell:``."""
    return f"Dear {title(leg, style, territory)} {surname(leg)}:"


def inside_address(leg: Legislator, chamber_line_first: bool = True,
                   office=None) -> tuple[str, ...]:
    """The inside address lines, e.g.::

        The Honorable Maria Cantwell
        United States Senate
        511 Hart Senate Office Building
        Washington, DC 20510

    With ``chamber_line_first`` False the chamber line follows the room line (both
    orders are in use). ``office``: where the letter goes, anything with ``street`` and
    ``city_line`` (a district office, packet.DistrictOffice); default the member's
    Washington office (``parse_office``). A member with no address gets the chamber and
    its ZIP only.
    """
    office = office or parse_office(leg.address, leg.chamber)
    lines = [f"The Honorable {official_name(leg)}"]
    street = [office.street] if office.street else []
    chamber = [CHAMBER_LINES[leg.chamber]]
    lines += chamber + street if chamber_line_first else street + chamber
    lines.append(office.city_line)
    return tuple(lines)


def constituency(leg: Legislator) -> str:
    """What the member represents, as said in a sentence.

    "Washington" for a senator, "Washington's 3rd congressional district", "Alaska's
    at-large congressional district", "the District of Columbia" for the delegate.
    """
    name = state_name(leg.state)
    if leg.state in ("DC", "VI", "MP"):
        name = f"the {name}"
    if leg.chamber == "senate" or leg.office_kind != "representative":
        return name
    if leg.district in (0, None) or is_at_large(leg.state):
        return f"{name}'s at-large congressional district"
    return f"{name}'s {ordinal(leg.district)} congressional district"




def office_lines(leg: Legislator, choice: OfficeChoice,
                 chamber_line_first: bool = True) -> tuple[str, ...]:
    """The inside address for ``choice`` (address.inside_address): Washington's, or the
    member's name and chamber line over the district office's street and city line."""
    return address.inside_address(leg, chamber_line_first, choice.office)


def address_context(context: dict, leg: Legislator, choice: OfficeChoice,
                    chamber_line_first: bool = True) -> dict:
    """A letter's merge fields (tailor.build_context) with ``member.inside_address`` set to
    the chosen office; the salutation and everything else unchanged."""
    if choice.office is None:
        return context
    member = dataclasses.replace(context["member"],
                                 inside_address=office_lines(leg, choice, chamber_line_first))
    return {**context, "member": member}

