"""The shared read report (issue 10, "Reading sheets"): header found, duplicate columns,
hidden sheets and rows, typed XLSX cells, export artifacts, constituents without a ZIP.

Every input is a small invented CSV or XLSX written by the test itself.
"""

from __future__ import annotations

from toolkit.documents import address

import datetime as dt

import openpyxl
import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.sheets.constituents import load_constituents
from toolkit.sheets.own_members import match_offices
from toolkit.sheets.legislators import load_legislators
from toolkit.sheets.cells import read_sheet
from toolkit.errors import ContactsError
from toolkit.sheets.readreport import did_you_mean, excel_date_text, restore_zip

PEOPLE = ["First Name", "Last Name", "Address", "City", "State", "ZIP"]
#: The read report's lines for the PEOPLE columns in A to F.
PEOPLE_LINES = ["  A  First Name -> first_name", "  B  Last Name -> last_name",
                "  C  Address -> street", "  D  City -> city", "  E  State -> state",
                "  F  ZIP -> zip"]


def xlsx(path, rows, title="Signers", setup=None):
    """Write ``rows`` (lists; None for a blank row) to one sheet; ``setup(book, sheet)`` edits."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row or [])
    if setup:
        setup(book, sheet)
    book.save(path)
    return path


def csv_file(path, text):
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- header row

def test_csv_title_and_blank_rows_above_the_header_are_skipped(tmp_path):
    path = csv_file(tmp_path / "p.csv", "Spring letter drive,,,,,\n,,,,,\n"
                    "First Name,Last Name,Address,City,State,ZIP,Why I care\n"
                    "Ann,Lee,1 Main St,Burlington,VT,05401,Mali matters\n")
    people = load_constituents(path)
    (ann,) = people.constituents
    assert (ann.row, ann.last_name, ann.zip) == (4, "Lee", "05401")
    assert people.report.header_row == 3
    assert people.notices == (f"{path}: the header is row 3; skipped above it: row 1 "
                              "('Spring letter drive')",)
    assert people.report.lines() == [
        f"{path}: header row 3",
        *PEOPLE_LINES,
        "  G  Why I care -> ignored (did you mean story? --map story='Why I care')",
    ]
    assert people.warnings == (f"{path}:3:Why I care: column ignored; did you mean story? "
                               "(--map story='Why I care')",)


def test_semicolon_file_with_a_title_and_decimal_commas(tmp_path):
    path = csv_file(tmp_path / "p.csv", "Lettres, printemps 2026\n"
                    "First Name;Last Name;Address;City;State;ZIP;Story\n"
                    "Ann;Lee;1 Main St;Burlington;VT;05401;Gave 1,5 million, then 2,5\n"
                    "Bo;Ray;2 Main St;Burlington;VT;05401;\n")
    people = load_constituents(path)
    assert [c.story for c in people.constituents] == ["Gave 1,5 million, then 2,5", ""]
    assert people.notices == (f"{path}: columns separated by ';'",
                              f"{path}: the header is row 2; skipped above it: row 1 "
                              "('Lettres, printemps 2026')")


def test_header_row_option_overrides_the_search(tmp_path):
    # Row 1 names two known fields (State, ZIP); the real header, row 2, names six.
    path = csv_file(tmp_path / "p.csv", "State,ZIP\n" + ",".join(PEOPLE) + "\n"
                    "Ann,Lee,1 Main St,Burlington,VT,05401\n")
    assert load_constituents(path).report.header_row == 2
    with pytest.raises(ContactsError) as caught:
        load_constituents(path, header_row=1)
    assert f"{path}:1: no column for the name" in str(caught.value)
    with pytest.raises(ContactsError, match=r"--header-row 9: row 9 is empty"):
        load_constituents(path, header_row=9)


def test_xlsx_with_blank_rows_and_a_merged_title_is_not_empty(tmp_path):
    def merge(book, sheet):
        sheet.merge_cells("A1:F1")

    path = xlsx(tmp_path / "p.xlsx", [["Members, March 2026"], None, None,
                                      PEOPLE, ["Ann", "Lee", "1 Main St", "Burlington", "VT",
                                               "05401"]], setup=merge)
    people = load_constituents(path)
    assert people.report.header_row == 4
    assert people.report.lines()[0] == f"{path}: sheet 'Signers', header row 4"
    assert people.constituents[0].row == 5
    blank = xlsx(tmp_path / "b.xlsx", [None, None, ["Last Name", "Chamber", "State"],
                                       ["King", "sen", "ME"]])
    king = load_legislators(blank)
    assert king.legislators[0].last_name == "King"
    assert king.warnings[0] == (f"{blank}: no bioguide ID column: rows are matched to the "
                                "members in use by name, state, chamber and district (see "
                                "'advocacy contacts check')")


# --------------------------------------------------------------------------- duplicates

def test_duplicate_column_is_a_problem_unless_map_picks_one(tmp_path):
    path = csv_file(tmp_path / "m.csv", "Members of the House\n"
                    "Last Name,Chamber,State,Notes,District,District\nAdams,rep,NC,,12,1\n")
    with pytest.raises(ContactsError) as caught:
        load_legislators(path)
    assert caught.value.problems == [
        f"{path}:2: column 'District' appears twice (E and F); pick one with "
        "--map district='District (F)'"]
    table = load_legislators(path, columns={"district": "District (E)"})
    assert table.legislators[0].district == 12


def test_csv_row_longer_than_the_header_is_a_row_problem(tmp_path):
    path = csv_file(tmp_path / "m.csv", "Last Name,Chamber,State\nKing,sen,ME\n"
                    "Smith,sen,1 Main St, Apt 2,MN\n")
    table = load_legislators(path, strict=False)
    assert [leg.last_name for leg in table.legislators] == ["King"]
    assert table.problems == (f"{path}:3: 5 cells but the header names 3 columns (a comma "
                              "inside a value that is not in quotes?); fix the row",)


# --------------------------------------------------------------------------- hidden sheets and rows

def test_hidden_stale_sheet_is_never_read(tmp_path):
    def hide_first(book, sheet):
        sheet.sheet_state = "hidden"
        current = book.create_sheet("Current")
        current.append(["Last Name", "Chamber", "State"])
        current.append(["Fresh", "sen", "VT"])
        book.active = 1

    path = xlsx(tmp_path / "m.xlsx", [["Last Name", "Chamber", "State"], ["Stale", "sen", "VT"]],
                title="Old", setup=hide_first)
    table = load_legislators(path)
    assert [leg.last_name for leg in table.legislators] == ["Fresh"]
    assert table.report.sheet == "Current"
    assert table.notices == (f"{path}: read sheet 'Current', the active one; not read: "
                             "'Old' (hidden) (--sheet NAME reads another)",)
    # A workbook whose saved active tab is the hidden sheet (openpyxl never writes one).
    import zipfile

    tampered = tmp_path / "t.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tampered, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b'activeTab="1"', b'activeTab="0"')
            target.writestr(item, data)
    table = load_legislators(tampered)
    assert [leg.last_name for leg in table.legislators] == ["Fresh"]
    assert table.notices == (f"{tampered}: read sheet 'Current', the first visible one; not "
                             "read: 'Old' (hidden) (--sheet NAME reads another)",)


def test_hidden_and_filtered_rows_are_skipped_with_a_notice(tmp_path):
    def hide(book, sheet):
        sheet.row_dimensions[3].hidden = True          # hidden by hand, outside the filter
        sheet.auto_filter.ref = "A4:C7"
        sheet.row_dimensions[6].hidden = True          # filtered out
        sheet.row_dimensions[7].hidden = True

    rows = [["Last Name", "Chamber", "State"], ["King", "sen", "ME"], ["Hid", "sen", "VT"],
            ["Sanders", "sen", "VT"], ["Collins", "sen", "ME"], ["Out", "sen", "WA"],
            ["Gone", "sen", "WA"]]
    path = xlsx(tmp_path / "m.xlsx", rows, setup=hide)
    table = load_legislators(path)
    assert [leg.last_name for leg in table.legislators] == ["King", "Sanders", "Collins"]
    assert table.notices == (
        f"{path}: skipped 1 hidden row(s): 3 (--include-hidden reads them)",
        f"{path}: skipped 2 row(s) hidden by the filter on A4:C7: 6-7 (--include-hidden "
        "reads them)")
    everyone = load_legislators(path, include_hidden=True)
    assert [leg.last_name for leg in everyone.legislators] == [
        "King", "Hid", "Sanders", "Collins", "Out", "Gone"]
    assert everyone.notices == (f"{path}: hidden rows read (--include-hidden): 3, 6-7",)


# --------------------------------------------------------------------------- typed cells

def test_zip_stored_as_a_number_is_restored_only_in_its_state(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [
        PEOPLE,
        ["Ann", "Lee", "1 Main St", "Boston", "MA", 2119],
        ["Bo", "Ray", "2 Main St", "Boston", "MA", 21191234],
        ["Cy", "Day", "3 Main St", "New York", "NY", 2119],
        ["Di", "Fox", "4 Main St", "Burlington", "VT", 5401]])
    people = load_constituents(path)
    ann, bo, cy, di = people.constituents
    assert (ann.zip, bo.zip, di.zip) == ("02119", "02119-1234", "05401")
    assert people.warnings == (
        f"{path}:2:ZIP: ZIP stored as the number 2119 read as '02119' (a ZIP of MA)",
        f"{path}:3:ZIP: ZIP stored as the number 21191234 read as '02119-1234' (a ZIP of MA)",
        f"{path}:5:ZIP: ZIP stored as the number 5401 read as '05401' (a ZIP of VT)")
    problem = (f"{path}:4:ZIP: ZIP stored as the number 2119: 02119 is not a ZIP of NY; type "
               "the ZIP as text (format the column as Text) and run again")
    assert cy.problems == (problem,)
    match = match_offices(cy, [])
    assert (match.problems, match.offices) == ([problem], [])


def test_restore_zip_rules():
    assert restore_zip(2119, "Massachusetts") == (
        "02119", "ZIP stored as the number 2119 read as '02119' (a ZIP of MA)")
    assert restore_zip(20515, "DC") == ("", "")            # nothing was lost
    assert restore_zip(2119, "") == ("", "ZIP stored as the number 2119: 02119 is not "
                                     "checked against a State; type the ZIP as text (format "
                                     "the column as Text) and run again")


def test_date_cell_in_a_text_field_reads_as_excel_shows_it(tmp_path):
    def formats(book, sheet):
        sheet["G2"].number_format = "mm-dd-yy"             # Excel's built-in short date
        sheet["G3"].number_format = "mmmm d, yyyy"

    path = xlsx(tmp_path / "p.xlsx", [
        PEOPLE + ["Story"],
        ["Ann", "Lee", "1 Main St", "Burlington", "VT", "05401", dt.date(2026, 3, 2)],
        ["Bo", "Ray", "2 Main St", "Burlington", "VT", "05401", dt.datetime(2026, 3, 2)]],
        setup=formats)
    people = load_constituents(path)
    assert [c.story for c in people.constituents] == ["3/2/2026", "March 2, 2026"]
    assert people.warnings == (
        f"{path}:2:Story: a date cell (2026-03-02) read as '3/2/2026', as Excel shows it",
        f"{path}:3:Story: a date cell (2026-03-02) read as 'March 2, 2026', as Excel shows it")


@pytest.mark.parametrize("fmt,shown", [
    ("yyyy-mm-dd", "2026-03-02"), ("d-mmm-yy", "2-Mar-26"), ("dddd, mmmm dd, yyyy",
                                                              "Monday, March 02, 2026"),
    ("m/d/yy h:mm AM/PM", "3/2/26 2:05 PM"), ("[$-409]h:mm:ss", "14:05:09"),
    ('mm"/"dd', "03/02")])
def test_excel_date_text(fmt, shown):
    assert excel_date_text(dt.datetime(2026, 3, 2, 14, 5, 9), fmt) == shown


def test_formula_without_saved_value_is_a_problem_not_a_blank(tmp_path):
    path = xlsx(tmp_path / "m.xlsx", [["Last Name", "First Name", "Chamber", "State"],
                                      ["King", "Angus", "sen", "ME"],
                                      ["=B2&\"x\"", "Susan", "sen", "ME"]])
    table = load_legislators(path, strict=False)
    assert [leg.last_name for leg in table.legislators] == ["King"]
    assert table.problems == (f"{path}:3:Last Name: the formula =B2&\"x\" has no saved value; "
                              "open the file in Excel and save it again (or paste the values)",)


# --------------------------------------------------------------------------- artifacts and names

def test_nan_null_none_are_names_and_only_artifact_columns_are_empty(tmp_path):
    path = csv_file(tmp_path / "p.csv", "First Name,Last Name,Address,City,State,ZIP,Email\n"
                    "Nan,Null,1 Main St,Burlington,VT,05401,nan\n"
                    "Nat,None,2 Main St,Burlington,VT,05401,nan\n"
                    "Ann,Nan,3 Main St,Burlington,VT,05401,\n")
    people = load_constituents(path)
    assert [(c.first_name, c.last_name, c.email) for c in people.constituents] == [
        ("Nan", "Null", ""), ("Nat", "None", ""), ("Ann", "Nan", "")]
    assert people.warnings == (f"{path}:1:Email: the column holds only 'nan' (an export's mark "
                               "for an empty cell): read as empty",)
    mixed = csv_file(tmp_path / "m.csv", "First Name,Last Name,Address,City,State,ZIP,Phone\n"
                     "Ann,Lee,1 Main St,Burlington,VT,05401,N/A\n"
                     "Bo,Ray,2 Main St,Burlington,VT,05401,#N/A\n"
                     "Cy,Day,3 Main St,Burlington,VT,05401,802-555-0100\n")
    ann, bo, cy = load_constituents(mixed).constituents
    assert (ann.phone, bo.problems) == ("N/A", (f"{mixed}:3:Phone: '#N/A' is an Excel error, "
                                                "not a value; fix the cell",))
    assert load_constituents(mixed).warnings == (
        f"{mixed}:2:Phone: 'N/A' kept as written; if it means \"no value\", empty the cell",)
    senators = csv_file(tmp_path / "s.csv", "Last Name,First Name,Chamber,State\n"
                        "Null,Nat,sen,VT\nKing,Angus,sen,ME\n")
    null = load_legislators(senators).legislators[0]
    assert address.salutation(null) == "Dear Senator Null:"


def test_constituent_without_zip_is_a_row_problem(tmp_path):
    path = csv_file(tmp_path / "p.csv", ",".join(PEOPLE + ["District"]) + "\n"
                    "Ann,Lee,1 Main St,Burlington,VT,,0\n"
                    "Bo,Ray,,Burlington,VT,,\n")
    ann, bo = load_constituents(path).constituents
    assert match_offices(ann, []).problems == [
        f"{path}:2:ZIP: the postal address has no ZIP: offices answer only letters that give "
        "the writer's full address"]
    assert match_offices(bo, []).problems == [
        f"{path}:3:Address: the postal address has no street and ZIP: offices answer only "
        "letters that give the writer's full address"]


def test_did_you_mean():
    from toolkit.sheets.constituents import CONSTITUENT_FIELDS
    from toolkit.sheets.legislators import LEGISLATOR_FIELDS

    assert did_you_mean("Dist.", LEGISLATOR_FIELDS) == "district"
    assert did_you_mean("Why I care", CONSTITUENT_FIELDS) == "story"
    assert did_you_mean("Frist Name", CONSTITUENT_FIELDS) == "first_name"
    assert did_you_mean("Favourite colour", CONSTITUENT_FIELDS) == ""


# --------------------------------------------------------------------------- commands

def test_constituents_check_prints_the_read_report(tmp_path):
    path = xlsx(tmp_path / "p.xlsx", [
        ["Spring letter drive"], PEOPLE + ["Dist."],
        ["Ann", "Lee", "1 Main St", "Boston", "MA", 2119, ""],
        ["Bo", "Ray", "2 Main St", "Burlington", "VT", "", ""]])
    result = CliRunner().invoke(cli, ["constituents", "check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: sheet 'Signers', header row 2",
        *PEOPLE_LINES,
        "  G  Dist. -> ignored (did you mean district? --map district='Dist.')",
        f"Note: {path}: the header is row 2; skipped above it: row 1 ('Spring letter drive')",
        f"warning: {path}:2:Dist.: column ignored; did you mean district? "
        "(--map district='Dist.')",
        f"warning: {path}:3:ZIP: ZIP stored as the number 2119 read as '02119' (a ZIP of MA)",
        f"{path}: 2 constituent(s); a run would make 3 letter(s)"]
    assert result.stderr.splitlines() == [
        f"{path}:4:ZIP: the postal address has no ZIP: offices answer only letters that give "
        "the writer's full address", f"Error: 1 row problem(s) in {path}"]
    helped = CliRunner().invoke(cli, ["constituents", "--help"])
    assert "'advocacy constituents check FILE' shows how FILE is read" in helped.stdout


def test_contacts_check_shows_columns_before_a_column_problem(tmp_path):
    path = csv_file(tmp_path / "m.csv", "Surname,Chamber,State,Dist.\nGolden,rep,ME,\n")
    result = CliRunner().invoke(cli, ["contacts", "check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:5] == [
        f"{path}: header row 1",
        "  A  Surname -> last_name",
        "  B  Chamber -> chamber",
        "  C  State -> state",
        "  D  Dist. -> ignored (did you mean district? --map district='Dist.')"]
    nameless = csv_file(tmp_path / "n.csv", "Family,Chamber,State\nKing,sen,ME\n")
    result = CliRunner().invoke(cli, ["contacts", "check", str(nameless)])
    assert "  A  Family -> ignored (did you mean last_name? --map last_name='Family')" \
        in result.stdout
    assert (f"{nameless}:1: no column for the name (looked for 'Last Name', 'Surname', "
            "'Full Name', 'Name'); if a column holds whole names (\"Elizabeth Warren\"), pass "
            "--map full_name=COLUMN") in result.stderr.splitlines()


def test_header_row_warnings_reach_every_command(tmp_path):
    path = csv_file(tmp_path / "m.csv", "Last Name,Chamber,State,Dist.\nKing,sen,ME,\n")
    table = load_legislators(path)
    assert table.warnings_for(table.legislators)[0] == (
        f"{path}:1:Dist.: column ignored; did you mean district? (--map district='Dist.')")
    assert read_sheet(path).header_row == 1


def test_labels_print_the_sheets_warnings(tmp_path):
    path = csv_file(tmp_path / "m.csv", "Last Name,First Name,Chamber,State,Dist.,Office Address\n"
                    "King,Angus,sen,ME,,133 Hart Senate Office Building\n")
    result = CliRunner().invoke(cli, ["labels", "--contacts", str(path), "--all", "--kind",
                                      "labels", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert (f"  {path}:1:Dist.: column ignored; did you mean district? (--map district='Dist.')"
            in result.stderr.splitlines())
