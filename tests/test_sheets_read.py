"""Reading sheets, round three (issue 18, part A): a quote that never closes, "Last, First"
constituent names, ZIPs as Excel shows them and as a CSV loses them, unused columns,
files of other kinds, and a workbook formatted to its last row.

Every input is a small invented CSV or XLSX written by the test itself.
"""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.documents import address
from toolkit.errors import ContactsError
from toolkit.sheets.cells import read_sheet
from toolkit.sheets.constituents import load_constituents, letter_order
from toolkit.sheets.legislators import load_legislators
from toolkit.sheets.readreport import excel_number_text

HEADER = "Name,Address,City,State,ZIP,Story\n"
#: Ten Boston constituents, each with a short story; row N of the file is person N - 1.
PEOPLE = [f"Person{i} Lee,{i} Warren St,Boston,MA,02119,Row {i + 1} story" for i in range(1, 11)]


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


# --------------------------------------------------------------------------- 1. open quote

def test_a_quote_that_never_closes_stops_the_run_naming_its_row(tmp_path):
    rows = list(PEOPLE)
    rows[0] = rows[0].replace("Row 2 story", '"Mali matters to me because my family')
    path = write(tmp_path / "p.csv", HEADER + "\n".join(rows) + "\n")
    out = tmp_path / "out"
    result = run("constituents", path, "--format", "txt", "--out", out, "--date", "2026-03-02")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        f"Error: {path}:2:Story: a quote (\") opens this cell and never closes, so the 9 "
        "line(s) after it (9 of them rows of the sheet) were read into this one cell and their "
        "rows would be lost; close the quote at the end of the cell's text or delete it (a "
        "quote inside a cell is written twice: \"\"), then run again")
    assert not out.exists()     # no letter, not even the first person's


def test_a_quote_closed_by_a_later_cell_still_stops(tmp_path):
    rows = list(PEOPLE)
    rows[2] = rows[2].replace("Row 4 story", '"Our parish, in Roxbury')
    rows[5] = rows[5].replace("Row 7 story", 'We say "yes"')   # its quote closes row 4's
    path = write(tmp_path / "p.csv", HEADER + "\n".join(rows) + "\n")
    with pytest.raises(ContactsError) as caught:
        load_constituents(path)
    assert str(caught.value).startswith(
        f"{path}:4:Story: a quote (\") opens this cell and never closes, so the 3 line(s) "
        "after it (3 of them rows of the sheet) were read into this one cell")


def test_a_quote_open_at_the_end_of_the_file_stops_even_when_the_lines_differ(tmp_path):
    path = write(tmp_path / "p.csv", HEADER + PEOPLE[0] + "\n"
                 + 'Ann Fox,3 Elm St,Boston,MA,02119,"We wrote\nin 2023\nand again\n')
    with pytest.raises(ContactsError) as caught:
        read_sheet(path)
    assert str(caught.value).startswith(
        f"{path}:3:Story: a quote (\") opens this cell and never closes, so the 2 line(s) "
        "after it were read into this one cell")


def test_a_story_on_several_lines_in_closed_quotes_is_read(tmp_path):
    path = write(tmp_path / "p.csv", HEADER + PEOPLE[0] + "\n"
                 + 'Ann Fox,3 Elm St,Boston,MA,02119,"We wrote, twice:\nin May, June\nthen"\n')
    people = load_constituents(path)
    assert [c.story for c in people.constituents] == [
        "Row 2 story", "We wrote, twice:\nin May, June\nthen"]


# --------------------------------------------------------------------------- 2. Last, First

def test_last_first_constituent_name_is_turned_around_with_a_warning(tmp_path):
    path = write(tmp_path / "p.csv", "Name,Address,City,State,ZIP\n"
                 "\"Okafor, Ngozi\",12 Warren St,Boston,MA,02119\n"
                 "\"Wasserman Schultz, Debbie\",14 Warren St,Boston,MA,02119\n"
                 "Ann Zeller,16 Warren St,Boston,MA,02119\n")
    people = load_constituents(path)
    assert [(c.name, c.surname) for c in people.constituents] == [
        ("Ngozi Okafor", "Okafor"), ("Debbie Wasserman Schultz", "Wasserman Schultz"),
        ("Ann Zeller", "Zeller")]
    assert [c.name for c in letter_order(people.constituents)] == [
        "Ngozi Okafor", "Debbie Wasserman Schultz", "Ann Zeller"]    # filed under the surname
    assert people.warnings == (
        f"{path}:2:Name: read 'Okafor, Ngozi', used 'Ngozi Okafor' ('Last, First' turned "
        "around)",
        f"{path}:3:Name: read 'Wasserman Schultz, Debbie', used 'Debbie Wasserman Schultz' "
        "('Last, First' turned around)")


def test_last_first_name_signs_the_letter_first_name_first(tmp_path):
    path = write(tmp_path / "p.csv", "Name,Address,City,State,ZIP\n"
                 "\"Okafor, Ngozi\",12 Warren St,Boston,MA,02119\n")
    out = tmp_path / "out"
    result = run("constituents", path, "--format", "txt", "--out", out, "--date", "2026-03-02")
    assert result.exit_code == 0
    assert files(out) == ["campaign-log.csv",
                          "constituents/ngozi-okafor-r2/MA-rep-pressley-P000617.txt",
                          "constituents/ngozi-okafor-r2/MA-sen-markey-M000133.txt",
                          "constituents/ngozi-okafor-r2/MA-sen-warren-W000817.txt",
                          "manifest.csv"]
    text = (out / "constituents/ngozi-okafor-r2/MA-sen-markey-M000133.txt").read_text()
    assert text.splitlines()[-4:] == ["Sincerely,", "Ngozi Okafor", "12 Warren St",
                                      "Boston, MA 02119"]
    assert (f"  {path}:2:Name: read 'Okafor, Ngozi', used 'Ngozi Okafor' ('Last, First' "
            "turned around)") in result.stderr.splitlines()


# --------------------------------------------------------------------------- 4. ZIPs

@pytest.mark.parametrize("value, fmt, shown", [
    (205152107, "00000-0000", "20515-2107"), (205152107, "00000\\-0000", "20515-2107"),
    (21191234, "00000-0000", "02119-1234"), (2119, "00000", "02119"),
    (2119, "[<=99999]00000;00000-0000", "02119"),
    (205152107, "[<=99999]00000;00000-0000", "20515-2107"),
    (3, "General", "3"), (3.0, "0", "3"), (123456, "00000", "123456")])
def test_excel_number_text(value, fmt, shown):
    assert excel_number_text(value, fmt) == shown


def test_zip_plus_4_format_reads_as_excel_shows_it_and_agrees_with_the_address(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Last Name", "First Name", "Chamber", "State", "District", "Office Address",
                  "ZIP"])
    sheet.append(["Golden", "Jared", "rep", "ME", 2,
                  "1222 Longworth House Office Building, Washington, DC 20515", 205151902])
    sheet["G2"].number_format = "00000-0000"
    book.save(tmp_path / "m.xlsx")
    table = load_legislators(tmp_path / "m.xlsx")
    (golden,) = table.legislators
    assert golden.address == ("1222 Longworth House Office Building, Washington, DC "
                              "20515-1902")     # the longer of the two ZIPs kept
    assert address.inside_address(golden) == (
        "The Honorable Jared Golden", "United States House of Representatives",
        "1222 Longworth House Office Building", "Washington, DC 20515-1902")
    assert table.problems == ()     # before: "the ZIP column says '205151902' but ..."
    out = tmp_path / "out"
    result = run("generate", "--contacts", tmp_path / "m.xlsx", "--all", "--kind", "letter",
                 "--format", "txt", "--out", out, "--date", "2026-01-15")
    assert result.exit_code == 0
    assert files(out) == ["campaign-log.csv", "letters/ME-rep-golden-G000592.txt",
                          "manifest.csv"]
    assert (f"  {tmp_path / 'm.xlsx'}:2:ZIP: ZIP stored as the number 205151902 read as "
            "'20515-1902', as Excel shows it (its number format)") in result.stderr.splitlines()
    assert table.report.warnings[0] == (
        f"{tmp_path / 'm.xlsx'}:2:ZIP: ZIP stored as the number 205151902 read as "
        "'20515-1902', as Excel shows it (its number format)")


def test_zip_plus_4_column_and_five_digit_address_in_a_csv_agree(tmp_path):
    path = write(tmp_path / "m.csv", "Last Name,First Name,Chamber,State,District,"
                 "Office Address,ZIP\nGolden,Jared,rep,ME,2,\"1222 Longworth House Office "
                 "Building, Washington, DC 20515\",20515-1902\n")
    (golden,) = load_legislators(path).legislators
    assert golden.address == ("1222 Longworth House Office Building, Washington, DC "
                              "20515-1902")


def test_csv_zip_without_its_leading_zero_gets_the_xlsx_rule(tmp_path):
    path = write(tmp_path / "p.csv", "Name,Address,City,State,ZIP\n"
                 "Ann Lee,12 Warren St,Boston,MA,2119\n"
                 "Bo Ray,1 Elm St,Burlington,VT,5602\n"
                 "Cy Fox,2 Elm St,Burlington,VT,2119\n")
    people = load_constituents(path)
    assert [c.zip for c in people.constituents] == ["02119", "05602", "2119"]
    assert people.warnings == (
        f"{path}:2:ZIP: ZIP '2119' (leading zeros lost, as when Excel saves a CSV) read as "
        "'02119' (a ZIP of MA)",
        f"{path}:3:ZIP: ZIP '5602' (leading zeros lost, as when Excel saves a CSV) read as "
        "'05602' (a ZIP of VT)")
    assert people.constituents[2].problems == (
        f"{path}:4:ZIP: ZIP '2119' (leading zeros lost, as when Excel saves a CSV): 02119 is "
        "not a ZIP of VT; write the ZIP with its leading zeros and run again",)
    out = tmp_path / "out"
    result = run("constituents", path, "--format", "txt", "--out", out, "--date", "2026-03-02")
    assert result.exit_code == 1
    assert len([f for f in files(out) if f.endswith(".txt")]) == 6   # Ann's 3, Bo's 3
    assert result.stderr.splitlines()[-2:] == [
        f"1 constituent(s) need attention in {path}:",
        f"  {path}:4:ZIP: ZIP '2119' (leading zeros lost, as when Excel saves a CSV): 02119 "
        "is not a ZIP of VT; write the ZIP with its leading zeros and run again (Cy Fox; 0 "
        "letter(s) made)"]


# --------------------------------------------------------------------------- 3. unused columns

WHY = ("First Name,Last Name,Address,City,State,ZIP,Why this matters to me,Volunteer\n"
       "Ann,Lee,12 Warren St,Boston,MA,02119,My cousin runs a clinic in Mopti and needs "
       "the aid to keep going.,yes\n"
       "Bo,Ray,14 Warren St,Boston,MA,02119,,no\n")


def test_a_story_column_nobody_mapped_stops_the_run_before_rendering(tmp_path):
    path = write(tmp_path / "p.csv", WHY)
    out = tmp_path / "out"
    result = run("constituents", path, "--format", "txt", "--out", out, "--date", "2026-03-02")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        f"Note: {path}: not used: column G 'Why this matters to me' (1 value), column H "
        "'Volunteer' (2 values); --map FIELD='COLUMN' reads one, --ignore-column 'COLUMN' "
        "leaves it out without this note",
        f"Error: {path}: column G 'Why this matters to me' holds sentences but feeds nothing, "
        "and no column feeds the letters' story: pass --map story='Why this matters to me' to "
        "print it in each letter, or --ignore-column 'Why this matters to me' to make the "
        "letters without it"]
    assert not out.exists()
    checked = run("constituents", "check", path)
    assert checked.exit_code == 1
    assert checked.stderr.splitlines()[0] == result.stderr.splitlines()[-1][len("Error: "):]


def test_map_story_prints_it_and_the_other_unused_column_is_named(tmp_path):
    path = write(tmp_path / "p.csv", WHY)
    out = tmp_path / "out"
    result = run("constituents", path, "--format", "txt", "--out", out, "--date", "2026-03-02",
                 "--map", "story=Why this matters to me")
    assert result.exit_code == 0
    assert (f"Note: {path}: not used: column H 'Volunteer' (2 values); --map FIELD='COLUMN' "
            "reads one, --ignore-column 'COLUMN' leaves it out without this note"
            in result.stderr.splitlines())
    assert len([f for f in files(out) if f.endswith(".txt")]) == 6
    letter = (out / "constituents/ann-lee-r2/MA-sen-markey-M000133.txt").read_text()
    assert "My cousin runs a clinic in Mopti and needs the aid to keep going." in letter


def test_ignore_column_makes_the_letters_without_it_and_without_a_note(tmp_path):
    path = write(tmp_path / "p.csv", WHY)
    out = tmp_path / "out"
    result = run("constituents", path, "--format", "txt", "--out", out, "--date", "2026-03-02",
                 "--ignore-column", "Why this matters to me", "--ignore-column", "volunteer")
    assert result.exit_code == 0
    assert "not used" not in result.stderr
    assert len([f for f in files(out) if f.endswith(".txt")]) == 6
    letter = (out / "constituents/ann-lee-r2/MA-sen-markey-M000133.txt").read_text()
    assert "Mopti and needs" not in letter
    checked = run("constituents", "check", path, "--ignore-column", "Why this matters to me")
    assert checked.exit_code == 0
    assert "  G  Why this matters to me -> ignored (--ignore-column)" in checked.stdout.splitlines()
    wrong = run("constituents", "check", path, "--ignore-column", "Why")
    assert wrong.exit_code == 1
    assert wrong.stderr.splitlines() == [
        f"Error: {path}: --ignore-column 'Why': no such column; columns are First Name, Last "
        "Name, Address, City, State, ZIP, Why this matters to me, Volunteer"]


def test_labels_calls_and_generate_name_the_columns_they_do_not_use(tmp_path):
    people = write(tmp_path / "p.csv", WHY)
    note = (f"Note: {people}: not used: column G 'Why this matters to me' (1 value), column "
            "H 'Volunteer' (2 values); --map FIELD='COLUMN' reads one, --ignore-column "
            "'COLUMN' leaves it out without this note")
    labels = run("labels", "--constituents", people, "--kind", "labels", "--out",
                 tmp_path / "l", "--dry-run")
    assert labels.exit_code == 0 and note in labels.stderr.splitlines()   # no story printed
    calls = run("calls", "--constituents", people, "--out", tmp_path / "c", "--dry-run")
    assert calls.exit_code == 0 and note in calls.stderr.splitlines()
    members = write(tmp_path / "m.csv", "Last Name,First Name,Chamber,State,Staffer\n"
                    "King,Angus,sen,ME,Pat\n")
    made = run("generate", "--contacts", members, "--all", "--format", "txt", "--out",
               tmp_path / "g", "--dry-run")
    assert made.exit_code == 0
    assert (f"Note: {members}: not used: column E 'Staffer' (1 value); --map FIELD='COLUMN' "
            "reads one, --ignore-column 'COLUMN' leaves it out without this note"
            in made.stderr.splitlines())
    quiet = run("generate", "--contacts", members, "--all", "--format", "txt", "--out",
                tmp_path / "g", "--dry-run", "--ignore-column", "Staffer")
    assert quiet.exit_code == 0 and "not used" not in quiet.stderr


@pytest.mark.parametrize("text, sentence", [
    ("My cousin runs a clinic in Mopti", True), ("We care about this.", True),
    ("Mali matters to me!", True), ("ME-01", False), ("yes", False), ("Volunteer", False),
    ("Friends of the Earth", False), ("1234 Martin Luther King Jr Blvd Apt 5", False),
    ("Dr. Aminata Traoré", False)])
def test_is_sentence(text, sentence):
    from toolkit.sheets.unused import is_sentence

    assert is_sentence(text) is sentence


# --------------------------------------------------------------------------- 5. other files

#: An OLE2 compound file's signature and a directory entry's name, as an encrypted
#: workbook (MS-OFFCRYPTO: streams EncryptionInfo and EncryptedPackage) holds them; the
#: reader goes by these bytes, so the fixture need not be a whole encrypted file.
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def test_password_protected_workbook_says_so(tmp_path):
    path = tmp_path / "p.xlsx"
    path.write_bytes(OLE + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 114
                     + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 96)
    result = run("constituents", "check", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {path}: this workbook is protected by a password, so it cannot be read: open "
        "it in Excel and save a copy without a password (File > Info > Protect Workbook > "
        "Encrypt with Password: clear the password), then run again with the copy"]
    renamed = tmp_path / "p.csv"
    renamed.write_bytes(path.read_bytes())
    with pytest.raises(ContactsError, match=r"p\.csv: not a text CSV file: this workbook is "
                       "protected by a password"):
        read_sheet(renamed)


def test_xls_and_ods_are_named_for_what_they_are(tmp_path):
    import zipfile

    xls = tmp_path / "p.xls"
    xls.write_bytes(OLE + "Workbook".encode("utf-16-le") + b"\x00" * 200)
    with pytest.raises(ContactsError) as caught:
        read_sheet(xls)
    assert str(caught.value) == (
        f"{xls}: this is an old Excel 97-2003 workbook (.xls), which is not read: open it in "
        "Excel and save it as 'Excel Workbook (*.xlsx)' (File > Save As), or as 'CSV UTF-8', "
        "then run again with that file")
    ods = tmp_path / "p.ods"
    with zipfile.ZipFile(ods, "w") as archive:   # as LibreOffice writes it: mimetype first
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    message = (f"this is an OpenDocument spreadsheet (.ods), which is not read: open it in "
               "LibreOffice Calc and save it as 'Excel 2007-365 (.xlsx)' (File > Save As; keep "
               "the format), or as 'Text CSV (.csv)', then run again with that file")
    with pytest.raises(ContactsError) as caught:
        read_sheet(ods)
    assert str(caught.value) == f"{ods}: {message}"
    misnamed = tmp_path / "q.xlsx"
    misnamed.write_bytes(ods.read_bytes())
    with pytest.raises(ContactsError) as caught:
        read_sheet(misnamed)
    assert str(caught.value) == f"{misnamed}: {message}"


@pytest.mark.parametrize("encoding, endian", [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_utf16_csv_without_a_byte_order_mark_is_read(tmp_path, encoding, endian):
    path = write(tmp_path / "p.csv", "Name\tAddress\tCity\tState\tZIP\r\n"
                 "Aminata Traoré\t12 Warren St\tBoston\tMA\t02119\r\n", encoding)
    people = load_constituents(path)
    assert [(c.name, c.zip) for c in people.constituents] == [("Aminata Traoré", "02119")]
    assert people.notices == (
        f"{path}: read as UTF-16 ({endian}-endian, without a byte-order mark)",
        f"{path}: columns separated by tabs")


def test_openpyxl_warnings_are_one_line_of_the_read_report(tmp_path):
    import warnings
    import zipfile

    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Name", "Address", "City", "State", "ZIP"])
    book.active.append(["Ann Lee", "12 Warren St", "Boston", "MA", "02119"])
    book.save(plain)
    ext = ('<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"/>'
           '<ext uri="{78C0D931-6437-407D-A8EE-F0AAD7539E65}"/></extLst></worksheet>')
    path = tmp_path / "p.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", ext.encode())
            target.writestr(item, data)
    with warnings.catch_warnings():
        warnings.simplefilter("error")     # no raw UserWarning gets out
        people = load_constituents(path)
    assert people.notices == (
        f"{path}: not read, as they change no value: data validation extension, conditional "
        "formatting extension (Excel features this reader does not keep)",)


# --------------------------------------------------------------------------- 6. formatted to the end

def test_a_workbook_formatted_to_its_last_row_reads_only_its_rows(tmp_path):
    from openpyxl.styles import Font

    from toolkit.sheets import cells

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Name", "Address", "City", "State", "ZIP"])
    sheet.append(["Ann Lee", "12 Warren St", "Boston", "MA", 2119])
    sheet.append(["Bo Ray", "14 Warren St", "Boston", "MA", "02119"])
    sheet.append(["Cy Fox", "16 Warren St", "Boston", "MA", "02119"])
    sheet.row_dimensions[3].hidden = True
    sheet.cell(row=1048576, column=1).font = Font(bold=True)    # Excel's last row
    sheet.cell(row=2, column=200).font = Font(bold=True)        # and a far column
    book.save(tmp_path / "p.xlsx")
    loaded = openpyxl.load_workbook(tmp_path / "p.xlsx").active
    assert (loaded.max_row, loaded.max_column) == (1048576, 200)   # what openpyxl would walk
    assert cells._last_value(loaded) == (4, 5)
    people = load_constituents(tmp_path / "p.xlsx")
    # the facts of the cells are kept: a hidden row skipped, a ZIP number restored
    assert [(c.row, c.name, c.zip) for c in people.constituents] == [
        (2, "Ann Lee", "02119"), (4, "Cy Fox", "02119")]
    assert people.notices == (f"{tmp_path / 'p.xlsx'}: skipped 1 hidden row(s): 3 "
                              "(--include-hidden reads them)",)
    assert people.warnings[0] == (f"{tmp_path / 'p.xlsx'}:2:ZIP: ZIP stored as the number 2119 "
                                  "read as '02119' (a ZIP of MA)")
