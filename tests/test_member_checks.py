"""issue-10b: legislator rows cross-checked, and sheets without bioguide IDs matched."""

from __future__ import annotations

from toolkit.documents import address

import pytest
from click.testing import CliRunner

from conftest import make_contacts
from toolkit.cli import cli
from toolkit.sheets.legislators import load_legislators
from toolkit.errors import ContactsError

HEADER = ["first_name", "last_name", "type", "state", "district", "address", "bioguide_id"]
HART = "311 Hart Senate Office Building Washington DC 20510"
CANNON = "402 Cannon House Office Building Washington DC 20515-2107"


def _problems(tmp_path, row):
    path = make_contacts(tmp_path / "m.csv", [row], header=HEADER)
    with pytest.raises(ContactsError) as caught:
        load_legislators(path)
    return [p.replace(f"{path}:", "") for p in caught.value.problems]


@pytest.mark.parametrize("row,problem", [
    ({"last_name": "Pressley", "type": "sen", "state": "MA", "address": CANNON},
     ["2:address: the chamber is Senate but the office is in the Cannon building, a House "
      "office building",
      "2:address: the chamber is Senate but the ZIP 20515-2107 is a House ZIP (20515)"]),
    ({"last_name": "Warren", "type": "rep", "state": "MA", "district": "7", "address": HART},
     ["2:address: the chamber is House but the office is in the Hart building, a Senate office "
      "building", "2:address: the chamber is House but the ZIP 20510 is a Senate ZIP (20510)"]),
    ({"last_name": "Warren", "type": "sen", "state": "MA",
      "address": "311 Senate Office Building Washington DC 20515"},
     "2:address: the chamber is Senate but the ZIP 20515 is a House ZIP (20515)"),
    ({"last_name": "Warren", "type": "sen", "state": "MA", "district": "7", "address": HART},
     "2:district: the chamber is Senate but the district is '7': a senator has no district"),
    ({"last_name": "Warren", "type": "sen", "state": "NY", "address": HART,
      "bioguide_id": "W000817"},
     "2:state: this row says state NY but bioguide ID W000817 is Elizabeth Warren (MA, Senate) "
     "in the data in use"),
    ({"last_name": "Pressley", "type": "rep", "state": "MA", "district": "8", "address": CANNON,
      "bioguide_id": "P000617"},
     "2:district: this row says district 8 but bioguide ID P000617 is Ayanna Pressley "
     "(MA-7, House) in the data in use"),
    ({"last_name": "Pressley", "type": "sen", "state": "MA", "bioguide_id": "P000617"},
     "2:type: this row says chamber senate but bioguide ID P000617 is Ayanna Pressley "
     "(MA-7, House) in the data in use"),
])
def test_row_disagreements_name_both_values(tmp_path, row, problem):
    assert _problems(tmp_path, row) == (problem if isinstance(problem, list) else [problem])


@pytest.mark.parametrize("district", ["7", "07", "MA-07", "MA 7", "7th", "7.0"])
def test_district_forms_in_legislator_sheets(tmp_path, district):
    path = make_contacts(tmp_path / "m.csv", [
        {"last_name": "Pressley", "type": "rep", "state": "MA", "district": district}],
        header=HEADER)
    assert load_legislators(path).legislators[0].district == 7


@pytest.mark.parametrize("district", ["At-Large", "AL", "0", "at large"])
def test_at_large_forms(tmp_path, district):
    path = make_contacts(tmp_path / "m.csv", [
        {"last_name": "Johnson", "type": "rep", "state": "SD", "district": district}],
        header=HEADER)
    assert load_legislators(path).legislators[0].district == 0


SHEET = [
    {"first_name": "Elizabeth", "last_name": "Warren", "type": "Senate", "state": "MA"},
    {"first_name": "Ed", "last_name": "Markey", "type": "Senate", "state": "MA"},
    {"first_name": "Ayanna", "last_name": "Pressley", "type": "House", "state": "MA",
     "district": "MA-07"},
    {"first_name": "Nobody", "last_name": "Smith", "type": "House", "state": "MA",
     "district": "7"},
]


def test_sheet_without_ids_is_matched(tmp_path):
    path = make_contacts(tmp_path / "m.csv", SHEET, header=HEADER)
    table = load_legislators(path)
    assert [leg.bioguide_id for leg in table.legislators] == ["W000817", "M000133", "P000617",
                                                              "ROW5"]
    assert table.legislators[0].seats == load_legislators().legislators[
        [leg.bioguide_id for leg in load_legislators().legislators].index("W000817")].seats
    assert table.matching.summary() == ("4 row(s) without bioguide IDs: 3 matched, "
                                        "1 unmatched, 0 ambiguous")
    assert table.matching.matched[1] == f"{path}:3: Markey matched Edward J. Markey " \
                                        "(M000133, MA, Senate)"
    assert table.matching.unmatched == (
        f"{path}:5: Smith (MA-7, House) matches no member in use (there: Ayanna Pressley); "
        "committee seats cannot be found for this row",)


def test_contacts_check_reports_matching(tmp_path):
    path = make_contacts(tmp_path / "m.csv", SHEET, header=HEADER)
    result = CliRunner().invoke(cli, ["contacts", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "Matching: 4 row(s) without bioguide IDs: 3 matched, 1 unmatched, 0 ambiguous" \
        in result.output.splitlines()
    assert f"  {path}:2: Warren matched Elizabeth Warren (W000817, MA, Senate)" \
        in result.output.splitlines()


def test_committee_selection_says_why_nobody(tmp_path):
    rows = [{"first_name": "X", "last_name": f"Nobody{i}", "type": "Senate", "state": "WY"}
            for i in range(2)]
    path = make_contacts(tmp_path / "m.csv", rows, header=HEADER)
    result = CliRunner().invoke(cli, ["generate", "--contacts", str(path), "--committee", "SSFR",
                                      "--dry-run", "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        "your sheet has no bioguide IDs and 0 of 2 rows matched a member "
        "(see 'advocacy contacts check')")


def test_own_sheet_never_writes_to_a_member_who_has_left(tmp_path):
    """A sheet's known bioguide ID carries the data's term end (Husted's ended 2026-11-03);
    an ID the data does not know (Menendez, who left in 2024) is a warning of the run."""
    rows = [{"first_name": "Jon", "last_name": "Husted", "type": "sen", "state": "OH",
             "address": "304 Russell Senate Office Building Washington DC 20510",
             "bioguide_id": "H001104"},
            {"first_name": "Robert", "last_name": "Menendez", "type": "sen", "state": "NJ",
             "address": HART, "bioguide_id": "M000639"},
            {"first_name": "Elizabeth", "last_name": "Warren", "type": "sen", "state": "MA",
             "address": HART, "bioguide_id": "W000817"}]
    path = make_contacts(tmp_path / "gone.csv", rows, header=HEADER)
    result = CliRunner().invoke(cli, ["generate", "--all", "--contacts", str(path), "--kind",
                                      "letter", "--format", "pdf", "--date", "2026-12-01",
                                      "--jobs", "1", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in (tmp_path / "out" / "letters").iterdir())
    assert made == ["MA-sen-warren-W000817.pdf", "NJ-sen-menendez-M000639.pdf"]
    assert ("Note: 1 of 3 selected member(s) left out: their terms ended before 2026-12-01 "
            "(on 2026-11-03); run 'advocacy contacts update' for the members now in office") in result.output
    assert (f"  {path}:3:bioguide_id: bioguide ID M000639 (Menendez) is not a member in the "
            "congress data in use: check that this member still serves ('advocacy contacts "
            "status', 'advocacy contacts update')") in result.output


def test_names_take_the_records_spelling_when_only_case_or_accents_differ(tmp_path):
    rows = [{"first_name": "ELIZABETH", "last_name": "WARREN", "type": "sen", "state": "MA",
             "address": HART, "bioguide_id": "W000817"},
            {"first_name": "catherine", "last_name": "cortez masto", "type": "sen",
             "state": "NV", "address": HART},
            {"first_name": "Ben Ray", "last_name": "Lujan", "type": "sen", "state": "NM",
             "address": HART}]
    path = make_contacts(tmp_path / "case.csv", rows, header=HEADER)
    table = load_legislators(path)

    assert [address.salutation(leg) for leg in table.legislators] == [
        "Dear Senator Warren:", "Dear Senator Cortez Masto:", "Dear Senator Luján:"]
    assert f"{path}:2:last_name: read 'WARREN', used 'Warren' (the spelling of the member " \
           "in use)" in table.warnings
    assert f"{path}:4:last_name: read 'Lujan', used 'Luján' (the spelling of the member " \
           "in use)" in table.warnings


def test_values_a_matched_row_takes_from_the_record_are_warnings(tmp_path):
    rows = [{"first_name": "Elizabeth", "last_name": "Warren", "type": "sen", "state": "MA",
             "address": HART}]
    path = make_contacts(tmp_path / "w.csv", rows, header=HEADER)
    table = load_legislators(path)
    assert table.legislators[0].bioguide_id == "W000817"
    # one line per row folds every value taken from the record (issue 18)
    assert table.warnings == (f"{path}:2: from the record of Elizabeth Warren (W000817): "
                              "party: read '', used 'Democrat'; gender: read '', used 'F'",)
