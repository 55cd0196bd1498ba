"""The organization's letters and one-pagers to every targeted member (``advocacy generate``).

``generate`` is the job: campaign + members -> one DocumentJob per member and kind
(``plan_documents``, pure and fast) -> ``engine.run``, which renders them in fixed
batches, writes each file atomically and keeps the manifest current.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Sequence
from toolkit.campaign.bills import position_text
from toolkit.campaign.model import Campaign, long_date
from toolkit.congress.model import Legislator
from toolkit.documents.tailor import build_context

from toolkit.documents.job import FORMATS, DocumentJob, file_stem, member_meta
from toolkit.documents.pdf import DEFAULT_VARIANT
from toolkit.engine.run import run
from toolkit.jobs.common import (JobResult, Notes, Progress, Selection, Sheet, load_targets,
                                 no_progress, with_max_chars)
from toolkit.jobs.selection import for_organization


KINDS = {"letter": ("letter.html", "letters"), "onepager": ("onepager.html", "onepagers")}


def letter_date(value: dt.date | None) -> str:
    """The letter's date line: ``--date`` or today, written out ("January 15, 2026")."""
    return long_date(value or dt.date.today())


def plan_documents(targets: Sequence[Legislator], campaign: Campaign, kinds: Sequence[str],
                   date: str, offices: dict | None = None) -> list[DocumentJob]:
    """One DocumentJob per member and kind (letter, one-pager), in document order.

    ``offices``: bioguide ID -> offices.OfficeChoice (``offices.for_organization``), the
    office each letter is addressed to (manifest column ``office``); Washington for a
    member not in it (or without it).
    """
    from toolkit.congress.offices import OfficeChoice
    from toolkit.documents.address import address_context

    jobs = []
    for leg in targets:
        choice = (offices or {}).get(leg.bioguide_id, OfficeChoice())
        context = address_context(build_context(leg, campaign, date), leg, choice,
                                  campaign.style.chamber_line_first)
        context["draft_mark"] = campaign.placeholder_sender   # draftmark.mark_html
        for kind in kinds:
            template, folder = KINDS[kind]
            title = f"{campaign.title} \u2014 {context['member'].salutation_name}"
            jobs.append(DocumentJob(template, kind, f"{folder}/{file_stem(leg)}", context,
                                    {**member_meta(leg), "kind": kind,
                                     "office": choice.label if kind == "letter" else "",
                                     "bill_positions": position_text(context["bills"])},
                                    title))
    return jobs



def generate(campaign: Path | None = None, *, out: Path | None = None,
             formats: Sequence[str] = (), kinds: Sequence[str] = (),
             contacts: "Sheet | None" = None, selection: "Selection | None" = None,
             office: str = "washington", date: dt.date | None = None,
             templates: Path | None = None, force: bool = False, dry_run: bool = False,
             max_chars: int | None = None, pdf_variant: str | None = DEFAULT_VARIANT,
             workers: int | None = None, executor=None, scheduler_address: str | None = None,
             notify=None, progress: "Progress" = no_progress,
             cosponsors: str | None = None, template_timeout: float | None = None,
             keep_edited: bool = False) -> JobResult:
    """Letters and one-pagers for every targeted member, as PDF and DOCX (and txt/eml).

    ``campaign``: a campaign YAML (None: the bundled one). ``contacts``: where the
    members come from (``common.Sheet``; default: the congress data in use);
    ``selection``: who gets a document (default: the campaign's targets). ``kinds``:
    letter and/or onepager (default both); ``formats``: pdf, docx, txt, eml (default
    pdf and docx). ``office``: washington or district (the office nearest the sender).
    ``out`` default: ``output/<campaign id>``. ``workers``, ``executor`` and
    ``scheduler_address`` go to ``engine.run``. ``cosponsors``: a bill's cosponsor list
    instead of the campaign's (``--cosponsors``). Returns a JobResult; raises
    ToolkitError (nothing written) on bad input or a file that is not the toolkit's.
    ``template_timeout`` and ``keep_edited``: ``engine.run``'s (``--template-timeout``,
    ``--keep-edited``).
    """
    notes = Notes(notify)
    loaded, table, targets = load_targets(notes, campaign, contacts or Sheet(),
                                          selection or Selection(), date, cosponsors)
    formats = tuple(formats) or FORMATS
    choices = for_organization(targets, loaded.sender.address, office)
    for choice in choices.values():
        if choice.notice:
            notes.note(choice.notice)
    jobs = plan_documents(targets, loaded, tuple(kinds) or tuple(KINDS), letter_date(date),
                          offices=choices)
    jobs = with_max_chars(notes, jobs, max_chars, formats)
    out = out or Path("output") / loaded.id
    bar, update = progress(len(jobs)) if not dry_run else no_progress(0)
    with bar:
        files = run(jobs, out, formats=formats, templates=templates, force=force,
                    dry_run=dry_run, workers=workers, date=date, progress=update,
                    pdf_variant=pdf_variant, executor=executor,
                    scheduler_address=scheduler_address, template_timeout=template_timeout,
                    keep_edited=keep_edited)
    chosen = selection or Selection()
    if chosen.chambers or chosen.states or chosen.committee_ids or chosen.ids or chosen.limit:
        # a subset: files of members it did not select are not "earlier files"
        targeted = {leg.bioguide_id for leg in targets}
        files.covers = lambda row: row.get("bioguide_id") in targeted
    files.warnings += table.warnings_for(targets)
    return JobResult(files, list(notes),
                     before=[f"{len(targets)} member(s) targeted from {table.path}."])
