"""issue 18 (part B): rows of a user's sheet matched to the members in use, named and
addressed as their records say; districts against ZIPs; hand-picked sheets kept whole;
the constituent's own return address."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from conftest import make_contacts
from toolkit.cli import cli
from toolkit.documents import address
from toolkit.errors import ContactsError
from toolkit.sheets.legislators import load_legislators

WHOLE = ["Member", "Chamber", "State", "District", "Office Address"]

#: (cell, chamber, state, district, office cell) -> (salutation, inside address)
WHOLE_ROWS = [
    (("Debbie Wasserman Schultz", "House", "FL", "25", "270 Cannon"),
     "Dear Representative Wasserman Schultz:",
     ("The Honorable Debbie Wasserman Schultz", "United States House of Representatives",
      "270 Cannon House Office Building", "Washington, DC 20515-0925")),
    (("Catherine Cortez Masto", "Senate", "NV", "", "520 Hart"),
     "Dear Senator Cortez Masto:",
     ("The Honorable Catherine Cortez Masto", "United States Senate",
      "520 Hart Senate Office Building", "Washington, DC 20510")),
    (("Lisa Blunt Rochester", "Senate", "DE", "", "139 Russell"),
     "Dear Senator Blunt Rochester:",
     ("The Honorable Lisa Blunt Rochester", "United States Senate",
      "139 Russell Senate Office Building", "Washington, DC 20510")),
    (("Marie Gluesenkamp Perez", "House", "WA", "3", "1431 Longworth HOB"),
     "Dear Representative Gluesenkamp Perez:",
     ("The Honorable Marie Gluesenkamp Perez", "United States House of Representatives",
      "1431 Longworth House Office Building", "Washington, DC 20515-4703")),
    (("Chris Van Hollen", "Senate", "MD", "", "110 Hart"),
     "Dear Senator Van Hollen:",
     ("The Honorable Chris Van Hollen", "United States Senate",
      "110 Hart Senate Office Building", "Washington, DC 20510")),
    (("DELAURO, ROSA", "House", "CT", "3", "2104 Rayburn HOB, Washington, DC 20515"),
     "Dear Representative DeLauro:",
     ("The Honorable Rosa L. DeLauro", "United States House of Representatives",
      "2104 Rayburn House Office Building", "Washington, DC 20515-0703")),
]


def _whole_sheet(tmp_path, rows, name="members.csv"):
    return make_contacts(tmp_path / name, [dict(zip(WHOLE, cells)) for cells in rows],
                         header=WHOLE)


def test_whole_names_take_the_members_own_name_parts(tmp_path):
    path = _whole_sheet(tmp_path, [row[0] for row in WHOLE_ROWS])
    table = load_legislators(path, columns={"full_name": "Member"})
    assert [address.salutation(leg) for leg in table.legislators] == [
        row[1] for row in WHOLE_ROWS]
    assert [address.inside_address(leg) for leg in table.legislators] == [
        row[2] for row in WHOLE_ROWS]
    assert table.problems == ()
    assert (f"{path}:2:Member: read 'Debbie Wasserman Schultz', used last name "
            "'Wasserman Schultz' (the record of Debbie Wasserman Schultz, W000797)"
            in table.warnings)
    # the capitals reported as corrected are printed corrected: the record's official name
    assert (f"{path}:7:Member: read 'DELAURO, ROSA', used 'Rosa L. DeLauro', last name "
            "'DeLauro' (the record of Rosa L. DeLauro, D000216)" in table.warnings)
    # no guessed surname anywhere in the report
    assert not any(f": {guess} " in w or f"{guess!r}" in w for w in table.warnings
                   for guess in ("Schultz", "Masto", "Rochester", "Perez", "DELAURO"))


def test_short_building_names_and_the_records_zip4_are_reported(tmp_path):
    path = _whole_sheet(tmp_path, [row[0] for row in WHOLE_ROWS])
    table = load_legislators(path, columns={"full_name": "Member"})
    assert (f"{path}:2:Office Address: read '270 Cannon', used '270 Cannon House Office "
            "Building' (the building's full name)" in table.warnings)
    # the values a row took from its record: one line per row
    assert (f"{path}:7: from the record of Rosa L. DeLauro (D000216): party: read '', used "
            "'Democrat'; gender: read '', used 'F'; ZIP: read '20515', used '20515-0703'"
            in table.warnings)
    assert len([w for w in table.warnings if w.startswith(f"{path}:2: from the record")]) == 1


def test_a_whole_name_that_matches_no_member_stops_instead_of_a_guessed_split(tmp_path):
    path = _whole_sheet(tmp_path, [WHOLE_ROWS[0][0],
                                   ("Jane Quincy Public", "House", "FL", "24", "")])
    with pytest.raises(ContactsError) as caught:
        load_legislators(path, columns={"full_name": "Member"})
    assert caught.value.problems == [
        f"{path}:3:Member: 'Jane Quincy Public' names no single member in use (FL-24, House; "
        "there: Frederica S. Wilson), so which of its words are the surname would be a "
        "guess; write the member's name as in the record, as 'Last, First', or add a Last "
        "Name column (--map last_name=COLUMN)"]
    result = CliRunner().invoke(cli, ["generate", "--contacts", str(path), "--map",
                                      "full_name=Member", "--all", "--dry-run",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Error: " + f"{path}: 1 row problem(s); fix them and run again" in result.output


def test_a_whole_name_whose_split_is_certain_is_kept_unmatched(tmp_path):
    """"Public, Jane" says which word is the surname: kept, with the unmatched warning."""
    path = _whole_sheet(tmp_path, [("Public, Jane", "House", "FL", "24", "")])
    table = load_legislators(path, columns={"full_name": "Member"})
    assert [address.salutation(leg) for leg in table.legislators] == [
        "Dear Representative Public:"]


def test_whole_name_rows_run_end_to_end(tmp_path):
    path = _whole_sheet(tmp_path, [row[0] for row in WHOLE_ROWS])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["generate", "--contacts", str(path), "--map",
                                      "full_name=Member", "--all", "--kind", "letter",
                                      "--format", "txt", "--date", "2026-01-15",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = (out / "letters" / "FL-rep-wasserman-schultz-W000797.txt").read_text()
    assert "Dear Representative Wasserman Schultz:" in text.splitlines()


def test_contacts_check_suggests_full_name_for_a_member_column(tmp_path):
    path = tmp_path / "check.csv"
    path.write_text("Member,Chamber,State,Dist.\nElizabeth Warren,Senate,MA,\n"
                    "Ayanna Pressley,House,MA,7\n")
    result = CliRunner().invoke(cli, ["contacts", "check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: header row 1",
        "  A  Member -> ignored (did you mean full_name? --map full_name='Member')",
        "  B  Chamber -> chamber",
        "  C  State -> state",
        "  D  Dist. -> ignored (did you mean district? --map district='Dist.')"]
    assert (f"{path}:1: no column for the name (looked for 'Last Name', 'Surname', "
            "'Full Name', 'Name'); if 'Member' holds whole names (\"Elizabeth Warren\"), "
            "pass --map full_name='Member'") in result.stderr.splitlines()
    fixed = CliRunner().invoke(cli, ["contacts", "check", str(path), "--map",
                                     "full_name=Member", "--map", "district=Dist."])
    assert fixed.exit_code == 0, fixed.output
    lines = fixed.stdout.splitlines()
    assert "  D  Dist. -> district" in lines
    # the values taken from a matched record: one line per row, not one per field
    assert [line for line in lines if ":3" in line and "record" in line] == [
        f"warning: {path}:3: from the record of Ayanna Pressley (P000617): party: read '', "
        "used 'Democrat'; gender: read '', used 'F'"]


@pytest.mark.parametrize("header,field", [("Dist.", "district"), ("Dist. No.", "district"),
                                          ("Member", "full_name"), ("Legislator", "full_name")])
def test_did_you_mean_for_legislator_columns(header, field):
    from toolkit.sheets.legislators import LEGISLATOR_FIELDS
    from toolkit.sheets.readreport import did_you_mean

    assert did_you_mean(header, LEGISLATOR_FIELDS) == field
    # with the names column taken, "Member" is still never a bioguide ID
    rest = [spec for spec in LEGISLATOR_FIELDS if spec.name != "full_name"]
    assert did_you_mean("Member", rest) == ""


def test_a_district_the_zip_contradicts_stops_the_row(tmp_path):
    """Portland, ME 04101 lies wholly in ME-1: District 2 stops the row with both values;
    District 1 (the same ZIP) gets its three letters."""
    path = tmp_path / "people.csv"
    path.write_text("First Name,Last Name,Address,City,State,ZIP,District\n"
                    "Aminata,Traore,12 Munjoy Street,Portland,ME,04101,2\n"
                    "Jo,Dunn,5 Main St,Portland,ME,04101,1\n")
    result = CliRunner().invoke(cli, ["constituents", str(path), "--dry-run", "--date",
                                      "2026-03-02", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert (f"  {path}:2:District: District '2' is ME-2, but ZIP 04101 lies wholly in ME-1: "
            "check the District and the ZIP (Aminata Traore; 0 letter(s) made)"
            in result.stderr.splitlines())
    assert "  would write                   constituents/jo-dunn-r3/ME-rep-pingree-P000597.pdf" \
        in result.stdout.splitlines()[1:]
    assert not any("golden" in line for line in result.stdout.splitlines())


def test_a_zip_split_between_districts_accepts_any_of_them(tmp_path):
    from toolkit.sheets.constituents import load_constituents
    from toolkit.sheets.own_members import match_offices

    path = tmp_path / "ny.csv"
    path.write_text("First Name,Last Name,Address,City,State,ZIP,District\n"
                    "Ann,Lee,1 W 100th St,New York,NY,10025,12\n"
                    "Bo,Ray,2 W 100th St,New York,NY,10025,13\n")
    matches = [match_offices(c, load_legislators().legislators)
               for c in load_constituents(path).constituents]
    assert [m.problems for m in matches] == [[], []]
    assert [m.district for m in matches] == [12, 13]


TEN = [("Elizabeth", "Warren", "Senate", "MA", ""), ("Ed", "Markey", "Senate", "MA", ""),
       ("Ayanna", "Pressley", "House", "MA", "7"), ("Jim", "Risch", "Senate", "ID", ""),
       ("Jeanne", "Shaheen", "Senate", "NH", ""), ("Chellie", "Pingree", "House", "ME", "1"),
       ("Jared", "Golden", "House", "ME", "2"), ("Susan", "Collins", "Senate", "ME", ""),
       ("Angus", "King", "Senate", "ME", ""), ("Brian", "Mast", "House", "FL", "21")]


def _ten(tmp_path):
    header = ["First Name", "Last Name", "Chamber", "State", "District"]
    return make_contacts(tmp_path / "my-10-members.csv",
                         [dict(zip(header, row)) for row in TEN], header=header)


def test_a_hand_picked_sheet_is_the_target_list(tmp_path):
    path = _ten(tmp_path)
    result = CliRunner().invoke(cli, ["generate", "--contacts", str(path), "--dry-run",
                                      "--kind", "letter", "--format", "pdf",
                                      "--date", "2026-01-15", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"10 member(s) targeted from {path}." in result.output.splitlines()
    assert (f"Note: every row of {path} is a target: the campaign's target committees "
            "choose among the congress data in use, not among your own rows (--committee, "
            "--chamber, --state or --id do)") in result.output.splitlines()


def test_rows_a_selection_leaves_out_are_named_with_the_reason(tmp_path):
    path = _ten(tmp_path)
    result = CliRunner().invoke(cli, ["generate", "--contacts", str(path), "--dry-run",
                                      "--state", "ME", "--chamber", "house", "--kind",
                                      "letter", "--format", "pdf", "--date", "2026-01-15",
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # an option narrows the campaign's targets, as on the congress data: Pingree sits on
    # none of its committees, and says so
    assert f"Note: 9 of 10 row(s) of {path} get no letter from this selection:" in lines
    assert (f"  {path}:7: Chellie Pingree (D-ME-1): holds no seat on SSFR, SSFR09, HSFA, "
            "HSFA16, SSAP20, HSAP04, SSAS, HSAS, SSFI13, HSWM04 (the campaign's target "
            "committees)") in lines
    assert f"  {path}:2: Elizabeth Warren (D-MA): not in house (--chamber)" in lines
    assert f"  {path}:4: Ayanna Pressley (D-MA-7): not from ME (--state)" in lines
    assert f"  {path}:11: Brian Mast (R-FL-21): not from ME (--state)" in lines
    assert f"1 member(s) targeted from {path}." in lines


ONE = ("First Name,Last Name,Address,City,State,ZIP,Email\n"
       "Jo,Dunn,5 Main St,Portland,ME,04101,jo@example.org\n")


def test_constituent_envelopes_carry_the_writers_return_address(tmp_path):
    from pypdf import PdfReader

    people = tmp_path / "people.csv"
    people.write_text(ONE)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["labels", "--constituents", str(people), "--out",
                                      str(out), "--date", "2026-03-02"])
    assert result.exit_code == 0, result.output
    assert (f"3 letter(s) of 1 constituent(s) to 3 office(s) from {people}."
            in result.output.splitlines())
    assert ("Note: the envelopes carry each constituent's own return address (their letters "
            "are signed by them; --return-address constituent): one envelope and label per "
            "letter, 3; --return-address organization makes one per office with the "
            "organization's") in result.output.splitlines()
    pages = PdfReader(out / "envelopes" / "envelopes-no10.pdf").pages
    assert len(pages) == 3
    first = pages[0].extract_text()
    assert "Jo Dunn\n5 Main St\nPortland, ME 04101\n" in first
    assert "The Honorable Susan M. Collins\nUnited States Senate\n" in first
    assert not any("Your Organization Name" in page.extract_text() for page in pages)

    org = CliRunner().invoke(cli, ["labels", "--constituents", str(people), "--out",
                                   str(tmp_path / "org"), "--date", "2026-03-02",
                                   "--return-address", "organization"])
    assert org.exit_code == 0, org.output
    assert f"3 office(s) targeted from {people}." in org.output.splitlines()
    envelope = PdfReader(tmp_path / "org" / "envelopes" / "envelopes-no10.pdf").pages[0]
    assert "Your Organization Name\n123 Main Street\n" in envelope.extract_text()

    alone = CliRunner().invoke(cli, ["labels", "--return-address", "constituent", "--out",
                                     str(tmp_path / "none")])
    assert alone.exit_code == 1
    assert ("Error: --return-address constituent needs --constituents FILE: without it the "
            "letters are the organization's") in alone.output.splitlines()


def test_an_old_envelope_template_is_refused_for_constituent_return_addresses(tmp_path):
    from toolkit.documents.html import bundled_templates_dir

    people = tmp_path / "people.csv"
    people.write_text(ONE)
    mine = tmp_path / "mine"
    mine.mkdir()
    # envelope.html as 'templates init' copied it before issue 18: one sender for all
    old = (bundled_templates_dir() / "envelope.html").read_text()
    old = old.replace("{%- set back = senders[loop.index0] if senders else sender %}", "")
    old = old.split("-#}", 1)[1]
    (mine / "envelope.html").write_text(old.replace("back.", "sender."))
    result = CliRunner().invoke(cli, ["labels", "--constituents", str(people), "--templates",
                                      str(mine), "--out", str(tmp_path / "out"),
                                      "--date", "2026-03-02"])
    assert result.exit_code == 1
    assert (f"Error: {mine / 'envelope.html'}: this envelope.html prints one return address "
            "on every envelope, not each constituent's own: copy it again ('advocacy "
            "templates init') or use --return-address organization") in result.output


@pytest.mark.parametrize("fmt", ["txt", "eml"])
def test_a_constituents_message_carries_the_writers_postal_address(tmp_path, fmt):
    people = tmp_path / "people.csv"
    people.write_text(ONE)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["constituents", str(people), "--format", fmt, "--out",
                                      str(out), "--date", "2026-03-02"])
    assert result.exit_code == 0, result.output
    data = (out / "constituents" / "jo-dunn-r2" / f"ME-rep-pingree-P000597.{fmt}").read_bytes()
    if fmt == "txt":
        assert data.endswith(b"Sincerely,\r\nJo Dunn\r\n5 Main St\r\nPortland, ME 04101\r\n"
                             b"jo@example.org\r\n")
    else:
        import email
        from email.policy import default

        body = email.message_from_bytes(data, policy=default).get_content().replace("\r\n", "\n")
        assert body.endswith("Sincerely,\nJo Dunn\n5 Main St\nPortland, ME 04101\n"
                             "jo@example.org\n")


def test_a_full_name_cell_in_capitals_is_printed_as_the_record_writes_it(tmp_path):
    header = ["First Name", "Last Name", "Full Name", "Chamber", "State", "District",
              "Bioguide ID"]
    path = make_contacts(tmp_path / "caps.csv", [dict(zip(header, (
        "ROSA", "DELAURO", "ROSA DELAURO", "House", "CT", "3", "D000216")))], header=header)
    table = load_legislators(path)
    leg = table.legislators[0]
    assert address.salutation(leg) == "Dear Representative DeLauro:"
    assert address.inside_address(leg)[0] == "The Honorable Rosa L. DeLauro"
    assert (f"{path}:2:Full Name: read 'ROSA DELAURO', used 'Rosa L. DeLauro' (the spelling "
            "of the member in use)") in table.warnings
    assert (f"{path}:2:Last Name: read 'DELAURO', used 'DeLauro' (the spelling of the member "
            "in use)") in table.warnings
