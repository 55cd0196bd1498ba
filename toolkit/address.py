"""Forms of address for members of Congress: inside address, salutation, names, offices.

The rules follow ../shared/docs/LETTER-CONVENTIONS.md (congressional correspondence
guides): "The Honorable" before the official full name and never before a surname
alone; the chamber line; the Washington office split into room-and-building, and
"Washington, DC" with the ZIP (+4 for the House) kept; "Dear Senator X:" with a colon;
delegates and the resident commissioner addressed by their own titles. Names are never
re-cased, accents are kept, and a parenthesized nickname never reaches a salutation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toolkit.contacts import Legislator
from toolkit.states import is_at_large, state_name

CHAMBER_LINES = {"senate": "United States Senate", "house": "United States House of Representatives"}
CHAMBER_ZIPS = {"senate": "20510", "house": "20515"}
#: The congressional office buildings of each chamber (Hart, Dirksen and Russell are the
#: Senate's; Cannon, Longworth, Rayburn and Ford the House's).
SENATE_BUILDINGS = ("Russell", "Dirksen", "Hart")
HOUSE_BUILDINGS = ("Cannon", "Longworth", "Rayburn", "Ford")
BUILDINGS = SENATE_BUILDINGS + HOUSE_BUILDINGS

#: Washington written as people write it at the end of an address, with the ZIP if any:
#: "Washington", "Washington DC", "Washington, D.C.", "District of Columbia", "DC".
_DC_TAIL = re.compile(
    r"(?:^|[\s,]+)(?:Washington(?:,?\s*D\.?\s?C\.?)?|District\s+of\s+Columbia|D\.?\s?C\.?)"
    r"(?:[\s,]+(?P<zip>\d[\d\s-]*))?\s*$", re.I)
_NICKNAME = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class Office:
    """A postal address split into lines: ``street`` (room and building), city, state, ZIP.

    ``building`` is the office building's short name (Hart, Rayburn...) or "" and
    ``room`` its room number as written ("" when not found).
    """

    street: str
    city: str
    state: str
    zip: str
    building: str = ""
    room: str = ""

    @property
    def city_line(self) -> str:
        """The last line of the address: ``Washington, DC 20515-0104``."""
        return f"{self.city}, {self.state} {self.zip}".strip()


def read_office(address: str, chamber: str) -> tuple[Office, str | None]:
    """Split a one-cell office address into an Office; return it and a problem or None.

    Washington however written ("Washington", "Washington DC", "Washington, D.C.",
    "District of Columbia") gives the city line "Washington, DC ZIP": one street line
    and one city line. Other addresses (district offices) are split by ``usaddress``
    (a well-kept statistical parser of US addresses) into street, city, state and ZIP.
    A ZIP+4 written without its hyphen gets one. The problem is a ZIP that is not 5 or
    9 digits (``contacts.zip_problem``), or an address outside Washington whose city and
    state cannot be read (never completed with Washington in silence). An address that
    names a House or Senate office building but no city and ZIP gives the chamber's
    Washington ZIP (20510 or 20515): those buildings are all in Washington.
    """
    from toolkit.contacts import normalize_zip, zip_problem

    text = " ".join(address.split())
    street, city, state, zip_code = text, "Washington", "DC", ""
    problem = None
    match = _DC_TAIL.search(text)
    if match:
        street, zip_code = text[:match.start()], (match["zip"] or "").strip()
    elif text:
        parts = _usaddress_parts(text)
        if parts:
            street, city, state, zip_code = parts
        elif not any(re.search(rf"\b{b}\b", text) for b in BUILDINGS):
            problem = (f"cannot read a city and state in {text!r}: write the office address "
                       "as 'street, City, ST ZIP' (e.g. '2413 Rayburn House Office Building, "
                       "Washington, DC 20515')")
    if zip_code:
        normal = normalize_zip(zip_code)
        if normal is None:
            problem, normal = problem or zip_problem(zip_code), zip_code
        zip_code = normal
    else:
        zip_code = CHAMBER_ZIPS[chamber]
    street = street.strip().strip(",").strip()
    building = next((b for b in BUILDINGS if re.search(rf"\b{b}\b", street)), "")
    room = re.match(r"^\s*(?:Room\s+|Suite\s+)?([A-Z]?-?\d+[A-Z]?)\b", street)
    return Office(street, city, state, zip_code, building, room[1] if room else ""), problem


def _usaddress_parts(text: str) -> tuple[str, str, str, str] | None:
    """(street, city, state, ZIP) of a US address by ``usaddress``, or None if it has no city."""
    import usaddress

    try:
        tokens = usaddress.parse(text)
    except Exception:   # usaddress raises its own errors on odd input; then keep the text
        return None
    parts: dict[str, list[str]] = {"PlaceName": [], "StateName": [], "ZipCode": []}
    street = []
    for token, label in tokens:
        parts.get(label, street).append(token.strip(","))
    if not parts["PlaceName"] or not parts["StateName"]:
        return None
    return (" ".join(street), " ".join(parts["PlaceName"]), " ".join(parts["StateName"]),
            " ".join(parts["ZipCode"]))


def parse_office(address: str, chamber: str) -> Office:
    """Split a one-line office address into an Office (``read_office`` without its problem).

    ``511 Hart Senate Office Building Washington DC 20510`` -> street ``511 Hart Senate
    Office Building``, ``Washington, DC 20510``, building ``Hart``, room ``511``.
    """
    return read_office(address, chamber)[0]


def office_from_cells(street: str, city: str, zip_code: str, chamber: str
                      ) -> tuple[str, list[tuple[str, str]]]:
    """One office address from a row's Address, City and ZIP cells; (address, problems).

    The address cell may hold the street alone (city and ZIP in their own cells) or the
    whole address. Returns the address as one line (``2413 Rayburn House Office
    Building, Washington, DC 20515-0703``; the address cell as written when it is the
    only one; "" when every cell is empty) and the problems
    as ``(field, message)``: a malformed ZIP (in its column or inside the address), or
    a ZIP column that disagrees with the ZIP inside the address.
    """
    if not (street or city or zip_code):
        return "", []
    office, problem = read_office(street, chamber)
    problems = [("address", problem)] if problem else []
    has_own_zip = bool(_DC_TAIL.search(" ".join(street.split()))) or office.city != "Washington"
    if zip_code or city:
        cell = read_office(f"{street}, {city or 'Washington, DC'} {zip_code}", chamber)
        if has_own_zip and zip_code and office.zip != cell[0].zip and not problem:
            problems.append(("zip", f"the ZIP column says {zip_code!r} but the address says "
                                    f"{office.zip!r}; keep one"))
        elif not has_own_zip:
            office, problem = cell
            field = "city" if problem and problem.startswith("cannot read a city") else "zip"
            problems = [(field, problem)] if problem else []
    if problems or not (zip_code or city):
        return street, problems
    return f"{office.street}, {office.city_line}" if office.street else office.city_line, []


def official_name(leg: Legislator) -> str:
    """The member's official full name for the inside address.

    ``full_name`` when given (quoted nicknames get typographic quotes:
    ``Charles J. “Chuck” Fleischmann``); otherwise first name (without a parenthesized
    nickname), middle initial, last name and suffix.
    """
    if leg.full_name:
        return re.sub(r'"([^"]+)"', "\u201c\\1\u201d", leg.full_name)
    first = _NICKNAME.sub("", leg.first_name).strip()
    middle = f"{leg.middle_name[0]}." if leg.middle_name and not leg.middle_name.endswith(".") \
        else leg.middle_name
    name = " ".join(p for p in (first, middle, leg.last_name) if p)
    if leg.suffix:
        name += ("," if leg.suffix.rstrip(".") in ("Jr", "Sr") else "") + f" {leg.suffix}"
    return name


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


def ordinal(number: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


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


def short_label(leg: Legislator) -> str:
    """The compact label used in lists: ``WA``, ``WA-3``, ``AK-AL``, with party initial.

    E.g. ``D-WA`` for a senator, ``R-AK-AL`` for an at-large representative.
    """
    party = leg.party[:1].upper() if leg.party else ""
    place = leg.state if leg.chamber == "senate" else (
        f"{leg.state}-AL" if not leg.district else f"{leg.state}-{leg.district}")
    if leg.office_kind in ("delegate", "resident_commissioner"):
        place = leg.state
    return f"{party}-{place}" if party else place
