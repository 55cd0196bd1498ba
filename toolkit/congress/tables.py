"""The congress data's own CSV files, read as the toolkit writes and ships them.

The bundled snapshot (``contacts/*.csv``) and every downloaded version (``contacts
update`` writes them with ``datastore.write_csv`` after checking the set) are UTF-8
CSV files with a known header: they are read here with the standard library's
``csv`` module, never through the user-spreadsheet reader (``toolkit.sheets``), whose
guesses (header row, delimiter, encodings, typed cells) are for files people make.
"""

from __future__ import annotations

import csv
from pathlib import Path

from toolkit.errors import ContactsError


def read_table(path: str | Path) -> list[tuple[int, dict[str, str]]]:
    """Every record of a data CSV as ``(row number, {column: text})``.

    The header is row 1, so the first record is row 2 (the row number a spreadsheet
    shows, as in every report). Cells are stripped of surrounding white space; a short
    record's missing cells are "". Raises ContactsError naming the file when it cannot
    be read or has no header.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if not header:
                raise ContactsError(f"{path}: the file is empty; the first row must hold "
                                    "column names")
            columns = [name.strip() for name in header]
            return [(number, {name: (row[i].strip() if i < len(row) else "")
                              for i, name in enumerate(columns)})
                    for number, row in enumerate(reader, start=2)]
    except OSError as exc:
        raise ContactsError(f"{path}: cannot read the file: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ContactsError(f"{path}: not a readable CSV data file ({exc}); run "
                            "'advocacy contacts rollback' or reinstall the toolkit") from exc
