"""Coalition sign-on letters: invented sign-on exports (50 and 600 rows) with the faults
seen in public sign-on projects, read, cleaned, grouped, diffed and rendered."""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
import time
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from pypdf import PdfReader
from conftest import draft_marked_pages

from toolkit.campaign.model import load_campaign
from toolkit.cli import cli
from toolkit.congress.members import load_members
from toolkit.errors import OutputExistsError, ToolkitError
from toolkit.campaign.signon import Leadership, SignOn
from toolkit.documents.signon import count_sentence, docx_list
from toolkit.documents.signon_address import committee_leaders, leadership
from toolkit.jobs.signon import diff_signon, make_signon
from toolkit.sheets.signer_diff import diff_signers
from toolkit.sheets.signers import compare_key, group_signers, read_signers, sort_text

CUTOFF = dt.datetime(2027, 2, 1, 17, 0)
#: A date on which the bundled data's committee leaders are in office.
LETTER_DAY = dt.date(2026, 12, 1)

# --------------------------------------------------------------------------- the factory

PLACES = ["Akron", "Boise", "Camden", "Dayton", "Eugene", "Fresno", "Galveston", "Helena",
          "Ithaca", "Joliet", "Kenosha", "Laramie", "Macon", "Norman", "Ogden", "Provo",
          "Quincy", "Racine", "Salem", "Tacoma", "Utica", "Valdosta", "Wichita", "Yakima"]
CAUSES = ["Water", "Housing", "Literacy", "Refugee", "Hunger", "Climate", "Health", "Arts",
          "Youth", "Veterans", "Farm", "Labor", "Peace", "Justice", "Faith"]
KINDS = ["Coalition", "Alliance", "Network", "Project", "Council", "Center", "Fund"]
STATES = ["OH", "ID", "NJ", "OR", "CA", "TX", "MT", "NY", "IL", "WI", "WY", "GA", "OK", "UT",
          "MA", "VA", "WA", "KS", "FL", "NM", "ME", "AL", "MI", "IA"]
FIRST = ["Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jordan", "Kendall",
         "Logan", "Morgan", "Parker", "Quinn", "Reese", "Sawyer", "Taylor"]
LAST = ["Abbott", "Barnes", "Cortez", "Dunn", "Ellis", "Flores", "Grant", "Hayes", "Ibarra",
        "Jensen", "Keller", "Lowe", "Mendez", "Nolan", "Ortiz", "Pruitt", "Reyes", "Soto"]
HEADER = ["Timestamp", "Signing as", "Organization", "Name", "Title", "City", "State",
          "Organization type", "Email"]
TIER_WORDS = ["National", "Statewide", "Local"]


def _stamp(start: dt.datetime, minutes: int) -> str:
    return (start + dt.timedelta(minutes=minutes)).strftime("%m/%d/%Y %H:%M:%S")


def invented_names(count: int) -> list[str]:
    """``count`` organization names, none a near spelling of another (so the only
    possible duplicates are the planted ones)."""
    chosen, keys = [], []
    for i in range(len(PLACES) * len(CAUSES) * len(KINDS)):
        name = (f"{PLACES[i % len(PLACES)]} {CAUSES[(i // len(PLACES)) % len(CAUSES)]} "
                f"{KINDS[(i // (len(PLACES) * len(CAUSES))) % len(KINDS)]}")
        key = compare_key(name)
        if any(difflib.SequenceMatcher(None, key, k).ratio() >= 0.9 for k in keys):
            continue
        chosen.append(name)
        keys.append(key)
        if len(chosen) == count:
            return chosen
    raise AssertionError("the factory ran out of names")


def planted_rows(start: dt.datetime) -> list[list[str]]:
    """The faults (13 rows at the top, the late row at the end)."""
    t = lambda m: _stamp(start, m)  # noqa: E731
    return [
        [t(1), "Organization", "ACLU of Ohio", "Ann Lee", "Director", "Columbus", "OH", "State",
         "ann@acluohio.org"],
        [t(2), "Organization", "ACLU  of Ohio ", "Bo Chen", "", "Columbus", "Ohio", "state",
         "bo@acluohio.org"],
        [t(3), "Organization", "aclu of ohio", "", "", "", "", "", ""],
        [t(4), "Organization", "Friends of Rock Creek", "Pat Roe", "Ranger", "Washington", "DC",
         "Local", "pat.roe@nps.gov"],
        [t(5), "Organization", "Test", "asdf", "", "", "", "", "x@y.org"],
        [t(6), "Organization", "Ohio Environmental Council", "", "", "Columbus", "OH", "State",
         "info@theoec.org"],
        [t(7), "Organization", "Ohio Enviromental Council", "", "", "Columbus", "OH", "State", ""],
        [t(8), "Organization", "The Nature Fund", "", "", "", "", "National", ""],
        [t(9), "Organization", "\u00c9rie Watershed Alliance", "", "", "Erie", "PA", "Local", ""],
        [t(10), "Individual", "", "Maria de la Cruz", "", "Tucson", "AZ", "", "maria@gmail.com"],
        [t(11), "Individual", "", "Zoe Baker", "Professor", "Austin", "TX", "", ""],
        [t(12), "Individual", "Helena Literacy Project", "Ana \u00c1lvarez", "Volunteer", "", "",
         "", ""],
        [t(13), "Individual", "", "John Smith", "", "Reno", "NV", "", ""],
        ["02/02/2027 09:00:00", "Organization", "Late Arrivals Network", "", "", "Dover", "DE",
         "State", ""],
    ]


def make_export(path: Path, rows: int = 50, start: dt.datetime = dt.datetime(2027, 1, 20, 9),
                drop: tuple[str, ...] = (), extra: list[list[str]] | None = None,
                edit: dict[str, dict[int, str]] | None = None) -> Path:
    """Write an invented sign-on export of ``rows`` rows (CSV, as Google Forms exports it).

    The planted faults (``planted_rows``) plus invented organizations, every third one
    national, state or local; every other one gives its signer's name and title, so its
    entry prints on two lines with ``signon.signer_names``. ``drop`` leaves out the rows
    of those organizations, ``extra`` appends rows, ``edit`` changes cells
    (``{organization: {column index: value}}``): a second version of the export.
    """
    fixed = planted_rows(start)
    body = []
    for i, name in enumerate(invented_names(rows - len(fixed))):
        place = PLACES.index(name.split()[0])
        person = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]}"
        signer, title = (person, "Executive Director") if i % 2 == 0 else ("", "")
        body.append([_stamp(start, 20 + i), "Organization", name, signer, title, name.split()[0],
                     STATES[place], TIER_WORDS[i % 3], ""])
    table = fixed[:13] + body + fixed[13:] + (extra or [])
    table = [r for r in table if r[2] not in drop]
    for row in table:
        for column, value in (edit or {}).get(row[2], {}).items():
            row[column] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(table)
    return path


# --------------------------------------------------------------------------- reading and cleaning

def test_fifty_row_export_is_cleaned_and_every_change_reported(tmp_path):
    path = make_export(tmp_path / "signers.csv", 50)
    listed = read_signers(path, cutoff=CUTOFF)
    assert listed.summary() == ("41 organizations and 4 individuals kept from 50 row(s): 2 "
                                "duplicate(s) merged, 2 row(s) left out as problems, 1 possible "
                                "duplicate(s) to decide, 1 row(s) after the cut-off left out")
    assert count_sentence(len(listed.organizations), len(listed.individuals),
                          "urge you to act") == (
        "The 41 undersigned organizations and 4 individuals write to urge you to act.")
    assert listed.merged == (
        f"{path}:3:Organization: 'ACLU of Ohio' is the same organization as row 2 'ACLU of "
        "Ohio' (the same name): merged, printed once",
        f"{path}:4:Organization: 'aclu of ohio' is the same organization as row 2 'ACLU of "
        "Ohio' (the same name): merged, printed once")
    aclu = next(s for s in listed.signers if s.organization == "ACLU of Ohio")
    assert aclu.rows == (2, 3, 4) and aclu.place == "Columbus, OH"
    assert f"{path}:3:Organization: read 'ACLU  of Ohio', printed 'ACLU of Ohio' (spaces)" \
        in listed.warnings
    assert listed.problems == (
        f"{path}:5:Email: the e-mail 'pat.roe@nps.gov' is a government (.gov) address: federal "
        "employees may not sign with an official title or e-mail (Hatch Act); remove the row, "
        "or ask the signer to sign in a personal capacity",
        f"{path}:6:Organization: 'Test' looks like a placeholder or a test entry, not a signer; "
        "delete the row or write the real name",
        f"{path}:6:Name: 'asdf' looks like a placeholder or a test entry, not a signer; delete "
        "the row or write the real name")
    assert listed.decisions == (
        f"{path}:8: 'Ohio Enviromental Council' and row 7 'Ohio Environmental Council' may be "
        "the same signer (a near spelling); both are printed: delete one row if they are the "
        "same",)
    assert listed.late == (51,)
    assert listed.as_of == CUTOFF
    assert "Late Arrivals Network" not in {s.organization for s in listed.signers}


def test_without_cutoff_the_late_row_is_kept_and_the_list_stands_at_its_last_stamp(tmp_path):
    listed = read_signers(make_export(tmp_path / "s.csv", 50))
    assert listed.late == ()
    assert len(listed.organizations) == 42
    assert listed.as_of == dt.datetime(2027, 2, 2, 9, 0)


def test_cutoff_needs_a_timestamp_column(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Organization,State\nOhio Food Bank,OH\n", encoding="utf-8")
    with pytest.raises(ToolkitError) as error:
        read_signers(path, cutoff=CUTOFF)
    assert error.value.problems == [
        f"{path}:1: --cutoff needs the form's timestamp column (looked for 'Timestamp', "
        "'Submitted', 'Created'); pass --map timestamp=COLUMN"]


def test_map_header_finding_and_federal_title(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Coalition sign-on, exported 2027-02-01\n\n"
                    "Group name,Signer,Job title,ST\n"
                    "Ohio Food Bank,Lee Park,Director,OH\n"
                    "Friends of the Forest,Sam Roe,\"Ranger, U.S. Forest Service\",OR\n",
                    encoding="utf-8")
    listed = read_signers(path, columns={"organization": "Group name"})
    assert listed.report.header_row == 3
    assert [s.organization for s in listed.signers] == ["Ohio Food Bank"]
    assert listed.problems == (
        f"{path}:5:Job title: the title 'Ranger, U.S. Forest Service' reads as a federal "
        "official title: federal employees may not sign with an official title or e-mail "
        "(Hatch Act); remove the row, or ask the signer to sign in a personal capacity",)


def test_xlsx_export_with_excel_dates_and_the_cutoff(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Sign-on: Mali letter"])
    sheet.append([])
    sheet.append(["Submitted", "Organization", "State"])
    sheet.append([dt.datetime(2027, 2, 1, 16, 59), "Ohio Food Bank", "OH"])
    sheet.append([dt.datetime(2027, 2, 1, 17, 1), "Late Food Bank", "OH"])
    for row in (4, 5):
        sheet.cell(row=row, column=1).number_format = "m/d/yyyy h:mm"
    path = tmp_path / "signers.xlsx"
    book.save(path)
    listed = read_signers(path, cutoff=CUTOFF)
    assert listed.report.header_row == 3
    assert [s.organization for s in listed.signers] == ["Ohio Food Bank"]
    assert listed.signers[0].timestamp == dt.datetime(2027, 2, 1, 16, 59)
    assert listed.late == (5,)
    assert f"{path}: the 'Submitted' column holds Excel dates: read as Excel shows them" \
        in listed.report.notices
    assert listed.warnings == ()


def test_individuals_sort_by_sort_name_column_never_the_last_word(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Name,Sort name,Signing as\nMartin Luther King Jr.,King,Individual\n"
                    "Gabriel Garc\u00eda M\u00e1rquez,Garcia Marquez,Individual\n"
                    "Ada Lovelace,Lovelace,Individual\n", encoding="utf-8")
    groups = group_signers(read_signers(path).signers)
    assert [s.name for s in groups[0].signers] == [
        "Gabriel Garc\u00eda M\u00e1rquez", "Martin Luther King Jr.", "Ada Lovelace"]


def test_count_sentence_forms():
    assert count_sentence(55, 0, "voice opposition to H.R. 1234") == (
        "The 55 undersigned organizations write to voice opposition to H.R. 1234.")
    assert count_sentence(1, 0, "urge you") == "The undersigned organization writes to urge you."
    assert count_sentence(0, 12, "urge you") == "The 12 undersigned individuals write to urge you."
    assert count_sentence(1200, 1, "urge you") == (
        "The 1,200 undersigned organizations and 1 individual write to urge you.")


def test_placeholders_and_empty_required_cells(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("Organization,Name,Signing as\nYour Organization Name,,Organization\n"
                    "[Organization],,Organization\n,Lee Park,Organization\n,,Individual\n"
                    "Ohio Food Bank,Name,Organization\n", encoding="utf-8")
    listed = read_signers(path)
    assert listed.signers == ()
    assert listed.problem_rows == (2, 3, 4, 5, 6)
    assert listed.problems[2] == (f"{path}:4:Organization: the organization is empty for an "
                                  "organization signer; fill it in, or mark the row as an "
                                  "individual")
    assert listed.problems[3] == f"{path}:5:Name: the name is empty for an individual signer; fill it in"
    assert listed.problems[4].startswith(f"{path}:6:Name: 'Name' looks like a placeholder")
    with pytest.raises(ToolkitError, match="no signer is left to print after cleaning"):
        make_signon(path, to="committee:SSFR", date=LETTER_DAY, out=tmp_path / "o")
    assert not (tmp_path / "o").exists()


def test_sorting_ignores_case_accents_and_a_leading_the():
    assert sort_text("The \u00c9rie Alliance") == "erie alliance"
    assert compare_key("  The ACLU  of Ohio ") == compare_key("aclu of ohio") == "aclu of ohio"


# --------------------------------------------------------------------------- grouping

def test_group_by_tier_orders_national_state_local_then_individuals(tmp_path):
    listed = read_signers(make_export(tmp_path / "s.csv", 50), cutoff=CUTOFF)
    groups = group_signers(listed.signers, "tier")
    assert [(g.heading, len(g.signers)) for g in groups] == [
        ("National organizations", 13), ("State organizations", 15),
        ("Local organizations", 13), ("Individuals", 4)]
    national = [s.organization for s in groups[0].signers]
    assert national == sorted(national, key=sort_text)
    assert national[7:10] == ["Laramie Housing Coalition", "The Nature Fund",
                              "Norman Water Coalition"]   # under N, not T
    local = [s.organization for s in groups[2].signers]
    assert local[local.index("\u00c9rie Watershed Alliance") + 1] == "Eugene Housing Coalition"
    assert [s.name for s in groups[3].signers] == [
        "Ana \u00c1lvarez", "Zoe Baker", "Maria de la Cruz", "John Smith"]


def test_group_by_state_orders_by_state_name(tmp_path):
    listed = read_signers(make_export(tmp_path / "s.csv", 50), cutoff=CUTOFF)
    groups = group_signers(listed.signers, "state")
    headings = [g.heading for g in groups]
    assert headings[0] == "National and multistate organizations"
    assert headings[1:4] == ["Alabama", "California", "Florida"]
    ohio = next(g for g in groups if g.heading == "Ohio")
    assert [s.organization for s in ohio.signers[:3]] == [
        "ACLU of Ohio", "Akron Housing Coalition", "Akron Water Coalition"]
    assert headings[-1] == "Individuals"
    assert headings[1:-1] == sorted(headings[1:-1])


# --------------------------------------------------------------------------- diff

def test_diff_of_two_exports(tmp_path):
    old = make_export(tmp_path / "v1.csv", 50)
    new = make_export(tmp_path / "v2.csv", 50, drop=("Boise Water Coalition",),
                      extra=[["02/01/2027 12:00:00", "Organization", "Bread for Dayton", "", "",
                              "Dayton", "OH", "Local", ""]],
                      edit={"Camden Water Coalition": {5: "Trenton"},
                            "Dayton Water Coalition": {2: "DAYTON WATER COALITION"}})
    lines = diff_signers(read_signers(old).signers, read_signers(new).signers)
    assert lines == ["added: Bread for Dayton (Dayton, OH)",
                     "removed: Boise Water Coalition (Boise, ID)",
                     "changed: Camden Water Coalition: city 'Camden' -> 'Trenton'",
                     "changed: DAYTON WATER COALITION: organization 'Dayton Water Coalition' -> "
                     "'DAYTON WATER COALITION'"]
    result = diff_signon(old, new, cutoff=CUTOFF)
    assert result.summary == "1 added, 1 removed, 2 changed (45 -> 45 signers)"


# --------------------------------------------------------------------------- addressees

@pytest.fixture(scope="module")
def members():
    return load_members().legislators


def test_committee_leaders_joint_inside_address_and_salutation(members):
    campaign = load_campaign()
    ssfr = committee_leaders("SSFR", members, campaign, date=LETTER_DAY)
    assert ssfr.salutation == "Dear Chairman Risch and Ranking Member Shaheen:"
    assert ssfr.blocks == (("The Honorable James E. Risch, Chairman",
                            "The Honorable Jeanne Shaheen, Ranking Member",
                            "Committee on Foreign Relations", "United States Senate",
                            "Washington, DC 20510"),)
    four = committee_leaders("SSAP18", members, campaign, with_full_committee=True,
                             date=LETTER_DAY)
    assert four.salutation == ("Dear Chairman Collins, Ranking Member Murray, Chairman Capito "
                               "and Ranking Member Baldwin:")
    assert four.blocks[0][:5] == ("The Honorable Susan M. Collins, Chairman",
                                  "The Honorable Patty Murray, Ranking Member",
                                  "Committee on Appropriations",
                                  "The Honorable Shelley Moore Capito, Chairman",
                                  "The Honorable Tammy Baldwin, Ranking Member")
    gendered = campaign.model_copy(update={"signon": SignOn(chair_title="gendered")})
    assert committee_leaders("SSAP", members, gendered, date=LETTER_DAY).salutation == \
        "Dear Chairwoman Collins and Ranking Member Murray:"
    with pytest.raises(ToolkitError, match=r"--to committee:SSFX: no such committee"):
        committee_leaders("SSFX", members, campaign)
    # Risch's term ends on 3 January 2027: no letter to him after it.
    with pytest.raises(ToolkitError, match=r"the chair of Senate Committee on Foreign "
                                           r"Relations in the data \(R000584\) is not a member "
                                           r"in office on 2027-02-03"):
        committee_leaders("SSFR", members, campaign, date=dt.date(2027, 2, 3))


def test_leadership_comes_from_the_campaign_because_the_data_has_none(members):
    campaign = load_campaign()
    with pytest.raises(ToolkitError) as error:
        leadership(members, campaign)
    assert str(error.value).startswith(
        "--to leadership: the congress data in use does not record who the Speaker and the "
        "party leaders are; name them by bioguide ID in the campaign")
    named = campaign.model_copy(update={"signon": SignOn(leadership=Leadership(
        speaker="J000299", senate_majority_leader="T000250", senate_minority_leader="S000148",
        house_majority_leader="S001176", house_minority_leader="J000294"))})
    leaders = leadership(members, named, LETTER_DAY)
    assert leaders.salutation == ("Dear Speaker Johnson, Leader Scalise, Leader Jeffries, "
                                  "Leader Thune and Leader Schumer:")
    assert leaders.blocks[0][0] == "The Honorable Mike Johnson, Speaker of the House"
    assert leaders.blocks[1][:2] == ("The Honorable John Thune, Majority Leader",
                                     "The Honorable Charles E. Schumer, Minority Leader")
    wrong = campaign.model_copy(update={"signon": SignOn(leadership=Leadership(
        speaker="T000250"))})
    with pytest.raises(ToolkitError) as error:
        leadership(members, wrong)
    assert error.value.problems == ["signon.leadership.speaker: T000250 (Thune) sits in the "
                                    "senate, not the chamber of the speaker"]


# --------------------------------------------------------------------------- the 600-signer letter

@pytest.fixture(scope="module")
def big_run(tmp_path_factory, members):
    """The 600-row export rendered once: committee SSFR, by tier, three columns, signers'
    names printed (two-line entries), cc lines; its time is the README's figure."""
    folder = tmp_path_factory.mktemp("signon600")
    export = make_export(folder / "signers-600.csv", 600)
    campaign = load_campaign()
    campaign = campaign.model_copy(update={"signon": SignOn(
        signer_names=True, cc=("Senate Foreign Relations Committee staff",),
        purpose="urge you to keep the United States engaged with Mali")})
    started = time.perf_counter()
    done = make_signon(export, campaign=campaign, to="committee:SSFR", group_by="tier",
                       columns=3, cutoff=CUTOFF, date=LETTER_DAY, out=folder / "out",
                       legislators=members)
    seconds = time.perf_counter() - started
    print(f"\n600-row sign-on letter, PDF + DOCX: {seconds:.2f} s")
    return done, folder / "out", seconds


def _column_texts(pdf_path: Path, columns: int) -> list[tuple[int, int, str]]:
    """The text of each column of each page, lines joined by spaces, read by cropping the
    page to the column (US Letter, 1 in margins, columns 16 pt apart as signon.css sets
    them): ``[(page index, column index, text)]``."""
    width = (6.5 * 72 - 16 * (columns - 1)) / columns
    out = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages):
            for column in range(columns):
                left = 72 + column * (width + 16)
                crop = page.crop((left - 4, 0, min(left + width + 4, page.width), page.height))
                # leave out the DRAFT mark (slanted, large): the text under it is read
                crop = crop.filter(lambda o: o.get("object_type") != "char"
                                   or abs(o.get("matrix", (1, 0))[1]) < 1e-6)
                lines = crop.extract_text_lines(layout=False, strip=True)
                out.append((number, column, " ".join(line["text"] for line in lines)))
    return out


def _entries(done) -> list[tuple[str, ...]]:
    return [s.lines(True) for g in done.groups for s in g.signers]


def test_600_count_sentence_and_time(big_run):
    done, out, seconds = big_run
    assert done.count_sentence == ("The 591 undersigned organizations and 4 individuals write "
                                   "to urge you to keep the United States engaged with Mali.")
    first = PdfReader(out / "committee-SSFR.pdf").pages[0].extract_text()
    assert " ".join(first.split()).count(done.count_sentence) == 1
    assert seconds < 30, f"the 600-signer letter took {seconds:.1f} s"


def test_600_pages_header_footer_and_letterhead(big_run):
    done, out, _ = big_run
    reader = PdfReader(out / "committee-SSFR.pdf")
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    total = len(pages)
    assert total >= 4
    assert "Page 1 of" not in pages[0]
    assert pages[0].count("Your Organization Name") == 1
    assert "The Honorable James E. Risch, Chairman The Honorable Jeanne Shaheen, Ranking " \
           "Member Committee on Foreign Relations United States Senate Washington, DC 20510" \
           in pages[0]
    assert "Dear Chairman Risch and Ranking Member Shaheen:" in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert (f"U.S. policy toward Mali \u2014 December 1, 2026 \u2014 Page {number} of "
                f"{total}") in text
        assert "Your Organization Name" not in text
    for text in pages:
        assert text.count("Signers as of February 1, 2027, 5:00 p.m.") == 1
        assert "DRAFT" not in text      # the mark is drawn as outlines, not text (issue 18)
    # the bundled campaign's sender is a placeholder: every page carries the DRAFT mark
    assert draft_marked_pages(out / "committee-SSFR.pdf") == [True] * total
    assert "cc: Senate Foreign Relations Committee staff" in pages[-1]


def test_600_no_signer_split_across_a_page_or_a_column(big_run):
    done, out, _ = big_run
    entries = [" ".join(e) for e in _entries(done)]
    assert sum(1 for e in _entries(done) if len(e) == 2) > 250   # two-line entries
    chunks = _column_texts(out / "committee-SSFR.pdf", 3)
    # Each entry's whole text, wrapped lines and all, is inside one column of one page.
    whole = {entry: [(page, column) for page, column, text in chunks
                     if re.search(rf"(?:^| ){re.escape(entry)}(?: |$)", text)]
             for entry in entries}
    assert [entry for entry, places in whole.items() if len(places) != 1] == []
    pages = sorted({places[0][0] for places in whole.values()})
    assert len(pages) >= 3   # the list runs over several pages


def test_600_headings_kept_with_their_first_entries(big_run):
    done, out, _ = big_run
    chunks = _column_texts(out / "committee-SSFR.pdf", 3)
    for group in done.groups:
        first = " ".join(group.signers[0].lines(True))
        together = f"{group.heading} {first}"
        assert sum(1 for _, _, text in chunks if together in text) == 1, group.heading


def test_600_docx_list_in_the_same_order_as_word_columns(big_run):
    done, out, _ = big_run
    import zipfile

    assert docx_list(out / "committee-SSFR.docx") == [" | ".join(e) for e in _entries(done)]
    xml = zipfile.ZipFile(out / "committee-SSFR.docx").read("word/document.xml").decode()
    assert xml.count('<w:cols w:num="3" w:space="320"/>') == 1
    assert xml.count('<w:type w:val="continuous"/>') == 2
    header = zipfile.ZipFile(out / "committee-SSFR.docx").read("word/header1.xml").decode()
    assert re.search(r"Page </w:t>.*PAGE .* of </w:t>.*NUMPAGES", header)


def test_600_signer_list_written_and_diffed_between_runs(big_run, tmp_path, members):
    done, out, _ = big_run
    rows = list(csv.DictReader(io.StringIO((out / "signers.csv").read_text("utf-8-sig"))))
    assert len(rows) == 595
    assert [r["Organization"] or r["Name"] for r in rows[:2]] == [
        s.display for s in done.groups[0].signers[:2]]
    manifest = list(csv.DictReader((out / "manifest.csv").open(encoding="utf-8-sig")))
    assert {(r["kind"], r["format"]): r["path"] for r in manifest} == {
        ("signon-letter", "pdf"): "committee-SSFR.pdf",
        ("signon-letter", "docx"): "committee-SSFR.docx",
        ("signer-list", "csv"): "signers.csv"}
    assert next(r for r in manifest if r["format"] == "pdf")["bioguide_id"] == "R000584 S001181"
    later = make_export(tmp_path / "v2.csv", 600, drop=("Akron Water Coalition",))
    second = make_signon(later, to="committee:SSFR", cutoff=None, date=LETTER_DAY,
                         out=tmp_path / "v2", formats=("pdf",), legislators=members)
    assert second.count_sentence.startswith("The 591 undersigned organizations and 4 individuals")
    result = diff_signon(out / "manifest.csv", tmp_path / "v2")
    assert result.lines == ("added: Late Arrivals Network (Dover, DE)",
                            "removed: Akron Water Coalition (Akron, OH)")


# --------------------------------------------------------------------------- the command line

def test_cli_fifty_rows_end_to_end(tmp_path):
    export = make_export(tmp_path / "signers.csv", 50)
    out = tmp_path / "out"
    runner = CliRunner()
    args = ["signon", str(export), "--to", "committee:SSFR", "--date", "2026-12-01",
            "--cutoff", "2027-02-01T17:00", "--group-by", "tier", "--out", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "First sentence: The 41 undersigned organizations and 4 individuals write to you " \
           "about U.S. policy toward Mali." in result.stdout
    assert "Cut-off 2027-02-01 17:00: 1 row(s) stamped later left out (row 51)." in result.stdout
    assert "1 letter(s): Dear Chairman Risch and Ranking Member Shaheen:" in result.stdout
    assert "4 problem(s) and possible duplicate(s) need attention:" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "campaign-log.csv", "committee-SSFR.docx", "committee-SSFR.pdf", "manifest.csv",
        "signers.csv"]
    pdf = PdfReader(out / "committee-SSFR.pdf")
    assert bool(pdf.trailer["/Root"]["/MarkInfo"]["/Marked"])   # tagged PDF
    assert "/StructTreeRoot" in pdf.trailer["/Root"]
    # a file edited by hand is not overwritten without --force
    (out / "signers.csv").write_text("edited", encoding="utf-8")
    again = runner.invoke(cli, args)
    assert again.exit_code == 1
    assert "file(s) would be overwritten; nothing was written" in again.stderr
    assert (out / "signers.csv").read_text(encoding="utf-8") == "edited"
    dry = runner.invoke(cli, [*args, "--dry-run", "--force"])
    assert "Dry run: 3 files" in dry.stdout
    diff = runner.invoke(cli, ["signon", "diff", str(export), str(export)])
    assert diff.exit_code == 0
    assert diff.stdout.strip().endswith("0 added, 0 removed, 0 changed (46 -> 46 signers)")


def test_cli_leadership_without_names_is_a_clear_error(tmp_path):
    export = make_export(tmp_path / "signers.csv", 50)
    result = CliRunner().invoke(cli, ["signon", str(export), "--to", "leadership",
                                      "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "Error: --to leadership: the congress data in use does not record who the Speaker" \
        in result.stderr
    assert "Traceback" not in result.output


def test_to_targets_one_letter_each_with_the_same_list(tmp_path, members):
    from toolkit.campaign.model import Targets

    export = make_export(tmp_path / "signers.csv", 50)
    campaign = load_campaign().model_copy(update={"targets": Targets(
        committees=("SSFR09",), states=("NH",))})
    done = make_signon(export, campaign=campaign, to="targets", date=LETTER_DAY,
                       out=tmp_path / "out", formats=("pdf",), legislators=members)
    assert done.files.written == ["letters/NH-sen-shaheen-S001181.pdf", "signers.csv"]
    first = " ".join(PdfReader(tmp_path / "out" / "letters" / "NH-sen-shaheen-S001181.pdf")
                     .pages[0].extract_text().split())
    assert "The Honorable Jeanne Shaheen United States Senate 506 Hart Senate Office Building " \
           "Washington, DC 20510 Re: U.S. policy toward Mali Dear Senator Shaheen:" in first
    assert "The 42 undersigned organizations and 4 individuals write to you about" in first


def test_a_real_sender_gets_no_draft_mark(tmp_path, members):
    from toolkit.campaign.model import Sender, Signer

    export = make_export(tmp_path / "signers.csv", 50)
    campaign = load_campaign().model_copy(update={"sender": Sender(
        organization="Sahel Peace Network", address=("1100 Vermont Avenue NW",
                                                     "Washington, DC 20005"),
        email="coalition@sahelpeace.org", phone="202-555-2140",
        signers=(Signer(name="Amara Diallo"),))})
    done = make_signon(export, campaign=campaign, to="committee:SSFR", date=LETTER_DAY,
                       out=tmp_path / "out", formats=("pdf",), legislators=members)
    text = " ".join(p.extract_text() for p in PdfReader(tmp_path / "out" /
                                                        "committee-SSFR.pdf").pages)
    assert "DRAFT" not in text and "Sahel Peace Network" in text
    assert any("the lead organization 'Sahel Peace Network' is not in the signer list" in n
               for n in done.notes)


def test_output_exists_error_from_the_library(tmp_path, members):
    export = make_export(tmp_path / "signers.csv", 50)
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "committee-SSFR.pdf").write_bytes(b"mine")
    with pytest.raises(OutputExistsError):
        make_signon(export, to="committee:SSFR", date=LETTER_DAY, out=tmp_path / "out",
                    legislators=members)
    assert (tmp_path / "out" / "committee-SSFR.pdf").read_bytes() == b"mine"


def test_a_rerun_gives_the_same_bytes_and_leaves_the_files_alone(tmp_path, members):
    export = make_export(tmp_path / "signers.csv", 50)
    kwargs = dict(to="committee:SSFR", group_by="state", columns=3, cutoff=CUTOFF,
                  date=LETTER_DAY, out=tmp_path / "out", legislators=members)
    first = make_signon(export, **kwargs)
    assert first.files.written == ["committee-SSFR.pdf", "committee-SSFR.docx", "signers.csv"]
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()}
    second = make_signon(export, **kwargs)
    assert second.files.written == []
    assert second.files.unchanged == ["committee-SSFR.pdf", "committee-SSFR.docx",
                                       "signers.csv"]
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir()} == before


def test_campaign_signon_section_is_checked(tmp_path):
    from toolkit.campaign.model import bundled_campaign_path
    from toolkit.errors import CampaignError

    path = tmp_path / "c.yaml"
    path.write_text(bundled_campaign_path().read_text(encoding="utf-8")
                    + "\nsignon:\n  purpse: to urge you\n  leadership: {speaker: X12}\n"
                    "  chair_title: Gendered\n", encoding="utf-8")
    with pytest.raises(CampaignError) as error:
        load_campaign(path)
    assert sorted(error.value.problems) == [
        f"{path}: signon.leadership.speaker: not a bioguide ID (a letter and six digits, e.g. "
        "J000299) (got 'X12')",
        f"{path}: signon.purpse: unknown key (did you mean 'purpose'?)"]
    path.write_text(bundled_campaign_path().read_text(encoding="utf-8")
                    + "\nsignon:\n  purpose: to urge you to act.\n  chair_title: Gendered\n"
                    "  cc: [Committee staff]\n", encoding="utf-8")
    signon = load_campaign(path).signon
    assert (signon.purpose, signon.chair_title, signon.cc) == (
        "urge you to act", "gendered", ("Committee staff",))


def test_appropriations_letter_to_four_leaders_and_leadership_letter(tmp_path, members):
    export = make_export(tmp_path / "signers.csv", 50)
    four = make_signon(export, to="committee:SSAP18", with_full_committee=True,
                       date=LETTER_DAY, out=tmp_path / "ap", formats=("pdf",),
                       legislators=members)
    assert four.files.written == ["committee-SSAP18-full.pdf", "signers.csv"]
    page = " ".join(PdfReader(tmp_path / "ap" / "committee-SSAP18-full.pdf").pages[0]
                    .extract_text().split())
    assert ("The Honorable Susan M. Collins, Chairman The Honorable Patty Murray, Ranking "
            "Member Committee on Appropriations The Honorable Shelley Moore Capito, Chairman "
            "The Honorable Tammy Baldwin, Ranking Member Subcommittee on Departments of Labor, "
            "Health and Human Services, and Education, and Related Agencies United States "
            "Senate Washington, DC 20510") in page
    assert ("Dear Chairman Collins, Ranking Member Murray, Chairman Capito and Ranking "
            "Member Baldwin:") in page
    campaign = load_campaign().model_copy(update={"signon": SignOn(leadership=Leadership(
        speaker="J000299", house_minority_leader="J000294", senate_majority_leader="T000250"))})
    lead = make_signon(export, campaign=campaign, to="leadership", date=LETTER_DAY,
                       out=tmp_path / "lead", formats=("pdf",), legislators=members)
    page = " ".join(PdfReader(tmp_path / "lead" / "leadership.pdf").pages[0]
                    .extract_text().split())
    assert ("The Honorable Mike Johnson, Speaker of the House The Honorable Hakeem S. "
            "Jeffries, Minority Leader United States House of Representatives Washington, DC "
            "20515 The Honorable John Thune, Majority Leader United States Senate Washington, "
            "DC 20510") in page
    assert "Dear Speaker Johnson, Leader Jeffries and Leader Thune:" in page
    assert lead.files.written == ["leadership.pdf", "signers.csv"]


# ------------------------------------------------------- the voice of a coalition letter

TRIAL_EXPORT = """Timestamp,Organization,Your name,Title,City,State,Tier,Email
2026-11-20 10:01,Kansas Rural Transit Association,Ellen Park,Director,Topeka,KS,Statewide,ellen@krta.example.org
2026-11-20 11:15,Salina Seniors Council,Bob Hale,Chair,Salina,KS,Community,bob@ssc.example.org
2026-11-21 09:30,National Rural Mobility Network,Ann Wu,Policy Lead,Denver,CO,National,ann@nrmn.example.org
2026-11-22 14:00,,Maria Lopez,,Wichita,KS,,maria@example.com
"""


def test_coalition_letter_speaks_as_we_under_a_capitalized_subject(tmp_path, members,
                                                                   transit):
    """The trial's bug: a campaign written for one signer ("I urge you...", "I would
    welcome...") and a subject for use mid-sentence ("rural transit grants ...") gave a
    coalition letter "Re: rural transit grants" and "I urge you" after "The 3 undersigned
    organizations and 1 individual write". A coalition letter is always "we"."""
    from conftest import pdf_text, squash

    export = tmp_path / "signers.csv"
    export.write_text(TRIAL_EXPORT, encoding="utf-8")
    done = make_signon(export, campaign=transit, to="committee:SSAP24", formats=("pdf",),
                       date=dt.date(2026, 3, 2), out=tmp_path / "out", legislators=members)
    assert done.count_sentence == ("The 3 undersigned organizations and 1 individual write to "
                                   "you about rural transit grants in the FY2027 "
                                   "transportation bill.")
    text = pdf_text(tmp_path / "out" / "committee-SSAP24.pdf")
    flat = squash(text)
    for sentence in (
            "Re: Rural transit grants in the FY2027 transportation bill",
            "We urge you to provide $1 billion for rural area formula grants (Section 5311) in "
            "the fiscal year 2027 Transportation, Housing and Urban Development appropriations "
            "bill.",
            "We would welcome a meeting with you or your staff before the subcommittee marks up "
            "its bill, and we look forward to your response."):
        assert squash(sentence) in flat, sentence
    assert not re.search(r"\bI\b", text.split("Signatories")[0]), text
    # the running header from page two, when there is one, is a heading too
    from toolkit.documents.signon import build_context
    from toolkit.documents.signon_address import Addressee   # noqa: F401 (type only)
    context = build_context(transit, done.signers, done.groups, done.addressees[0],
                            "March 2, 2026", "March 2, 2026")
    assert context["short_title"] == "Rural transit grants in the FY2027 transportation bill"


def test_coalition_words_keep_a_campaign_written_as_we():
    """The bundled campaign is written as "we": its coalition words are its own."""
    from toolkit.documents.prose import coalition_words

    campaign = load_campaign()
    words = coalition_words(campaign)
    assert (words.we, words.ask, words.closing) == ("We", campaign.ask, campaign.closing)
