"""How a spreadsheet was read: the one read report every command shares.

``cells.read_sheet`` turns a file into text rows; this module holds what is decided
around that, for every kind of sheet (legislators, constituents):

- which row is the header (``find_header``: the row whose cells match the most known
  field names; title rows, blank rows and merged banners above it are skipped);
- which column feeds which field, which are ignored, and a did-you-mean for an ignored
  column whose name is close to a field still without a column (``ReadReport``);
- what the reader changed in a cell once the fields are known (``apply_fields``): a
  column made only of export artifacts (``nan``, ``NULL``) read as empty, an Excel date
  printed as Excel shows it, a ZIP that Excel stored as a number restored when the
  ZIP table in use says it belongs to the row's state; and what it cannot read safely
  (a formula with no saved value, an Excel error, an unrestorable ZIP), a problem that
  stops the row.

- which columns hold values but feed nothing (``ReadReport.unused``, ``sheets.unused``):
  named by every run, and a column of sentences with no story column stops a
  constituents run (``ReadReport.story_problem``).

Every change is a warning and every refusal a problem, each located
``file:row:column: what was read -> what is used``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence
from toolkit.congress.capitol import normalize_zip
from toolkit.congress import names
if TYPE_CHECKING:  # pragma: no cover
    from toolkit.sheets.columns import FieldSpec
    from toolkit.sheets.cells import Sheet



#: How many non-blank rows at the top of a sheet may hold the header.
HEADER_SEARCH_ROWS = 20


#: Column names that are not synonyms (a sheet with them is not matched silently) but
#: are close enough to a field to suggest it: ``--map story='Why I care'``.
NEAR_NAMES = {
    "story": ("why i care", "why", "why it matters", "why this matters", "my story", "reason",
              "reasons", "comment", "comments", "testimony", "statement", "letter text"),
    "district": ("dist", "dist no", "dist num", "dist nbr", "district no", "cong dist",
                 "cd number", "congressional dist", "house district"),
    # a column of members' whole names (legislator sheets): not "member id" (bioguide_id)
    "full_name": ("member", "members", "member name", "legislator", "legislator name",
                  "official", "representative", "senator", "lawmaker"),
    "zip": ("zip 5", "zip5 4", "postal", "post code"),
    "street": ("street 1", "street line 1", "home address", "residence"),
    "street2": ("street 2", "street line 2"),
    "last_name": ("last nm", "lname", "family"),
    "first_name": ("first nm", "fname", "given"),
    "courtesy_title": ("salutation", "mr ms"),
    "chamber": ("house senate", "senate house", "title"),
    "email": ("mail", "e mail address"),
    "phone": ("tel", "phone no", "cell phone"),
}


#: Cell texts that exports write for "no value", as they spell them (case matters:
#: "Nan", "Nat" and "Null" are people's names). Only a column made of nothing else is
#: read as empty (``apply_fields``).
ARTIFACTS = frozenset({"nan", "NaN", "NAN", "NaT", "None", "NULL", "null", "<NA>", "N/A", "n/a",
                       "#N/A"})


#: Fields that hold a person's name: a value there is never taken for an artifact.
NAME_FIELDS = frozenset(names.NAME_FIELDS)


#: Excel's error values: a cell showing one has no value to print.
EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
                          "#SPILL!", "#CALC!"})


@dataclass(frozen=True)
class TypedCell:
    """An XLSX cell that was not stored as text: how it was stored and what Excel shows.

    ``kind`` is ``"number"``, ``"date"``, ``"formula"`` (a formula with no saved value;
    ``value`` is its text) or ``"error"`` (an Excel error such as ``#REF!``); ``value``
    is the stored value, ``shown`` the text read into the row.
    """

    kind: str
    value: object
    shown: str = ""


@dataclass(frozen=True)
class ReadReport:
    """What reading one spreadsheet decided and found; printed by ``contacts check`` and
    ``constituents check``, its warnings by every command that reads a sheet.

    ``path``: the file. ``sheet``: the XLSX worksheet read (None for CSV).
    ``header_row``: the spreadsheet row of the header (1 = the first row).
    ``columns``: ``{field: header}`` for every column that feeds a field.
    ``letters``: ``{header: column letter}`` ("A", "B"...). ``ignored``: ``(header,
    did-you-mean field or "")`` for every named column that feeds nothing.
    ``notices``: facts about the file (encoding, delimiter, sheet, skipped rows);
    ``warnings``: values changed, each ``file:row:column: read -> used``;
    ``row_problems``: ``{row: [problem, ...]}``, rows that cannot be used as read.
    ``unused``: the columns that hold values but feed nothing (``unused.UnusedColumn``);
    ``left_out``: the columns ``--ignore-column`` names.
    """

    path: Path
    sheet: str | None
    header_row: int
    columns: dict[str, str]
    letters: dict[str, str] = field(default_factory=dict)
    ignored: tuple[tuple[str, str], ...] = ()
    notices: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    row_problems: dict[int, tuple[str, ...]] = field(default_factory=dict)
    unused: tuple = ()
    left_out: tuple[str, ...] = ()

    def unused_note(self) -> str:
        """The note every run prints for the columns it does not use ("" when none):
        ``unused.unused_note``."""
        from toolkit.sheets.unused import unused_note

        return unused_note(self.path, self.unused)

    def story_problem(self) -> str:
        """Why a constituents run stops before rendering ("" when it need not): a column
        of free text that feeds nothing, and no story column (``unused.story_problem``)."""
        from toolkit.sheets.unused import story_problem

        return story_problem(self.path, self.columns, self.unused)

    @property
    def problems(self) -> list[str]:
        """Every row problem found while reading, in row order."""
        return [p for row in sorted(self.row_problems) for p in self.row_problems[row]]

    def lines(self) -> list[str]:
        """The report as printed: file, sheet, header row, then one line per column.

        For example::

            members.xlsx: sheet 'Members', header row 3
              A  Last Name -> last_name
              F  Dist. -> ignored (did you mean district? --map district='Dist.')
        """
        where = f"sheet {self.sheet!r}, " if self.sheet is not None else ""
        out = [f"{self.path}: {where}header row {self.header_row}"]
        fields = {header: name for name, header in self.columns.items()}
        hints = dict(self.ignored)
        for header, letter in self.letters.items():
            if header in fields:
                out.append(f"  {letter:<3}{header} -> {fields[header]}")
            elif header in self.left_out:
                out.append(f"  {letter:<3}{header} -> ignored (--ignore-column)")
            elif header in hints:
                hint = hints[header]
                out.append(f"  {letter:<3}{header} -> ignored" + (
                    f" (did you mean {hint}? --map {hint}='{header}')" if hint else ""))
        return out


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 -> "A", 26 -> "AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _names(spec: "FieldSpec") -> list[str]:
    return [header_key(s) for s in (spec.name, *spec.synonyms)]


def find_header(records: Sequence[tuple[int, list[str]]],
                fields: Sequence["FieldSpec"] | None) -> int:
    """Index in ``records`` of the header row: the one whose cells match most field names.

    ``records`` pairs each row number with its cells as text; blank rows are skipped.
    Among the first ``HEADER_SEARCH_ROWS`` non-blank rows, the one with the most cells
    equal to a field's name or synonym (compared as ``header_key`` does) wins, the
    first on a tie; with no ``fields`` or no match at all, the first non-blank row.
    Returns -1 when every row is blank.
    """
    known = {k for spec in fields or () for k in _names(spec)}
    best, best_score, seen = -1, 0, 0
    for index, (_, cells) in enumerate(records):
        if not any(str(c).strip() for c in cells):
            continue
        if best < 0:
            best = index
        score = sum(1 for c in cells if header_key(str(c)) in known)
        if score > best_score:
            best, best_score = index, score
        seen += 1
        if seen >= HEADER_SEARCH_ROWS or not known:
            break
    return best


def did_you_mean(header: str, fields: Iterable["FieldSpec"]) -> str:
    """The field an ignored column was likely meant for, or "".

    ``fields`` are the fields still without a column. A header matches a field when its
    key is one of ``NEAR_NAMES`` (e.g. "Why I care" -> story, "Dist." -> district,
    "Member" -> full_name) or is
    close to one of the field's names (difflib ratio 0.8 or more: "Frist Name").
    """
    key = header_key(header)
    if not key:
        return ""
    names: dict[str, str] = {}
    for spec in fields:
        if key in NEAR_NAMES.get(spec.name, ()):
            return spec.name
        for name in _names(spec):
            names.setdefault(name, spec.name)
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
    if close and names[close[0]] == "bioguide_id" and not re.search(r"\b(id|bioguide)\b", key):
        return ""   # "Member" is a column of names, never a member ID
    return names[close[0]] if close else ""


def read_report(sheet: "Sheet", fields: Sequence["FieldSpec"], mapping: dict[str, str],
                warnings: Sequence[str] = (),
                row_problems: dict[int, tuple[str, ...]] | None = None,
                ignore: Sequence[str] = ()) -> ReadReport:
    """Build the ReadReport of ``sheet`` read for ``fields`` with ``mapping``.

    Each ignored column that has a did-you-mean also becomes a warning
    (``file:row:column: column ignored; did you mean story? (--map story='Why I care')``),
    so that every command shows it. ``warnings`` are added after the sheet's own.
    ``ignore`` (``--ignore-column``) names columns left out on purpose: no did-you-mean,
    not among the report's ``unused``; a name the sheet lacks raises ContactsError.
    """
    from toolkit.sheets.unused import unused_columns

    unused = unused_columns(sheet, mapping, ignore)
    keys = {header_key(name) for name in ignore}
    left_out = tuple(h for h in sheet.headers if header_key(h) in keys and h not in
                     mapping.values())
    unmapped = [spec for spec in fields if spec.name not in mapping]
    used = set(mapping.values())
    ignored, hints = [], []
    for header in sheet.headers:
        if header in used:
            continue
        if header in left_out:
            ignored.append((header, ""))
            continue
        hint = did_you_mean(header, unmapped)
        ignored.append((header, hint))
        if hint:
            hints.append(f"{sheet.path}:{sheet.header_row}:{header}: column ignored; did you "
                         f"mean {hint}? (--map {hint}='{header}')")
    letters = dict(zip(sheet.headers, sheet.letters))
    return ReadReport(sheet.path, sheet.sheet_name, sheet.header_row, dict(mapping), letters,
                      tuple(ignored), sheet.notices, (*sheet.warnings, *hints, *warnings),
                      dict(row_problems or {}), unused, left_out)


def duplicate_problems(sheet: "Sheet", fields: Sequence["FieldSpec"],
                       overrides: dict[str, str]) -> list[str]:
    """A problem for each column name written twice that would feed a field.

    ``file:1: column 'District' appears twice (F and G); pick one with --map
    district='District (G)'``, with the header's own row number. None when ``overrides``
    (``--map``) already gives that field a column.
    """
    problems = []
    for name, letters in sheet.duplicates.items():
        key = header_key(name)
        spec = next((s for s in fields if key in _names(s)), None)
        if spec is None or spec.name in overrides:
            continue
        times = "twice" if len(letters) == 2 else f"{len(letters)} times"
        both = ", ".join(letters[:-1]) + f" and {letters[-1]}"
        problems.append(f"{sheet.path}:{sheet.header_row}: column {name!r} appears {times} "
                        f"({both}); pick one with --map {spec.name}='{name} ({letters[-1]})'")
    return problems


def apply_fields(sheet: "Sheet", fields: Sequence["FieldSpec"],
                 mapping: dict[str, str], text_zips: bool = False,
                 ignore: Sequence[str] = ()) -> tuple["Sheet", ReadReport]:
    """Settle the cells of the mapped columns now that their fields are known.

    Returns the sheet with its rows changed as reported, and its ReadReport (``ignore``:
    the columns ``--ignore-column`` leaves out, see ``read_report``):

    - a column whose every value is an export artifact (``ARTIFACTS``: ``nan``, ``None``,
      ``NULL``...) is read as empty, one warning for the column; a single "Null" among
      real names stays a name, and in other fields such a value is kept with a warning;
    - an Excel date cell reads as Excel shows it (its number format), with a warning;
    - a ZIP that Excel stored as a number (2119, 21191234), or that a CSV holds without
      its leading zeros ("2119": Excel saves a CSV so; with ``text_zips``, the rule of
      constituents' home ZIPs), is restored (02119, 02119-1234)
      with a warning when the ZIP table in use puts it in the row's state, else it is a
      row problem; a ZIP number with a format of zeros (``00000-0000``) reads as Excel
      shows it ("20515-2107"), with a warning;
    - a formula with no saved value, or an Excel error (``#REF!``, ``#N/A`` in a column
      of real values), is a row problem.
    """
    used = {header: name for name, header in mapping.items()}
    rows = [(number, dict(cells)) for number, cells in sheet.rows]
    warnings: list[str] = []
    problems: dict[int, list[str]] = {n: list(p) for n, p in sheet.problems.items()}
    for header in used:
        values = {cells.get(header, "") for _, cells in rows} - {""}
        if values and values <= ARTIFACTS:
            shown = ", ".join(repr(v) for v in sorted(values))
            warnings.append(f"{sheet.path}:{sheet.header_row}:{header}: the column holds only "
                            f"{shown} (an export's mark for an empty cell): read as empty")
            for _, cells in rows:
                cells[header] = ""
    state_header = mapping.get("state")
    typed_cells = sheet.typed
    for number, cells in rows:
        for header, name in used.items():
            typed = typed_cells.get((number, header)) if typed_cells else None
            text = cells.get(header, "")
            if typed is None and text not in EXCEL_ERRORS and text not in ARTIFACTS \
                    and not (text_zips and name == "zip"):
                continue        # a text cell as written: nothing to settle
            where = f"{sheet.path}:{number}:{header}"
            if typed is None:
                if text in EXCEL_ERRORS:
                    problems.setdefault(number, []).append(
                        f"{where}: {text!r} is an Excel error, not a value; fix the cell")
                elif text in ARTIFACTS and name not in NAME_FIELDS:
                    warnings.append(f"{where}: {text!r} kept as written; if it means "
                                    "\"no value\", empty the cell")
                elif text_zips and name == "zip" and text.isdigit() and len(text) not in (5, 9):
                    # a CSV that Excel saved from a ZIP column stored as numbers
                    state = cells.get(state_header, "") if state_header else ""
                    restored, message = restore_zip(int(text), state, written=text)
                    if message and restored:
                        cells[header] = restored
                        warnings.append(f"{where}: {message}")
                    elif message:
                        problems.setdefault(number, []).append(f"{where}: {message}")
                continue
            if typed.kind == "formula":
                problems.setdefault(number, []).append(
                    f"{where}: the formula {typed.value} has no saved value; open the file in "
                    "Excel and save it again (or paste the values)")
            elif typed.kind == "error":
                problems.setdefault(number, []).append(
                    f"{where}: {typed.shown!r} is an Excel error, not a value; fix the cell")
            elif typed.kind == "date":
                warnings.append(f"{where}: a date cell ({_iso(typed.value)}) read as "
                                f"{typed.shown!r}, as Excel shows it")
            elif typed.kind == "number" and name == "zip" and typed.shown != _digits(typed.value):
                warnings.append(f"{where}: ZIP stored as the number {_digits(typed.value)} "
                                f"read as {typed.shown!r}, as Excel shows it (its number "
                                "format)")
            elif typed.kind == "number" and name == "zip":
                state = cells.get(state_header, "") if state_header else ""
                restored, message = restore_zip(typed.value, state)
                if message and restored:
                    cells[header] = restored
                    warnings.append(f"{where}: {message}")
                elif message:
                    problems.setdefault(number, []).append(f"{where}: {message}")
    kept = dataclasses.replace(sheet, rows=tuple(rows))
    report = read_report(kept, fields, mapping, warnings,
                         {n: tuple(p) for n, p in problems.items()}, ignore)
    return kept, report


def _iso(value: object) -> str:
    """A date or time as ISO 8601, without a midnight time: "2026-03-02", "2026-03-02 14:05"."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.datetime, dt.time)):
        return value.isoformat(sep=" ", timespec="minutes") if isinstance(value, dt.datetime) \
            else value.isoformat(timespec="minutes")
    return str(value)


def _digits(value: object) -> str:
    """A whole number's digits ("205152107"); other values as ``str``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def restore_zip(number: object, state: str, written: str | None = None) -> tuple[str, str]:
    """A ZIP that Excel stored as a number, restored: ``(ZIP, message)``.

    ``number`` is the cell's value (int or whole float); ``state`` the row's State cell;
    ``written`` the text of a CSV cell ("2119": Excel saves a CSV with the numbers as
    it shows them, leading zeros lost), None for an XLSX number cell.
    With 5 or 9 digits nothing was lost: ``("", "")``. With 1 to 4 or 6 to 8 digits the
    leading zeros are put back (2119 -> 02119, 21191234 -> 02119-1234); the result is
    used (``(ZIP, warning)``) only when the ZIP table in use
    (``constituents.load_zip_districts``) places it in ``state``, else ``("", problem)``.
    """
    from toolkit.congress.districts import load_zip_districts
    from toolkit.congress.states import normalize_state

    if isinstance(number, float) and not number.is_integer():
        return "", f"ZIP stored as the number {number}: write the ZIP as text"
    digits = str(int(number))
    if len(digits) in (5, 9) or len(digits) > 9:
        return "", ""
    zip_code = digits.zfill(5) if len(digits) < 5 else digits.zfill(9)
    zip_code = normalize_zip(zip_code) or zip_code
    code = normalize_state(state) if state else None
    states = {s for s, _ in load_zip_districts().get(zip_code[:5], ())}
    how = (f"ZIP {written!r} (leading zeros lost, as when Excel saves a CSV)"
           if written is not None else f"ZIP stored as the number {digits}")
    if code and code in states:
        return zip_code, f"{how} read as {zip_code!r} (a ZIP of {code})"
    place = f"a ZIP of {code}" if code else "checked against a State"
    fix = ("write the ZIP with its leading zeros" if written is not None else
           "type the ZIP as text (format the column as Text)")
    return "", f"{how}: {zip_code} is not {place}; {fix} and run again"


_CONDITION = re.compile(r"^\[(<=|>=|<>|<|>|=)(\d+)\]")


def excel_number_text(value: int | float, number_format: str) -> str:
    """A whole number as Excel shows it with a format of zeros: ``(205152107,
    "00000-0000")`` -> "20515-2107", ``(2119, "00000")`` -> "02119".

    Formats made only of ``0`` digit places and literal separators (``-``, a space,
    written plain, escaped ``\\-`` or quoted ``"-"``) are applied as Excel does: the
    digits fill the places from the right, zeros before them. A conditional format
    (Excel's "Zip Code + 4": ``[<=99999]00000;00000-0000``) takes the first section
    whose condition holds. Any other format, or a number that is not whole, gives the
    plain digits ("3", not "3.0"). Source: ECMA-376 Part 1, 18.8.31 numFmts.
    """
    if isinstance(value, float) and not value.is_integer():
        return str(value)
    number = int(value)
    chosen = ""
    for section in (number_format or "").split(";"):
        condition = _CONDITION.match(section)
        if condition:
            op, limit = condition[1], int(condition[2])
            holds = {"<=": number <= limit, ">=": number >= limit, "<": number < limit,
                     ">": number > limit, "=": number == limit, "<>": number != limit}[op]
            if not holds:
                continue
            section = section[condition.end():]
        chosen = section
        break
    pattern = re.sub(r'\\(.)|"([^"]*)"', lambda m: m[1] or m[2], chosen)
    if number < 0 or not re.fullmatch(r"0+(?:[- ]0+)*", pattern):
        return str(number)
    digits = str(number).zfill(pattern.count("0"))
    extra, places = len(digits) - pattern.count("0"), iter(digits[len(digits) - pattern.count("0"):])
    shown = "".join(next(places) if c == "0" else c for c in pattern)
    return digits[:extra] + shown


_BUILTIN_SHOWN = {"mm-dd-yy": "m/d/yyyy", "general": "m/d/yyyy", "": "m/d/yyyy"}


_DATE_TOKEN = re.compile(r'"[^"]*"|\\.|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|'
                         r'am/pm|a/p|.', re.I)


def excel_date_text(value: dt.date | dt.time, number_format: str) -> str:
    """``value`` as Excel shows it with ``number_format`` (US English names).

    Handles the date and time codes (yyyy, yy, mmmm, mmm, mm, m, dddd, ddd, dd, d, hh, h,
    mm and ss as minutes and seconds, AM/PM), quoted text and ``[$-409]`` locale codes.
    Excel's built-in short date (openpyxl's ``mm-dd-yy``, format 14) shows as the
    US system short date, ``3/2/2026``. Source: ECMA-376 Part 1, 18.8.31 numFmts.
    """
    fmt = _BUILTIN_SHOWN.get(number_format.strip().lower(), number_format)
    fmt = re.sub(r"\[[^\]]*\]", "", fmt.split(";")[0])
    if isinstance(value, dt.datetime):
        when = value
    elif isinstance(value, dt.date):
        when = dt.datetime(value.year, value.month, value.day)
    else:
        when = dt.datetime.combine(dt.date(1900, 1, 1), value)
    tokens = _DATE_TOKEN.findall(fmt)
    twelve = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    out = []
    for i, token in enumerate(tokens):
        low = token.lower()
        minutes = low in ("m", "mm") and (
            any(t.lower() in ("h", "hh") for t in tokens[max(0, i - 2):i])
            or any(t.lower() in ("s", "ss") for t in tokens[i + 1:i + 3]))
        hour = when.hour % 12 or 12 if twelve else when.hour
        out.append({
            "yyyy": f"{when.year:04d}", "yy": f"{when.year % 100:02d}",
            "mmmmm": when.strftime("%B")[0], "mmmm": when.strftime("%B"),
            "mmm": when.strftime("%b"),
            "mm": f"{when.minute:02d}" if minutes else f"{when.month:02d}",
            "m": str(when.minute) if minutes else str(when.month),
            "dddd": when.strftime("%A"), "ddd": when.strftime("%a"),
            "dd": f"{when.day:02d}", "d": str(when.day),
            "hh": f"{hour:02d}", "h": str(hour), "ss": f"{when.second:02d}", "s": str(when.second),
            "am/pm": "AM" if when.hour < 12 else "PM", "a/p": "A" if when.hour < 12 else "P",
        }.get(low, token[1:-1] if token.startswith('"') else token.lstrip("\\")))
    return "".join(out).strip()


def header_key(header: str) -> str:
    """Header as compared: lower case, runs of anything but letters and digits as one space."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.lower()).split())
