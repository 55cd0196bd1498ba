"""The labels job (``advocacy labels``): Avery 5160 label sheets and No. 10 envelopes for
the targeted offices, or for the offices a constituents sheet writes to.

What a label and an envelope look like, and how a long line is fitted, is
``documents.labels``; this module chooses the offices and writes the files
(``labels/labels-avery5160.pdf``, ``envelopes/envelopes-no10.pdf``) through the manifest;
a file the user made or edited is never overwritten without ``force``.
"""

from __future__ import annotations

import datetime as dt

from toolkit.errors import ToolkitError
from toolkit.jobs.common import (JobResult, Notes, Selection, Sheet, data_warning,
                                 load_campaign_noting_drafts, load_targets, read_constituents)
from toolkit.jobs.selection import for_constituents, for_organization
from toolkit.sheets.legislators import load_legislators


from pathlib import Path
from typing import Sequence
from toolkit.campaign.model import Campaign
from toolkit.congress.model import Legislator
from toolkit.engine.run import Result, write_outputs
from toolkit.documents.pdf import DEFAULT_VARIANT

from toolkit.documents.labels import KINDS, LABELS_PER_SHEET, render_labels


def office_addresses(targets: Sequence[Legislator], campaign: Campaign,
                     choices: Sequence | None = None) -> list[tuple[str, ...]]:
    """The inside address of each targeted office, in the campaign's chamber-line style.

    ``choices``: one offices.OfficeChoice per target (its district office), else Washington.
    """
    from toolkit.congress.offices import OfficeChoice
    from toolkit.documents.address import office_lines

    choices = choices or [OfficeChoice()] * len(targets)
    return [office_lines(leg, choice, campaign.style.chamber_line_first)
            for leg, choice in zip(targets, choices)]


def build_labels(targets: Sequence[Legislator], campaign: Campaign, out: Path, *,
                 kinds: Sequence[str] = tuple(KINDS), templates: str | Path | None = None,
                 start: int = 1, force: bool = False, dry_run: bool = False,
                 choices: Sequence | None = None,
                 pdf_variant: str | None = DEFAULT_VARIANT,
                 senders: Sequence | None = None) -> Result:
    """Make the label sheets and/or envelopes of the targeted offices under ``out``.

    ``choices``: one offices.OfficeChoice per target (``--office district``), else the
    Washington offices. ``senders``: one return address per target (a constituent's
    own, ``documents.tailor.SenderView``), else the campaign's organization.

    Labels: ``labels/labels-avery5160.pdf``, ceil((start - 1 + n) / 30) pages for n
    offices; envelopes: ``envelopes/envelopes-no10.pdf``, n pages. Both recorded in
    ``out/manifest.csv``; ``pdf_variant`` as for render_labels. Raises ToolkitError for no targets or a ``start`` outside
    1-30, OutputExistsError for files the user made (unless ``force``).
    """
    from toolkit.errors import ToolkitError

    if not targets:
        raise ToolkitError("no office to make labels for; check the selection")
    if not 1 <= start <= LABELS_PER_SHEET:
        raise ToolkitError(f"--start {start}: a sheet has labels 1 to {LABELS_PER_SHEET}")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ToolkitError(f"unknown kind {', '.join(unknown)}; use labels or envelopes")
    addresses = office_addresses(targets, campaign, choices)
    return write_outputs(
        Path(out), [KINDS[k] for k in kinds],
        lambda: render_labels(addresses, campaign, kinds=kinds, templates=templates,
                              start=start, pdf_variant=pdf_variant, senders=senders),
        force=force, dry_run=dry_run, campaign=campaign)



def labels(campaign: Path | None = None, *, out: Path | None = None,
           kinds: Sequence[str] = (), contacts: Sheet | None = None,
           selection: Selection | None = None, constituents_file: Path | None = None,
           office: str | None = None, start: int = 1, date: dt.date | None = None,
           templates: Path | None = None, force: bool = False, dry_run: bool = False,
           pdf_variant: str | None = DEFAULT_VARIANT, return_address: str | None = None,
           notify=None) -> JobResult:
    """Mailing labels (Avery 5160) and No. 10 envelopes for the targeted offices.

    ``kinds``: labels and/or envelopes (default both). ``start``: the first free label
    of the first sheet (1-30). With ``constituents_file``, labels the offices those
    constituents' letters go to (``office`` default: district, as ``advocacy
    constituents`` addresses them; ``contacts``' maps, sheet, header row and hidden
    rows then apply to that file, and ``contacts.path`` is the legislators sheet);
    rows that need attention are the result's ``attention``. Otherwise the campaign's
    targets (``selection``), ``office`` default washington. Returns a JobResult.

    ``return_address`` (``constituent`` or ``organization``) is whose address the
    envelopes carry. With ``constituents_file`` the default is ``constituent``: the
    letters are signed by the constituents, so each letter gets its own envelope and
    label, with its writer's name and postal address as the return address;
    ``organization`` makes one envelope and label per office, with the campaign's
    return address (the letters mailed together). A note says which was used.
    Without ``constituents_file`` only ``organization`` applies (ToolkitError else).
    """
    notes = Notes(notify)
    contacts = contacts or Sheet()
    people = None
    senders = None
    if return_address not in (None, "constituent", "organization"):
        raise ToolkitError(f"--return-address {return_address}: use constituent or "
                           "organization")
    if constituents_file:
        from toolkit.documents.tailor import SenderView

        data_warning(notes, date, contacts.path)
        loaded = load_campaign_noting_drafts(notes, campaign, date=date)
        people = read_constituents(notes, constituents_file, contacts)
        table = load_legislators(contacts.path, contacts.committees)
        letters: list = []
        pairs, attention, notices = for_constituents(people.constituents, table.legislators,
                                                     office or "district", day=date,
                                                     per_letter=letters)
        if return_address == "organization":
            targets, choices = [leg for leg, _ in pairs], [choice for _, choice in pairs]
            notes.note("the envelopes carry the organization's return address (--return-address "
                       f"organization): one envelope and label per office, {len(targets)}, "
                       "for the letters mailed together")
        else:
            targets = [leg for _, leg, _ in letters]
            choices = [choice for _, _, choice in letters]
            senders = [SenderView(person.name, person.address_lines, "")
                       for person, _, _ in letters]
            notes.note("the envelopes carry each constituent's own return address (their "
                       "letters are signed by them; --return-address constituent): one "
                       f"envelope and label per letter, {len(letters)}; --return-address "
                       "organization makes one per office with the organization's")
        if not targets:
            raise ToolkitError(f"{constituents_file}: no constituent could be matched to an "
                               "office", [p for _, problems in attention for p in problems])
    elif return_address == "constituent":
        raise ToolkitError("--return-address constituent needs --constituents FILE: "
                           "without it the letters are the organization's")
    else:
        loaded, table, targets = load_targets(notes, campaign, contacts,
                                              selection or Selection(), date)
        by_member = for_organization(targets, loaded.sender.address, office or "washington")
        choices = [by_member[leg.bioguide_id] for leg in targets]
        notices, attention = [c.notice for c in choices if c.notice], []
    for notice in notices:
        notes.note(notice)
    files = build_labels(targets, loaded, out or Path("output") / loaded.id,
                         kinds=tuple(kinds) or tuple(KINDS), templates=templates, start=start,
                         force=force, dry_run=dry_run, choices=choices,
                         pdf_variant=pdf_variant, senders=senders)
    files.warnings += table.warnings_for(targets)
    if people is not None:
        files.warnings += people.warnings
    made = f"{len(targets)} office(s) targeted from {constituents_file or table.path}."
    if senders:
        writers = len({person.row for person, _, _ in letters})
        made = (f"{len(targets)} letter(s) of {writers} constituent(s) to {len(pairs)} "
                f"office(s) from {constituents_file}.")
    return JobResult(files, list(notes), before=[made],
                     attention=attention, attention_path=constituents_file)
