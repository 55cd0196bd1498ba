"""issue-10b: legislator and constituent name cells read as their author meant them."""

from __future__ import annotations

import pytest

from conftest import make_contacts
from toolkit.documents.address import inside_address, salutation
from toolkit.sheets.constituents import load_constituents
from toolkit.sheets.legislators import load_legislators
from toolkit.errors import ContactsError

HEADER = ["first_name", "middle_name", "last_name", "full_name", "type", "state", "district",
          "address"]
RAYBURN = "2240 Rayburn House Office Building Washington DC 20515-1004"
RUSSELL = "255 Dirksen Senate Office Building Washington DC 20510"


def _one(tmp_path, row, header=HEADER, **kwargs):
    path = make_contacts(tmp_path / "m.csv", [row], header=header)
    table = load_legislators(path, **kwargs)
    return table, table.legislators[0]


def test_honorifics_are_removed_with_a_warning(tmp_path):
    table, leg = _one(tmp_path, {"full_name": "The Honorable Sen. Edward J. Markey",
                                 "type": "sen", "state": "MA", "address": RUSSELL})
    assert inside_address(leg)[0] == "The Honorable Edward J. Markey"
    assert salutation(leg) == "Dear Senator Markey:"
    assert (f"{table.path}:2:full_name: read 'The Honorable Sen. Edward J. Markey', used "
            "'Edward J. Markey' (title removed; the documents add the right one)"
            ) in table.warnings


@pytest.mark.parametrize("first,last", [
    ("Rep. Henry", "Johnson"), ("Representative Henry", "Johnson"), ("Congressman Henry", "Johnson"),
    ("Hon. Henry", "Johnson"), ("Henry", "Rep. Johnson"),
])
def test_honorifics_in_first_and_last_cells(tmp_path, first, last):
    _, leg = _one(tmp_path, {"first_name": first, "middle_name": "C.", "last_name": last,
                             "type": "rep", "state": "GA", "district": "4", "address": RAYBURN})
    assert inside_address(leg)[0] == "The Honorable Henry C. Johnson"
    assert salutation(leg) == "Dear Representative Johnson:"


@pytest.mark.parametrize("last", ["Johnson Jr.", "Johnson, Jr.", "Johnson Jr"])
def test_suffix_in_last_name_cell(tmp_path, last):
    table, leg = _one(tmp_path, {"first_name": "Henry", "middle_name": "C.", "last_name": last,
                                 "type": "rep", "state": "GA", "district": "4",
                                 "address": RAYBURN})
    assert salutation(leg) == "Dear Representative Johnson:"
    assert inside_address(leg) == (
        "The Honorable Henry C. Johnson, Jr.", "United States House of Representatives",
        "2240 Rayburn House Office Building", "Washington, DC 20515-1004")
    assert (f"{table.path}:2:last_name: read {last!r}, used 'Johnson' (suffix 'Jr.' read as "
            "the name's suffix)") in table.warnings


def test_roman_numeral_suffix_keeps_no_comma(tmp_path):
    _, leg = _one(tmp_path, {"first_name": "Harold", "last_name": "Rogers III", "type": "rep",
                             "state": "KY", "district": "5", "address": RAYBURN})
    assert inside_address(leg)[0] == "The Honorable Harold Rogers III"
    assert salutation(leg) == "Dear Representative Rogers:"


def test_last_first_full_name_only_sheet(tmp_path):
    header = ["Member", "Chamber", "State"]
    table, leg = _one(tmp_path, {"Member": "Warren, Elizabeth", "Chamber": "Senate",
                                 "State": "MA"}, header=header, columns={"full_name": "Member"})
    assert salutation(leg) == "Dear Senator Warren:"
    assert inside_address(leg) == ("The Honorable Elizabeth Warren", "United States Senate",
                                   "Washington, DC 20510")
    assert f"{table.path}:2:Member: read 'Warren, Elizabeth', used 'Elizabeth Warren' " \
           "('Last, First' turned around)" in table.warnings


def test_full_name_in_last_name_column_with_first_name(tmp_path):
    _, leg = _one(tmp_path, {"first_name": "Elizabeth", "last_name": "Elizabeth Warren",
                             "type": "sen", "state": "MA"})
    assert salutation(leg) == "Dear Senator Warren:"


def test_missing_name_suggests_full_name(tmp_path):
    path = make_contacts(tmp_path / "m.csv", [{"Member": "Elizabeth Warren", "Chamber": "sen",
                                               "State": "MA"}],
                         header=["Member", "Chamber", "State"])
    with pytest.raises(ContactsError) as caught:
        load_legislators(path)
    assert "--map full_name='Member'" in caught.value.problems[0]
    assert "--map last_name" not in str(caught.value)


@pytest.mark.parametrize("first,full", [
    ('Charles "Chuck"', ""), ("Charles (Chuck)", ""), ("Charles \u201cChuck\u201d", ""),
    ("Charles", 'Charles J. "Chuck" Fleischmann'),
])
def test_nicknames_never_in_salutations(tmp_path, first, full):
    table, leg = _one(tmp_path, {"first_name": first, "middle_name": "J.",
                                 "last_name": "Fleischmann", "full_name": full, "type": "rep",
                                 "state": "TN", "district": "3", "address": RAYBURN})
    assert leg.nickname == "Chuck"
    reported = [w for w in table.warnings if ":first_name:" in w]
    assert reported == ([] if first == "Charles" else [
        f"{table.path}:2:first_name: read {first!r}, used 'Charles' (nickname 'Chuck' kept "
        "apart from the first name)"])
    assert salutation(leg) == "Dear Representative Fleischmann:"
    expected = ("The Honorable Charles J. \u201cChuck\u201d Fleischmann" if full
                else "The Honorable Charles J. Fleischmann")
    assert inside_address(leg)[0] == expected


def test_a_first_name_like_a_title_is_kept(tmp_path):
    _, leg = _one(tmp_path, {"first_name": "Del", "last_name": "Latta", "type": "rep",
                             "state": "OH", "district": "5"})
    assert inside_address(leg)[0] == "The Honorable Del Latta"


def test_constituents_keep_courtesy_titles(tmp_path):
    path = make_contacts(tmp_path / "c.csv", [
        {"Name": "Dr. Aminata Traoré", "State": "MA", "ZIP": "02119"},
        {"Name": "Rev Al Green", "State": "MA", "ZIP": "02119"},
        {"Name": "Mx. Sam Lee", "State": "MA", "ZIP": "02119"},
        {"Name": "Drew Carey", "State": "MA", "ZIP": "02119"},
        {"Name": "King Smith", "State": "MA", "ZIP": "02119"},
    ], header=["Name", "State", "ZIP"])
    table = load_constituents(path)
    assert [(p.courtesy_title, p.name, p.titled_name) for p in table.constituents] == [
        ("Dr.", "Aminata Traoré", "Dr. Aminata Traoré"), ("Rev.", "Al Green", "Rev. Al Green"),
        ("Mx.", "Sam Lee", "Mx. Sam Lee"), ("", "Drew Carey", "Drew Carey"),
        ("", "King Smith", "King Smith")]
    assert f"{path}:2:Name: read 'Dr. Aminata Traoré', used 'Aminata Traoré' with the " \
           "courtesy title 'Dr.'" in table.warnings


def test_parts_are_not_guessed_from_the_full_name_of_a_row_that_has_them(members):
    """Only a whole-names row is split from its full name: a row with first and last names
    keeps its empty cells empty ("Debbie Wasserman Schultz" has no middle name
    "Wasserman"; "Pablo José Hernández" no middle name "José")."""
    assert (members["W000797"].middle_name, members["W000797"].last_name) == (
        "", "Wasserman Schultz")
    assert (members["H001103"].first_name, members["H001103"].middle_name) == ("Pablo José", "")


def test_the_data_s_own_nicknames_are_taken_apart_without_a_warning_each_run():
    """Five first-name cells of the congress data hold "(Nick)" (contacts/README.md says
    so): no run warns about them, while a user's sheet with the same cell does (above)."""
    table = load_legislators()
    fleischmann = next(leg for leg in table.legislators if leg.bioguide_id == "F000459")
    assert (fleischmann.first_name, fleischmann.nickname) == ("Charles", "Chuck")
    assert [w for w in table.warnings if "nickname" in w] == []
