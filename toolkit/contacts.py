"""Spreadsheets of legislators and their committee seats -> frozen ``Legislator`` records.

Every cell is read as text (no lost leading zeros, no "3.0" districts), CSV encodings
and delimiters are detected, the header row is found, headers are matched to fields by
their usual spreadsheet names, and every problem of a file is collected with its row
and column before anything fails. What the reading decided is a ``readreport.ReadReport``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from toolkit.errors import ContactsError
from toolkit.names import NAME_FIELDS, NICKNAME_KEPT_APART, legislator_name
from toolkit.states import NO_SENATORS, STATES, normalize_state, valid_district

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.readreport import ReadReport

#: How binary files that people rename to .csv begin: zip (.xlsx, .docx), OLE2 (.xls),
#: PDF, PNG, JPEG, GIF.
_BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF", b"\x89PNG", b"\xff\xd8\xff",
                      b"GIF8")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
#: Characters a cell may not keep (see ``clean_text``): C0 controls other than tab and
#: newline, DEL, lone surrogates, and the noncharacters U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
#: Controls that separate words (pasted line and page breaks): replaced by a space.
_SPACING_CONTROL = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")


def bundled_path(name: str) -> Path:
    """Return the path of a file bundled under ``contacts/`` (e.g. ``legislators-current.csv``)."""
    return Path(str(resources.files("toolkit.bundled_contacts").joinpath(name)))


# --------------------------------------------------------------------------- reading

@dataclass(frozen=True)
class Sheet:
    """A spreadsheet read as text.

    ``headers`` are the column names as written (a name written twice gets its column
    letter: "District (F)", "District (G)"; see ``duplicates``); ``rows`` pairs each
    data row's spreadsheet row number (``header_row`` + 1 for the first, blank and hidden
    rows counted as Excel counts them) with its cells keyed by header, every value a
    ``str`` ("" for an empty cell). ``notices`` says what was guessed (encoding,
    delimiter, sheet, header row, skipped rows); ``warnings`` names every cell whose
    control characters were removed (``file:row:column: removed 2 control
    character(s)``, see ``clean_text``). ``sheet_name`` is the XLSX worksheet read (None
    for CSV); ``letters`` the column letter of each header; ``duplicates`` maps a column
    name written more than once to its letters; ``typed`` holds the XLSX cells that were
    not text (``readreport.TypedCell``) by ``(row, header)``; ``problems`` the rows that
    cannot be read (``{row: (problem, ...)}``).
    """

    path: Path
    headers: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    notices: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    sheet_name: str | None = None
    header_row: int = 1
    letters: tuple[str, ...] = ()
    duplicates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    typed: dict = field(default_factory=dict)
    problems: dict[int, tuple[str, ...]] = field(default_factory=dict)


def read_sheet(path: str | Path, sheet: str | None = None,
               fields: tuple["FieldSpec", ...] | None = None, header_row: int | None = None,
               include_hidden: bool = False) -> Sheet:
    """Read a ``.csv`` (or ``.tsv``/``.txt``) or ``.xlsx`` file with every cell as text.

    CSV: UTF-8 with or without BOM, else cp1252 (Excel's plain "CSV") with a notice;
    the delimiter (comma, semicolon or tab) is sniffed. XLSX: ``sheet`` by name, else
    the active sheet when it is visible, else the first visible one (never a hidden
    one), named in a notice when the workbook has others; hidden rows and rows hidden
    by an autofilter are skipped with a notice unless ``include_hidden``. A number
    reads as its digits ("3", not "3.0"), a date as Excel shows it; such cells are kept
    in ``Sheet.typed`` for ``readreport.apply_fields`` to report.

    The header is row ``header_row`` when given, else the row among the first 20
    non-blank ones whose cells match most names of ``fields`` (title and blank rows
    above it are skipped, with a notice; ``readreport.find_header``). Cell values are
    stripped of surrounding spaces and of control characters (``clean_text``), each
    cell that had any named in ``warnings``. A CSV row with more cells than the header
    has columns is a row problem (an unquoted comma shifts every value after it).

    Raises ContactsError (one line, naming the file) for a missing, empty, binary or
    truncated file, an unknown sheet, an empty ``header_row``, or a file with a header
    but no rows.
    """
    from toolkit import readreport

    path = Path(path)
    if not path.is_file():
        raise ContactsError(f"{path}: no such file")
    suffix = path.suffix.lower()
    typed_at: dict[tuple[int, int], object] = {}
    sheet_name = None
    if suffix in (".xlsx", ".xlsm"):
        records, notices, typed_at, sheet_name = _read_xlsx(path, sheet, include_hidden)
    elif suffix == ".xls":
        raise ContactsError(f"{path}: old Excel .xls files are not read; save it as .xlsx or .csv")
    else:
        records, notices = _read_csv(path)
    if header_row is not None:
        index = next((i for i, (n, _) in enumerate(records) if n == header_row), -1)
        if index < 0 or not any(c.strip() for c in records[index][1]):
            raise ContactsError(f"{path}: --header-row {header_row}: row {header_row} is empty; "
                                "give the row that holds the column names")
    else:
        index = readreport.find_header(records, fields)
    if index < 0:
        raise ContactsError(f"{path}: the file is empty; the first row must hold column names")
    number, raw = records[index]
    above = [(n, next(c for c in cells if c.strip()))
             for n, cells in records[:index] if any(c.strip() for c in cells)]
    if above:
        notices.append(f"{path}: the header is row {number}; skipped above it: " + ", ".join(
            f"row {n} ({text.strip()[:40]!r})" for n, text in above[:3])
            + (f" and {len(above) - 3} more" if len(above) > 3 else ""))
    warnings: list[str] = []
    letters = [readreport.column_letter(i) for i in range(len(raw))]
    headers = [_clean_cell(h, warnings, f"{path}:{number}:column {letter}")
               for h, letter in zip(raw, letters)]
    if not any(headers):
        raise ContactsError(f"{path}:{number}: the header row is empty")
    duplicates = _rename_duplicates(headers, letters)
    rows, problems = [], {}
    unnamed: dict[str, int] = {}
    for row_number, cells in records[index + 1:]:
        if suffix not in (".xlsx", ".xlsm") and len(cells) > len(headers) and any(
                c.strip() for c in cells[len(headers):]):
            problems[row_number] = (
                f"{path}:{row_number}: {len(cells)} cells but the header names {len(headers)} "
                "columns (a comma inside a value that is not in quotes?); fix the row",)
        row_warnings: list[str] = []
        values = {}
        for i, (h, v) in enumerate(zip(headers, cells)):
            if not h:
                if v.strip():
                    unnamed[letters[i]] = unnamed.get(letters[i], 0) + 1
                continue
            values[h] = _clean_cell(v, row_warnings, f"{path}:{row_number}:{h}")
        if any(values.values()):
            rows.append((row_number, values))
            warnings += row_warnings
    if not rows:
        raise ContactsError(f"{path}: the file has a header row but no data rows")
    warnings += [f"{path}:{number}: column {letter} has no name in the header row; its "
                 f"{count} value(s) are not read" for letter, count in unnamed.items()]
    kept = tuple(h for h in headers if h)
    typed = {(n, headers[col]): cell for (n, col), cell in typed_at.items()
             if col < len(headers) and headers[col]}
    return Sheet(path, kept, tuple(rows), tuple(notices), tuple(warnings), sheet_name, number,
                 tuple(letter for h, letter in zip(headers, letters) if h), duplicates, typed,
                 problems)


def _rename_duplicates(headers: list[str], letters: list[str]) -> dict[str, tuple[str, ...]]:
    """Give each column name written more than once its letter ("District (F)"), in place.

    Names are compared as ``_key`` does. Returns ``{name as first written: (letters...)}``.
    """
    seen: dict[str, list[int]] = {}
    for i, header in enumerate(headers):
        if header:
            seen.setdefault(_key(header) or header, []).append(i)
    duplicates = {}
    for indexes in seen.values():
        if len(indexes) > 1:
            duplicates[headers[indexes[0]]] = tuple(letters[i] for i in indexes)
            for i in indexes:
                headers[i] = f"{headers[i]} ({letters[i]})"
    return duplicates


def _clean_cell(value: object, warnings: list[str] | None = None, where: str = "") -> str:
    """One cell as text: whole floats as ints, NaN as "", control characters removed.

    Text such as "nan", "None" or "Null" is kept: it can be a name. A column made only
    of such export marks is read as empty by ``readreport.apply_fields``.

    Appends ``where: removed N control character(s)`` to ``warnings`` when any were.
    """
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer():
            return str(int(value))
    text, removed = clean_text(str(value))
    if removed and warnings is not None:
        warnings.append(f"{where}: removed {removed} control character(s)")
    return text.strip()


def _is_binary(data: bytes) -> bool:
    """True for a file that is not text (binary data renamed .csv).

    That is: a known signature, a NUL in the header line, or NULs in a file that is not
    UTF-8. A stray NUL in a UTF-8 cell is a control character (removed with a warning,
    see ``clean_text``), not a reason to refuse the file.
    """
    if data.startswith(_BINARY_SIGNATURES):
        return True
    if b"\x00" not in data:
        return False
    first_line = data[:65536].split(b"\n", 1)[0]
    if b"\x00" in first_line:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _read_csv(path: Path) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """Every record of a CSV file as ``(row number, cells)``, and notices on how it was read."""
    try:
        data = path.read_bytes()
    except OSError as exc:  # unreadable, locked, a broken network drive
        raise ContactsError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ContactsError(f"{path}: the file is empty; the first row must hold column names")
    notices = []
    if data[:2] in _UTF16_BOMS:  # Excel's "Unicode Text"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ContactsError(f"{path}: not readable UTF-16 text; "
                                "save it as 'CSV UTF-8'") from exc
        notices.append(f"{path}: read as UTF-16 (Excel's 'Unicode Text')")
    elif _is_binary(data):
        hint = " (it looks like an Excel workbook: name it .xlsx)" if data[:2] == b"PK" else ""
        raise ContactsError(f"{path}: this is not a text CSV file: it holds binary data{hint}")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise ContactsError(f"{path}: the file is neither UTF-8 nor Windows-1252 text; "
                                    "save it as 'CSV UTF-8'") from exc
            notices.append(f"{path}: not UTF-8; read as Windows-1252 (Excel's plain CSV). "
                           "Save as 'CSV UTF-8' to be sure accents are right")
    # Line ends as Excel reads them: CR LF, LF, or a lone CR (old Mac files).
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    first, delimiter = 0, None
    while first < len(lines) and not lines[first].strip(",;\t \""):
        first += 1
    if first < len(lines) and re.fullmatch(r"sep=.", lines[first].strip(), re.I):
        delimiter = lines[first].strip()[4]   # Excel's "sep=;" hint line
        lines[first] = ""
    sample = [line for line in lines[first:first + 40] if line.strip(",;\t \"")]
    if not sample:
        raise ContactsError(f"{path}: the file is empty; the first row must hold column names")
    if delimiter is None:
        delimiter = _sniff_delimiter(sample)
    if delimiter != ",":
        notices.append(f"{path}: columns separated by {'tabs' if delimiter == chr(9) else repr(delimiter)}")
    try:
        records = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    except csv.Error as exc:
        raise ContactsError(f"{path}: not a readable CSV file: {exc}") from exc
    return [(i + 1, row) for i, row in enumerate(records)], notices


def _sniff_delimiter(sample: list[str]) -> str:
    """The delimiter (comma, semicolon or tab) that splits most ``sample`` lines alike.

    For each candidate, the lines are split and the most frequent width of two or more
    cells is counted; the delimiter with the most lines of one width wins (then the
    wider one, then the comma). A title row above the header, or commas inside cells
    of a semicolon file ("1,5"), do not mislead it as a one-line guess would.
    """
    best, best_score = ",", (0, 0)
    for delimiter in ",;\t":
        try:
            widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue
        counts: dict[int, int] = {}
        for width in widths:
            if width > 1:
                counts[width] = counts.get(width, 0) + 1
        if counts:
            score = max((n, width) for width, n in counts.items())
            if score > best_score:
                best, best_score = delimiter, score
    return best


def _row_list(numbers: list[int]) -> str:
    """Row numbers as people read them: "4, 7-9"."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _read_xlsx(path: Path, sheet: str | None, include_hidden: bool = False):
    """The records of one worksheet: ``(records, notices, typed cells, sheet name)``.

    ``records`` are ``(row number, cells as shown)``; typed cells (numbers, dates,
    formulas without a saved value, Excel errors) are ``{(row, column index):
    readreport.TypedCell}``. The workbook is loaded a second time, with the values Excel
    saved, only when the sheet holds formulas.
    """
    import openpyxl
    from openpyxl.utils.cell import range_boundaries

    from toolkit.readreport import TypedCell, excel_date_text

    try:
        book = openpyxl.load_workbook(path)
        names = list(book.sheetnames)
        notices = []
        if sheet is not None:
            if sheet not in names:
                raise ContactsError(f"{path}: no sheet named {sheet!r}; its sheets are "
                                    f"{', '.join(repr(n) for n in names)}")
            ws = book[sheet]
            if ws.sheet_state != "visible":
                notices.append(f"{path}: sheet {sheet!r} is hidden in the workbook; read "
                               "because --sheet names it")
        else:
            visible = [w for w in book.worksheets if w.sheet_state == "visible"]
            if not visible:
                raise ContactsError(f"{path}: every sheet of the workbook is hidden; unhide "
                                    "one in Excel or name it with --sheet")
            active = book.active
            ws = active if active in visible else visible[0]
            others = [f"{n!r}" + ("" if book[n].sheet_state == "visible" else " (hidden)")
                      for n in names if n != ws.title]
            if others:
                which = "the active one" if ws is active else "the first visible one"
                notices.append(f"{path}: read sheet {ws.title!r}, {which}; not read: "
                               f"{', '.join(others)} (--sheet NAME reads another)")
        saved = None
        if any(c.data_type == "f" for row in ws.iter_rows() for c in row):
            saved = openpyxl.load_workbook(path, data_only=True)[ws.title]
        hidden = {n for n, dim in ws.row_dimensions.items() if dim.hidden}
        filtered_rows = range(0)
        if ws.auto_filter.ref:
            _, top, _, bottom = range_boundaries(ws.auto_filter.ref)
            filtered_rows = range(top + 1, bottom + 1)
        records, typed = [], {}
        skipped: dict[bool, list[int]] = {True: [], False: []}
        for row in ws.iter_rows(min_row=1):
            cells = []
            for cell in row:
                value, kind, data_type = cell.value, "", cell.data_type
                if data_type == "f":
                    value = saved.cell(row=cell.row, column=cell.column).value
                    data_type = saved.cell(row=cell.row, column=cell.column).data_type
                    if value is None:
                        typed[(cell.row, cell.column - 1)] = TypedCell(
                            "formula", getattr(cell.value, "text", cell.value))
                        cells.append("")
                        continue
                if value is None:
                    shown = ""
                elif data_type == "e":
                    shown, kind = str(value), "error"
                elif isinstance(value, (dt.date, dt.time)):
                    shown, kind = excel_date_text(value, cell.number_format), "date"
                elif isinstance(value, bool):
                    shown = "TRUE" if value else "FALSE"
                elif isinstance(value, (int, float)):
                    shown, kind = _clean_cell(value), "number"
                else:
                    shown = str(value)
                if kind:
                    typed[(cell.row, cell.column - 1)] = TypedCell(kind, value, shown)
                cells.append(shown)
            number = row[0].row if row else len(records) + 1
            if number in hidden and not include_hidden:
                if any(c.strip() for c in cells):
                    skipped[number in filtered_rows].append(number)
                continue
            records.append((number, cells))
    except ContactsError:
        raise
    except Exception as exc:  # zipfile, openpyxl and lxml raise many kinds on damaged files
        raise ContactsError(f"{path}: not a readable .xlsx workbook (damaged or truncated?); "
                            "open and save it again in Excel") from exc
    if skipped[False]:
        notices.append(f"{path}: skipped {len(skipped[False])} hidden row(s): "
                       f"{_row_list(skipped[False])} (--include-hidden reads them)")
    if skipped[True]:
        notices.append(f"{path}: skipped {len(skipped[True])} row(s) hidden by the filter on "
                       f"{ws.auto_filter.ref}: {_row_list(skipped[True])} (--include-hidden "
                       "reads them)")
    if include_hidden and hidden:
        notices.append(f"{path}: hidden rows read (--include-hidden): {_row_list(sorted(hidden))}")
    if not any(c.strip() for _, cells in records for c in cells):
        others = [n for n in names if n != ws.title]
        hint = (f"; pick another with --sheet ({', '.join(repr(n) for n in others)})"
                if others else "")
        raise ContactsError(f"{path}: sheet {ws.title!r} is empty; the first row must hold "
                            f"column names{hint}")
    return records, notices, typed, ws.title


# --------------------------------------------------------------------------- column mapping

def _key(header: str) -> str:
    """Header as compared: lower case, runs of anything but letters and digits as one space."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.lower()).split())


@dataclass(frozen=True)
class FieldSpec:
    """A field the toolkit reads, the headers that feed it, and whether a file must have it."""

    name: str
    synonyms: tuple[str, ...]
    required: bool = False


def map_columns(sheet: Sheet, fields: tuple[FieldSpec, ...],
                overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Match ``sheet``'s headers to ``fields``; return ``{field name: header}``.

    Headers are compared case- and punctuation-insensitively ("ZIP Code", "zip_code").
    ``overrides`` (from ``--map field=Column``) win. Raises ContactsError naming the
    file when an override names an unknown field or column, a required field has no
    column, or a column name that would feed a field is written twice
    (``readreport.duplicate_problems``); the error's ``report`` attribute is then the
    sheet's ``readreport.ReadReport`` so far, for ``check`` commands to print.
    """
    from toolkit import readreport

    overrides = overrides or {}
    by_key = {}
    for header in sheet.headers:
        by_key.setdefault(_key(header), header)
    known = {f.name for f in fields}
    problems = []
    mapping: dict[str, str] = {}
    for name, column in overrides.items():
        if name not in known:
            problems.append(f"{sheet.path}: --map {name}={column}: unknown field {name!r}; "
                            f"fields are {', '.join(sorted(known))}")
        elif _key(column) not in by_key:
            problems.append(f"{sheet.path}: --map {name}={column}: no column {column!r}; "
                            f"columns are {', '.join(sheet.headers)}")
        else:
            mapping[name] = by_key[_key(column)]
    taken = set(mapping.values())
    for spec in fields:
        if spec.name in mapping:
            continue
        for synonym in (spec.name, *spec.synonyms):
            header = by_key.get(_key(synonym))
            if header and header not in taken:
                mapping[spec.name] = header
                taken.add(header)
                break
    for spec in fields:
        if spec.required and spec.name not in mapping:
            names = ", ".join(repr(s) for s in (spec.name, *spec.synonyms[:3]))
            problems.append(f"{sheet.path}:{sheet.header_row}: no column for "
                            f"{spec.name.replace('_', ' ')} (looked for {names}); name it so, "
                            f"or pass --map {spec.name}=COLUMN")
    problems += readreport.duplicate_problems(sheet, fields, overrides)
    if problems:
        raise column_error(sheet, fields, mapping, problems)
    return mapping


def column_error(sheet: Sheet, fields: tuple[FieldSpec, ...], mapping: dict[str, str],
                 problems: list[str]) -> ContactsError:
    """The ContactsError for columns that cannot be used, carrying the sheet's read report.

    Its ``report`` attribute is the ``readreport.ReadReport`` of ``sheet`` with
    ``mapping`` as far as it got, so that a ``check`` command shows the columns (and
    their did-you-means) above the problems.
    """
    from toolkit import readreport

    error = ContactsError(f"{sheet.path}: the columns cannot be used", problems)
    error.report = readreport.read_report(sheet, fields, mapping)
    return error


def clean_text(text: str) -> tuple[str, int]:
    """``text`` without the characters a letter cannot carry, and how many were removed.

    The rule, applied to every cell of a contacts or constituents spreadsheet as it is
    read: line ends CR LF and CR become LF (not counted); tab and LF are kept; the
    other C0 control characters (U+0000 to U+001F) and DEL (U+007F) are removed, and so
    are lone surrogates (U+D800 to U+DFFF) and the noncharacters U+FFFE and U+FFFF:
    XML 1.0, hence a .docx, cannot hold them and a PDF would show them as boxes. The
    controls that separate words (vertical tab and form feed, pasted line and page
    breaks, and the separators U+001C to U+001F) become a space instead, so that the
    words on either side stay apart. Everything else (accents, combining marks, bidi
    marks, emoji) is kept as it is.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed = 0

    def replace(match: re.Match) -> str:
        nonlocal removed
        removed += 1
        return " " if match.group() in _SPACING_CONTROL else ""

    return _CONTROL.sub(replace, text), removed


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


# --------------------------------------------------------------------------- legislators

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
    return _ROLES.get(_key(title), "Member")


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


LEGISLATOR_FIELDS = (
    FieldSpec("bioguide_id", ("bioguide id", "bioguide", "member id", "id")),
    FieldSpec("last_name", ("last name", "surname", "family name", "last", "lastname")),
    FieldSpec("first_name", ("first name", "given name", "first", "firstname")),
    FieldSpec("middle_name", ("middle name", "middle", "middle initial")),
    FieldSpec("suffix", ("name suffix",)),
    FieldSpec("nickname", ("nick name", "preferred name")),
    FieldSpec("full_name", ("full name", "official name", "name")),
    FieldSpec("chamber", ("type", "office type", "house or senate", "body"), True),
    FieldSpec("state", ("st", "state code", "state abbr"), True),
    FieldSpec("district", ("cd", "congressional district", "district number")),
    FieldSpec("party", ("party affiliation",)),
    FieldSpec("gender", ("sex",)),
    FieldSpec("address", ("office address", "dc office", "washington office", "mailing address",
                          "street", "street address")),
    FieldSpec("city", ("office city",)),
    FieldSpec("zip", ("zip code", "zipcode", "postal code", "zip 4")),
    FieldSpec("phone", ("phone number", "telephone", "office phone")),
    FieldSpec("url", ("website", "web site", "homepage")),
)


_CHAMBERS = {"sen": "senate", "senate": "senate", "senator": "senate", "s": "senate",
             "rep": "house", "house": "house", "representative": "house", "h": "house",
             "delegate": "house", "del": "house", "resident commissioner": "house",
             "congressman": "house", "congresswoman": "house",
             "u s senate": "senate", "us senate": "senate", "united states senate": "senate",
             "house of representatives": "house", "u s house": "house", "us house": "house",
             "u s house of representatives": "house", "us house of representatives": "house",
             "united states house of representatives": "house"}


@dataclass(frozen=True)
class ContactsTable:
    """Legislators read from a file, with what the reader decided and found.

    ``columns`` maps each field to the header that fed it; ``problems`` lists rows
    that cannot be used (``file:row:column: what is wrong``); ``warnings`` lists rows
    used with a caveat, and every cell whose control characters were removed
    (``file:row:column: removed 2 control character(s)``); ``notices`` says what was
    guessed about the file; ``report`` is how the file was read (``readreport.ReadReport``:
    sheet, header row, columns used and ignored).
    """

    path: Path
    legislators: tuple[Legislator, ...]
    columns: dict[str, str]
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    notices: tuple[str, ...] = ()
    report: "ReadReport | None" = None
    #: members.MatchReport for the rows without a bioguide ID (None for the members in use).
    matching: object = None

    def warnings_for(self, legislators: Iterable["Legislator"]) -> list[str]:
        """The warnings about the rows of ``legislators``, and those about the whole file."""
        rows = {str(leg.row) for leg in legislators}
        header = getattr(self.report, "header_row", 1)
        prefix = f"{self.path}:"
        kept = []
        for warning in self.warnings:
            rest = warning[len(prefix):] if warning.startswith(prefix) else ""
            row = rest.split(":", 1)[0]
            if not row.isdigit() or row in rows or int(row) <= header:
                kept.append(warning)
        return kept

    def by_chamber(self) -> dict[str, int]:
        """Count the usable rows per office kind (senator, representative, delegate...)."""
        counts: dict[str, int] = {}
        for leg in self.legislators:
            counts[leg.office_kind] = counts.get(leg.office_kind, 0) + 1
        return counts


def load_legislators(path: str | Path | None = None, committees: str | Path | None = None,
                     columns: dict[str, str] | None = None, sheet: str | None = None,
                     strict: bool = True, header_row: int | None = None,
                     include_hidden: bool = False) -> ContactsTable:
    """Read legislators from ``path`` (default: the congress data in use, see
    ``datastore.data_file``; its members get ``term_end``) with their seats.

    ``committees`` is a committee-membership CSV (``bioguide_id, committee_id,
    committee_name, role``; default: the one of the data in use). ``columns`` overrides the header match (``{field: header}``).
    With ``strict`` (the default) any unusable row raises ContactsError listing every
    problem of the file; otherwise they are returned in ``problems`` for a report.
    ``header_row`` and ``include_hidden`` are ``read_sheet``'s (``--header-row``,
    ``--include-hidden``); cells are settled by ``readreport.apply_fields``, whose row
    problems stop their rows.
    """
    from toolkit import datastore, readreport

    in_use = path is None   # the members in use: the reference other sheets are checked against
    path = Path(path) if path is not None else datastore.data_file("legislators-current.csv")
    table = read_sheet(path, sheet, LEGISLATOR_FIELDS, header_row, include_hidden)
    name_fields = tuple(f for f in LEGISLATOR_FIELDS if f.name in ("last_name", "full_name"))
    name_problem = [] if map_columns(table, name_fields, {
        k: v for k, v in (columns or {}).items() if k in ("last_name", "full_name")}) else [
        f"{path}:{table.header_row}: no column for the name (looked for 'Last Name', "
        "'Surname', 'Full Name', "
        "'Name'); if a column holds whole names (\"Elizabeth Warren\"), pass "
        "--map full_name=COLUMN"]
    try:
        mapping = map_columns(table, LEGISLATOR_FIELDS, columns)
    except ContactsError as exc:
        exc.problems[:0] = name_problem
        raise
    if name_problem:
        raise column_error(table, LEGISLATOR_FIELDS, mapping, name_problem)
    table, report = readreport.apply_fields(table, LEGISLATOR_FIELDS, mapping)
    if committees is None:
        committees = datastore.data_file("committee-membership.csv")
    seats = load_committees(committees)
    legislators, problems, warnings = [], [], []
    if "bioguide_id" not in mapping:
        warnings.append(f"{path}: no bioguide ID column: rows are matched to the members in "
                        "use by name, state, chamber and district (see 'advocacy contacts check')")
    seen: dict[object, int] = {}
    for number, cells in table.rows:
        if number in report.row_problems:
            problems += report.row_problems[number]
            continue
        leg, row_problems, row_warnings = _legislator(path, number, cells, mapping, seats,
                                                      in_use)
        problems += row_problems
        warnings += row_warnings
        if leg is None:
            continue
        if leg.bioguide_id in seen:
            problems.append(f"{path}:{number}:{mapping.get('bioguide_id', 'bioguide_id')}: "
                            f"bioguide ID {leg.bioguide_id} repeats row {seen[leg.bioguide_id]}; "
                            "each member must appear once")
            continue
        same = (leg.chamber, leg.state, leg.district, leg.last_name.casefold(),
                leg.first_name.casefold())
        if "bioguide_id" not in mapping and same in seen:
            problems.append(f"{path}:{number}:{mapping.get('last_name') or mapping['full_name']}: "
                            f"{leg.last_name} repeats "
                            f"row {seen[same]}; each member must appear once")
            continue
        seen[leg.bioguide_id] = seen[same] = number
        legislators.append(leg)
    matching = None
    if not in_use:
        from toolkit import members

        legislators, record_problems, matching = members.check_sheet(legislators, seats, mapping,
                                                                     str(path))
        problems += record_problems
        warnings += members.not_in_use_warnings(legislators, mapping, str(path), matching)
        legislators, spelled = members.record_spelling(legislators, mapping, str(path))
        warnings += spelled
    if problems and strict:
        raise ContactsError(f"{path}: {len(problems)} row problem(s); fix them and run again",
                            problems)
    # Term dates of the data in use, for the members a sheet names by a known bioguide ID
    # too (datastore.term_ended): a member who has left gets no letter from any sheet.
    legislators = datastore.with_terms(legislators)
    return ContactsTable(path, tuple(legislators), mapping, tuple(problems),
                         report.warnings + tuple(warnings), table.notices, report,
                         matching)


def _legislator(path: Path, number: int, cells: dict[str, str], mapping: dict[str, str],
                seats: dict[str, tuple[Seat, ...]], in_use: bool = False):
    """Build one Legislator from a row; return (legislator or None, problems, warnings).

    ``in_use``: the row is the congress data's own (bundled or updated), whose
    first-name cells hold five nicknames in parentheses ("James (Jim)"): taking them
    apart is documented there (contacts/README.md), not warned about on every run; in a
    user's sheet it is a warning like every other name change.
    """
    problems: list[str] = []
    warnings: list[str] = []

    def get(name: str) -> str:
        return cells.get(mapping[name], "") if name in mapping else ""   # cleaned by read_sheet

    def where(name: str) -> str:
        return f"{path}:{number}:{mapping.get(name, name)}"

    name, name_changes = legislator_name({f: get(f) for f in NAME_FIELDS})
    for field, read, used, why in name_changes:
        if not (in_use and why.startswith(NICKNAME_KEPT_APART)):
            warnings.append(f"{where(field)}: read {read!r}, used {used!r} ({why})")
    last = name.last
    if not last:
        problems.append(f"{where('last_name' if 'last_name' in mapping else 'full_name')}: "
                        "the last name is empty")
    raw_chamber = get("chamber")
    chamber = _CHAMBERS.get(_key(raw_chamber))
    if not chamber:
        problems.append(f"{where('chamber')}: {raw_chamber!r} is not a chamber; "
                        "write Senate or House (sen or rep)")
    raw_state = get("state")
    state = normalize_state(raw_state) if raw_state else None
    if not state:
        problems.append(f"{where('state')}: {raw_state!r} is not a U.S. state or territory code")
    district = None
    raw_district = get("district")
    if chamber == "house" and state:
        from toolkit.constituents import parse_district

        if raw_district == "98" or (not raw_district and STATES[state][1] <= 1):
            district = 0
        elif raw_district:
            district = parse_district(raw_district, state)
        if district is None and not raw_district:
            problems.append(f"{where('district')}: no district: a House member from {state} "
                            f"needs one (1 to {STATES[state][1]})")
        elif district is None:
            problems.append(f"{where('district')}: {raw_district!r} is not a district of "
                            f"{state} (write 7, {state}-07, 7th, or At-Large / AL / 0)")
        if district is not None and not valid_district(state, district):
            seats_n = STATES[state][1]
            rule = "is at-large (district 0)" if seats_n <= 1 else f"has districts 1 to {seats_n}"
            problems.append(f"{where('district')}: district {raw_district} does not exist: "
                            f"{state} {rule}")
            district = None
    if chamber == "senate" and state in NO_SENATORS:
        problems.append(f"{where('state')}: {state} has no senators; is the chamber right?")
    if problems:
        return None, problems, warnings
    bioguide = get("bioguide_id").upper() or f"ROW{number}"
    from toolkit.address import office_from_cells

    address, office_problems = office_from_cells(get("address"), get("city"), get("zip"),
                                                 chamber)
    if office_problems:
        problems += [f"{where(field)}: {message}" for field, message in office_problems]
        return None, problems, warnings
    if not address:
        warnings.append(f"{where('address')}: {last} ({bioguide}) has no office address; "
                        "the inside address gives the chamber and ZIP only")
    leg = Legislator(
        bioguide_id=bioguide, first_name=name.first, last_name=last, chamber=chamber,
        state=state, district=district if chamber == "house" else None,
        middle_name=name.middle, suffix=name.suffix, nickname=name.nickname,
        full_name=name.full, party=get("party"), gender=get("gender"), address=address, phone=get("phone"),
        url=get("url"), row=number, source=str(path), seats=seats.get(bioguide, ()))
    from toolkit.members import row_problems

    problems += [f"{where(field)}: {message}" for field, message in row_problems(leg, raw_district)]
    if problems:
        return None, problems, warnings
    return leg, problems, warnings


def load_committees(path: str | Path) -> dict[str, tuple[Seat, ...]]:
    """Read a committee-membership CSV into ``{bioguide ID: (Seat, ...)}``.

    Columns: ``bioguide_id, committee_id, committee_name, role`` (extra columns are
    ignored). A file with the header only (rosters emptied at the start of a Congress)
    gives ``{}``. Raises ContactsError for a missing file or missing columns.
    """
    fields = (FieldSpec("bioguide_id", ("bioguide id", "bioguide"), True),
              FieldSpec("committee_id", ("committee id", "thomas id"), True),
              FieldSpec("committee_name", ("committee name", "committee"), True),
              FieldSpec("role", ("title", "position")))
    head = Path(path).read_bytes().strip() if Path(path).is_file() else b""
    if b"committee_id" in head and b"\n" not in head:  # the header alone: emptied rosters
        return {}
    table = read_sheet(path)
    mapping = map_columns(table, fields)
    seats: dict[str, list[Seat]] = {}
    for _, cells in table.rows:
        bioguide = cells[mapping["bioguide_id"]].upper()
        seat = Seat(cells[mapping["committee_id"]].upper(), cells[mapping["committee_name"]],
                    normalize_role(cells.get(mapping.get("role", ""), "")))
        seats.setdefault(bioguide, []).append(seat)
    return {k: tuple(v) for k, v in seats.items()}
