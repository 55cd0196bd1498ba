"""Constituent letters (a mail-merge campaign): each writer's own letters to their members.

``constituent_letters`` is the job (``advocacy constituents``): the constituents'
sheet read and each row matched to its two senators and House member
(``sheets.own_members``), one letter per pair planned (``plan_constituent_letters``)
and rendered by ``engine.run``, then one print file per office. ``check_constituents``
reads and matches without writing (``advocacy constituents check``).

"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Sequence
from toolkit.campaign.bills import position_text
from toolkit.campaign.model import Campaign
from toolkit.congress.model import Legislator
from toolkit.errors import ExportError, ToolkitError
from toolkit.engine.output import MANIFEST_COLUMNS, Manifest, inside
from toolkit.documents.files import safe_slug, sha256_bytes
from toolkit.documents.tailor import build_context

from toolkit.documents.job import DocumentJob, FORMATS, RenderedFile, file_stem, member_meta
from toolkit.documents.pdf import DEFAULT_VARIANT
from toolkit.engine.run import JobStream, Result, _store, run
from toolkit.jobs.common import (JobResult, Notes, Progress, Sheet, data_notes, data_warning,
                                 load_campaign_noting_drafts, no_progress, note_max_chars,
                                 read_constituents)
from toolkit.jobs.letters import letter_date
from toolkit.sheets.constituents import load_constituents
from toolkit.sheets.legislators import load_legislators
from toolkit.sheets.own_members import OfficeIndex, match_offices


#: Manifest columns of ``advocacy constituents``: the usual ones plus the writer.
CONSTITUENT_COLUMNS = MANIFEST_COLUMNS + ("constituent_row", "constituent_name")


@dataclass
class ConstituentPlan:
    """The letters of a constituents mail merge, planned but not yet built.

    ``matches``: each constituent with its Match (offices, problems, notices), in
    spreadsheet order. ``jobs``: a JobStream of one DocumentJob per constituent and
    office, in that order, stem ``constituents/<name>-r<row>/<WA-sen-cantwell-C000127>``,
    each built (merge fields and all) only when rendering reaches it. ``offices``: for each
    office with letters, the stem of its combined print file (``by-office/WA-sen-cantwell-
    C000127``) -> the indexes in ``matches`` of its writers, in surname order;
    ``print_meta`` its manifest columns; ``prints`` the same as letter stems.
    ``office`` (``washington`` or ``district``) and ``district_offices``: where each
    letter is addressed (``choose_office``, the same choice the plan's notices report).
    """

    matches: list[tuple]
    campaign: Campaign
    date: str
    offices: dict[str, list[int]]
    print_meta: dict[str, dict]
    office: str = "washington"
    district_offices: dict | None = None
    #: ``--max-chars``: the web-form limit of each letter's txt/eml body (None: the campaign's)
    max_chars: int | None = None
    _chosen: dict = field(default_factory=dict, repr=False, compare=False)

    def choice(self, person, leg: Legislator):
        """The office (offices.OfficeChoice) ``person``'s letter to ``leg`` is addressed to.

        The same for every writer of one ZIP to one member, so it is chosen once per
        (member, ZIP5) and kept (``choose_office``'s distances cost about 60 us a letter).
        """
        from toolkit.congress.offices import choose_office

        if self.office == "washington":
            return choose_office(leg, {}, self.office)
        key = (id(leg), person.zip[:5])
        kept = self._chosen.get(key)
        if kept is None or kept[0] is not leg:
            kept = (leg, choose_office(leg, self.district_offices or {}, self.office,
                                       zip5=person.zip[:5], constituent=True))
            self._chosen[key] = kept
        return kept[1]

    @property
    def jobs(self) -> JobStream:
        """The letters, made as they are read (see JobStream)."""
        return JobStream(self._jobs, self._stems, sum(len(m.offices) for _, m in self.matches))

    def _stems(self) -> Iterator[str]:
        """``constituent_stem`` of each letter, each folder and member's stem made once."""
        members: dict[int, str] = {}
        for person, match in self.matches:
            folder = _constituent_folder(person)
            for leg in match.offices:
                stem = members.get(id(leg))
                if stem is None:
                    stem = members[id(leg)] = file_stem(leg)
                yield f"{folder}/{stem}"

    def _pairs(self) -> Iterator[tuple]:
        return ((person, leg) for person, match in self.matches for leg in match.offices)

    def _jobs(self) -> Iterator[DocumentJob]:
        from toolkit.documents.tailor import ConstituentSigner, constituent_view
        from toolkit.documents.address import address_context
        from toolkit.documents.tailor import SenderView

        campaign, date = self.campaign, self.date
        for person, leg in self._pairs():
            sender = SenderView(person.titled_name, person.address_lines, person.contact)
            signer = ConstituentSigner(person.name)
            view = constituent_view(person, leg, campaign.sender.organization,
                                    campaign.constituent_relation)
            context = build_context(leg, campaign, date, sender=sender, signers=(signer,),
                                    constituent=view)
            choice = self.choice(person, leg)
            context = address_context(context, leg, choice, campaign.style.chamber_line_first)
            context["draft_mark"] = campaign.placeholder_sender   # draftmark.mark_html
            title = (f"{campaign.title} \u2014 {context['member'].salutation_name} \u2014 "
                     f"{person.name}")
            yield DocumentJob("letter.html", "letter", constituent_stem(person, leg), context,
                              {**member_meta(leg), "kind": "letter", "office": choice.label,
                               "bill_positions": position_text(context["bills"]),
                               "constituent_row": person.row,
                               "constituent_name": person.name}, title,
                              max_pages=2, fit_pages=1,
                              too_long=f"shorten the story ({person.where('story')})",
                              max_chars=self.max_chars)

    def letters(self, print_stem: str) -> list[str]:
        """The stems of one office's letters, in the order of its print file."""
        office = print_stem.split("/", 1)[1]
        return [f"{_constituent_folder(self.matches[i][0])}/{office}"
                for i in self.offices[print_stem]]

    @property
    def prints(self) -> dict[str, list[str]]:
        """Print-file stem -> its letters' stems (built on each call; see ``letters``)."""
        return {stem: self.letters(stem) for stem in self.offices}

    @property
    def attention(self) -> list[tuple]:
        """(constituent, problems) for every row that did not get every letter."""
        return [(c, m.problems) for c, m in self.matches if m.problems]

    @property
    def notices(self) -> list[str]:
        """Facts reported without a fix needed (vacant seats, District over ZIP)."""
        return [n for _, m in self.matches for n in m.notices]


def _constituent_folder(person) -> str:
    return f"constituents/{safe_slug(person.name)}-r{person.row}"


def constituent_stem(person, leg: Legislator) -> str:
    """Where a constituent's letter to ``leg`` goes: ``constituents/<name>-r<row>/<file_stem>``."""
    return f"{_constituent_folder(person)}/{file_stem(leg)}"


def plan_constituent_letters(constituents: Sequence, legislators: Iterable[Legislator],
                             campaign: Campaign, date: str,
                             zip_districts: dict | None = None, office: str = "washington",
                             district_offices: dict | None = None,
                             day: dt.date | None = None) -> ConstituentPlan:
    """Plan one letter per constituent per own member (``own_members.match_offices``).

    Each letter is the campaign letter tailored to the member (as ``plan_documents``
    makes), signed by the constituent: their name (with courtesy title) and postal
    address as the sender block, their story: one page when it fits, else up to two
    (``fit_pages=1, max_pages=2``). Only the matching is done here; the letters are
    built as ``plan.jobs`` is read.
    Rows that need attention get the letters they can (see ``match_offices``).
    ``office``: ``washington``, or ``district`` for the member's office nearest the
    constituent's ZIP (``offices.choose_office``; ``district_offices`` default: the
    data in use's); a fallback to Washington is a notice of the row's Match.
    Members whose term ended before ``day`` (default today) get no letter
    (``OfficeIndex.build``).
    """
    from toolkit.sheets.own_members import OfficeIndex, match_offices
    from toolkit.sheets.constituents import letter_order
    from toolkit.congress.offices import load_district_offices

    from toolkit.congress.districts import load_zip_districts

    if office == "district" and district_offices is None:
        district_offices = load_district_offices()
    if zip_districts is None:       # found once, not per row (the data in use's path)
        zip_districts = load_zip_districts()
    index = OfficeIndex.build(legislators, day)
    matches = []
    by_office: dict[str, list[int]] = {}
    print_meta: dict[str, dict] = {}
    plan = ConstituentPlan(matches, campaign, date, {}, print_meta, office, district_offices)
    stems: dict[int, str] = {}      # id(member) -> print stem, made once per member
    for person in constituents:     # a repeated row is stopped as it is read (load_constituents)
        match = match_offices(person, index, zip_districts)
        for leg in match.offices:
            notice = plan.choice(person, leg).notice
            if notice:
                match.notices.append(f"{person.where('zip')}: {notice}")
            print_stem = stems.get(id(leg))
            if print_stem is None:
                print_stem = stems[id(leg)] = f"by-office/{file_stem(leg)}"
                print_meta[print_stem] = {**member_meta(leg), "kind": "office-print"}
            by_office.setdefault(print_stem, []).append(len(matches))
        matches.append((person, match))
    # letter_order's key is the writer's alone (surname, name, row: no two alike), so each
    # office's order is the order of all writers, kept to its own: sorted once, not per office
    position = {id(person): i for i, (person, _) in enumerate(matches)}
    rank = [0] * len(matches)
    for place, person in enumerate(letter_order([person for person, _ in matches])):
        rank[position[id(person)]] = place
    for print_stem in sorted(by_office):
        plan.offices[print_stem] = sorted(by_office[print_stem], key=rank.__getitem__)
    return plan


def run_constituents(plan: ConstituentPlan, out: Path, *, formats: Sequence[str] = FORMATS,
                     force: bool = False, dry_run: bool = False, **options) -> Result:
    """Render a ConstituentPlan with ``run`` and make each office's combined print PDF.

    The print file ``by-office/<STATE>-<sen|rep>-<surname>-<BIOGUIDE>.pdf`` holds that
    member's letters in constituent surname order, for hand delivery; it is made when
    PDF is among ``formats`` and recorded in the manifest as kind ``office-print``.
    ``options`` go to ``run`` (templates, workers, executor, scheduler_address, date,
    progress). Each print file is built from the letters on disk, one office at a time. Raises
    OutputExistsError before writing anything when a print file is not the toolkit's.
    """
    out = Path(out)
    make_prints = "pdf" in formats and plan.offices
    print_paths = [f"{stem}.pdf" for stem in plan.offices] if make_prints else []
    for relpath in print_paths:
        inside(out, relpath)
    result = run(plan.jobs, out, formats=formats, force=force, dry_run=dry_run,
                 columns=CONSTITUENT_COLUMNS, also=print_paths, **options)
    if dry_run:
        from toolkit.engine.dryrun import decide

        result.planned += print_paths
        result.decisions += decide(out, print_paths, force, columns=CONSTITUENT_COLUMNS,
                                   keep_edited=options.get("keep_edited", False))
        return result
    if print_paths:
        _write_office_prints(plan, out, result)
    return result


def _write_office_prints(plan: ConstituentPlan, out: Path, result: Result) -> None:
    """Concatenate each office's letter PDFs (pypdf) into its print file; update the manifest."""
    from pypdf import PdfReader, PdfWriter

    kept, failed = set(result.kept), {path for path, _ in result.failed}
    with Manifest.load(out, CONSTITUENT_COLUMNS) as manifest:
        for stem in plan.offices:
            letters = plan.letters(stem)
            relpath = f"{stem}.pdf"
            if relpath in kept:         # edited by hand, kept (--keep-edited)
                continue
            missing = [f"{letter}.pdf" for letter in letters if f"{letter}.pdf" in failed]
            if missing:
                result.failed.append((relpath, f"not made: {len(missing)} of its letters were "
                                               f"not made (e.g. {missing[0]})"))
                continue
            writer = PdfWriter()
            sources = []
            for letter in letters:
                path = inside(out, f"{letter}.pdf")
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    raise ExportError(f"{path}: cannot read a letter for {relpath}: "
                                      f"{exc.strerror or exc}") from exc
                sources.append(sha256_bytes(data))
                for page in PdfReader(io.BytesIO(data)).pages:
                    writer.add_page(page)
            writer.add_metadata({"/Producer": "advocacy toolkit (WeasyPrint, pypdf)",
                                 "/Title": f"{len(letters)} constituent letter(s): "
                                           f"{plan.print_meta[stem]['name']}"})
            buffer = io.BytesIO()
            writer.write(buffer)
            meta = {**plan.print_meta[stem], "constituent_row": "",
                    "constituent_name": f"{len(letters)} constituent(s)"}
            source = sha256_bytes("\n".join(sources).encode())
            _store(out, manifest, RenderedFile(relpath, "pdf", buffer.getvalue(),
                                               len(writer.pages), source, (), meta), result)
        manifest.save()



def constituent_letters(constituents_file: Path, campaign: Path | None = None, *,
                        out: Path | None = None, formats: Sequence[str] = (),
                        read: Sheet | None = None, contacts: Path | None = None,
                        committees: Path | None = None, office: str = "district",
                        date: dt.date | None = None, templates: Path | None = None,
                        force: bool = False, dry_run: bool = False,
                        max_chars: int | None = None,
                        pdf_variant: str | None = DEFAULT_VARIANT, workers: int | None = None,
                        executor=None, scheduler_address: str | None = None,
                        notify=None, progress: Progress = no_progress,
                        cosponsors: str | None = None,
                        template_timeout: float | None = None,
                        keep_edited: bool = False) -> JobResult:
    """Each constituent's own letters to their two senators and House member.

    ``cosponsors``: a bill's cosponsor list instead of the campaign's (``--cosponsors``).

    ``constituents_file``: a .csv/.xlsx read as ``read`` says (``common.Sheet``: maps,
    sheet, header row, hidden rows). ``contacts``: a legislators sheet instead of the
    congress data in use. Makes one letter per constituent per member under
    ``constituents/`` and, with PDF, one print file per office under ``by-office/``, in
    ``out`` (default ``output/<campaign id>/constituents``). Every letter that can be
    made is made; the rows that did not get every letter are the result's
    ``attention`` (exit code 1). Returns a JobResult; raises ToolkitError on bad input,
    and before rendering when a column of free text feeds nothing while no column feeds
    the story (``ReadReport.story_problem``: ``--map story=`` or ``--ignore-column``).
    ``template_timeout`` and ``keep_edited``: ``engine.run``'s.
    """
    notes = Notes(notify)
    data_warning(notes, date, contacts)
    loaded = load_campaign_noting_drafts(notes, campaign, cosponsors, date)
    people = read_constituents(notes, constituents_file, read or Sheet())
    if people.report.story_problem():    # a story column nobody mapped: stop, say how
        raise ToolkitError(people.report.story_problem())
    table = load_legislators(contacts, committees)
    data_notes(notes, table, contacts, date, count_ended=True)
    formats = tuple(formats) or FORMATS
    plan = plan_constituent_letters(people.constituents, table.legislators, loaded,
                                    letter_date(date), office=office, day=date)
    note_max_chars(notes, max_chars, formats)
    plan.max_chars = max_chars
    out = out or Path("output") / loaded.id / "constituents"
    bar, update = progress(len(plan.jobs)) if not dry_run else no_progress(0)
    with bar:
        files = run_constituents(plan, out, formats=formats, templates=templates, force=force,
                                 dry_run=dry_run, workers=workers, date=date, progress=update,
                                 pdf_variant=pdf_variant, executor=executor,
                                 scheduler_address=scheduler_address,
                                 template_timeout=template_timeout, keep_edited=keep_edited)
    written_to = {leg.bioguide_id for _, match in plan.matches for leg in match.offices}
    files.warnings += table.warnings_for(leg for leg in table.legislators
                                         if leg.bioguide_id in written_to)
    files.warnings += list(people.warnings)
    reached = sum(1 for _, match in plan.matches if match.offices)
    after = [f"{len(people.constituents)} constituent(s) read from {people.path}; "
             f"{len(plan.jobs)} letter(s) for {reached} of them, to "
             f"{len(plan.offices)} office(s)."]
    after += [f"Note: {notice}" for notice in plan.notices]
    letters = {id(person): len(match.offices) for person, match in plan.matches}
    return JobResult(files, list(notes), after=after, attention=plan.attention,
                     attention_path=people.path,
                     made=lambda person: f"{letters[id(person)]} letter(s) made")


@dataclass(frozen=True)
class ConstituentsCheck:
    """How a constituents sheet was read and what a run would make: ``people`` (the
    ConstituentsTable with its read report), ``letters`` (how many a run would make),
    ``notices`` (facts such as a vacant seat) and ``problems`` (rows needing attention)."""

    people: object
    letters: int
    notices: tuple[str, ...]
    problems: tuple[str, ...]


def check_constituents(constituents_file: Path, read: Sheet | None = None,
                       contacts: Path | None = None,
                       date: dt.date | None = None) -> ConstituentsCheck:
    """Read a constituents sheet and match every row to its members, writing nothing
    (``advocacy constituents check``). Raises ToolkitError (with its read report) when
    the file cannot be read."""
    read = read or Sheet()
    people = load_constituents(constituents_file, read.maps, read.sheet, **read.read_options())
    from toolkit.congress.districts import load_zip_districts

    index = OfficeIndex.build(load_legislators(contacts).legislators, date)
    zip_districts = load_zip_districts()
    letters, notices, problems = 0, [], []
    if people.report.story_problem():
        problems.append(people.report.story_problem())
    for person in people.constituents:
        match = match_offices(person, index, zip_districts)
        letters += len(match.offices)
        problems += match.problems
        notices += match.notices
    return ConstituentsCheck(people, letters, tuple(notices), tuple(problems))
