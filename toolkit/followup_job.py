# Room: jobs/ (one library call: the follow-ups of a meetings log).
"""``advocacy followup``: for each meeting logged, a thank-you letter and an e-mail draft.

For each usable row of the meetings log (``meetings.load_meetings``):

- a thank-you letter to the member, PDF and DOCX (``followup.html``), addressed to the
  member's district or state office nearest the organization (the campaign sender's
  ZIP code; ``offices.choose_office``), or the office the row's "Send letter to"
  names, with the member's form of address (``address``);
- an e-mail draft to the staffer met (``followup-email.html`` as text, ``.eml``), with
  the member's one-pager attached as a PDF; addressed (``To``) only when the row gives
  the staffer's e-mail. A meeting with the member and no staffer named gets the letter
  only, with a note.

Files go to ``followup/r<row>-<STATE>-<sen|rep>-<surname>-<BIOGUIDE>.<pdf|docx|eml>``
and into the manifest with the meeting's row (column ``meeting_row``), through the
shared write path (``pipeline.write_outputs``: nothing the user edited is overwritten
without ``force``; the campaign log records what was made). A row that cannot be used
(``MeetingsLog.problems``), or whose member's term ended before the letter date, gets
nothing and is listed in ``FollowupResult.attention``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from toolkit.campaign import Campaign
from toolkit.errors import ToolkitError
from toolkit.followup_document import EMAIL_KIND, LETTER_KIND
from toolkit.output import MANIFEST_COLUMNS

#: Manifest columns of ``advocacy followup``: the usual ones and the meetings log's row.
FOLLOWUP_COLUMNS = MANIFEST_COLUMNS + ("meeting_row",)
FORMATS = ("pdf", "docx", "eml")
FOLDER = "followup"


@dataclass
class FollowupResult:
    """What ``build_followups`` made and what it could not.

    ``result``: the write path's pipeline.Result (files written and unchanged, warnings);
    ``log``: the meetings log as read (meetings.MeetingsLog: its notices and warnings);
    ``attention``: ``(row, problems)`` for each row that got nothing; ``notes``: what
    was decided without a problem (no e-mail for a meeting without a staffer, the
    office a letter went to when it needs explaining).
    """

    result: object
    log: object
    attention: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    letters: int = 0
    emails: int = 0


def stem(meeting) -> str:
    """``followup/r<row>-<file_stem>``: the row keeps two meetings with one office apart."""
    from toolkit.pipeline import file_stem

    return f"{FOLDER}/r{meeting.row}-{file_stem(meeting.leg)}"


def build_followups(meetings_path: str | Path, campaign: Campaign, out: str | Path, *,
                    date: dt.date | None = None, day: dt.date | None = None,
                    formats: Sequence[str] = FORMATS, templates: str | Path | None = None,
                    force: bool = False, dry_run: bool = False,
                    columns: dict[str, str] | None = None, sheet: str | None = None,
                    header_row: int | None = None, include_hidden: bool = False,
                    district_offices: dict | None = None,
                    members: dict | None = None) -> FollowupResult:
    """Make the follow-ups of the meetings log at ``meetings_path`` under ``out``.

    ``campaign``: the campaign.Campaign whose recommendations the log names. ``date``:
    the letters' date (default today); meetings after it are problems, and so are
    members whose term ended before it. ``formats``: any of pdf, docx (the letter) and
    eml (the e-mail). ``columns``, ``sheet``, ``header_row``, ``include_hidden``: how the
    log is read (``--map``, ...). ``district_offices`` and ``members`` default to the data
    in use's. Returns a FollowupResult. Raises ContactsError when the log cannot be read,
    ToolkitError when no row can be followed up (every problem listed), OutputExistsError
    (before writing anything) for files the user made or edited, unless ``force``.
    """
    from toolkit.datastore import term_ended
    from toolkit.followup_document import with_meeting_office
    from toolkit.meetings import load_meetings
    from toolkit.offices import choose_office, sender_place
    from toolkit.packet import load_district_offices
    from toolkit.pipeline import letter_date, write_outputs

    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ToolkitError(f"--format {unknown[0]}: follow-ups are made as "
                           f"{', '.join(FORMATS)}")
    letter_day = date or dt.date.today()
    log = load_meetings(meetings_path, campaign, day=day or letter_day, columns=columns,
                        sheet=sheet, header_row=header_row, include_hidden=include_hidden,
                        members=members)
    offices = load_district_offices() if district_offices is None else district_offices
    state, zip5 = sender_place(campaign.sender.address)
    attention = [(row, problems) for row, problems in log.problems.items()]
    notes: list[str] = []
    planned = []
    for meeting in log.meetings:
        if term_ended(meeting.leg, letter_day):
            attention.append((meeting.row, (
                f"{meeting.where('office')}: the term of {meeting.leg.bioguide_id} ended on "
                f"{meeting.leg.term_end.isoformat()}, before the letter date "
                f"{letter_day.isoformat()}: no letter",)))
            continue
        choice = choose_office(meeting.leg, offices, "district", zip5=zip5, state=state,
                               constituent=bool(zip5))
        choice, problem = with_meeting_office(choice, meeting, offices)
        if problem:
            attention.append((meeting.row, (problem,)))
            continue
        if choice.notice:
            notes.append(f"{meeting.where('office')}: {choice.notice}")
        planned.append((meeting, choice))
    attention.sort()
    if not planned:
        raise ToolkitError(f"{log.path}: no meeting can be followed up; fix the rows below "
                           "(see 'advocacy meetings check')",
                           [p for _, problems in attention for p in problems])
    relpaths = []
    for meeting, _ in planned:
        for fmt in formats:
            if fmt == "eml" and not meeting.staff_name:
                continue
            relpaths.append(f"{stem(meeting)}.{fmt}")
    for meeting, _ in planned:
        if "eml" in formats and not meeting.staff_name:
            notes.append(f"{meeting.where('staff_name')}: no staffer named: the letter only, "
                         "no e-mail draft")
    written = letter_date(letter_day)

    def make():
        return render_followups(planned, campaign, written, formats, templates, letter_day)

    result = write_outputs(Path(out), relpaths, make, force=force, dry_run=dry_run,
                           columns=FOLLOWUP_COLUMNS, campaign=campaign, date=letter_day)
    return FollowupResult(result, log, attention, notes,
                          letters=len({p.rsplit(".", 1)[0] for p in relpaths
                                       if not p.endswith(".eml")}),
                          emails=sum(1 for p in relpaths if p.endswith(".eml")))


def render_followups(planned: Sequence[tuple], campaign: Campaign, date: str,
                     formats: Sequence[str], templates: str | Path | None,
                     day: dt.date) -> list:
    """The follow-up files (pipeline.OutputFile) of ``planned`` ``(Meeting,
    offices.OfficeChoice)`` pairs, in order: each letter's PDF and DOCX, then its e-mail.

    The letter is fitted to one page as every letter is (``pipeline.fit_to_pages``); the
    e-mail's attachment is the member's one-pager as ``advocacy generate`` makes it.
    """
    from toolkit import plaintext
    from toolkit.followup_document import (email_salutation, eml_bytes, followup_context,
                                           sender_address)
    from toolkit.offices import address_context
    from toolkit.output import safe_slug, sha256_bytes
    from toolkit.pipeline import (DocumentJob, OutputFile, fit_to_pages, member_meta,
                                  plan_documents, shortened_of)
    from toolkit.render.docx import render_docx
    from toolkit.render.html import TemplateSet
    from toolkit.render.pdf import PdfRenderer
    from toolkit.tailor import build_context

    template_set = TemplateSet(templates)
    renderer = PdfRenderer(template_set.folders[0], template_set.folders)
    reference = template_set.find("reference.docx") if "docx" in formats else None
    files = []
    for meeting, choice in planned:
        leg = meeting.leg
        context = address_context(build_context(leg, campaign, date), leg, choice,
                                  campaign.style.chamber_line_first)
        context = followup_context(context, meeting, campaign)
        context["draft_mark"] = campaign.placeholder_sender     # drafts.mark_html
        meta = {**member_meta(leg), "office": choice.label, "meeting_row": meeting.row}
        base = stem(meeting)
        where = f"{meeting.source}:{meeting.row}"
        title = f"Thank you: {campaign.title} \u2014 {context['member'].salutation_name}"
        job = DocumentJob("followup.html", LETTER_KIND, base, context, meta, title,
                          too_long=f"shorten the Materials promised or Commitments ({where})")
        if "pdf" in formats or "docx" in formats:
            html, laid, warnings = fit_to_pages(job, template_set, renderer, where)
            source = sha256_bytes(html.encode("utf-8"))
            shortened = {"shortened": shortened_of(html)}
            if "pdf" in formats:
                pdf = renderer.write([laid], [title])[0]
                files.append(OutputFile(f"{base}.pdf", pdf.data, LETTER_KIND, "pdf", pdf.pages,
                                        source, {**meta, **shortened},
                                        tuple(warnings) + tuple(f"{base}: {w}" for w in pdf.warnings
                                                                if w not in laid.warnings)))
            if "docx" in formats:
                data, docx_warnings = render_docx(html, reference, title, day)
                files.append(OutputFile(f"{base}.docx", data, LETTER_KIND, "docx", "", source,
                                        {**meta, **shortened},
                                        tuple(f"{base}: {w}" for w in docx_warnings)))
        if "eml" in formats and meeting.staff_name:
            mail = template_set.render("followup-email.html",
                                       {**context, "greeting": email_salutation(meeting.staff_name),
                                        "fit": 0}, where)
            subject, body = plaintext.letter_text(mail)
            onepager = plan_documents([leg], campaign, ("onepager",), date)[0]
            _, one_laid, one_warnings = fit_to_pages(onepager, template_set, renderer, where)
            one_pdf = renderer.write([one_laid], [onepager.title])[0]
            name = f"{campaign.id}-{safe_slug(leg.last_name)}-one-pager.pdf"
            data = eml_bytes(subject, body, to=meeting.staff_email,
                             sender=sender_address(campaign), attachment=(name, one_pdf.data))
            files.append(OutputFile(f"{base}.eml", data, EMAIL_KIND, "eml", "",
                                    sha256_bytes(mail.encode("utf-8") + one_pdf.data),
                                    {**meta, "office": ""},
                                    tuple(f"{base}.eml attachment: {w}" for w in one_warnings)))
    return files
