"""Constituents spreadsheet -> frozen ``Constituent`` records, matched to their own members.

A community group's mail merge: each constituent writes to their own two senators and
their own House member (representative, delegate or resident commissioner), because
offices discount mail from outside the state or district (LETTER-CONVENTIONS.md,
Congressional Management Foundation surveys). The spreadsheet is read with the same
machinery as the legislators (``sheets.cells.read_sheet``: every cell as text, so a ZIP
keeps its leading zeros). The House district comes from the row's District value, else
from the bundled ZIP-to-district table (``contacts/zip-to-district.csv``, see
contacts/README.md). Nothing is guessed: a ZIP that lies in several districts gets the
senators' letters only and a report asking for a District value.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence
from toolkit.sheets.columns import FieldSpec, column_error, map_columns
from toolkit.congress.capitol import normalize_zip
from toolkit.sheets.cells import read_sheet
from toolkit.congress.names import courtesy_split, last_first
from toolkit.congress.states import (normalize_state)
if TYPE_CHECKING:  # pragma: no cover
    from toolkit.sheets.readreport import ReadReport

from toolkit.congress.states import parse_district


#: Columns of a constituents spreadsheet and the headers that feed them (compared case-
#: and punctuation-insensitively); ``--map field=Column`` overrides.
CONSTITUENT_FIELDS = (
    FieldSpec("courtesy_title", ("title", "courtesy title", "prefix", "honorific",
                                 "name prefix")),
    FieldSpec("first_name", ("first name", "first", "given name", "firstname")),
    FieldSpec("last_name", ("last name", "last", "surname", "family name", "lastname")),
    FieldSpec("full_name", ("name", "full name", "constituent", "constituent name")),
    FieldSpec("street", ("address", "street", "address 1", "address line 1", "street address",
                         "address1", "mailing address")),
    FieldSpec("street2", ("address 2", "apt", "address line 2", "apartment", "unit", "suite",
                          "address2", "apt suite")),
    FieldSpec("city", ("town", "city town")),
    FieldSpec("state", ("st", "state code", "state abbr"), True),
    FieldSpec("zip", ("zip code", "zipcode", "postal code", "zip 4", "postcode", "zip5")),
    FieldSpec("district", ("cd", "congressional district", "district number")),
    FieldSpec("email", ("e mail", "email address")),
    FieldSpec("phone", ("phone number", "telephone", "mobile", "cell")),
    FieldSpec("story", ("personal note", "note", "notes", "personal story", "message")),
)


#: Courtesy titles written without their period, and values that mean "no title".
_TITLES = {"dr": "Dr.", "mr": "Mr.", "ms": "Ms.", "mrs": "Mrs.", "mx": "Mx.", "rev": "Rev.",
           "prof": "Prof."}


_NO_TITLE = {"none", "n a", "na", "no"}


@dataclass(frozen=True, slots=True)
class Constituent:
    """One row of a constituents spreadsheet, cleaned but not judged.

    ``row`` is the spreadsheet line (the header is 1). ``state`` is the postal code when
    recognized, else the cell as written; ``zip`` is ``NNNNN`` or ``NNNNN-NNNN`` when it
    has 5 or 9 digits (with or without the hyphen), else the cell as written, always
    text. ``district`` is the row's District value as an int (0 = at-large) or None;
    ``district_given`` the cell as written. ``story`` keeps its line breaks (``\\n``).
    ``match_offices`` says what is wrong with a row; ``problems`` are what reading found
    (``readreport.apply_fields``: a formula without a saved value, a ZIP stored as a
    number that is not the state's...), each ``file:row:column: ...``.
    """

    row: int
    first_name: str = ""
    last_name: str = ""
    full_name: str = ""
    courtesy_title: str = ""
    street: str = ""
    street2: str = ""
    city: str = ""
    state: str = ""
    zip: str = ""
    district: int | None = None
    district_given: str = ""
    email: str = ""
    phone: str = ""
    story: str = ""
    source: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    problems: tuple[str, ...] = ()

    def where(self, field: str) -> str:
        """Where a cell of this row is, for a report: ``file:row:column`` (``row N`` if unknown)."""
        header = dict(self.headers).get(field, field.replace("_", " "))
        return f"{self.source}:{self.row}:{header}" if self.source else f"row {self.row}"

    @property
    def name(self) -> str:
        """The name as signed: the full-name cell, else first and last name."""
        return self.full_name or " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def surname(self) -> str:
        """The last name (the full name's last word when only a full name is given)."""
        return self.last_name or (self.full_name.split()[-1] if self.full_name else "")

    @property
    def titled_name(self) -> str:
        """The name with its courtesy title, for the sender block: "Dr. Aminata Traoré"."""
        return " ".join(p for p in (self.courtesy_title, self.name) if p)

    @property
    def city_line(self) -> str:
        """The address's last line: "Springfield, IL 62701-1234"."""
        place = ", ".join(p for p in (self.city, self.state) if p)
        return " ".join(p for p in (place, self.zip) if p)

    @property
    def address_lines(self) -> tuple[str, ...]:
        """Street, second line (if any) and "City, ST ZIP"."""
        return tuple(p for p in (self.street, self.street2, self.city_line) if p)

    @property
    def contact(self) -> str:
        """"email · phone", either when given, or ""."""
        return " \u00b7 ".join(p for p in (self.email, self.phone) if p)


@dataclass(frozen=True)
class ConstituentsTable:
    """Constituents read from a file: ``columns`` maps each field to its header.

    ``notices`` says what was guessed about the file; ``warnings`` names every value the
    reading changed (``file:row:column: removed 2 control character(s)``, a restored
    ZIP, a date as Excel shows it...); ``report`` is how the file was read
    (``readreport.ReadReport``: sheet, header row, columns used and ignored).
    """

    path: Path
    constituents: tuple[Constituent, ...]
    columns: dict[str, str]
    notices: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    report: "ReadReport | None" = None


def _courtesy(value: str) -> str:
    if not value:
        return ""
    key = " ".join(re.sub(r"[^0-9a-z]+", " ", value.lower()).split())
    if key in _NO_TITLE:
        return ""
    return _TITLES.get(key, value)


def load_constituents(path: str | Path, columns: Mapping[str, str] | None = None,
                      sheet: str | None = None, header_row: int | None = None,
                      include_hidden: bool = False,
                      ignore_columns: Sequence[str] = ()) -> ConstituentsTable:
    """Read a constituents ``.csv``/``.xlsx`` (every cell as text) into a ConstituentsTable.

    Headers are matched as ``CONSTITUENT_FIELDS`` says ("First Name", "Zip Code",
    "Personal Note"...); ``columns`` (``{field: header}``, from ``--map``) overrides.
    Rows are kept even when incomplete: ``match_offices`` reports them with their row
    number. Control characters are removed from every cell as it is read
    (``contacts.clean_text``), each such cell named in ``warnings``. Raises
    ContactsError when the file cannot be read or lacks a name, state or ZIP column
    (a letter's sender block needs the ZIP). ``header_row`` and ``include_hidden`` are
    ``read_sheet``'s; cells are settled by ``readreport.apply_fields``, whose row
    problems go to ``Constituent.problems``. ``ignore_columns`` (``--ignore-column``)
    names columns left out on purpose (``readreport.read_report``): the report's
    ``unused`` columns are the others that hold values and feed nothing.
    """
    from toolkit.sheets import readreport

    table = read_sheet(path, sheet, CONSTITUENT_FIELDS, header_row, include_hidden)
    mapping = map_columns(table, CONSTITUENT_FIELDS, dict(columns or {}))
    problems = []
    where = f"{table.path}:{table.header_row}"
    if "last_name" not in mapping and "full_name" not in mapping:
        problems.append(f"{where}: no column for the name (looked for 'Last Name', "
                        "'Name', 'Full Name'); name it so, or pass --map last_name=COLUMN")
    if "zip" not in mapping:
        problems.append(f"{where}: no column for the ZIP code (looked for 'ZIP', "
                        "'Zip Code', 'Postal Code'); name it so, or pass --map zip=COLUMN")
    if problems:
        raise column_error(table, CONSTITUENT_FIELDS, mapping, problems)
    table, report = readreport.apply_fields(table, CONSTITUENT_FIELDS, mapping,
                                          text_zips=True, ignore=ignore_columns)
    people, warnings = [], []
    headers = tuple(mapping.items())        # one tuple and one path for every row
    source = str(table.path)
    for number, cells in table.rows:
        def get(name: str) -> str:
            return cells.get(mapping[name], "") if name in mapping else ""

        raw_state = get("state")
        state = normalize_state(raw_state) or raw_state if raw_state else ""
        raw_zip = get("zip")
        district_given = get("district")
        story = get("story")   # read_sheet has cleaned it: line ends are LF
        names = {"first_name": get("first_name"), "full_name": get("full_name")}
        last_name = get("last_name")
        turned, turned_last = last_first(names["full_name"])
        if turned:   # "Okafor, Ngozi": signed and filed as "Ngozi Okafor", under Okafor
            warnings.append(f"{table.path}:{number}:{mapping['full_name']}: read "
                            f"{names['full_name']!r}, used {turned!r} ('Last, First' turned "
                            "around)")
            names["full_name"] = turned
            last_name = last_name or turned_last
        title = _courtesy(get("courtesy_title"))
        for name_field, text in names.items():
            found, rest = courtesy_split(text)
            if found:
                title = title or _courtesy(found)
                names[name_field] = rest
                warnings.append(f"{table.path}:{number}:{mapping[name_field]}: read {text!r}, "
                                f"used {rest!r} with the courtesy title {title!r}")
        people.append(Constituent(
            row=number, first_name=names["first_name"], last_name=last_name,
            full_name=names["full_name"], courtesy_title=title,
            street=get("street"), street2=get("street2"), city=get("city"), state=state,
            zip=normalize_zip(raw_zip) or raw_zip if raw_zip else "",
            district=parse_district(district_given, state) if district_given else None,
            district_given=district_given, email=get("email"), phone=get("phone"),
            story=story.strip(), source=source, headers=headers,
            problems=report.row_problems.get(number, ())))
    return ConstituentsTable(table.path, tuple(_repeats_stopped(people)), mapping,
                             table.notices, report.warnings + tuple(warnings), report)


#: Street words and their USPS abbreviations (Publication 28, C1 and C2; the common
#: ones), so that two spellings of one address compare equal.
_STREET_WORDS = {"street": "st", "avenue": "ave", "road": "rd", "drive": "dr",
                 "boulevard": "blvd", "lane": "ln", "court": "ct", "place": "pl",
                 "terrace": "ter", "circle": "cir", "highway": "hwy", "parkway": "pkwy",
                 "square": "sq", "trail": "trl", "north": "n", "south": "s",
                 "east": "e", "west": "w", "northeast": "ne", "northwest": "nw",
                 "southeast": "se", "southwest": "sw", "apartment": "apt", "suite": "ste",
                 "floor": "fl"}


def _repeats_stopped(people: list[Constituent]) -> list[Constituent]:
    """``people`` with every repeat of an earlier row stopped by a problem.

    A repeat has the same name and postal address (street, second line, city, state,
    5-digit ZIP) as an earlier row, case, spaces, punctuation and the USPS street
    abbreviations aside ("19 Church St." repeats "19 Church Street"): a second set of
    letters from one person to the same offices reads as spam, so the later row gets no
    letters until it is deleted or corrected. Rows without a name or street are left to
    ``match_offices``.
    """
    from dataclasses import replace

    said: dict[str, str] = {}       # names, cities and states repeat: each read once

    def words(text: str) -> str:
        found = said.get(text)
        if found is None:
            found = said[text] = " ".join(_STREET_WORDS.get(w, w) for w in
                                          re.sub(r"[\W_]+", " ", text.casefold()).split())
        return found

    def key(c: Constituent) -> tuple[str, ...]:
        return tuple(words(text) for text in (c.name, c.street, c.street2, c.city, c.state,
                                              c.zip[:5]))

    first: dict[tuple[str, ...], Constituent] = {}
    kept = []
    for c in people:
        k = key(c)
        earlier = first.setdefault(k, c) if k[0] and k[1] else c
        if earlier is not c:
            c = replace(c, problems=c.problems + (
                f"{c.where('last_name' if 'last_name' in dict(c.headers) else 'full_name')}: "
                f"repeats row {earlier.row} (same name and "
                "address): no letters for this row, so an office does not get the same "
                "letter twice; delete the row, or correct it if it is another person",))
        kept.append(c)
    return kept


def letter_order(constituents: Sequence[Constituent]) -> list[Constituent]:
    """Constituents in surname order (accents ignored, then first name, then row)."""
    return sorted(constituents, key=lambda c: (_fold(c.surname), _fold(c.name), c.row))


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    """``text`` without accents, case-folded, for sorting ("Traoré" -> "traore")."""
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()

