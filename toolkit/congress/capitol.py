"""Washington office addresses: the House and Senate office buildings, their ZIP codes,
and an office address read into room, building and ZIP.

The rules follow ../shared/docs/LETTER-CONVENTIONS.md: the Senate's buildings are
Russell, Dirksen and Hart (ZIP 20510), the House's Cannon, Longworth, Rayburn and Ford
(ZIP 20515, with +4); "Washington, DC" with the ZIP kept as written. ZIP codes are
5 digits or ZIP+4, as USPS writes them.
"""

from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass

from typing import TYPE_CHECKING
if TYPE_CHECKING:  # pragma: no cover
    pass



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


#: A room and a building's short name and nothing else: "139 Russell", "2104 Rayburn HOB",
#: "272 Cannon Bldg.", "Room 311 Hart SOB", "1431 Longworth House Office Bldg".
_SHORT_BUILDING = re.compile(
    r"^(?P<room>(?:Room\s+|Suite\s+)?[A-Z]?-?\d+[A-Z]?),?\s+(?P<building>"
    + "|".join(BUILDINGS) + r")(?:\s+(?:[SH]\.?\s?O\.?\s?B\.?|(?:(?:Senate|House)\s+)?"
    r"(?:Office\s+)?(?:Building|Bldg\.?)))?$", re.I)


#: The Senate's own room codes: "SR-139" (Russell), "SD-106" (Dirksen), "SH-730" (Hart).
_SENATE_CODE = re.compile(r"^S(?P<code>[RDH])[-\s]?(?P<room>\d+[A-Z]?)$", re.I)


def full_building(street: str) -> str:
    """A street line that is only a room and a building's short name, written out in full.

    "139 Russell" -> "139 Russell Senate Office Building"; "2104 Rayburn HOB" -> "2104
    Rayburn House Office Building"; "SH-730" -> "730 Hart Senate Office Building" (the
    Senate's room codes). Any other line is returned as it is. The buildings' names are
    the Architect of the Capitol's (LETTER-CONVENTIONS.md: the room line spells the
    building out).
    """
    text = " ".join(street.split())
    code = _SENATE_CODE.match(text)
    if code:
        name = {"R": "Russell", "D": "Dirksen", "H": "Hart"}[code["code"].upper()]
        return f"{code['room']} {name} Senate Office Building"
    match = _SHORT_BUILDING.match(text)
    if not match:
        return street
    name = next(b for b in BUILDINGS if b.lower() == match["building"].lower())
    chamber = "Senate" if name in SENATE_BUILDINGS else "House"
    return f"{match['room']} {name} {chamber} Office Building"


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
    Washington ZIP (20510 or 20515): those buildings are all in Washington. A room and a
    building's short name ("139 Russell", "2104 Rayburn HOB") are written out in full
    (``full_building``).
    """

    text = " ".join(address.split())
    street, city, state, zip_code = text, "Washington", "DC", ""
    problem = None
    match = _DC_TAIL.search(text)
    if match:
        street, zip_code = full_building(text[:match.start()].strip().strip(",")), \
            (match["zip"] or "").strip()
    elif full_building(text) != text:
        street = full_building(text)
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
        same = _same_zip(office.zip, cell[0].zip)
        if has_own_zip and zip_code and same and not problem:
            office = dataclasses.replace(office, zip=same)    # keep the longer: the ZIP+4
        elif has_own_zip and zip_code and office.zip != cell[0].zip and not problem:
            problems.append(("zip", f"the ZIP column says {zip_code!r} but the address says "
                                    f"{office.zip!r}; keep one"))
        elif not has_own_zip:
            office, problem = cell
            field = "city" if problem and problem.startswith("cannot read a city") else "zip"
            problems = [(field, problem)] if problem else []
    if problems or not (zip_code or city):
        return street, problems
    return f"{office.street}, {office.city_line}" if office.street else office.city_line, []


def _same_zip(one: str, other: str) -> str:
    """The longer of two ZIPs that are one ZIP ("20515" and "20515-2107"), else "".

    A five-digit ZIP and a ZIP+4 with the same first five digits agree: the ZIP+4 only
    adds the delivery segment.
    """
    if not one or not other or one[:5] != other[:5]:
        return ""
    if one == other or len(one) == 5 or len(other) == 5:
        return max(one, other, key=len)
    return ""


ZIP_RE = re.compile(r"^(\d{5})(?:-?(\d{4}))?$")


def normalize_zip(value: str) -> str | None:
    """Return a ZIP as ``NNNNN`` or ``NNNNN-NNNN``, or None if it is not 5 or 9 digits.

    Accepts the ZIP+4 with or without its hyphen. A 3- or 4-digit value, which is what
    Excel leaves of a ZIP with leading zeros stored as a number, is not accepted here;
    callers report it.
    """
    match = ZIP_RE.match(value.strip())
    if not match:
        return None
    return match[1] + (f"-{match[2]}" if match[2] else "")


def zip_problem(value: str) -> str:
    """Why ``value`` is not a ZIP, for a report: "ZIP '4101' is not 5 or 9 digits (...)".

    A 3- or 4-digit value gets the likely cause: Excel stored the ZIP as a number and
    dropped its leading zeros.
    """
    hint = (f" (a ZIP saved as a number loses its leading zeros: write {value.zfill(5)!r} "
            "and format the column as text)" if value.isdigit() and 3 <= len(value) < 5 else "")
    return f"ZIP {value!r} is not 5 or 9 digits{hint}"

