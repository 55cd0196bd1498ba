"""The call-sheet job (``advocacy calls``): ``calls/call-sheet.pdf`` and ``.csv`` for the
targeted offices, or one sheet per constituent for their own members.

The sheet and its 30-second script are ``documents.calls``; this module chooses the
offices and writes the files through the manifest.
"""

from __future__ import annotations

from toolkit.jobs.common import (JobResult, Notes, Selection, Sheet, data_warning,
                                 load_campaign_noting_drafts, load_targets, read_constituents)
from toolkit.jobs.letters import letter_date
from toolkit.sheets.legislators import load_legislators

import datetime as dt
from pathlib import Path
from typing import Sequence
from toolkit.campaign.model import Campaign
from toolkit.congress.model import Legislator
from toolkit.documents.draftmark import MARK_TEXT
from toolkit.errors import ToolkitError
from toolkit.documents.files import csv_bytes, safe_slug, sha256_bytes
from toolkit.documents.job import OutputFile
from toolkit.engine.run import Result, write_outputs

from toolkit.documents.calls import CONSTITUENT_CSV_COLUMNS, CSV_COLUMNS, CSV_PATH, Caller, SHEET_PATH, build_entries, csv_rows, render_sheet


def build_calls(targets: Sequence[Legislator], campaign: Campaign, out: Path, *, date: str,
                templates: str | Path | None = None, constituents: Sequence | None = None,
                legislators: Sequence[Legislator] = (), district_offices: dict | None = None,
                force: bool = False, dry_run: bool = False,
                day: dt.date | None = None) -> tuple[Result, list[str]]:
    """Make the call sheet(s) and their CSV under ``out``; record them in its manifest.

    Without ``constituents``: one sheet for ``targets`` (SHEET_PATH, CSV_PATH). With
    ``constituents`` (constituents.Constituent records; ``legislators`` to match them
    with own_members.match_offices): one sheet per constituent who has a member, at
    ``constituents/<name>-r<row>/call-sheet.pdf``, and CSV_PATH with their rows. ``date``
    is written out; constituents are matched to the members still in office on ``day``
    (default today). Returns (Result, ``(constituent, problems)`` for every row that did
    not get every member, as ``ConstituentPlan.attention``). Raises ToolkitError
    when no office is left to call; OutputExistsError as write_outputs does.
    """
    from toolkit.sheets.own_members import OfficeIndex, match_offices
    from toolkit.congress.offices import load_district_offices
    from toolkit.jobs.constituents import CONSTITUENT_COLUMNS
    from toolkit.engine.output import MANIFEST_COLUMNS

    offices = load_district_offices() if district_offices is None else district_offices
    sheets: list[tuple[str, Caller, list[Legislator], dict]] = []
    attention: list[tuple] = []
    if constituents is None:
        sheets.append((SHEET_PATH, Caller(), list(targets), {}))
    else:
        index = OfficeIndex.build(legislators, day)   # members still in office on ``day``
        for person in constituents:
            match = match_offices(person, index)
            if match.problems:
                attention.append((person, match.problems))
            if match.offices:
                place = " ".join(p for p in (f"{person.city}, {person.state}", person.zip[:5]) if p)
                sheets.append((f"constituents/{safe_slug(person.name)}-r{person.row}/call-sheet.pdf",
                               Caller(person.name, place), match.offices,
                               {"constituent_row": person.row, "constituent_name": person.name}))
    if not any(members for _, _, members, _ in sheets):
        raise ToolkitError("no office to call; check the selection",
                           [p for _, problems in attention for p in problems])
    columns = CONSTITUENT_CSV_COLUMNS if constituents is not None else CSV_COLUMNS

    def make() -> list[OutputFile]:
        from toolkit.documents.html import TemplateSet
        from toolkit.documents.pdf import PdfRenderer

        template_set = TemplateSet(templates)
        renderer = PdfRenderer(template_set.folders[0], template_set.folders)
        files, rows, laid_out = [], [], []
        for relpath, caller, members, extra in sheets:
            entries = build_entries(members, campaign, caller, offices, template_set)
            html, laid = render_sheet(entries, campaign, caller, date, template_set, renderer)
            laid_out.append((relpath, html, laid, extra))
            draft = {"draft": MARK_TEXT} if campaign.placeholder_sender else {}
            rows += csv_rows(entries, {**(extra or {}), **draft})
        pdfs = renderer.write([item[2] for item in laid_out],
                              [f"{campaign.title}: call sheet"] * len(laid_out))
        for (relpath, html, laid, extra), pdf in zip(laid_out, pdfs):
            meta = {"constituent_row": extra.get("constituent_row", ""),
                    "constituent_name": extra.get("constituent_name", "")} if extra else {}
            files.append(OutputFile(relpath, pdf.data, "call-sheet", "pdf", pdf.pages,
                                    sha256_bytes(html.encode("utf-8")), meta,
                                    tuple(f"{relpath}: {w}" for w in pdf.warnings)))
        data = csv_bytes(rows, columns)
        files.append(OutputFile(CSV_PATH, data, "call-sheet", "csv", "", sha256_bytes(data)))
        return files

    relpaths = [relpath for relpath, _, _, _ in sheets] + [CSV_PATH]
    result = write_outputs(Path(out), relpaths, make, force=force, dry_run=dry_run,
                           columns=CONSTITUENT_COLUMNS if constituents is not None
                           else MANIFEST_COLUMNS, campaign=campaign, date=day)
    return result, attention



def call_sheets(campaign: Path | None = None, *, out: Path | None = None,
                contacts: Sheet | None = None, selection: Selection | None = None,
                constituents_file: Path | None = None, date: dt.date | None = None,
                templates: Path | None = None, force: bool = False, dry_run: bool = False,
                notify=None, cosponsors: str | None = None) -> JobResult:
    """Call sheets for the targeted offices, or one per constituent (``build_calls``).

    ``cosponsors``: a bill's cosponsor list instead of the campaign's (``--cosponsors``).

    With ``constituents_file``, ``contacts``' maps, sheet, header row and hidden rows
    apply to that file (``contacts.path`` is the legislators sheet), ``out`` defaults
    to ``output/<campaign id>/constituents`` and rows that need attention are the
    result's ``attention``. Returns a JobResult.
    """
    notes = Notes(notify)
    contacts = contacts or Sheet()
    people = None
    if constituents_file:
        data_warning(notes, date, contacts.path)
        loaded = load_campaign_noting_drafts(notes, campaign, cosponsors, date)
        people = read_constituents(notes, constituents_file, contacts)
        table = load_legislators(contacts.path, contacts.committees)
        targets = []
        out = out or Path("output") / loaded.id / "constituents"
    else:
        loaded, table, targets = load_targets(notes, campaign, contacts,
                                              selection or Selection(), date, cosponsors)
        out = out or Path("output") / loaded.id
    files, attention = build_calls(targets, loaded, out, date=letter_date(date),
                                   templates=templates,
                                   constituents=people.constituents if people else None,
                                   legislators=table.legislators, force=force,
                                   dry_run=dry_run, day=date)
    if people is not None:
        files.warnings += people.warnings
    return JobResult(files, list(notes),
                     before=[f"Call sheet(s) from {constituents_file or table.path}."],
                     attention=attention, attention_path=constituents_file)
