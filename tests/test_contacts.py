"""contacts.py: reading spreadsheets as text, header synonyms, row problems."""

from __future__ import annotations

import pytest

from conftest import make_contacts
from toolkit.congress.members import load_committees
from toolkit.sheets.legislators import load_legislators
from toolkit.congress.model import normalize_role
from toolkit.sheets.cells import read_sheet
from toolkit.errors import ContactsError


def test_bundled_data_counts(table):
    assert len(table.legislators) == 537
    assert table.by_chamber() == {"senator": 100, "representative": 431, "delegate": 5,
                                  "resident_commissioner": 1}
    assert table.problems == ()


def test_bundled_rows_keep_text(members):
    cantwell = members["C000127"]
    assert (cantwell.chamber, cantwell.state, cantwell.district) == ("senate", "WA", None)
    assert cantwell.address == "511 Hart Senate Office Building Washington DC 20510"
    assert members["B000490"].district == 2          # Bishop, GA-2, an int, not "2.0"
    assert members["N000147"].district == 0          # Norton, DC delegate, at-large code 0
    assert members["H001103"].last_name == "Hernández Rivera"
    assert members["F000459"].full_name == 'Charles J. "Chuck" Fleischmann'


def test_committee_seats_joined(members):
    risch = {s.committee_id: s.role for s in members["R000584"].seats}
    assert risch["SSFR"] == "Chair"
    assert any(s.committee_id == "HSFA16" and s.role == "Chair" for s in members["S000522"].seats)


@pytest.mark.parametrize("title,role", [("Chairman", "Chair"), ("Chairwoman", "Chair"),
                                        ("Ranking Member", "Ranking Member"),
                                        ("Vice Chairman", "Vice Chair"), ("", "Member"),
                                        ("Cochairman", "Co-Chair"), ("Ex Officio", "Ex Officio")])
def test_roles_normalized(title, role):
    assert normalize_role(title) == role


def test_spreadsheet_headers_and_zero_padding(tmp_path):
    path = make_contacts(tmp_path / "list.csv", [
        {"First Name": "Ann", "Last Name": "Lee", "Chamber": "House", "State": "NJ",
         "District": "03", "Office Address": "100 Cannon House Office Building",
         "ZIP Code": "205150012", "Bioguide ID": "X000001"},
        {"First Name": "Bo", "Last Name": "Ray", "Chamber": "Sen", "State": "Vermont",
         "District": "", "Office Address": "1 Hart Senate Office Building",
         "ZIP Code": "20510", "Bioguide ID": "X000002"}],
        header=["First Name", "Last Name", "Chamber", "State", "District", "Office Address",
                "ZIP Code", "Bioguide ID"])
    table = load_legislators(path)
    assert table.columns["last_name"] == "Last Name"
    assert table.columns["zip"] == "ZIP Code"
    lee, ray = table.legislators
    assert (lee.chamber, lee.district) == ("house", 3)
    assert lee.address == "100 Cannon House Office Building, Washington, DC 20515-0012"
    assert (ray.chamber, ray.state) == ("senate", "VT")


def test_map_override_and_semicolons_cp1252(tmp_path, capsys):
    path = make_contacts(tmp_path / "excel.csv", [
        {"Surname X": "Luján", "Given": "Ben Ray", "Body": "sen", "St": "NM"}],
        header=["Surname X", "Given", "Body", "St"], encoding="cp1252", delimiter=";")
    table = load_legislators(path, columns={"last_name": "Surname X", "first_name": "Given"})
    assert table.legislators[0].last_name == "Luján"
    assert any("Windows-1252" in n for n in table.notices)
    assert any("';'" in n for n in table.notices)


def test_all_row_problems_reported_at_once(tmp_path):
    path = make_contacts(tmp_path / "bad.csv", [
        {"last_name": "A", "type": "rep", "state": "ZZ", "district": "1", "bioguide_id": "A1"},
        {"last_name": "B", "type": "rep", "state": "WY", "district": "3", "bioguide_id": "B1"},
        {"last_name": "C", "type": "mayor", "state": "WA", "bioguide_id": "C1"},
        {"last_name": "D", "type": "rep", "state": "WA", "district": "3.5", "bioguide_id": "D1"},
        {"last_name": "E", "type": "sen", "state": "WA", "bioguide_id": "E1"},
        {"last_name": "F", "type": "sen", "state": "WA", "bioguide_id": "E1"}])
    with pytest.raises(ContactsError) as caught:
        load_legislators(path)
    problems = caught.value.problems
    assert problems == [
        f"{path}:2:state: 'ZZ' is not a U.S. state or territory code",
        f"{path}:3:district: district 3 does not exist: WY is at-large (district 0)",
        f"{path}:4:type: 'mayor' is not a chamber; write Senate or House (sen or rep)",
        f"{path}:5:district: '3.5' is not a district of WA (write 7, WA-07, 7th, or At-Large / AL / 0)",
        f"{path}:7:bioguide_id: bioguide ID E1 repeats row 6; each member must appear once",
    ]


def test_missing_required_column(tmp_path):
    path = make_contacts(tmp_path / "x.csv", [{"Member": "X", "Type": "sen", "State": "MA"}],
                         header=["Member", "Type", "State"])
    with pytest.raises(ContactsError) as caught:
        load_legislators(path)
    assert caught.value.problems == [
        f"{path}:1: no column for the name (looked for 'Last Name', 'Surname', 'Full Name', "
        "'Name'); if 'Member' holds whole names (\"Elizabeth Warren\"), pass "
        "--map full_name='Member'"]


@pytest.mark.parametrize("content,message", [
    (b"", "the file is empty"),
    (b"last_name,type,state\n", "has a header row but no data rows"),
    (b"\x00\x01\x02binary\x00", "this is not a text CSV file: it holds binary data"),
])
def test_broken_csv_files(tmp_path, content, message):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(ContactsError, match=message):
        read_sheet(path)


def test_xlsx_reads_text_and_sheet(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Members"
    sheet.append(["Last Name", "Chamber", "State", "District", "Zip"])
    sheet.append(["Kim", "rep", "NJ", 3.0, "08002"])
    path = tmp_path / "m.xlsx"
    book.save(path)
    table = load_legislators(path, sheet="Members")
    assert table.legislators[0].district == 3
    assert table.legislators[0].address.endswith("08002")
    with pytest.raises(ContactsError, match="no sheet named 'Nope'"):
        read_sheet(path, sheet="Nope")
    truncated = tmp_path / "t.xlsx"
    truncated.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ContactsError, match="not a readable .xlsx workbook"):
        read_sheet(truncated)


def test_load_committees_bundled():
    from toolkit.congress.datastore import bundled_path

    seats = load_committees(bundled_path("committee-membership.csv"))
    assert sum(len(v) for v in seats.values()) == 3879


def test_missing_value_markers_never_reach_a_letter(tmp_path):
    path = make_contacts(tmp_path / "n.csv", [
        {"last_name": "Kim", "first_name": "None", "full_name": "nan", "type": "rep",
         "state": "NJ", "district": "3", "party": "NULL", "bioguide_id": "K000001"}])
    table = load_legislators(path)
    kim = table.legislators[0]
    assert (kim.first_name, kim.full_name, kim.party) == ("", "", "")
    mark = "(an export's mark for an empty cell): read as empty"
    assert f"{path}:1:first_name: the column holds only 'None' {mark}" in table.warnings
    assert f"{path}:1:full_name: the column holds only 'nan' {mark}" in table.warnings
