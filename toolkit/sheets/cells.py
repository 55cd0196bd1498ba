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
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from toolkit.errors import ContactsError
from toolkit.sheets.filekinds import (BINARY_SIGNATURES, UTF16_BOMS, is_binary,
                                      stop_other_workbooks, utf16_without_bom, workbook_kind)
from toolkit.sheets.readreport import header_key
if TYPE_CHECKING:  # pragma: no cover
    from toolkit.sheets.columns import FieldSpec







#: Characters a cell may not keep (see ``clean_text``): C0 controls other than tab and
#: newline, DEL, lone surrogates, and the noncharacters U+FFFE and U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


#: Controls that separate words (pasted line and page breaks): replaced by a space.
_SPACING_CONTROL = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f")


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

    Only the rows up to the last one that holds a value are read (a sheet formatted
    down to row 1,048,576 is its rows, ``_last_value``); openpyxl's own warnings become
    one notice. A CSV in UTF-16 without a byte-order mark is read as such, with a
    notice.

    Raises ContactsError (one line, naming the file) for a missing, empty, binary or
    truncated file, a password-protected workbook, an old ``.xls`` or an ``.ods``
    (``workbook_kind``: what it is and how to save it as ``.xlsx``), an unknown sheet,
    an empty ``header_row``, a file with a header but no rows, or a CSV quote that never
    closes and swallowed the rows after it (``_stop_unclosed_quote``, naming the row
    and column where it opened).
    """
    from toolkit.sheets import readreport

    path = Path(path)
    if not path.is_file():
        raise ContactsError(f"{path}: no such file")
    suffix = path.suffix.lower()
    typed_at: dict[tuple[int, int], object] = {}
    sheet_name, delimiter, open_at_end = None, ",", False
    if suffix in (".xlsx", ".xlsm"):
        records, notices, typed_at, sheet_name = _read_xlsx(path, sheet, include_hidden)
    elif suffix in (".xls", ".ods"):
        stop_other_workbooks(path)
        kind = ("an OpenDocument spreadsheet (.ods)" if suffix == ".ods" else
                "an old Excel 97-2003 workbook (.xls)")
        raise ContactsError(f"{path}: {kind} is not read: save it as 'Excel Workbook "
                            "(*.xlsx)' (Excel: File > Save As; LibreOffice Calc: 'Excel "
                            "2007-365 (.xlsx)'), or as 'CSV UTF-8', then run again with that file")
    else:
        records, notices, delimiter, open_at_end = _read_csv(path)
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
    if suffix not in (".xlsx", ".xlsm") and open_at_end is not None:
        _stop_unclosed_quote(path, records[index + 1:], headers, letters, delimiter, open_at_end)
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

    Names are compared as ``header_key`` does. Returns ``{name as first written: (letters...)}``.
    """
    seen: dict[str, list[int]] = {}
    for i, header in enumerate(headers):
        if header:
            seen.setdefault(header_key(header) or header, []).append(i)
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
    if type(value) is str and value.isprintable():   # most cells: nothing to clean
        return value.strip()
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






def _read_csv(path: Path) -> tuple[list[tuple[int, list[str]]], list[str], str, bool | None]:
    """Every record of a CSV file as ``(row number, cells)``, the notices on how it was
    read, its delimiter, and whether the file ends inside a quoted cell (a quote that
    never closes: see ``_stop_unclosed_quote``), None when no cell spans lines at all."""
    try:
        data = path.read_bytes()
    except OSError as exc:  # unreadable, locked, a broken network drive
        raise ContactsError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ContactsError(f"{path}: the file is empty; the first row must hold column names")
    notices = []
    if data[:2] in UTF16_BOMS:  # Excel's "Unicode Text"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ContactsError(f"{path}: not readable UTF-16 text; "
                                "save it as 'CSV UTF-8'") from exc
        notices.append(f"{path}: read as UTF-16 (Excel's 'Unicode Text')")
    elif workbook_kind(data):
        raise ContactsError(f"{path}: not a text CSV file: {workbook_kind(data)}")
    elif not data.startswith(BINARY_SIGNATURES) and utf16_without_bom(data):
        order = utf16_without_bom(data)
        try:
            text = data.decode(order)
        except UnicodeDecodeError as exc:
            raise ContactsError(f"{path}: looks like UTF-16 text ({order}) but cannot be read "
                                "as such; save it as 'CSV UTF-8'") from exc
        endian = "little" if order.endswith("le") else "big"
        notices.append(f"{path}: read as UTF-16 ({endian}-endian, without a byte-order mark)")
    elif is_binary(data):
        if workbook_kind(data):
            raise ContactsError(f"{path}: {workbook_kind(data)}")
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
    joined = "\n".join(lines)
    try:
        records = list(csv.reader(io.StringIO(joined), delimiter=delimiter))
    except csv.Error as exc:
        raise ContactsError(f"{path}: not a readable CSV file: {exc}") from exc
    # As many records as lines: no cell spans lines, so no quote swallowed any (the
    # usual case, checked without looking at a cell).
    spans_lines = len(records) < len(lines) - (1 if lines and not lines[-1] else 0)
    open_at_end = _ends_in_quote(joined, delimiter) if spans_lines else None
    return [(i + 1, row) for i, row in enumerate(records)], notices, delimiter, open_at_end


def _ends_in_quote(text: str, delimiter: str) -> bool:
    """True when ``text`` ends inside a quoted cell: a quote opened and never closed.

    Python's csv reader (not strict) then reads everything up to the end of the file
    into that one cell; its strict mode says "unexpected end of data" instead. Only
    checked when some line break is inside quotes at all (the text has a quote).
    """
    if '"' not in text:
        return False
    try:
        for _ in csv.reader(io.StringIO(text), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _stop_unclosed_quote(path: Path, records: list[tuple[int, list[str]]], headers: list[str],
                         letters: list[str], delimiter: str, open_at_end: bool) -> None:
    """Raise ContactsError when a quote that never closes swallowed the rows after it.

    A cell that begins with ``"`` is read up to the next quote, line breaks and all: a
    story typed as ``"I came to Maine...`` without its closing quote makes every later
    line of the file part of that one cell, and those people vanish. Such a cell is
    found by what it holds: lines that split, with the file's delimiter, into exactly
    as many cells as the header has columns (whole rows), or a cell that runs to the
    end of a file that ends inside quotes (``open_at_end``). ``records`` are the data
    rows after the header. The message names the row and column where the quote opened
    and what to do.
    """
    width = len(headers)
    last_row = records[-1][0] if records else 0
    for number, cells in records:
        for col, cell in enumerate(cells):
            if "\n" not in cell:
                continue
            following = [line for line in cell.split("\n")[1:] if line.strip()]
            rowlike = [line for line in following if width >= 3 and len(
                next(csv.reader([line], delimiter=delimiter), [])) == width]
            at_end = open_at_end and number == last_row and col == len(cells) - 1
            if not rowlike and not at_end:
                continue
            if col < width and headers[col]:
                column = headers[col]
            else:
                column = f"column {letters[col] if col < len(letters) else col + 1}"
            raise ContactsError(
                f"{path}:{number}:{column}: a quote (\") opens this cell and never closes, so "
                f"the {len(following)} line(s) after it"
                + (f" ({len(rowlike)} of them rows of the sheet)" if rowlike else "")
                + " were read into this one cell and their rows would be lost; close the "
                "quote at the end of the cell's text or delete it (a quote inside a cell is "
                "written twice: \"\"), then run again")


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

    from toolkit.sheets.readreport import TypedCell, excel_date_text, excel_number_text

    stop_other_workbooks(path)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            book = openpyxl.load_workbook(path)
        names = list(book.sheetnames)
        notices = _openpyxl_notice(path, caught)
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
        last_row, last_column = _last_value(ws)
        saved = None
        if any(c.data_type == "f" for row in _value_rows(ws, last_row, last_column)
               for c in row):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")   # said once, above
                saved = openpyxl.load_workbook(path, data_only=True)[ws.title]
        hidden = {n for n, dim in ws.row_dimensions.items() if dim.hidden}
        filtered_rows = range(0)
        if ws.auto_filter.ref:
            _, top, _, bottom = range_boundaries(ws.auto_filter.ref)
            filtered_rows = range(top + 1, bottom + 1)
        records, typed = [], {}
        skipped: dict[bool, list[int]] = {True: [], False: []}
        for row in _value_rows(ws, last_row, last_column):
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
                    shown, kind = (excel_number_text(value, cell.number_format)
                                   if float(value).is_integer() else _clean_cell(value)), "number"
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


def _last_value(ws) -> tuple[int, int]:
    """The last row and the last column of ``ws`` (an openpyxl worksheet) that hold a
    value, ``(0, 0)`` for an empty sheet.

    A cell that only carries a format counts for openpyxl's ``max_row`` (a bold cell at
    row 1,048,576 makes a million-row sheet of a three-row list, and iterating it
    makes a cell object for every place: a minute and 1.9 GB); it holds nothing to
    read. The cells present in the file are openpyxl's ``ws._cells`` (its own store,
    keyed by ``(row, column)``), so no empty place is made to find them.
    """
    last_row = last_column = 0
    for (row, column), cell in getattr(ws, "_cells", {}).items():
        if cell.value is not None:
            last_row, last_column = max(last_row, row), max(last_column, column)
    return last_row, last_column


def _value_rows(ws, last_row: int, last_column: int):
    """The rows of ``ws`` from row 1 to ``last_row``, each cut at ``last_column``
    (``_last_value``): every row Excel shows that holds a value, blank and hidden ones
    between them included, and none of the formatted emptiness after them."""
    if not last_row:
        return iter(())
    return ws.iter_rows(min_row=1, max_row=last_row, max_col=last_column)


def _openpyxl_notice(path: Path, caught: list) -> list[str]:
    """openpyxl's warnings while loading ``path`` as one notice of the read report.

    openpyxl warns, as Python ``UserWarning``s printed with its own source path, about
    the parts of a workbook it does not keep ("Data Validation extension is not
    supported and will be removed", "Conditional Formatting extension ..."): they
    change no value that is read, so they are said once, in the field's words.
    """
    found = []
    for item in caught:
        text = str(item.message).strip()
        feature = re.fullmatch(r"(.+?) is not supported and will be removed\.?", text)
        text = feature[1].lower() if feature else text[:1].lower() + text[1:]
        if text and text not in found:
            found.append(text)
    if not found:
        return []
    return [f"{path}: not read, as they change no value: {', '.join(found)} (Excel features "
            "this reader does not keep)"]












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
    if text.isprintable():      # no control, surrogate or noncharacter: nothing to do
        return text, 0
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed = 0

    def replace(match: re.Match) -> str:
        nonlocal removed
        removed += 1
        return " " if match.group() in _SPACING_CONTROL else ""

    return _CONTROL.sub(replace, text), removed

