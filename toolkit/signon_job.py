"""The sign-on job: a sign-on form's export -> coalition letters (PDF, DOCX) + the list + manifest.

Room: jobs/. One library call, ``make_signon``, takes plain inputs and returns a
``SignOnResult`` (files written, the count sentence, the cleaning report, notes,
warnings, rows needing attention); ``diff_signon`` compares two exports or two runs.
The CLI (cli_signon.py) only parses options, calls these and prints the result.

Road: read and clean the signers (signers.read_signers) -> choose the addressees from
the congress data in use (signon_address) -> render one letter per addressee
(signon_document) -> write through ``pipeline.write_outputs`` (nothing overwritten
that the user made without ``force``; atomic writes; the manifest), with
``signers.csv``, the list as printed (kind ``signer-list``), which a later ``diff``
reads back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from toolkit.campaign import Campaign, load_campaign
from toolkit.errors import ToolkitError
from toolkit.signers import (Group, SignerList, compare_key, diff_signers, group_signers,
                             load_for_diff, read_signers)
from toolkit.signon_address import Addressee

#: Where the list a run printed is written, under its output folder.
LIST_PATH = "signers.csv"
#: The ``--to`` forms: ``committee:ID``, ``targets``, ``leadership``.
TO_HELP = "committee:ID (its chair and ranking member), targets (each campaign target) or leadership"


@dataclass
class SignOnResult:
    """What ``make_signon`` made and found.

    ``result``: the write's pipeline.Result (written, unchanged, planned, dry run
    decisions, warnings). ``signers``: the cleaned list and its report; ``groups``: the
    list as printed; ``addressees``: one per letter; ``count_sentence``: the letter's
    first sentence; ``notes``: facts worth saying (members left out, the lead
    organization not in the list); ``attention``: rows left out and duplicates to
    decide, each located ``file:row[:column]: ...``.
    """

    result: object
    signers: SignerList
    groups: tuple[Group, ...]
    addressees: tuple[Addressee, ...]
    count_sentence: str
    notes: list[str] = field(default_factory=list)

    @property
    def attention(self) -> list[str]:
        """Rows left out (problems) and possible duplicates kept for a decision."""
        return list(self.signers.problems) + list(self.signers.decisions)

    @property
    def warnings(self) -> list[str]:
        """Values changed while reading, merges, and the renderers' warnings."""
        return list(self.signers.warnings) + list(getattr(self.result, "warnings", []))


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
                      notes: list[str] | None = None) -> tuple[Addressee, ...]:
    """The addressees of ``--to`` from the congress data in use (``legislators``: the
    members in use, default ``contacts.load_legislators()``). ``targets`` selects as
    ``generate`` does (pipeline.select_targets: members whose term ended before
    ``date`` are left out, said in ``notes``). Raises ToolkitError as
    signon_address does, or when no target is left."""
    from toolkit import signon_address

    kind, committee_id = parse_to(to)
    if legislators is None:
        from toolkit.contacts import load_legislators

        legislators = load_legislators().legislators
    if with_full_committee and kind != "committee":
        raise ToolkitError("--with-full-committee goes with --to committee:ID (a subcommittee)")
    if kind == "committee":
        return (signon_address.committee_leaders(committee_id, legislators, campaign,
                                                 with_full_committee=with_full_committee,
                                                 date=date),)
    if kind == "leadership":
        return (signon_address.leadership(legislators, campaign, date),)
    from toolkit.datastore import left_out_line
    from toolkit.pipeline import select_targets

    left_out: list = []
    targets = select_targets(legislators, campaign, date=date, left_out=left_out)
    if left_out and notes is not None:
        notes.append(left_out_line(left_out, date, f"{len(targets) + len(left_out)} selected"))
    if not targets:
        raise ToolkitError("--to targets: no member in office matches the campaign's targets")
    from toolkit.pipeline import file_stem

    return tuple(signon_address.member_addressee(leg, campaign, f"letters/{file_stem(leg)}")
                 for leg in targets)


def addressee_meta(addressee: Addressee) -> dict:
    """The manifest's member columns of a letter: the member's own (pipeline.member_meta),
    or for a joint letter every bioguide ID, the addressees' phrase and the chamber(s)."""
    from toolkit.pipeline import member_meta

    if len(addressee.members) == 1:
        return member_meta(addressee.members[0])
    chambers = sorted({m.chamber for m in addressee.members})
    return {"bioguide_id": " ".join(m.bioguide_id for m in addressee.members),
            "name": addressee.name, "chamber": " ".join(chambers), "state": "",
            "district": "", "data_version": member_meta(addressee.members[0])["data_version"]}


def list_csv(groups: Sequence[Group]) -> bytes:
    """The printed list as CSV (UTF-8 with BOM for Excel; cells that a spreadsheet would
    take for a formula are quoted, output.csv_safe), in printed order, one row a signer:
    its group, kind, cells as printed, timestamp and the rows it came from
    (signers.LIST_COLUMNS). ``signers.load_for_diff`` reads it back."""
    import csv
    import io

    from toolkit.output import csv_safe
    from toolkit.signers import LIST_COLUMNS

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
                legislators=None) -> SignOnResult:
    """Make the coalition sign-on letter(s) of ``signers_file`` for ``campaign``.

    ``to``: see ``parse_to``; ``group_by``: ``none``, ``tier`` or ``state``
    (signers.group_signers); ``columns``: 2 or 3; ``cutoff``: rows stamped later are
    left out; ``date``: the letter date (default today); ``out``: the output folder
    (default ``output/<campaign id>/signon``); ``formats``: ``pdf`` and/or ``docx``;
    ``maps``, ``sheet``, ``header_row``, ``include_hidden``: how the sheet is read (as
    for every sheet); ``pdf_variant``: render.pdf.VARIANTS (tagged PDF/UA-1 by default);
    ``legislators``: the members to address (default: the congress data in use, read
    once here). Writes ``<addressee>.pdf/.docx`` and ``signers.csv`` (the list as
    printed) through pipeline.write_outputs, recorded in ``manifest.csv``.

    Raises ContactsError for an unreadable sheet or missing columns, CampaignError for a
    bad campaign, ToolkitError when no signer is left or an addressee cannot be
    written to, OutputExistsError (nothing written) when a file the toolkit did not
    make would be overwritten without ``force``.
    """
    from toolkit.pipeline import OutputFile, letter_date, write_outputs
    from toolkit.signon_document import COLUMN_CHOICES, as_of_text, build_context

    if not isinstance(campaign, Campaign):
        campaign = load_campaign(campaign)
    if columns not in COLUMN_CHOICES:
        raise ToolkitError(f"--columns {columns}: the list has 2 or 3 columns")
    formats = tuple(dict.fromkeys(formats))
    unknown = [f for f in formats if f not in ("pdf", "docx")]
    if unknown or not formats:
        raise ToolkitError(f"format {', '.join(unknown) or '(none)'}: a sign-on letter is made "
                           "as pdf and/or docx")
    listed = read_signers(signers_file, columns=maps, sheet=sheet, header_row=header_row,
                          include_hidden=include_hidden, cutoff=cutoff,
                          tier_words=campaign.signon.tier_words.model_dump())
    if not listed.signers:
        raise ToolkitError(f"{signers_file}: no signer is left to print after cleaning; fix "
                           "the rows below and run again",
                           list(listed.problems) or [f"{len(listed.late)} row(s) after the cut-off"])
    notes: list[str] = []
    addressees = choose_addressees(to, campaign, with_full_committee=with_full_committee,
                                   date=date, legislators=legislators, notes=notes)
    groups = group_signers(listed.signers, group_by)
    lead = compare_key(campaign.sender.organization)
    if not any(s.key == ("organization", lead) for s in listed.signers):
        notes.append(f"the lead organization {campaign.sender.organization!r} is not in the "
                     "signer list, so it is not counted or listed; add its row if it signs")
    if listed.sorted_by_surname_guess:
        notes.append("individuals are sorted by the surname read from their names "
                     "(nameparser: 'de la Cruz', 'King Jr.' -> King); add a Sort Name or Last "
                     "Name column to set it")
    date_text = letter_date(date)
    as_of = as_of_text(listed.as_of, date)
    out = Path(out) if out else Path("output") / campaign.id / "signon"
    relpaths = [f"{a.stem}.{fmt}" for a in addressees for fmt in formats] + [LIST_PATH]

    def make() -> list:
        from toolkit.output import sha256_bytes
        from toolkit.render.html import TemplateSet
        from toolkit.render.pdf import PdfRenderer
        from toolkit.signon_document import render_letter

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

    from toolkit.signers import count_sentence

    sentence = count_sentence(len(listed.organizations), len(listed.individuals),
                              campaign.signon.purpose or f"you about {campaign.subject}")
    result = write_outputs(out, relpaths, make, force=force, dry_run=dry_run)
    return SignOnResult(result, listed, groups, addressees, sentence, notes)


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
    the list each printed), after cleaning both as a run would (signers.diff_signers).
    ``maps``, ``sheet`` and ``cutoff`` apply to exports. Raises ContactsError as
    signers.load_for_diff does."""
    old_path, before = load_for_diff(old, columns=maps, sheet=sheet, cutoff=cutoff)
    new_path, after = load_for_diff(new, columns=maps, sheet=sheet, cutoff=cutoff)
    return DiffResult(old_path, new_path, tuple(diff_signers(before.signers, after.signers)),
                      len(before.signers), len(after.signers))
