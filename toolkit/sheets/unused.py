"""Columns a run does not use, said out loud: never a column dropped in silence.

A sheet's column that feeds no field (``columns.map_columns``) is left out of every
letter. A run names each such column that holds values (a note), and a constituents run
stops when one of them holds free text while no column feeds the story: "Why this
matters to me" is almost surely the story the writer meant to send. ``--map
story='Why this matters to me'`` prints it; ``--ignore-column 'Why this matters to me'``
leaves it out on purpose, and silences the note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from toolkit.errors import ContactsError
from toolkit.sheets.readreport import header_key

if TYPE_CHECKING:  # pragma: no cover
    from toolkit.sheets.cells import Sheet


@dataclass(frozen=True)
class UnusedColumn:
    """A named column that feeds no field and holds values: ``header`` as written,
    ``letter`` ("G"), ``values`` (how many non-empty cells) and ``free_text`` (whether
    they read as sentences, see ``is_free_text``)."""

    header: str
    letter: str
    values: int
    free_text: bool


_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def is_sentence(text: str) -> bool:
    """True when ``text`` reads as a sentence, not a code or a name.

    That is: six words or more, two of them all lower case ("my", "to"), or three words
    or more ending with ``.``, ``!`` or ``?`` with one lower-case word. "ME-01", "yes",
    "Volunteer", "Friends of the Earth", "1234 Martin Luther King Jr Blvd" are not;
    "Mali matters to me because my family lives there" and "We care about this." are.
    """
    words = text.split()
    lower = sum(1 for w in words if _WORD.fullmatch(w.strip(".,;:!?\"'()")) and w.islower())
    if len(words) >= 6 and lower >= 2:
        return True
    return len(words) >= 3 and text.rstrip().endswith((".", "!", "?")) and lower >= 1


def is_free_text(values: Sequence[str]) -> bool:
    """True when a column's non-empty ``values`` are free text: a third or more of them
    are sentences (``is_sentence``); a story column is often sparse and short in places."""
    values = [v for v in values if v.strip()]
    return bool(values) and 3 * sum(1 for v in values if is_sentence(v)) >= len(values)


def unused_columns(sheet: "Sheet", mapping: dict[str, str],
                   ignore: Sequence[str] = ()) -> tuple[UnusedColumn, ...]:
    """The columns of ``sheet`` that hold values but feed no field of ``mapping`` and are
    not named in ``ignore`` (``--ignore-column``, compared as ``header_key`` does), in
    sheet order. Raises ContactsError when ``ignore`` names a column the sheet lacks."""
    keys = {header_key(h): h for h in sheet.headers}
    missing = [name for name in ignore if header_key(name) not in keys]
    if missing:
        raise ContactsError(f"{sheet.path}: --ignore-column {missing[0]!r}: no such column; "
                            f"columns are {', '.join(sheet.headers)}")
    left_out = {keys[header_key(name)] for name in ignore}
    used = set(mapping.values())
    letters = dict(zip(sheet.headers, sheet.letters))
    found = []
    for header in sheet.headers:
        if header in used or header in left_out:
            continue
        values = [cells.get(header, "") for _, cells in sheet.rows]
        count = sum(1 for v in values if v.strip())
        if count:
            found.append(UnusedColumn(header, letters.get(header, ""), count,
                                      is_free_text(values)))
    return tuple(found)


def unused_note(path: object, unused: Sequence[UnusedColumn]) -> str:
    """The note a run prints for the columns it does not use, or "" when there are none.

    ``people.csv: not used: column G 'Why this matters to me' (3 values), column H
    'Volunteer' (2 values); --map FIELD='COLUMN' reads one, --ignore-column 'COLUMN'
    leaves it out without this note``.
    """
    if not unused:
        return ""
    listed = ", ".join(f"column {c.letter} {c.header!r} ({c.values} value"
                       f"{'' if c.values == 1 else 's'})" for c in unused)
    return (f"{path}: not used: {listed}; --map FIELD='COLUMN' reads one, --ignore-column "
            "'COLUMN' leaves it out without this note")


def story_problem(path: object, mapping: dict[str, str],
                  unused: Sequence[UnusedColumn]) -> str:
    """Why a constituents run stops before rendering, or "": a column of free text that
    feeds nothing while no column feeds the story (``--map story=...`` or
    ``--ignore-column ...`` decides)."""
    if "story" in mapping:
        return ""
    text = next((c for c in unused if c.free_text), None)
    if text is None:
        return ""
    return (f"{path}: column {text.letter} {text.header!r} holds sentences but feeds nothing, "
            "and no column feeds the letters' story: pass --map story="
            f"'{text.header}' to print it in each letter, or --ignore-column '{text.header}' "
            "to make the letters without it")
