# Room: documents/ (the follow-up letter and e-mail: merge fields, layout, the .eml).
"""What a follow-up letter and e-mail say about a meeting, as merge fields; the .eml draft.

After a meeting, advocacy guides agree (NCOA's thank-you letter samples: met the
member, met staff only; the Congressional Management Foundation; FIELD-PRACTICE.md):
thank the office within a week, naming the meeting and who was met; restate the ask in
a sentence or two; send what was promised; mail the member at the nearest state or
district office and e-mail the staffer met; check back in two to three weeks. The
words are the templates' (``followup.html``, ``followup-email.html``: see ``advocacy
templates init``); this module gives them the facts as phrases that fit any campaign:
the date written out, where, who was met, the recommendations discussed as the
campaign words them inside a sentence (``Recommendation.running``), the position the
office stated, the materials promised. ``render_followups`` lays them out: the letter
as every letter (PDF and DOCX from the same HTML, fitted to its page), the e-mail as
text with the member's one-pager attached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from toolkit.campaign.model import Campaign, Recommendation, long_date, prose_list
from toolkit.sheets.meetings import Meeting

#: What the letter and the e-mail call the kinds of file they are.
LETTER_KIND = "followup-letter"
EMAIL_KIND = "followup-email"
_WASHINGTON = {"washington", "washington dc", "washington d c", "dc", "capitol hill", "the hill"}


@dataclass(frozen=True)
class MeetingView:
    """A meeting as the follow-up templates use it.

    ``when``: the date written out ("March 4, 2026"); ``where``: " in Seattle", " in
    Washington" or ""; ``staff``: the staffer as named in the log ("Ms. Lopez"), "" for
    none; ``staff_phrase``: how the letter names them ("Ms. Lopez of your staff", or
    with the title: "Ms. Lopez, your Legislative Assistant,"); ``member_present``;
    ``position``: meetings.POSITIONS or ""; ``discussed``: the campaign's
    Recommendations discussed; ``ask_phrase``: them as "our recommendation to X" /
    "our recommendations to X and to Y" ("" when none was logged: the templates then
    restate the campaign's ``ask``); ``them``: "it" or "them"; ``materials``: the items
    promised; ``commitments``; ``check_back``: who to check back with ("Ms. Lopez" or
    "your staff"); ``row``: the log's row.

    The voice follows the writer (``prose.writes_alone``, the rule of every letter): one
    signer who went alone (or with no "Attended for us" logged) writes ``we`` "I", ``us``
    "me", and names the recommendations as "the recommendation to X"; a meeting attended
    by several, or a letter of several signers, says "We", "us", "our". ``materials``:
    each item with its first letter capitalized (``wording.heading``: "utility rate data"
    -> "Utility rate data"; "iPhone"-like words kept), as a list item starts, whatever
    the log wrote. ``next_step``: the Commitments cell quoted as written (``quoted``),
    "" when empty. ``ask``: the campaign's ask in the letter's voice (``wording.singular``
    for one writer, as every letter's).
    """

    row: int
    when: str
    where: str
    staff: str
    staff_title: str
    staff_phrase: str
    staff_pause: str
    member_present: bool
    position: str
    discussed: tuple[Recommendation, ...]
    ask_phrase: str
    them: str
    materials: tuple[str, ...]
    commitments: str
    check_back: str
    singular: bool = False
    we: str = "We"
    us: str = "us"
    next_step: str = ""
    ask: str = ""


def where_phrase(place: str) -> str:
    """Where the meeting was, after the date: " in Washington", " in Seattle", ""."""
    text = " ".join(place.replace(",", " , ").replace(".", " ").split()).replace(" ,", ",")
    if not text:
        return ""
    if text.lower().replace(",", "") in _WASHINGTON or text.lower().startswith("washington, dc"):
        return " in Washington"
    return f" in {place.strip()}"


def quoted(text: str) -> str:
    """A cell the user wrote, quoted as written inside a letter's sentence: runs of spaces
    as one, a full stop added inside the closing quotation mark when the cell ends without
    one (. ! ?), curly quotation marks around it ("" for an empty cell). A cell already in
    quotation marks keeps them. The words and their capitals are never changed."""
    text = " ".join(text.split())
    if not text:
        return ""
    if text[0] in "\u201c\"" and text[-1] in "\u201d\"" and len(text) > 1:
        inner = text[1:-1].strip()
    else:
        inner = text
    if not inner:
        return ""
    if inner[-1:] not in ".!?":
        inner += "."
    return f"\u201c{inner}\u201d"


def meeting_view(meeting: Meeting, campaign: Campaign, signers=None) -> MeetingView:
    """The MeetingView of ``meeting`` for ``campaign`` (its recommendations by ID), in the
    voice of ``signers`` (default the campaign sender's) and the meeting's attendees."""
    from toolkit.campaign.wording import heading, singular
    from toolkit.documents.prose import writes_alone

    one = writes_alone(campaign.sender.signers if signers is None else signers,
                       meeting.attendees)
    recs = {rec.id: rec for rec in campaign.recommendations}
    discussed = tuple(recs[i] for i in meeting.discussed if i in recs)
    ask = ""
    if discussed:
        noun = "recommendation" if len(discussed) == 1 else "recommendations"
        ask = f"{'the' if one else 'our'} {noun} " + prose_list(f"to {rec.running}"
                                                              for rec in discussed)
    staff = meeting.staff_name
    if staff and meeting.staff_title:
        phrase = f"{staff}, your {meeting.staff_title}"
    else:
        phrase = f"{staff} of your staff" if staff else ""
    return MeetingView(meeting.row, long_date(meeting.date), where_phrase(meeting.place), staff,
                       meeting.staff_title, phrase,
                       "," if staff and meeting.staff_title else "", meeting.member_present, meeting.position,
                       discussed, ask, "it" if len(discussed) == 1 else "them",
                       tuple(heading(item) for item in meeting.materials),
                       meeting.commitments, staff or "your staff", one, "I" if one else "We",
                       "me" if one else "us", quoted(meeting.commitments),
                       singular(campaign.ask) if one else campaign.ask)


def followup_context(context: dict, meeting: Meeting, campaign: Campaign) -> dict:
    """A letter's merge fields (``tailor.build_context``, addressed by
    ``address.address_context``) with ``meeting`` (MeetingView, in the voice of the
    context's ``signers``) added."""
    return {**context, "meeting": meeting_view(meeting, campaign, context.get("signers"))}


def email_salutation(staff: str) -> str:
    """The e-mail's greeting: "Dear Ms. Lopez," (a name as the log gives it), else
    "Dear friends," for an office met without a named staffer."""
    return f"Dear {staff}," if staff else "Dear friends,"


def eml_bytes(subject: str, body: str, *, to: str = "", sender: str = "",
              attachment: tuple[str, bytes] | None = None) -> bytes:
    """A draft e-mail (RFC 5322, stdlib ``email``): Subject, ``To`` only when ``to`` is
    given (the staffer's address from the log), ``From`` when ``sender`` is, the UTF-8
    ``body``, and ``attachment`` (file name, PDF bytes) as ``application/pdf``.

    ``X-Unsent: 1`` makes mail programs open it as a draft. No date or message ID, and
    the MIME boundary is derived from the content, so the same inputs give the same
    bytes (a rerun leaves the file unchanged).
    """
    from email.message import EmailMessage
    from email.policy import SMTP

    message = EmailMessage(policy=SMTP)
    message["Subject"] = subject
    if to:
        message["To"] = to
    if sender:
        message["From"] = sender
    message["X-Unsent"] = "1"
    message.set_content(body + "\n")
    if attachment is not None:
        name, data = attachment
        message.add_attachment(data, maintype="application", subtype="pdf", filename=name)
        digest = hashlib.sha256(body.encode("utf-8") + data).hexdigest()[:32]
        message.set_boundary(f"=_advocacy_{digest}")
    return message.as_bytes()


def sender_address(campaign: Campaign) -> str:
    """The e-mail's From: "Organization <email>", or "" while the e-mail is a placeholder
    or missing (drafts.is_placeholder)."""
    from email.headerregistry import Address

    from toolkit.campaign.placeholders import is_placeholder

    email = campaign.sender.email
    if not email or is_placeholder(email) or "@" not in email:
        return ""
    user, domain = email.rsplit("@", 1)
    try:
        return str(Address(campaign.sender.organization, user, domain))
    except (ValueError, IndexError):
        return ""


def no_sender_note(campaign: Campaign) -> str:
    """Why the e-mail drafts have no ``From`` ("" when they have one): the campaign sender's
    e-mail is a placeholder (placeholders.is_placeholder) or missing. A draft is never
    written From a placeholder address, so that it cannot be sent from one; the mail
    program that opens it sends from the user's own account."""
    from toolkit.campaign.placeholders import is_placeholder

    if sender_address(campaign):
        return ""
    email = campaign.sender.email
    what = (f"sender.email {email!r} is a placeholder" if email and is_placeholder(email)
            else f"sender.email {email!r} is not an e-mail address" if email
            else "the campaign has no sender.email")
    return (f"the e-mail drafts have no From: ({what}); your mail program will send them "
            "from the account you open them with. Put the organization's address under "
            "sender: email in your campaign YAML")


def with_meeting_office(choice, meeting: Meeting, district_offices) -> tuple[object, str]:
    """The office the row's ``Send letter to`` names: (offices.OfficeChoice, "") or (None,
    problem). "Washington" is the Washington office; a city names the member's district
    office there (compared without case or accents). Empty: ``choice`` unchanged."""
    from toolkit.congress.offices import OfficeChoice
    from toolkit.sheets.meetings import _fold

    wanted = meeting.send_to.strip()
    if not wanted:
        return choice, ""
    if _fold(wanted) in _WASHINGTON:
        return OfficeChoice(), ""
    mine = tuple(district_offices.get(meeting.leg.bioguide_id, ()))
    city = _fold(wanted.split(",")[0])
    found = [o for o in mine if _fold(o.city) == city]
    if found:
        return dataclasses.replace(choice, office=found[0], notice=""), ""
    listed = ", ".join(sorted({o.city for o in mine})) or "none on file"
    return None, (f"{meeting.where('send_to')}: {wanted!r} is not one of the member's "
                  f"offices (district offices: {listed}); write one of them, Washington, or "
                  "leave it empty for the office nearest you")


#: The folder of the follow-ups in the output folder.
FOLDER = "followup"


def followup_stem(meeting: Meeting) -> str:
    """``followup/r<row>-<file_stem>``: the row keeps two meetings with one office apart."""
    from toolkit.documents.job import file_stem

    return f"{FOLDER}/r{meeting.row}-{file_stem(meeting.leg)}"


def render_followups(planned: Sequence[tuple], campaign: Campaign, date: str,
                     formats: Sequence[str], templates: str | Path | None,
                     day: dt.date) -> list:
    """The follow-up files (documents.job.OutputFile) of ``planned`` ``(Meeting,
    offices.OfficeChoice)`` pairs, in order: each letter's PDF and DOCX, then its e-mail.
    ``date``: the letters' date line; ``formats``: any of pdf, docx, eml; ``templates``:
    the user's templates folder or None. Raises TemplateRenderError, ExportError as
    rendering does.

    The letter is fitted to one page as every letter is (``render.fit_to_pages``); the
    e-mail's attachment is the member's one-pager as ``advocacy generate`` makes it
    (``onepager.html``). ``day``: the DOCX's document date.
    """
    from toolkit.documents import plaintext
    from toolkit.documents.address import address_context
    from toolkit.documents.docx.package import render_docx
    from toolkit.documents.files import safe_slug, sha256_bytes
    from toolkit.documents.html import TemplateSet
    from toolkit.documents.job import (DocumentJob, OutputFile, file_stem, member_meta,
                                       shortened_of)
    from toolkit.documents.pdf import PdfRenderer
    from toolkit.documents.render import fit_to_pages
    from toolkit.documents.tailor import build_context

    template_set = TemplateSet(templates)
    renderer = PdfRenderer(template_set.folders[0], template_set.folders)
    reference = template_set.find("reference.docx") if "docx" in formats else None
    files = []
    for meeting, choice in planned:
        leg = meeting.leg
        context = address_context(build_context(leg, campaign, date), leg, choice,
                                  campaign.style.chamber_line_first)
        context = followup_context(context, meeting, campaign)
        context["draft_mark"] = campaign.placeholder_sender     # draftmark.mark_html
        meta = {**member_meta(leg), "office": choice.label, "meeting_row": meeting.row}
        base = followup_stem(meeting)
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
            onepager = DocumentJob("onepager.html", "onepager", f"onepagers/{file_stem(leg)}",
                                   context, {**member_meta(leg), "kind": "onepager"},
                                   f"{campaign.title} \u2014 {context['member'].salutation_name}")
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
