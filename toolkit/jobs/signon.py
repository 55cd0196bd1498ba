"""The sign-on job: a sign-on form's export -> coalition letters (PDF, DOCX) + the list + manifest.

Room: jobs/. One library call, ``make_signon``, takes plain inputs and returns a
``SignOnResult`` (files written, the count sentence, the cleaning report, notes,
warnings, rows needing attention); ``diff_signon`` compares two exports or two runs.
The command line (cli/signon.py) only parses options, calls these and prints the result.

Road: read and clean the signers (sheets.signers) -> choose the addressees from the
congress data in use (documents.signon_address) -> render one letter per addressee
(documents.signon) -> write through ``engine.run.write_outputs`` (nothing overwritten
that the user made without ``force``; atomic writes; the manifest), with
``signers.csv``, the list as printed (kind ``signer-list``), which a later ``diff``
reads back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from toolkit.campaign.model import Campaign, long_date
from toolkit.campaign.placeholders import placeholder_notice, sender_placeholders
from toolkit.documents.signon_address import Addressee
from toolkit.errors import ToolkitError
from toolkit.jobs.common import Notes, data_warning, load_campaign_noting_drafts
from toolkit.sheets.signer_diff import LIST_COLUMNS, diff_signers, load_for_diff
from toolkit.sheets.signers import Group, SignerList, compare_key, group_signers, read_signers

#: Where the list a run printed is written, under its output folder.
LIST_PATH = "signers.csv"
#: The ``--to`` forms: ``committee:ID``, ``targets``, ``leadership``.
TO_HELP = "committee:ID (its chair and ranking member), targets (each campaign target) or leadership"


@dataclass
class SignOnResult:
    """What ``make_signon`` made and found, for its caller to show.

    ``files``: the engine's Result (written, unchanged, planned, dry run decisions,
    warnings: the values the reading changed and the merges first). ``signers``: the
    cleaned list and its read report; ``groups``: the list as printed; ``addressees``:
    one per letter; ``count_sentence``: the letter's first sentence; ``notes``: the
    lines said while working (each "Note: ..." or a warning line, as given to
    ``notify``); ``before``: the lines that go before the files' summary (how the
    sheet was read, what cleaning did, the cut-off, the first sentence, the
    salutations); ``attention``: rows left out and possible duplicates to decide, each
    located ``file:row[:column]: ...``; ``exit_code``: 1 when there are any.
    """

    files: object
    signers: SignerList
    groups: tuple[Group, ...]
    addressees: tuple[Addressee, ...]
    count_sentence: str
    notes: list[str] = field(default_factory=list)
    before: list[str] = field(default_factory=list)

    @property
    def attention(self) -> list[str]:
        """Rows left out (problems) and possible duplicates kept for a decision."""
        return list(self.signers.problems) + list(self.signers.decisions)

    @property
    def exit_code(self) -> int:
        """1 when a row was left out or needs a decision, else 0."""
        return 1 if self.attention else 0


def parse_to(value: str) -> tuple[str, str]:
    """``--to`` as (kind, committee ID): ``committee:SSFR`` -> ("committee", "SSFR"),
    ``targets`` -> ("targets", ""), ``leadership`` -> ("leadership", ""). Raises
    ToolkitError for anything else."""
    text = value.strip()
    kind, _, rest = text.partition(":")
    kind = kind.strip().lower()
    if kind == "committee" and rest.strip():
        return "committee", rest.strip().upper()
    if kind in ("targets", "leadership") and not rest:
        return kind, ""
    raise ToolkitError(f"--to {value}: write {TO_HELP}")


def choose_addressees(to: str, campaign: Campaign, *, with_full_committee: bool = False,
                      date: dt.date | None = None, legislators=None,
                      notes: Notes | None = None) -> tuple[Addressee, ...]:
    """The addressees of ``--to`` from the congress data in use (``legislators``: the
    members in use, default ``sheets.legislators.load_legislators()``). ``targets`` selects as
    ``generate`` does (jobs.selection.select_targets: members whose term ended before
    ``date`` are left out, said in ``notes``, a jobs.common.Notes). Raises ToolkitError as
    signon_address does, or when no target is left."""
    from toolkit.documents import signon_address

    kind, committee_id = parse_to(to)
    if legislators is None:
        from toolkit.congress.members import load_members

        legislators = load_members().legislators
    if with_full_committee and kind != "committee":
        raise ToolkitError("--with-full-committee goes with --to committee:ID (a subcommittee)")
    if kind == "committee":
        return (signon_address.committee_leaders(committee_id, legislators, campaign,
                                                 with_full_committee=with_full_committee,
                                                 date=date),)
    if kind == "leadership":
        return (signon_address.leadership(legislators, campaign, date),)
    from toolkit.congress.datastore import left_out_line
    from toolkit.jobs.selection import select_targets

    left_out: list = []
    targets = select_targets(legislators, campaign, date=date, left_out=left_out)
    if left_out and notes is not None:
        notes.note(left_out_line(left_out, date, f"{len(targets) + len(left_out)} selected"))
    if not targets:
        raise ToolkitError("--to targets: no member in office matches the campaign's targets")
    from toolkit.documents.job import file_stem

    return tuple(signon_address.member_addressee(leg, campaign, f"letters/{file_stem(leg)}")
                 for leg in targets)


def addressee_meta(addressee: Addressee) -> dict:
    """The manifest's member columns of a letter: the member's own (documents.job.member_meta),
    or for a joint letter every bioguide ID, the addressees' phrase and the chamber(s)."""
    from toolkit.documents.job import member_meta

    if len(addressee.members) == 1:
        return member_meta(addressee.members[0])
    chambers = sorted({m.chamber for m in addressee.members})
    return {"bioguide_id": " ".join(m.bioguide_id for m in addressee.members),
            "name": addressee.name, "chamber": " ".join(chambers), "state": "",
            "district": "", "data_version": member_meta(addressee.members[0])["data_version"]}


def list_csv(groups: Sequence[Group]) -> bytes:
    """The printed list as CSV (UTF-8 with BOM for Excel; cells that a spreadsheet would
    take for a formula are quoted, documents.files.csv_safe), in printed order, one row a signer:
    its group, kind, cells as printed, timestamp and the rows it came from
    (sheets.signer_diff.LIST_COLUMNS). ``sheets.signer_diff.load_for_diff`` reads it back."""
    import csv
    import io

    from toolkit.documents.files import csv_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(LIST_COLUMNS)
    for group in groups:
        for s in group.signers:
            writer.writerow([csv_safe(v) for v in (
                group.heading, s.kind, s.organization, s.name, s.title, s.city, s.state, s.tier,
                s.timestamp.isoformat(sep=" ", timespec="minutes") if s.timestamp else "",
                " ".join(str(r) for r in s.rows))])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def make_signon(signers_file: str | Path, *, campaign: Campaign | str | Path | None = None,
                to: str = "targets", with_full_committee: bool = False, group_by: str = "none",
                columns: int = 2, cutoff: dt.datetime | None = None,
                date: dt.date | None = None, out: str | Path | None = None,
                formats: Sequence[str] = ("pdf", "docx"), templates: str | Path | None = None,
                force: bool = False, dry_run: bool = False, maps: dict[str, str] | None = None,
                sheet: str | None = None, header_row: int | None = None,
                include_hidden: bool = False, pdf_variant: str | None = "pdf/ua-1",
                legislators=None, notify=None) -> SignOnResult:
    """Make the coalition sign-on letter(s) of ``signers_file`` for ``campaign``.

    ``to``: see ``parse_to``; ``group_by``: ``none``, ``tier`` or ``state``
    (sheets.signers.group_signers); ``columns``: 2 or 3; ``cutoff``: rows stamped later are
    left out; ``date``: the letter date (default today); ``out``: the output folder
    (default ``output/<campaign id>/signon``); ``formats``: ``pdf`` and/or ``docx``;
    ``maps``, ``sheet``, ``header_row``, ``include_hidden``: how the sheet is read (as
    for every sheet); ``pdf_variant``: documents.pdf.VARIANTS (tagged PDF/UA-1 by default);
    ``legislators``: the members to address (default: the congress data in use, read
    once here); ``notify``: called with each note as it arises (the command line prints
    them first). Writes ``<addressee>.pdf/.docx`` and ``signers.csv`` (the list as
    printed) through engine.run.write_outputs, recorded in ``manifest.csv``.

    Raises ContactsError for an unreadable sheet or missing columns, CampaignError for a
    bad campaign, ToolkitError when no signer is left or an addressee cannot be
    written to, OutputExistsError (nothing written) when a file the toolkit did not
    make would be overwritten without ``force``.
    """
    from toolkit.documents.job import OutputFile
    from toolkit.documents.signon import COLUMN_CHOICES, as_of_text, build_context, count_sentence
    from toolkit.engine.run import write_outputs

    notes = Notes(notify)
    data_warning(notes, date)
    if not isinstance(campaign, Campaign):
        campaign = load_campaign_noting_drafts(notes, campaign, date=date)
    elif sender_placeholders(campaign.sender):
        notes.note(f"{placeholder_notice(sender_placeholders(campaign.sender))} (see README, "
                   "'Your campaign')")
    if columns not in COLUMN_CHOICES:
        raise ToolkitError(f"--columns {columns}: the list has 2 or 3 columns")
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in ("pdf", "docx")]
    if unknown or not formats:
        raise ToolkitError(f"format {', '.join(unknown) or '(none)'}: a sign-on letter is made "
                           "as pdf and/or docx")
    # who it goes to first: a wrong --to stops before the sheet is read
    addressees = choose_addressees(to, campaign, with_full_committee=with_full_committee,
                                   date=date, legislators=legislators, notes=notes)
    listed = read_signers(signers_file, columns=maps, sheet=sheet, header_row=header_row,
                          include_hidden=include_hidden, cutoff=cutoff,
                          tier_words=campaign.signon.tier_words.model_dump())
    if not listed.signers:
        raise ToolkitError(f"{signers_file}: no signer is left to print after cleaning; fix "
                           "the rows below and run again",
                           list(listed.problems) or [f"{len(listed.late)} row(s) after the cut-off"])
    groups = group_signers(listed.signers, group_by)
    lead = compare_key(campaign.sender.organization)
    if not any(s.key == ("organization", lead) for s in listed.signers):
        notes.note(f"the lead organization {campaign.sender.organization!r} is not in the "
                   "signer list, so it is not counted or listed; add its row if it signs")
    if listed.sorted_by_surname_guess:
        notes.note("individuals are sorted by the surname read from their names "
                   "(nameparser: 'de la Cruz', 'King Jr.' -> King); add a Sort Name or Last "
                   "Name column to set it")
    date_text = long_date(date or dt.date.today())
    as_of = as_of_text(listed.as_of, date)
    out = Path(out) if out else Path("output") / campaign.id / "signon"
    relpaths = [f"{a.stem}.{fmt}" for a in addressees for fmt in formats] + [LIST_PATH]

    def make() -> list:
        from toolkit.documents.files import sha256_bytes
        from toolkit.documents.html import TemplateSet
        from toolkit.documents.pdf import PdfRenderer
        from toolkit.documents.signon import render_letter

        template_set = TemplateSet(templates)
        renderer = PdfRenderer(template_set.folders[0], template_set.folders, pdf_variant)
        files = []
        for addressee in addressees:
            context = build_context(campaign, listed, groups, addressee, date_text, as_of,
                                    columns)
            html = template_set.render("signon.html", context, addressee.name)
            title = f"{campaign.title} \u2014 sign-on letter to {addressee.name}"
            for letter in render_letter(html, formats, template_set, renderer, title, columns,
                                        date):
                relpath = f"{addressee.stem}.{letter.fmt}"
                files.append(OutputFile(
                    relpath, letter.data, "signon-letter", letter.fmt, letter.pages,
                    sha256_bytes(f"{letter.fmt}\0{pdf_variant}\0{html}".encode("utf-8")),
                    addressee_meta(addressee), tuple(f"{relpath}: {w}" for w in letter.warnings)))
        data = list_csv(groups)
        files.append(OutputFile(LIST_PATH, data, "signer-list", "csv", "", sha256_bytes(data)))
        return files

    sentence = count_sentence(len(listed.organizations), len(listed.individuals),
                              campaign.signon.purpose or f"you about {campaign.subject}")
    result = write_outputs(out, relpaths, make, force=force, dry_run=dry_run,
                           campaign=campaign, date=date)
    result.warnings[:0] = list(listed.warnings)
    before = listed.report.lines() + [f"Note: {n}" for n in listed.report.notices]
    before.append(listed.summary() + ".")
    if listed.cutoff is not None:
        late = listed.late
        before.append(f"Cut-off {listed.cutoff:%Y-%m-%d %H:%M}: {len(late)} row(s) stamped "
                      "later left out" + (f" (row{'s' if len(late) > 1 else ''} "
                                          f"{', '.join(map(str, late))})" if late else "") + ".")
    before.append(f"First sentence: {sentence}")
    before.append(f"{len(addressees)} letter(s): " + "; ".join(a.salutation for a in addressees[:3])
                  + (f"; ... and {len(addressees) - 3} more" if len(addressees) > 3 else ""))
    return SignOnResult(result, listed, groups, addressees, sentence, list(notes), before)


@dataclass(frozen=True)
class DiffResult:
    """Two lists compared: the files read and one line per signer added, removed or changed."""

    old: Path
    new: Path
    lines: tuple[str, ...]
    old_count: int
    new_count: int

    @property
    def summary(self) -> str:
        """"3 added, 1 removed, 2 changed (58 -> 60 signers)"."""
        kinds = [line.split(":", 1)[0] for line in self.lines]
        return (f"{kinds.count('added')} added, {kinds.count('removed')} removed, "
                f"{kinds.count('changed')} changed ({self.old_count} -> {self.new_count} "
                "signers)")


def diff_signon(old: str | Path, new: str | Path, *, maps: dict[str, str] | None = None,
                sheet: str | None = None, cutoff: dt.datetime | None = None) -> DiffResult:
    """Compare two sign-on exports, or two earlier runs (their ``manifest.csv`` or folder:
    the list each printed), after cleaning both as a run would (sheets.signer_diff.diff_signers).
    ``maps``, ``sheet`` and ``cutoff`` apply to exports. Raises ContactsError as
    sheets.signer_diff.load_for_diff does."""
    old_path, before = load_for_diff(old, columns=maps, sheet=sheet, cutoff=cutoff)
    new_path, after = load_for_diff(new, columns=maps, sheet=sheet, cutoff=cutoff)
    return DiffResult(old_path, new_path, tuple(diff_signers(before.signers, after.signers)),
                      len(before.signers), len(after.signers))
