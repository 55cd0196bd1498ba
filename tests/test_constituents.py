"""`advocacy constituents`: each constituent's own letters to their own members (issue 4)."""

from __future__ import annotations

from toolkit.jobs import constituents
from toolkit.engine import run

import csv
import datetime as dt

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import docx_text, make_contacts, pdf_pages, pdf_text, squash
from toolkit.cli import cli
from toolkit.sheets.own_members import OfficeIndex, match_offices
from toolkit.sheets.constituents import load_constituents
from toolkit.congress.districts import load_zip_districts
from toolkit.documents.tailor import story_paragraphs
from toolkit.congress.datastore import bundled_path
from toolkit.errors import ContactsError
from toolkit.documents.html import TemplateSet

DATE = dt.date(2026, 3, 2)
DATE_LINE = "March 2, 2026"
SAMPLE = bundled_path("sample-constituents.csv")
HEADER = ["Title", "First Name", "Last Name", "Address", "Address 2", "City", "State", "ZIP",
          "District", "Email", "Phone", "Story"]

#: Sample rows -> the bioguide IDs of their letters (senators, then the House member).
SAMPLE_OFFICES = {
    "Aminata Traoré": ["C001035", "K000383", "P000597"],     # ME-1, ZIP 04101
    "Jordan Okafor": ["M000133", "W000817", "P000617"],      # 02134 spans MA-7/8; District 7
    "Samuel Whitaker": ["D000622", "D000563", "B001315"],    # IL-13, ZIP+4 with hyphen
    "Lucía Fernández": ["P000145", "S001150", "P000197"],    # CA-11, ZIP+4 without hyphen
    "Ethan Brooks": ["S000033", "W000800", "B001318"],       # VT at-large
    "Grace Nakamura": ["B001261", "L000571", "H001096"],     # WY at-large
    "Nathan Ivanoff": ["M001153", "S001198", "B001323"],     # AK, District 0 given
    "Denise Carter": ["N000147"],                            # DC: the delegate only
    "José Rivera Ortiz": ["H001103"],                        # PR: the resident commissioner
    "Priya Raman": ["G000555", "S000148"],                   # 10025: NY-12 or NY-13
    "Miguel Santos": ["C001056", "C001098"],                 # TX-23 is vacant
}


def write_constituents(path, rows, header=HEADER):
    """A constituents CSV from dicts keyed by header."""
    return make_contacts(path, rows, header)


def person(**cells):
    base = {"First Name": "Test", "Last Name": "Person", "Address": "1 Main Street",
            "City": "Burlington", "State": "VT", "ZIP": "05401"}
    return {**base, **cells}


@pytest.fixture(scope="module")
def index(table):
    return OfficeIndex.build(table.legislators)


@pytest.fixture(scope="module")
def sample():
    return load_constituents(SAMPLE)


@pytest.fixture(scope="module")
def sample_matches(sample, index):
    return {c.name: match_offices(c, index) for c in sample.constituents}


# --------------------------------------------------------------------------- reading

def test_sample_reads_every_row_as_text(sample):
    people = {c.name: c for c in sample.constituents}
    assert len(people) == 20
    assert people["Aminata Traoré"].zip == "04101"
    assert people["Aminata Traoré"].courtesy_title == "Dr."
    assert people["Aminata Traoré"].titled_name == "Dr. Aminata Traoré"
    assert people["Jordan Okafor"].titled_name == "Mx. Jordan Okafor"
    assert people["Samuel Whitaker"].zip == "62701-1234"
    assert people["Lucía Fernández"].zip == "94110-1234"      # written 941101234
    assert people["Daniel Abbott"].state == "ME"              # written "Maine"
    assert people["Jordan Okafor"].district == 7
    assert people["Jordan Okafor"].address_lines == ("55 Harvard Avenue", "Apt 3",
                                                     "Boston, MA 02134")
    assert people["Samuel Whitaker"].row == 6
    story = story_paragraphs(people["Samuel Whitaker"].story)
    assert len(story) == 6 and len(story[1]) == 2
    assert story[1][1] == "She still keeps his telephone number in her phone."


def test_header_synonyms_full_name_and_map(tmp_path, index):
    header = ["Prefix", "Full Name", "Address 1", "Apt", "City", "State", "Zip Code",
              "Personal Note", "Post Box"]
    path = write_constituents(tmp_path / "c.csv", [
        {"Prefix": "rev", "Full Name": "Ana María de la Cruz", "Address 1": "9 Elm Street",
         "Apt": "Unit 2", "City": "Concord", "State": "New Hampshire", "Zip Code": "03301",
         "Personal Note": "Line one\nLine two\n\nSecond paragraph", "Post Box": "PO Box 12"}],
        header)
    table = load_constituents(path)
    assert table.columns["full_name"] == "Full Name"
    assert table.columns["story"] == "Personal Note"
    (c,) = table.constituents
    assert (c.courtesy_title, c.name, c.surname) == ("Rev.", "Ana María de la Cruz", "Cruz")
    assert (c.street2, c.state, c.zip) == ("Unit 2", "NH", "03301")
    assert story_paragraphs(c.story) == (("Line one", "Line two"), ("Second paragraph",))
    assert [l.bioguide_id for l in match_offices(c, index).offices] == \
        ["H001076", "S001181", "G000604"]
    mapped = load_constituents(path, {"street2": "Post Box"})
    assert mapped.constituents[0].street2 == "PO Box 12"
    with pytest.raises(ContactsError, match="--map nope=Apt: unknown field"):
        load_constituents(path, {"nope": "Apt"})


def test_file_without_name_or_zip_column_is_refused(tmp_path):
    path = write_constituents(tmp_path / "c.csv", [{"City": "X", "State": "VT"}],
                              ["City", "State"])
    with pytest.raises(ContactsError) as info:
        load_constituents(path)
    text = str(info.value)
    assert "no column for the name" in text and "no column for the ZIP code" in text


def test_zip_table_is_bundled_and_keeps_leading_zeros():
    table = load_zip_districts()
    assert table["02134"] == {("MA", 7), ("MA", 8)}
    assert table["05401"] == {("VT", 0)}
    assert table["00901"] == {("PR", 0)}
    assert len(table) == 33774
    assert load_zip_districts() is table


# --------------------------------------------------------------------------- matching

def test_sample_constituents_get_their_own_members(sample_matches):
    for name, expected in SAMPLE_OFFICES.items():
        assert [l.bioguide_id for l in sample_matches[name].offices] == expected, name
    counts = {name: len(m.offices) for name, m in sample_matches.items()}
    assert sorted(counts.values()).count(3) == 16


def test_dc_gets_only_the_delegate_and_pr_only_the_resident_commissioner(sample_matches):
    dc, pr = sample_matches["Denise Carter"], sample_matches["José Rivera Ortiz"]
    assert [(l.bioguide_id, l.last_name, l.office_kind) for l in dc.offices] == \
        [("N000147", "Norton", "delegate")]
    assert [(l.bioguide_id, l.office_kind) for l in pr.offices] == \
        [("H001103", "resident_commissioner")]
    assert not dc.problems and not pr.problems


def test_ambiguous_zip_is_reported_not_guessed(sample_matches):
    match = sample_matches["Priya Raman"]
    assert match.problems == [f"{SAMPLE}:12:ZIP: ZIP 10025 lies in districts NY-12, NY-13: "
                              "add a District column value"]
    assert all(l.chamber == "senate" for l in match.offices)
    assert match.district is None


def test_vacant_seat_is_a_notice_not_a_problem(sample_matches):
    match = sample_matches["Miguel Santos"]
    assert match.problems == []
    assert match.notices == [f"{SAMPLE}:13:District: TX-23 is vacant (no member in the contacts): "
                             "no House letter"]


def test_a_district_value_settles_an_ambiguous_zip(tmp_path, index):
    path = write_constituents(tmp_path / "c.csv", [
        person(City="New York", State="NY", ZIP="10025", District="12"),
        person(City="New York", State="NY", ZIP="10025", District="NY-13", Address="2 Main St"),
        person(City="New York", State="NY", ZIP="10025", District="9", Address="3 Main St")])
    matches = [match_offices(c, index) for c in load_constituents(path).constituents]
    assert [l.bioguide_id for l in matches[0].offices][-1] == "N000002"   # Nadler
    assert [l.bioguide_id for l in matches[1].offices][-1] == "E000297"   # Espaillat
    assert matches[1].problems == [] and matches[1].notices == []
    # a district outside the ZIP's districts stops the row (issue 18)
    assert matches[2].offices == []
    assert matches[2].problems == [f"{path}:4:District: District '9' is NY-9, but ZIP 10025 "
                                   "lies in NY-12, NY-13 only: check the District and the ZIP"]


def test_bad_rows_are_reported_with_their_row_number(tmp_path, index):
    path = write_constituents(tmp_path / "c.csv", [
        person(State="NJ", City="New York", ZIP="10025"),            # 2: ZIP not in state
        person(State="ZZ"),                                         # 3: unknown state
        person(Address=""),                                         # 4: no street
        person(State="ME", ZIP="4101"),                             # 5: Excel ate the zero
        person(District="3"),                                       # 6: VT is at-large
        person(State="GA", City="Atlanta", ZIP="30301"),            # 7: not in the table
        person(**{"First Name": "", "Last Name": ""}),              # 8: no name
        person(ZIP="05401-12", **{"First Name": "Other"}),          # 9: not 5 or 9 digits
    ])
    problems = {c.row: (match_offices(c, index).problems, len(match_offices(c, index).offices))
                for c in load_constituents(path).constituents}
    assert problems[2] == ([f"{path}:2:ZIP: ZIP 10025 is in NY, not NJ: check the State and the ZIP"], 0)
    assert problems[3] == ([f"{path}:3:State: State 'ZZ' is not a U.S. state or territory code"], 0)
    assert problems[4][0][0].startswith(f"{path}:4:Address: the postal address has no street")
    assert problems[4][1] == 0
    assert problems[5] == ([], 3)   # issue 18: restored as 04101 (a ZIP of ME), with a warning
    assert problems[6] == ([f"{path}:6:District: District '3' does not exist: VT is at-large (district 0)"], 2)
    assert problems[7][0][0].startswith(f"{path}:7:ZIP: ZIP 30301 is not in the ZIP-to-district table")
    assert problems[7][1] == 2                                      # Georgia's senators
    assert problems[8] == ([f"{path}:8:Last Name: no name: fill in First Name and Last Name (or Name)"], 0)
    assert problems[9][0] == [f"{path}:9:ZIP: ZIP '05401-12' is not 5 or 9 digits"]


def test_a_repeated_row_gets_no_letters_and_is_reported(tmp_path, index):
    path = write_constituents(tmp_path / "c.csv", [
        person(),
        person(**{"First Name": "Awa", "Last Name": "Keita"}),
        person(**{"First Name": " test ", "Address": "1  MAIN St.", "City": "BURLINGTON",
                  "State": "Vermont"}),
        person(ZIP="05401-1234"),                                   # the same ZIP, +4
        person(ZIP="05402"),                                        # another ZIP: kept
    ])
    people = load_constituents(path).constituents
    matches = {c.row: match_offices(c, index) for c in people}
    assert [len(m.offices) for m in matches.values()] == [3, 3, 0, 0, 3]
    assert matches[4].problems == [
        f"{path}:4:Last Name: repeats row 2 (same name and address): no letters for this "
        "row, so an office does not get the same letter twice; delete the row, or correct "
        "it if it is another person"]
    assert matches[5].problems[0].startswith(f"{path}:5:Last Name: repeats row 2 ")
    assert [c.row for c in people] == [2, 3, 4, 5, 6]


def test_plan_names_files_by_constituent_and_office(sample, table, campaign):
    plan = constituents.plan_constituent_letters(sample.constituents, table.legislators, campaign,
                                             DATE_LINE)
    stems = {job.stem for job in plan.jobs}
    assert len(plan.jobs) == 54
    assert "constituents/aminata-traore-r2/ME-sen-collins-C001035" in stems
    assert "constituents/denise-carter-r10/DC-del-norton-N000147" in stems
    assert "constituents/jose-rivera-ortiz-r11/PR-rc-hernandez-rivera-H001103" in stems
    assert all(job.max_pages == 2 and job.kind == "letter" for job in plan.jobs)
    assert plan.prints["by-office/ME-rep-pingree-P000597"] == [
        "constituents/daniel-abbott-r3/ME-rep-pingree-P000597",
        "constituents/siobhan-o-brien-r4/ME-rep-pingree-P000597",
        "constituents/aminata-traore-r2/ME-rep-pingree-P000597"]
    assert [(c.row, p) for c, p in plan.attention] == [
        (12, [f"{SAMPLE}:12:ZIP: ZIP 10025 lies in districts NY-12, NY-13: add a District column value"])]
    house = next(j for j in plan.jobs if j.stem.endswith("IL-rep-budzinski-B001315"))
    assert house.context["constituent"].place == \
        "Springfield, Illinois, in Illinois's 13th congressional district"
    senate = next(j for j in plan.jobs if j.stem.endswith("IL-sen-durbin-D000563"))
    assert senate.context["constituent"].place == "Springfield, Illinois"
    assert senate.meta["constituent_row"] == 6
    assert senate.meta["constituent_name"] == "Samuel Whitaker"


def test_story_is_printed_literally_with_its_line_breaks(tmp_path, table, campaign):
    path = write_constituents(tmp_path / "c.csv", [person(
        Story="<b>Not bold</b> & {{ campaign.id }}\nsecond line\n\nnew paragraph")])
    plan = constituents.plan_constituent_letters(load_constituents(path).constituents,
                                             table.legislators, campaign, DATE_LINE)
    html = TemplateSet().render("letter.html", {**plan.jobs[0].context, "fit": 0})
    assert ('<p class="story">&lt;b&gt;Not bold&lt;/b&gt; &amp; {{ campaign.id }}<br>'
            'second line</p>') in html
    assert '<p class="story">new paragraph</p>' in html
    assert '<p class="sender-name">Test Person</p>' in html


# --------------------------------------------------------------------------- rendering

RENDERED = ("Aminata Traoré", "Daniel Abbott", "Siobhan O'Brien", "Samuel Whitaker",
            "Lucía Fernández")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, sample, table, campaign):
    """Letters (PDF) for five sample constituents, with the per-office print files."""
    out = tmp_path_factory.mktemp("constituents")
    people = [c for c in sample.constituents if c.name in RENDERED]
    plan = constituents.plan_constituent_letters(people, table.legislators, campaign, DATE_LINE)
    result = constituents.run_constituents(plan, out, formats=("pdf",), date=DATE, workers=1)
    return out, plan, result


def read_manifest(folder):
    with open(folder / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def pages_text(path):
    return [page.extract_text() for page in PdfReader(path).pages]


def test_sender_block_keeps_zips_and_accents(rendered):
    out, _, _ = rendered
    text = pdf_text(out / "constituents/aminata-traore-r2/ME-rep-pingree-P000597.pdf")
    assert text.startswith("Dr. Aminata Traoré\n12 Munjoy Street\nPortland, ME 04101\n"
                           "aminata.traore@example.org · 207-555-0142\n")
    assert "Dear Representative Pingree:" in text
    assert "as your constituent in Portland, Maine, in Maine's 1st congressional district" \
        in " ".join(text.split())
    assert "Ségou.\nMy sister teaches" in text                   # the line break is kept
    assert "Sincerely,\nAminata Traoré\n" in text                # signed by the constituent
    flat = " ".join(text.split())
    assert "I would be grateful for a reply telling me where you stand" in flat
    assert "We would welcome a meeting" not in flat              # the organization's closing
    assert pdf_pages(out / "constituents/aminata-traore-r2/ME-rep-pingree-P000597.pdf") == 1
    text = pdf_text(out / "constituents/lucia-fernandez-r7/CA-sen-padilla-P000145.pdf")
    assert text.startswith("Ms. Lucía Fernández\n3150 Mission Street\nApt 12\n"
                           "San Francisco, CA 94110-1234\n")
    assert "Page" not in text                                    # one page: no page header
    text = pdf_text(out / "constituents/samuel-whitaker-r6/IL-sen-durbin-D000563.pdf")
    assert "\nSpringfield, IL 62701-1234\n" in text


def test_long_story_gives_two_pages_with_header_and_whole_signature(rendered):
    out, _, _ = rendered
    path = out / "constituents/samuel-whitaker-r6/IL-rep-budzinski-B001315.pdf"
    first, second = pages_text(path)
    assert "Page 1" not in first and "The Honorable Nikki Budzinski\n" in first
    assert "The Honorable Nikki Budzinski" in second
    assert DATE_LINE in second and "Page 2" in second
    assert "Sincerely," not in first and "Samuel Whitaker" not in first.split("\n", 1)[1]
    assert "Sincerely,\nSamuel Whitaker" in second
    whole = " ".join((first + "\n" + second).split())
    assert "keep their promises." in whole   # nothing cut
    # the writer's story comes right after the opening paragraph, before the requests
    assert whole.index("keep their promises.") < whole.index("As my representative, you have")
    rows = {r["path"]: r for r in read_manifest(out)}
    assert rows["constituents/samuel-whitaker-r6/IL-rep-budzinski-B001315.pdf"]["pages"] == "2"


def test_short_letters_stay_on_one_page(rendered):
    out, plan, result = rendered
    # the only warnings say what the fit loop shortened, as the manifest does
    shortened = {w.split(": ", 1)[0] + ".pdf": w.split(": shortened to fit 1 page(s): ", 1)[1]
                 for w in result.warnings}
    assert len(shortened) == len(result.warnings)
    for row in read_manifest(out):
        if row["kind"] == "letter" and row["constituent_name"] != "Samuel Whitaker":
            assert row["pages"] == "1", row["path"]
            assert row["shortened"] == shortened.get(row["path"].replace(".docx", ".pdf"), "")


def test_manifest_names_the_constituent(rendered):
    out, plan, _ = rendered
    rows = read_manifest(out)
    letters = [r for r in rows if r["kind"] == "letter"]
    assert len(letters) == 15 == len(plan.jobs)
    row = next(r for r in letters if r["path"].endswith("ME-sen-king-K000383.pdf")
               and "traore" in r["path"])
    assert (row["constituent_row"], row["constituent_name"], row["bioguide_id"]) == \
        ("2", "Aminata Traoré", "K000383")
    prints = [r for r in rows if r["kind"] == "office-print"]
    assert len(prints) == 9
    assert {r["path"] for r in prints} >= {"by-office/ME-sen-king-K000383.pdf",
                                           "by-office/IL-rep-budzinski-B001315.pdf"}


def test_office_print_holds_its_letters_in_surname_order(rendered):
    out, _, _ = rendered
    pages = pages_text(out / "by-office/ME-rep-pingree-P000597.pdf")
    assert [p.split("\n", 1)[0] for p in pages] == [
        "Mr. Daniel Abbott", "Ms. Siobhan O'Brien", "Dr. Aminata Traoré"]
    assert all("Dear Representative Pingree:" in p for p in pages)
    whitaker = pages_text(out / "by-office/IL-rep-budzinski-B001315.pdf")
    assert len(whitaker) == 2 and "Page 2" in whitaker[1]
    row = next(r for r in read_manifest(out) if r["path"] == "by-office/ME-rep-pingree-P000597.pdf")
    assert (row["pages"], row["bioguide_id"], row["name"]) == ("3", "P000597", "Chellie Pingree")


def test_rerun_changes_nothing(rendered, sample, table, campaign):
    out, plan, _ = rendered
    before = (out / "by-office/ME-sen-collins-C001035.pdf").read_bytes()
    again = constituents.run_constituents(plan, out, formats=("pdf",), date=DATE, workers=1)
    assert again.written == [] and len(again.unchanged) == 15 + 9
    assert (out / "by-office/ME-sen-collins-C001035.pdf").read_bytes() == before


def test_docx_has_the_same_words_and_a_page_two_header(tmp_path, sample, table, campaign):
    import docx

    people = [c for c in sample.constituents if c.name == "Samuel Whitaker"]
    plan = constituents.plan_constituent_letters(people, table.legislators, campaign, DATE_LINE)
    run.run([j for j in plan.jobs if j.stem.endswith("B001315")], tmp_path,
                 formats=("pdf", "docx"), date=DATE, workers=1,
                 columns=constituents.CONSTITUENT_COLUMNS)
    stem = tmp_path / "constituents/samuel-whitaker-r6/IL-rep-budzinski-B001315"
    body = docx_text(stem.with_suffix(".docx"))
    assert body.startswith("DRAFT\nplaceholder sender: do not mail\n"   # placeholder campaign
                           "Rev. Samuel Whitaker\n214 South Grand Avenue East\n"
                           "Springfield, IL 62701-1234")
    assert "She still keeps his telephone number in her phone." in body
    pdf = pdf_text(stem.with_suffix(".pdf"))
    story = "Over the following years our congregation raised money"
    assert story in " ".join(body.split()) and story in " ".join(pdf.split())
    assert squash(body.split("Sincerely,")[0])[-200:] in squash(pdf)
    section = docx.Document(str(stem.with_suffix(".docx"))).sections[0]
    assert section.different_first_page_header_footer
    header = "\n".join(p.text for p in section.header.paragraphs)
    assert "The Honorable Nikki Budzinski" in header and DATE_LINE in header


# --------------------------------------------------------------------------- command line

def test_cli_exit_0_when_every_constituent_gets_every_letter(tmp_path):
    path = write_constituents(tmp_path / "c.csv", [
        person(**{"First Name": "Élodie", "Last Name": "Bérubé", "Title": "Dr."}),
        person(City="Washington", State="DC", ZIP="20001", Address="1 First Street NE")])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["constituents", str(path), "--format", "pdf", "--out",
                                      str(out), "--date", "2026-03-02", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "2 constituent(s) read from" in result.output
    assert "4 letter(s) for 2 of them, to 4 office(s)." in result.output
    assert sorted(p.name for p in (out / "by-office").iterdir()) == [
        "DC-del-norton-N000147.pdf", "VT-rep-balint-B001318.pdf",
        "VT-sen-sanders-S000033.pdf", "VT-sen-welch-W000800.pdf"]
    text = pdf_text(out / "constituents/elodie-berube-r2/VT-sen-welch-W000800.pdf")
    assert text.startswith("Dr. Élodie Bérubé\n1 Main Street\nBurlington, VT 05401\n")


def test_cli_exit_1_lists_rows_needing_attention_after_writing(tmp_path):
    path = write_constituents(tmp_path / "c.csv", [
        person(),
        person(**{"First Name": "Priya", "Last Name": "Raman"}, City="New York", State="NY",
               ZIP="10025"),
        person(State="ZZ")])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["constituents", str(path), "--format", "pdf", "--out",
                                      str(out), "--date", "2026-03-02", "--jobs", "1"])
    assert result.exit_code == 1
    assert "2 constituent(s) need attention" in result.output
    assert f"{path}:3:ZIP: ZIP 10025 lies in districts NY-12, NY-13: add a District column value " \
           "(Priya Raman; 2 letter(s) made)" in result.output
    assert f"{path}:4:State: State 'ZZ' is not a U.S. state or territory code" in result.output
    letters = sorted(p.relative_to(out).as_posix() for p in out.rglob("constituents/*/*.pdf"))
    assert letters == ["constituents/priya-raman-r3/NY-sen-gillibrand-G000555.pdf",
                       "constituents/priya-raman-r3/NY-sen-schumer-S000148.pdf",
                       "constituents/test-person-r2/VT-rep-balint-B001318.pdf",
                       "constituents/test-person-r2/VT-sen-sanders-S000033.pdf",
                       "constituents/test-person-r2/VT-sen-welch-W000800.pdf"]


def test_cli_dry_run_and_help(tmp_path):
    path = write_constituents(tmp_path / "c.csv", [person()])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["constituents", str(path), "--dry-run", "--out", str(out),
                                      "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert "by-office/VT-sen-welch-W000800.pdf" in result.output
    assert "constituents/test-person-r2/VT-rep-balint-B001318.pdf" in result.output
    assert not out.exists()
    help_text = CliRunner().invoke(cli, ["constituents", "--help"]).output
    assert "advocacy constituents contacts/sample-constituents.csv" in help_text
    missing = CliRunner().invoke(cli, ["constituents", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 1 and "no such file" in missing.output


def test_cli_refuses_to_overwrite_a_print_file_it_did_not_make(tmp_path):
    path = write_constituents(tmp_path / "c.csv", [person()])
    out = tmp_path / "out"
    (out / "by-office").mkdir(parents=True)
    (out / "by-office/VT-sen-welch-W000800.pdf").write_bytes(b"someone else's file")
    result = CliRunner().invoke(cli, ["constituents", str(path), "--format", "pdf", "--out",
                                      str(out), "--jobs", "1"])
    assert result.exit_code == 1
    assert "1 file(s) would be overwritten; nothing was written" in result.output
    assert not (out / "constituents").exists()
