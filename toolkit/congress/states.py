"""U.S. states and territories: postal codes, names, House seats (2020 apportionment).

The seat counts are those of the 2020 apportionment, which the 119th Congress sits on
(the districts of the bundled congress data and ZIP table). A state with one seat is
at-large, coded district 0 as in the congress-legislators data. DC and the five
territories send one non-voting member each: a delegate, or for Puerto Rico the
resident commissioner, also coded district 0; they have no senators.
"""

from __future__ import annotations


import re

from typing import TYPE_CHECKING
if TYPE_CHECKING:  # pragma: no cover
    pass



#: postal code -> (name, voting House seats); 0 seats marks DC and the territories.
STATES: dict[str, tuple[str, int]] = {
    "AL": ("Alabama", 7), "AK": ("Alaska", 1), "AZ": ("Arizona", 9), "AR": ("Arkansas", 4),
    "CA": ("California", 52), "CO": ("Colorado", 8), "CT": ("Connecticut", 5),
    "DE": ("Delaware", 1), "FL": ("Florida", 28), "GA": ("Georgia", 14), "HI": ("Hawaii", 2),
    "ID": ("Idaho", 2), "IL": ("Illinois", 17), "IN": ("Indiana", 9), "IA": ("Iowa", 4),
    "KS": ("Kansas", 4), "KY": ("Kentucky", 6), "LA": ("Louisiana", 6), "ME": ("Maine", 2),
    "MD": ("Maryland", 8), "MA": ("Massachusetts", 9), "MI": ("Michigan", 13),
    "MN": ("Minnesota", 8), "MS": ("Mississippi", 4), "MO": ("Missouri", 8),
    "MT": ("Montana", 2), "NE": ("Nebraska", 3), "NV": ("Nevada", 4),
    "NH": ("New Hampshire", 2), "NJ": ("New Jersey", 12), "NM": ("New Mexico", 3),
    "NY": ("New York", 26), "NC": ("North Carolina", 14), "ND": ("North Dakota", 1),
    "OH": ("Ohio", 15), "OK": ("Oklahoma", 5), "OR": ("Oregon", 6),
    "PA": ("Pennsylvania", 17), "RI": ("Rhode Island", 2), "SC": ("South Carolina", 7),
    "SD": ("South Dakota", 1), "TN": ("Tennessee", 9), "TX": ("Texas", 38), "UT": ("Utah", 4),
    "VT": ("Vermont", 1), "VA": ("Virginia", 11), "WA": ("Washington", 10),
    "WV": ("West Virginia", 2), "WI": ("Wisconsin", 8), "WY": ("Wyoming", 1),
    "DC": ("District of Columbia", 0), "PR": ("Puerto Rico", 0), "AS": ("American Samoa", 0),
    "GU": ("Guam", 0), "MP": ("Northern Mariana Islands", 0), "VI": ("U.S. Virgin Islands", 0),
}


#: Places whose House member is a delegate (the resident commissioner for PR).
DELEGATE_STATES = frozenset({"DC", "AS", "GU", "MP", "VI"})


RESIDENT_COMMISSIONER_STATES = frozenset({"PR"})


#: Places with no senators.
NO_SENATORS = DELEGATE_STATES | RESIDENT_COMMISSIONER_STATES


_BY_NAME = {name.lower(): code for code, (name, _) in STATES.items()}


_BY_NAME.update({"virgin islands": "VI", "washington dc": "DC", "washington d.c.": "DC",
                 "d.c.": "DC", "northern mariana islands": "MP"})


def normalize_state(value: str) -> str | None:
    """Return the two-letter postal code for ``value`` ("wa", "Washington"), or None if unknown."""
    text = " ".join(value.replace(".", ". ").split()).strip().rstrip(".")
    if text.upper() in STATES:
        return text.upper()
    return _BY_NAME.get(text.lower()) or _BY_NAME.get(value.strip().lower())


def state_name(code: str) -> str:
    """Return the full name of a state or territory ("WA" -> "Washington")."""
    return STATES[code][0]


def is_at_large(code: str) -> bool:
    """True where the whole state or territory is one House district (coded 0)."""
    return STATES[code][1] <= 1


def valid_district(code: str, district: int) -> bool:
    """True when ``district`` exists in ``code`` under the 2020 apportionment (0 = at-large)."""
    seats = STATES[code][1]
    return district == 0 if seats <= 1 else 1 <= district <= seats


def ordinal(number: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


_DISTRICT = re.compile(
    r"^(?:([A-Za-z]{2})\s*[- ]?\s*)?(\d{1,2}|AL|at[- ]?large)(?:\.0+|st|nd|rd|th)?$", re.I)


def parse_district(value: str, state: str) -> int | None:
    """Read a District cell: "7", "07", "7th", "MA-7", "MA 7", "AL", "at-large", "0" -> int or None.

    At-large is 0. A state prefix must be the row's state. The district is not checked
    against the apportionment here (``match_offices`` does).
    """
    match = _DISTRICT.match(value.strip())
    if not match or (match[1] and match[1].upper() != state):
        return None
    number = match[2]
    return 0 if not number.isdigit() else int(number)


def district_label(state: str, district: int) -> str:
    """A district as people write it: "NY-12"; "VT-AL" for an at-large seat; "DC" for DC."""
    if state in NO_SENATORS:
        return state
    return f"{state}-{'AL' if district == 0 else district}"

