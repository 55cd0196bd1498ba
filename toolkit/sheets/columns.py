"""A sheet's columns matched to the fields the toolkit reads (``FieldSpec``).

Headers are matched by their usual spreadsheet names ("Last Name", "Surname", "ZIP
Code"...), compared as ``readreport.header_key`` does; ``--map FIELD=COLUMN`` overrides
the match. A required field without a column is one problem naming the headers found,
with a did-you-mean.
"""

from __future__ import annotations

import difflib

from dataclasses import dataclass
from typing import TYPE_CHECKING
from toolkit.errors import ContactsError
if TYPE_CHECKING:  # pragma: no cover
    pass

from toolkit.sheets.cells import Sheet
from toolkit.sheets.readreport import header_key




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
    from toolkit.sheets import readreport

    overrides = overrides or {}
    by_key = {}
    for header in sheet.headers:
        by_key.setdefault(header_key(header), header)
    known = {f.name for f in fields}
    problems = []
    mapping: dict[str, str] = {}
    for name, column in overrides.items():
        if name not in known:
            near = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
            hint = f"did you mean {near[0]!r}? " if near else ""
            problems.append(f"{sheet.path}: --map {name}={column}: unknown field {name!r}; "
                            f"{hint}fields are {', '.join(sorted(known))}")
        elif header_key(column) not in by_key:
            problems.append(f"{sheet.path}: --map {name}={column}: no column {column!r}; "
                            f"columns are {', '.join(sheet.headers)}")
        else:
            mapping[name] = by_key[header_key(column)]
    taken = set(mapping.values())
    for spec in fields:
        if spec.name in mapping:
            continue
        for synonym in (spec.name, *spec.synonyms):
            header = by_key.get(header_key(synonym))
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
    from toolkit.sheets import readreport

    error = ContactsError(f"{sheet.path}: the columns cannot be used", problems)
    error.report = readreport.read_report(sheet, fields, mapping)
    return error

