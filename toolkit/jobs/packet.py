"""The Hill-day job (``advocacy packet``): a briefing packet per targeted office, the day's
combined ``packets/hill-day.pdf`` in walking order, and ``packets/schedule.csv``.

What a packet holds and how it is laid out is ``documents.packet``; this module writes
the files through the manifest.
"""

from __future__ import annotations

from toolkit.jobs.common import JobResult, Notes, Selection, Sheet, load_targets

import datetime as dt
from pathlib import Path
from typing import Sequence
from toolkit.campaign.model import Campaign
from toolkit.congress.model import Legislator
from toolkit.errors import ToolkitError
from toolkit.documents.job import file_stem
from toolkit.engine.run import Result, write_outputs
from toolkit.jobs.letters import letter_date

from toolkit.documents.packet import HILL_DAY_PATH, SCHEDULE_PATH, render_hill_day, walking_order


def build_packets(targets: Sequence[Legislator], campaign: Campaign, out: Path, *,
                  date: dt.date | None = None, templates: str | Path | None = None,
                  duplex: bool = False, formats: Sequence[str] = ("pdf",),
                  force: bool = False, dry_run: bool = False,
                  district_offices: dict | None = None) -> Result:
    """Make the Hill-day packets, the day's PDF and the schedule under ``out``.

    ``date`` (default today) is the Hill day, printed on the letters, the profile pages
    and the cover. ``formats``: the per-office packets as ``pdf`` (always made: the
    day's PDF is assembled from them) and/or ``docx``. Every file is recorded in
    ``out/manifest.csv``. Raises ToolkitError for no targets, OutputExistsError (before
    writing anything) for files the user made or edited, unless ``force``.
    """
    if not targets:
        raise ToolkitError("no office to make a packet for; check the selection")
    ordered = walking_order(targets)
    docx = "docx" in formats
    relpaths = [f"packets/{file_stem(leg)}.{fmt}" for leg in ordered
                for fmt in (("pdf", "docx") if docx else ("pdf",))]
    relpaths += [HILL_DAY_PATH, SCHEDULE_PATH]
    return write_outputs(
        Path(out), relpaths,
        lambda: render_hill_day(ordered, campaign, letter_date(date), templates=templates,
                                duplex=duplex, district_offices=district_offices, docx=docx,
                                day=date),
        force=force, dry_run=dry_run, campaign=campaign, date=date)



def packets(campaign: Path | None = None, *, out: Path | None = None,
            formats: Sequence[str] = (), contacts: Sheet | None = None,
            selection: Selection | None = None, date: dt.date | None = None,
            templates: Path | None = None, duplex: bool = False, force: bool = False,
            dry_run: bool = False, notify=None, cosponsors: str | None = None) -> JobResult:
    """Hill-day briefing packets for the targeted offices (``build_packets``).

    ``cosponsors``: a bill's cosponsor list instead of the campaign's (``--cosponsors``).

    ``formats``: pdf and/or docx (default both; the PDFs are always made: hill-day.pdf
    is built from them). ``date``: the Hill day (default today). Returns a JobResult.
    """
    notes = Notes(notify)
    loaded, table, targets = load_targets(notes, campaign, contacts or Sheet(),
                                          selection or Selection(), date, cosponsors)
    files = build_packets(targets, loaded, out or Path("output") / loaded.id, date=date,
                          templates=templates, duplex=duplex,
                          formats=tuple(formats) or ("pdf", "docx"), force=force,
                          dry_run=dry_run)
    files.warnings += table.warnings_for(targets)
    return JobResult(files, list(notes),
                     before=[f"{len(targets)} office(s) targeted from {table.path}."],
                     after=[] if dry_run else [f"  print: {files.out / HILL_DAY_PATH}"])
