"""The members of Congress as the toolkit knows them: ``Legislator`` and ``Seat``.

Frozen records that cross every room: a member's names, chamber, state, district (0 =
at-large; None for senators), party, Washington office, phone, committee and
subcommittee seats with their roles, and the day the current term ends. Also the
member's official name as printed ("The Honorable" goes before it) and short label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from toolkit.congress.states import NO_SENATORS
if TYPE_CHECKING:  # pragma: no cover
    pass

import re


@dataclass(frozen=True)
class Seat:
    """One committee or subcommittee seat.

    ``committee_id`` is the thomas ID (``SSFR``; a subcommittee adds its own digits,
    ``SSFR09``); ``role`` is normalized to Chair, Co-Chair, Vice Chair, Ranking Member,
    Ex Officio or Member (the roster titles Chairman/Chairwoman are not standardized).
    """

    committee_id: str
    committee_name: str
    role: str

    @property
    def is_subcommittee(self) -> bool:
        """True for a subcommittee seat (an ID longer than its parent's four letters)."""
        return len(self.committee_id) > 4


_ROLES = {"chair": "Chair", "chairman": "Chair", "chairwoman": "Chair", "cochairman": "Co-Chair",
          "co chair": "Co-Chair", "cochair": "Co-Chair", "vice chair": "Vice Chair",
          "vice chairman": "Vice Chair", "vice chairwoman": "Vice Chair",
          "ranking member": "Ranking Member", "ex officio": "Ex Officio", "member": "Member"}


def normalize_role(title: str) -> str:
    """Map a roster title to Chair, Co-Chair, Vice Chair, Ranking Member, Ex Officio or Member."""
    return _ROLES.get(" ".join(re.sub(r"[^0-9a-z]+", " ", title.lower()).split()), "Member")


@dataclass(frozen=True)
class Legislator:
    """A member of Congress as the toolkit needs them.

    ``chamber`` is ``"senate"`` or ``"house"`` (delegates and the resident commissioner
    sit in the House); ``district`` is an int for House members (0 = at-large, as in the
    congress-legislators data) and None for senators. ``address`` is the Washington
    office as given (one line in the bundled data). ``row`` is the spreadsheet line.
    """

    bioguide_id: str
    first_name: str
    last_name: str
    chamber: str
    state: str
    district: int | None = None
    middle_name: str = ""
    suffix: str = ""
    nickname: str = ""
    full_name: str = ""
    party: str = ""
    gender: str = ""
    address: str = ""
    phone: str = ""
    url: str = ""
    row: int = 0
    source: str = ""
    seats: tuple[Seat, ...] = ()
    #: The day the member's current term ends (None when the sheet gives no term dates).
    term_end: dt.date | None = None

    @property
    def office_kind(self) -> str:
        """``senator``, ``representative``, ``delegate`` or ``resident_commissioner``."""
        if self.chamber == "senate":
            return "senator"
        if self.state in NO_SENATORS:
            return "resident_commissioner" if self.state == "PR" else "delegate"
        return "representative"


_NICKNAME = re.compile(r"\s*\([^)]*\)")


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
