"""One constituent's letters, before the run: the preview of ``advocacy serve``.

``constituent_preview`` reads the sheet and plans the letters exactly as
``constituents.constituent_letters`` does (``plan_constituent_letters``), keeps the one
row asked for, and renders its letters with ``run_constituents``: the same wording,
matching, office and file names as the run, so a preview is the letter the run makes.
An organization's letter to one member needs no job of its own: ``letters.generate``
with ``Selection(ids=(bioguide,))`` and ``kinds=("letter",)``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from toolkit.documents.pdf import DEFAULT_VARIANT
from toolkit.errors import ContactsError
from toolkit.jobs.common import (JobResult, Notes, Sheet, data_warning,
                                 load_campaign_noting_drafts, read_constituents)
from toolkit.jobs.constituents import plan_constituent_letters, run_constituents
from toolkit.jobs.letters import letter_date
from toolkit.sheets.legislators import load_legislators


def constituent_preview(constituents_file: Path, campaign: Path | None, row: int, *,
                        out: Path, read: Sheet | None = None, contacts: Path | None = None,
                        office: str = "district", date: dt.date | None = None,
                        templates: Path | None = None,
                        pdf_variant: str | None = DEFAULT_VARIANT,
                        notify=None) -> JobResult:
    """The PDF letters of the constituent on spreadsheet row ``row`` (the row number the read
    report gives: 2 for the first person below a header in row 1),
    written under ``out`` as the run would name them (``constituents/<name>-r<row>/...``).

    Takes the same inputs as ``constituent_letters`` (``read``: how the sheet is read,
    ``contacts``, ``office``, ``date``, ``templates``, ``pdf_variant``). Returns a
    JobResult whose ``files.written``/``unchanged`` are the letter PDFs (no office print
    file) and whose ``attention`` holds the row's problems. Raises ContactsError when no
    constituent was read from row ``row``, ToolkitError on bad input.
    """
    notes = Notes(notify)
    data_warning(notes, date, contacts)
    loaded = load_campaign_noting_drafts(notes, campaign, date=date)
    people = read_constituents(notes, constituents_file, read or Sheet())
    chosen = [person for person in people.constituents if person.row == row]
    if not chosen:
        raise ContactsError(f"{people.path}: no constituent was read from row {row}; "
                            "choose a row the sheet's read report lists")
    table = load_legislators(contacts)
    plan = plan_constituent_letters(chosen, table.legislators, loaded, letter_date(date),
                                    office=office, day=date)
    plan.offices.clear()          # no office print file for a preview
    files = run_constituents(plan, out, formats=("pdf",), templates=templates, force=True,
                             workers=1, date=date, pdf_variant=pdf_variant)
    return JobResult(files, list(notes), attention=plan.attention,
                     attention_path=people.path)
