"""Hostile and broken input (issue 3): printed literally, nothing fetched, one clear line
each, nothing lost."""

from __future__ import annotations

from toolkit.documents import address
from toolkit.jobs import constituents
from toolkit.documents import job
from toolkit.jobs import letters
from toolkit.engine import run

import csv
import datetime as dt
import errno
import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from conftest import LEGISLATOR_HEADER, docx_text, make_contacts, pdf_text, squash
from toolkit.campaign.model import bundled_campaign_path, load_campaign
from toolkit.cli import cli
from toolkit.sheets.constituents import load_constituents
from toolkit.documents.tailor import story_paragraphs
from toolkit.errors import ContactsError
from toolkit.sheets.cells import clean_text
from toolkit.sheets.legislators import load_legislators
from toolkit.sheets.readreport import ARTIFACTS
from toolkit.engine.output import Manifest

DATE = dt.date(2026, 1, 15)
ROOT = Path(__file__).resolve().parents[1]
CONSTITUENT_HEADER = ["First Name", "Last Name", "Address", "City", "State", "ZIP", "Story"]


def norm(text: str) -> str:
    """Whitespace runs as one space: PDF and DOCX break lines where they like."""
    return " ".join(text.split())


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def read_manifest(folder: Path) -> list[dict]:
    with open(folder / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def senator(value: str, bioguide: str = "X000001", **cells) -> dict:
    """A Vermont senator row with ``value`` as last name, full name and in the address."""
    return {"last_name": value, "first_name": "Ann", "full_name": value, "type": "sen",
            "state": "VT", "address": f"1 Hart {value}", "bioguide_id": bioguide, **cells}


def write_rows(path: Path, header: list[str], rows: list[dict]) -> Path:
    """A CSV as Excel writes it (CR LF line ends, so a cell holding a CR is quoted)."""
    return make_contacts(path, rows, header, line_end="\r\n")


def render_one(tmp_path: Path, rows: list[dict], formats=("pdf", "docx")):
    """Generate the letters of ``rows`` through the library; return (out, table, result)."""
    table = load_legislators(write_rows(tmp_path / "contacts.csv", LEGISLATOR_HEADER, rows))
    jobs = letters.plan_documents(table.legislators, load_campaign(), ("letter",),
                                   letters.letter_date(DATE))
    out = tmp_path / "out"
    result = run.run(jobs, out, formats=formats, workers=1, date=DATE)
    return out, table, result


# --------------------------------------------------------------------------- literal text

HOSTILE = [
    "<script>alert(1)</script>",
    "<b>bold</b>",
    '<img src="http://127.0.0.1:9/x.png">',
    "<link rel=stylesheet href=http://127.0.0.1:9/s.css>",
    "{{ 7*7 }}",
    '{% include "letter.html" %}',
    '=HYPERLINK("http://x")',
    "+1",
    "-1",
    "@SUM(A1)",
    "../../etc/passwd",
    "a/b\\c",
    "\u202eevil\u202c txt",
    "Smile \U0001F600",
    "Jose\u0301 Rene\u0301e",
    ("Abcdefghij " * 46)[:500],
]


#: What a PDF's text layer holds when it is not the value itself: the right-to-left
#: override is applied (the PDF holds the characters in the order they are shown).
SHOWN = {"\u202eevil\u202c txt": "live txt"}


@pytest.mark.parametrize("value", HOSTILE, ids=[f"v{i}" for i in range(len(HOSTILE))])
def test_hostile_value_prints_literally(tmp_path, value):
    out, table, result = render_one(tmp_path, [senator(value)])
    (leg,) = table.legislators
    stem = job.file_stem(leg)
    pdf = norm(pdf_text(out / "letters" / f"{stem}.pdf"))
    docx = norm(docx_text(out / "letters" / f"{stem}.docx"))
    name = address.official_name(leg)
    for text, shown in ((docx, value), (pdf, SHOWN.get(value, value))):
        assert norm(f"Dear Senator {shown}:") in text
        assert norm(f"1 Hart {shown}") in text
        assert norm(f"The Honorable {name if shown == value else shown}") in text
    if value == "{{ 7*7 }}":
        assert "49" not in pdf and "49" not in docx
    # file names: inside the output folder, ASCII slugs
    for row in read_manifest(out):
        path = (out / row["path"]).resolve()
        assert path.is_relative_to(out.resolve()) and path.is_file()
        assert re.fullmatch(r"letters/VT-sen-[a-z0-9-]+-X000001\.(pdf|docx)", row["path"])
    assert sorted(p.name for p in out.iterdir()) == ["campaign-log.csv", "letters", "manifest.csv"]
    # manifest: a cell that starts like a formula is prefixed with '
    raw = (out / "manifest.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    for row in read_manifest(out):
        assert row["name"] == ("'" + name if name[0] in "=+@" else name)
        for cell in row.values():
            assert not cell.startswith(("=", "+", "@", "\t", "\r"))
            assert not cell.startswith("-") or re.fullmatch(r"-\d+(\.\d+)?", cell)
    expected = {"Smile \U0001F600": ["no glyph for U+1F600 in Liberation Serif; printed from a "
                                     "fallback font"],
                HOSTILE[-1]: ["2 pages, over its limit of 1: shorten the campaign text or the "
                              "template"]}.get(value, [])
    assert result.warnings == [f"letters/{stem}: {w}" for w in expected]


def test_control_characters_removed_at_read_time_with_a_warning(tmp_path):
    path = make_contacts(tmp_path / "contacts.csv", [
        senator("Doe", "X000001"),
        senator("Ro\x00e\x07", "X000002", first_name="Bo\x1bb", address="1 Hart\x0bBuilding")])
    table = load_legislators(path)
    unknown = ("is not a member in the congress data in use: check that this member still "
               "serves ('advocacy contacts status', 'advocacy contacts update')")
    assert table.warnings == (f"{path}:3:last_name: removed 2 control character(s)",
                              f"{path}:3:first_name: removed 1 control character(s)",
                              f"{path}:3:full_name: removed 2 control character(s)",
                              f"{path}:3:address: removed 1 control character(s)",
                              f"{path}:3:address: read '1 Hart Building', used '1 Hart "
                              "Senate Office Building' (the building's full name)",
                              f"{path}:2:bioguide_id: bioguide ID X000001 (Doe) {unknown}",
                              f"{path}:3:bioguide_id: bioguide ID X000002 (Roe) {unknown}")
    leg = table.legislators[1]
    assert (leg.first_name, leg.last_name, leg.address) == ("Bob", "Roe", "1 Hart Building")
    assert clean_text("a\r\nb\rc\u2028\ud800\ufffe\uffff\x7f\te") == ("a\nb\nc\u2028\te", 4)

    out = tmp_path / "out"
    result = invoke("generate", "--contacts", path, "--all", "--kind", "letter", "--format",
                    "docx", "--out", out, "--jobs", "1", "--date", "2026-01-15")
    assert result.exit_code == 0, result.output
    assert f"  {path}:3:last_name: removed 2 control character(s)\n" in result.output
    assert "Dear Senator Roe:" in docx_text(out / "letters/VT-sen-roe-X000002.docx")


def test_old_mac_line_ends_and_utf16_are_read(tmp_path):
    mac = tmp_path / "mac.csv"
    mac.write_bytes(b"last_name,type,state,bioguide_id\rDoe,sen,VT,X000001\r\"Ro\re\",sen,VT,X2\r")
    assert [l.last_name for l in load_legislators(mac).legislators] == ["Doe", "Ro\ne"]
    utf16 = tmp_path / "unicode.txt"
    utf16.write_bytes("last_name\ttype\tstate\nLuján\tsen\tNM\n".encode("utf-16"))
    table = load_legislators(utf16)
    assert table.legislators[0].last_name == "Luján"
    assert table.notices == (f"{utf16}: read as UTF-16 (Excel's 'Unicode Text')",
                             f"{utf16}: columns separated by tabs")


def test_constituent_control_characters_are_reported(tmp_path):
    path = tmp_path / "people.csv"
    write_rows(path, CONSTITUENT_HEADER, [
        {"First Name": "Ann", "Last Name": "Lee\x08", "Address": "1 Main Street",
         "City": "Burlington", "State": "VT", "ZIP": "05401", "Story": "Line\x00 one\r\ntwo"}])
    people = load_constituents(path)
    assert people.warnings == (f"{path}:2:Last Name: removed 1 control character(s)",
                               f"{path}:2:Story: removed 1 control character(s)")
    assert people.constituents[0].story == "Line one\ntwo"
    result = invoke("constituents", path, "--format", "docx", "--out", tmp_path / "out",
                    "--jobs", "1", "--date", "2026-01-15")
    assert result.exit_code == 0, result.output
    assert f"  {path}:2:Story: removed 1 control character(s)\n" in result.output


def test_missing_glyph_is_reported_per_document(tmp_path):
    out, table, result = render_one(tmp_path, [senator("Plain", "X000001"),
                                               senator("Priv \U0010FFFD", "X000002")],
                                    formats=("pdf",))
    assert result.warnings == [
        "letters/VT-sen-priv-X000002: no glyph for U+10FFFD in Liberation Serif; no installed "
        "font has it: it prints as an empty box"]


# --------------------------------------------------------------------------- property

#: pypdf's text of a PDF is not the text that was printed for every string: it drops or
#: reorders combining marks and bidi text, and a glyph-less character (one no font has)
#: can garble the ToUnicode map of its whole font (pdfium reads the same file right). So
#: the DOCX text is compared strictly (the value, the salutation and the inside address
#: lines as address.py makes them: it splits an office address at commas and may shorten
#: a surname to its first part) and the PDF text loosely: every run of ASCII letters and
#: digits of those lines, in order.
ALNUM = re.compile(r"[A-Za-z0-9]+")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(value=st.text(min_size=1, max_size=40))
def test_any_text_gives_valid_pdf_and_docx_holding_it(tmp_path_factory, value):
    expected = clean_text(value)[0].strip()
    # An empty last name is a row problem, and a column of only "nan", "None", "NULL"...
    # is read as empty (readreport.ARTIFACTS): both are reported elsewhere.
    if not expected or expected in ARTIFACTS:
        return
    tmp = tmp_path_factory.mktemp("prop")
    try:
        out, table, _ = render_one(tmp, [senator(value)])
    except ContactsError as exc:
        # A value the reader cannot read safely (an office address whose last word reads
        # as a ZIP, e.g. "1 Hart A(A 00B") stops its row, located: never a wrong letter.
        assert all(p.startswith(f"{tmp / 'contacts.csv'}:2:") for p in exc.problems), exc
        return
    (leg,) = table.legislators
    assert leg.last_name == expected
    stem = out / "letters" / job.file_stem(leg)
    docx = norm(docx_text(stem.with_suffix(".docx")))
    assert norm(expected) in docx
    for line in (address.salutation(leg), *address.inside_address(leg)):
        assert norm(line) in docx
    reader = PdfReader(stem.with_suffix(".pdf"))
    assert len(reader.pages) == 1
    pdf = squash(pdf_text(stem.with_suffix(".pdf")).replace("\x00", ""))
    for line in (*address.inside_address(leg), address.salutation(leg)):
        position = 0
        for word in ALNUM.findall(line):
            found = pdf.find(word, position)
            assert found >= 0, (line, word, pdf[:600])
            position = found + len(word)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(value=st.text(min_size=1, max_size=40))
def test_any_text_in_a_constituent_row_gives_valid_letters(tmp_path_factory, value):
    expected = clean_text(value)[0].strip()
    # A one-row column of only "nan", "None", "NULL"... is read as empty
    # (readreport.ARTIFACTS), with a warning: tested in test_read_report.
    if expected in ARTIFACTS:
        return
    tmp = tmp_path_factory.mktemp("prop")
    people = write_rows(tmp / "people.csv", CONSTITUENT_HEADER, [
        {"First Name": value, "Last Name": "Lee", "Address": f"1 Main Street {value}",
         "City": "Burlington", "State": "VT", "ZIP": "05401", "Story": value}])
    table = load_constituents(people)
    (person,) = table.constituents
    assert person.first_name == expected and person.story == expected
    plan = constituents.plan_constituent_letters(table.constituents, load_legislators().legislators,
                                             load_campaign(), letters.letter_date(DATE))
    out = tmp / "out"
    constituents.run_constituents(plan, out, workers=1, date=DATE)
    for job in plan.jobs:
        docx = norm(docx_text(out / f"{job.stem}.docx"))
        assert norm(f"{person.name} 1 Main Street {expected}") in docx
        paragraphs = [norm(p.text) for p in Document(str(out / f"{job.stem}.docx")).paragraphs]
        for story in story_paragraphs(person.story):     # each its own paragraph
            assert norm(" ".join(story)) in paragraphs
        reader = PdfReader(out / f"{job.stem}.pdf")
        assert 1 <= len(reader.pages) <= 2
        pdf = squash(pdf_text(out / f"{job.stem}.pdf").replace("\x00", ""))
        position = 0
        for word in ALNUM.findall(f"{person.name} 1 Main Street {expected}"):
            position = pdf.find(word, position)
            assert position >= 0, (word, pdf[:600])


# --------------------------------------------------------------------------- no fetching

class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's name
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """A local HTTP server on 127.0.0.1 that records every request it gets."""
    _Recorder.requests = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", _Recorder.requests
    httpd.shutdown()
    httpd.server_close()


def test_nothing_is_fetched_for_values_in_contacts_and_constituents(tmp_path, server):
    url, requests = server
    img = f'<img src="{url}/x.png">'
    link = f'<link rel=stylesheet href="{url}/s.css">'
    contacts = make_contacts(tmp_path / "contacts.csv", [
        senator(img, "X000001", first_name=link, full_name=f"Ann {img}")])
    result = invoke("generate", "--contacts", contacts, "--all", "--out", tmp_path / "a",
                    "--jobs", "1", "--date", "2026-01-15")
    assert result.exit_code == 0, result.output
    people = write_rows(tmp_path / "people.csv", CONSTITUENT_HEADER, [
        {"First Name": img, "Last Name": "Lee", "Address": f"1 Main Street {img}",
         "City": "Burlington", "State": "VT", "ZIP": "05401", "Story": f"{img}\n\n{link}"}])
    result = invoke("constituents", people, "--out", tmp_path / "b", "--jobs", "1",
                    "--date", "2026-01-15")
    assert result.exit_code == 0, result.output
    assert requests == []
    letter = tmp_path / "b/constituents"
    (folder,) = letter.iterdir()
    text = norm(pdf_text(next(folder.glob("VT-sen-*.pdf"))))
    assert img in text and link in text


def test_template_urls_are_blocked_and_reported(tmp_path, server):
    url, requests = server
    folder = tmp_path / "tpl"
    assert invoke("templates", "init", folder).exit_code == 0
    outside = tmp_path / "secret.css"
    outside.write_text("body { color: red }")
    letter = folder / "letter.html"
    letter.write_text(letter.read_text().replace(
        "</head>", f'<link rel="stylesheet" href="{url}/s.css">\n'
                   f'<link rel="stylesheet" href="{outside.as_uri()}">\n</head>').replace(
        "<body", f'<img src="{url}/x.png"><body', 1))
    out = tmp_path / "out"
    result = invoke("generate", "--id", "C000127", "--templates", folder, "--kind", "letter",
                    "--format", "pdf", "--out", out, "--jobs", "1", "--date", "2026-01-15")
    assert result.exit_code == 0, result.output
    assert requests == []
    warnings = result.output.split(" warning(s):\n", 1)[1].splitlines()
    stem = "letters/WA-sen-cantwell-C000127"
    for line in (f"{stem}: Failed to load image at '{url}/x.png': ValueError: blocked: the "
                 f"toolkit fetches nothing from outside ({url}/x.png)",
                 f"{stem}: Failed to load stylesheet at {url}/s.css: ValueError: blocked: the "
                 f"toolkit fetches nothing from outside ({url}/s.css)",
                 f"{stem}: Failed to load stylesheet at {outside.as_uri()}: ValueError: "
                 f"blocked: {outside.resolve()} is outside the template folders"):
        assert f"  {line}" in warnings


# --------------------------------------------------------------------------- sandbox

@pytest.mark.parametrize("expression,message", [
    ("''.__class__.__mro__", "access to attribute '__class__' of 'str' object is unsafe."),
    ("cycler.__init__.__globals__", "access to attribute '__init__' of 'type' object is unsafe."),
])
def test_user_template_runs_sandboxed(tmp_path, expression, message):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "letter.html").write_text(f"<p>ok</p>\n<p>{{{{ {expression} }}}}</p>\n")
    result = invoke("generate", "--id", "C000127", "--templates", folder, "--kind", "letter",
                    "--format", "pdf", "--out", tmp_path / "o", "--jobs", "1")
    assert result.exit_code == 1
    assert (f"Error: {folder / 'letter.html'}:2: {message} (for C000127 Maria Cantwell)\n"
            in result.output)
    assert "Traceback" not in result.output
    assert not (tmp_path / "o" / "letters").exists()


# --------------------------------------------------------------------------- broken files

def _xlsx(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Members"
    sheet.append(["last_name", "type", "state", "bioguide_id"])
    sheet.append(["Doe", "sen", "VT", "X000001"])
    book.save(path)
    return path


BROKEN = {
    "empty": (lambda p: p.write_bytes(b""), "c.csv", (),
              ["Error: {p}: the file is empty; the first row must hold column names"]),
    "header only": (lambda p: p.write_text(",".join(LEGISLATOR_HEADER) + "\n"), "c.csv", (),
                    ["Error: {p}: the file has a header row but no data rows"]),
    "binary": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))),
               "c.csv", (), ["Error: {p}: this is not a text CSV file: it holds binary data"]),
    "xlsx named csv": (lambda p: p.write_bytes(_xlsx(p.with_suffix(".xlsx")).read_bytes()),
                       "c.csv", (), ["Error: {p}: this is not a text CSV file: it holds binary "
                                     "data (it looks like an Excel workbook: name it .xlsx)"]),
    "truncated xlsx": (lambda p: p.write_bytes(_xlsx(p).read_bytes()[:1500]), "c.xlsx", (),
                       ["Error: {p}: not a readable .xlsx workbook (damaged or truncated?); "
                        "open and save it again in Excel"]),
    "wrong sheet": (_xlsx, "c.xlsx", ("--sheet", "Senators"),
                    ["Error: {p}: no sheet named 'Senators'; its sheets are 'Members'"]),
    "missing columns": (lambda p: p.write_text("Member,Phone\nDoe,555\n"), "c.csv", (), [
        "Error: {p}: the columns cannot be used",
        "{p}:1: no column for the name (looked for 'Last Name', 'Surname', 'Full Name', "
        "'Name'); if 'Member' holds whole names (\"Elizabeth Warren\"), pass "
        "--map full_name='Member'",
        "{p}:1: no column for chamber (looked for 'chamber', 'type', 'office type', "
        "'house or senate'); name it so, or pass --map chamber=COLUMN",
        "{p}:1: no column for state (looked for 'state', 'st', 'state code', 'state abbr'); "
        "name it so, or pass --map state=COLUMN"]),
    "bad rows": (lambda p: make_contacts(p, [
        senator("Good", "A000001"), senator("Twin", "A000001"),
        {"last_name": "Nowhere", "type": "rep", "state": "ZZ", "district": "1",
         "bioguide_id": "B1"},
        {"last_name": "Far", "type": "rep", "state": "WA", "district": "11", "bioguide_id": "C1"},
        {"last_name": "Zip", "type": "sen", "state": "VT", "bioguide_id": "D1", "zip": "1234"}],
        header=LEGISLATOR_HEADER + ["zip"]), "c.csv", (), [
        "Error: {p}: 4 row problem(s); fix them and run again",
        "{p}:3:bioguide_id: bioguide ID A000001 repeats row 2; each member must appear once",
        "{p}:4:state: 'ZZ' is not a U.S. state or territory code",
        "{p}:5:district: district 11 does not exist: WA has districts 1 to 10",
        "{p}:6:zip: ZIP '1234' is not 5 or 9 digits (a ZIP saved as a number loses its leading zeros: write '01234' and format the column as text)"]),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_contacts_file_one_line_each(tmp_path, case):
    make, name, options, lines = BROKEN[case]
    path = tmp_path / name
    make(path)
    result = invoke("generate", "--contacts", path, *options, "--all", "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output.splitlines()[-len(lines):] == [l.format(p=path) for l in lines]
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_contacts_check_reports_every_bad_row(tmp_path):
    path = tmp_path / "c.csv"
    make_contacts(path, [{"last_name": n, "type": "rep", "state": "WY", "district": "2",
                          "bioguide_id": f"W{i}"} for i, n in enumerate("ABC")])
    result = invoke("contacts", "check", path)
    assert result.exit_code == 1
    assert result.output.splitlines()[-4:] == [
        f"{path}:{row}:district: district 2 does not exist: WY is at-large (district 0)"
        for row in (2, 3, 4)] + [f"Error: 3 row problem(s) in {path}"]


def test_constituent_rows_are_reported_each(tmp_path):
    people = write_rows(tmp_path / "people.csv", CONSTITUENT_HEADER, [
        {"First Name": "Ann", "Last Name": "Lee", "Address": "1 Main", "City": "Burlington",
         "State": "ZZ", "ZIP": "05401"},
        {"First Name": "Bo", "Last Name": "Ray", "Address": "1 Main", "City": "Burlington",
         "State": "VT", "ZIP": "540"}])
    result = CliRunner().invoke(cli, ["constituents", str(people), "--format", "pdf", "--out",
                                      str(tmp_path / "o"), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"  {people}:2:State: State 'ZZ' is not a U.S. state or territory code (Ann Lee; 0 letter(s) made)" \
        in result.output
    assert (f"  {people}:3:ZIP: ZIP '540' (leading zeros lost, as when Excel saves a CSV): 00540 "
            "is not a ZIP of VT; write the ZIP with its leading zeros and run again (Bo Ray; 0 "
            "letter(s) made)" in result.output)   # issue 18: the XLSX rule for a CSV's ZIP
    assert "Traceback" not in result.output


def test_campaign_yaml_syntax_error_and_wrong_type(tmp_path):
    broken = tmp_path / "syntax.yaml"
    broken.write_text("id: x\ntitle: a: b\n")
    result = invoke("generate", "--campaign", broken, "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == \
        f"Error: {broken}:2:9: YAML syntax error: mapping values are not allowed here; a value " \
        "holding a colon and a space (': ') must be quoted: put the text in quotes, e.g. " \
        "title: \"Mali: Five Steps\""
    import yaml

    data = yaml.safe_load(bundled_campaign_path().read_text())
    data["letter_facts"] = "two"
    data["recommendations"][0]["committees"] = 7
    typed = tmp_path / "typed.yaml"
    typed.write_text(yaml.safe_dump(data))
    result = invoke("generate", "--campaign", typed, "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output.splitlines()[-3:] == [
        f"Error: {typed}: 2 problem(s) in the campaign",
        f"{typed}: recommendations[0].committees: Input should be a valid tuple (got 7)",
        f"{typed}: letter_facts: Input should be a valid integer, unable to parse string as "
        "an integer (got 'two')"]
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


# --------------------------------------------------------------------------- nothing lost

SENATE = ["generate", "--chamber", "senate", "--all", "--kind", "letter", "--format", "pdf",
          "--jobs", "1", "--date", "2026-01-15"]


def _start(out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "toolkit", *SENATE, "--out", str(out)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT)


def _wait_for_files(out: Path, process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait until the run has written its first batch (16 letters)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        if len(list(out.glob("letters/*.pdf"))) >= 16:
            return
        time.sleep(0.02)
    raise AssertionError("no letters written in time")


def _check_complete(out: Path) -> set[str]:
    """Every PDF on disk is whole and is the one its manifest row (or journal line) names."""
    manifest = Manifest.load(out)
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*.pdf")}
    for relpath in on_disk:
        reader = PdfReader(out / relpath)
        assert len(reader.pages) == 1 and "Dear " in reader.pages[0].extract_text()
        assert manifest.is_ours(relpath), relpath
    others = {p.name for p in out.rglob("*") if p.is_file() and not p.name.endswith(".tmp")
              and not p.name.startswith((".manifest.journal", ".advocacy-probe"))}
    assert others - {"manifest.csv", "campaign-log.csv"} == {Path(p).name for p in on_disk}
    return on_disk


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["kill", "ctrl-c"])
def test_interrupted_run_leaves_no_partial_file_and_rerun_completes(tmp_path, sig):
    out = tmp_path / "out"
    process = _start(out)
    _wait_for_files(out, process)
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert process.returncode == 130, stderr
        assert stderr.endswith("Interrupted: files already written are complete; run the same "
                               "command again to finish.\n")
        assert "Traceback" not in stderr
    else:
        assert process.returncode == -signal.SIGKILL
    written = _check_complete(out)
    assert 16 <= len(written) < 100
    leftovers = [p.name for p in out.rglob("*.tmp")]
    assert sig == signal.SIGKILL or leftovers == []

    result = invoke(*SENATE, "--out", out)
    assert result.exit_code == 0, result.output
    assert f"Done: {100 - len(written)} written, {len(written)} unchanged" in result.output, \
        (result.output, stderr)
    assert len(read_manifest(out)) == 100
    assert len(_check_complete(out)) == 100
    assert list(out.rglob("*.tmp")) == [] and list(out.glob(".manifest.journal*")) == []


def test_ctrl_c_in_a_one_process_run_stops_it_at_once():
    """--jobs 1 runs batches in this process: Ctrl-C must not wait in a future while the
    next batch runs (and writes) on the state the interrupted one left."""
    from toolkit.engine.executors import InProcess

    def interrupted():
        raise KeyboardInterrupt

    def failing():
        raise ValueError("bad batch")

    with pytest.raises(KeyboardInterrupt):
        InProcess().submit(interrupted)
    future = InProcess().submit(failing)
    with pytest.raises(ValueError, match="bad batch"):
        future.result()


def _failing_replace(monkeypatch, code: int, reason: str, at: int, stays: bool) -> list[str]:
    """Make os.replace fail for the ``at``-th PDF (and, if ``stays``, everything after)."""
    real_replace = os.replace
    pdfs: list[str] = []

    def replace(src, dst):
        if str(dst).endswith(".pdf"):
            pdfs.append(str(dst))
        if len(pdfs) >= at and (stays or (len(pdfs) == at and str(dst) == pdfs[-1])):
            raise OSError(code, reason)
        return real_replace(src, dst)

    monkeypatch.setattr("toolkit.engine.output.os.replace", replace)
    return pdfs


#: 19 members: 16 letters in the first batch, 3 in the second.
THREE_STATES = ["generate", "--state", "VT", "--state", "WA", "--state", "NH", "--all",
                "--jobs", "1", "--date", "2026-01-15", "--format", "pdf", "--kind", "letter"]


@pytest.mark.parametrize("code,reason", [(errno.ENOSPC, "No space left on device"),
                                         (errno.EROFS, "Read-only file system"),
                                         (errno.EACCES, "Permission denied")])
def test_write_error_stops_cleanly_and_rerun_finishes(tmp_path, monkeypatch, code, reason):
    out = tmp_path / "out"
    pdfs = _failing_replace(monkeypatch, code, reason, at=18, stays=False)
    result = CliRunner().invoke(cli, THREE_STATES + ["--out", str(out)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: {pdfs[-1]}: cannot write: {reason}; files already written are complete, fix "
        "this and run again to finish")
    assert "Traceback" not in result.output
    assert not Path(pdfs[-1]).exists() and list(out.rglob("*.tmp")) == []
    assert len(_check_complete(out)) == 17 and len(read_manifest(out)) == 17

    monkeypatch.undo()
    again = invoke(*THREE_STATES, "--out", out)
    assert again.exit_code == 0, again.output
    assert "Done: 2 written, 17 unchanged" in again.output
    assert len(read_manifest(out)) == 19 and len(_check_complete(out)) == 19


def test_disk_full_to_the_end_keeps_what_was_written(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _failing_replace(monkeypatch, errno.ENOSPC, "No space left on device", at=18, stays=True)
    result = CliRunner().invoke(cli, THREE_STATES + ["--out", str(out)])
    assert result.exit_code == 1
    assert re.fullmatch(rf"Error: {re.escape(str(out.resolve()))}/\S+: cannot write: No space "
                        "left on device; files already written are complete, fix this and run "
                        "again to finish", result.output.splitlines()[-1])
    assert "Traceback" not in result.output and list(out.rglob("*.tmp")) == []
    assert len(_check_complete(out)) == 17      # the manifest could not be saved: the journal
    monkeypatch.undo()                          # knows the 17 files
    again = invoke(*THREE_STATES, "--out", out)
    assert again.exit_code == 0, again.output
    assert "Done: 2 written, 17 unchanged" in again.output
    assert len(read_manifest(out)) == 19 and len(_check_complete(out)) == 19
