"""advocacy serve: the page's routes in process (Flask's test client), its server's socket,
and one real browser (headless Chromium through selenium, the driver found on PATH).

The page is a second face over the same job calls as the CLI, so its answers are
compared with the CLI's on the same inputs: the read report lines, the one-line error,
the files of a run (same names, same bytes).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
import shutil
import socket
import threading
import time
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

pytest.importorskip("flask", reason="the web extra (flask, waitress) is not installed")

from toolkit.campaign.check import check_campaign  # noqa: E402
from toolkit.campaign.model import bundled_campaign_path, load_campaign  # noqa: E402
from toolkit.cli import cli  # noqa: E402
from toolkit.errors import ToolkitError  # noqa: E402
from toolkit.web import app as web_app  # noqa: E402
from toolkit.web.app import create_app  # noqa: E402
from toolkit.web.server import check_host, serve, start, stop, url_of  # noqa: E402

SAMPLE = Path(__file__).parent.parent / "contacts" / "sample-constituents.csv"
DATE = "2026-03-02"


# --------------------------------------------------------------------------- helpers

class Page:
    """A volunteer's session: a test client, the page's token, the last page's text."""

    def __init__(self, app):
        self.app = app
        self.client = app.test_client()
        self.text = self.client.get("/constituents").text
        self.token = re.search(r'name="csrf" value="([^"]+)"', self.text).group(1)

    def post(self, url, data=None, **kwargs):
        return self.client.post(url, data={"csrf": self.token, **(data or {})}, **kwargs)

    def get(self, url):
        """GET ``url``, its body read and the response closed; a page's text kept."""
        response = self.client.get(url)
        response.get_data()
        response.close()
        if response.mimetype == "text/html":
            self.text = response.text
        return response

    def upload(self, job, path, name=None):
        with open(path, "rb") as handle:
            return self.post(f"/{job}/sheet", {"file": (handle, name or Path(path).name)},
                             content_type="multipart/form-data")

    @property
    def workspace(self):
        return next(iter(self.app.extensions["advocacy"].values()))

    def wait(self, timeout=240):
        deadline = time.monotonic() + timeout
        while self.workspace.running() and time.monotonic() < deadline:
            time.sleep(0.2)
        return list(self.workspace.runs.values())[-1]


def pre(text, element_id):
    """The lines of the page's ``<pre id=...>``, unescaped."""
    found = re.search(rf'<pre id="{element_id}">(.*?)</pre>', text, re.S)
    return html.unescape(found.group(1)).split("\n") if found else []


def items(text, css_class):
    """The texts of the ``<li>`` of every ``<ul class="css_class">``."""
    lists = re.findall(rf'<ul class="{css_class}"[^>]*>(.*?)</ul>', text, re.S)
    return [html.unescape(li) for block in lists
            for li in re.findall(r"<li>(.*?)</li>", block, re.S)]


def sample_rows(tmp_path, rows, name="members.csv"):
    """The sample constituents sheet cut to its data rows ``rows`` (0 = the first)."""
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    path = tmp_path / name
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([records[0]] + [records[1 + i] for i in rows])
    return path


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def page(tmp_path):
    page = Page(create_app(tmp_path / "sessions"))
    assert page.post("/constituents/campaign/example", {"name": "mali-2023"}).status_code == 302
    return page


# --------------------------------------------------------------------------- routes

def test_every_page_renders_and_unknown_ones_are_plain_404(tmp_path):
    page = Page(create_app(tmp_path))
    index = page.get("/")
    assert index.status_code == 200
    for job in ("constituents", "organization", "hillday"):
        assert f'href="/{job}"' in index.text
        response = page.get(f"/{job}")
        assert response.status_code == 200
        assert "1</span> The campaign" in response.text and "4</span> Make" in response.text
    assert page.get("/static/style.css").status_code == 200
    assert page.get("/static/page.js").status_code == 200
    missing = page.get("/nothing-here")
    assert missing.status_code == 404 and "Traceback" not in missing.text
    assert page.get("/campaign.yaml").status_code == 404      # no campaign chosen yet
    assert page.get("/run/7").status_code == 404
    assert page.get("/files/../../etc/passwd").status_code == 404


def test_the_page_loads_nothing_from_the_network(page):
    text = page.get("/constituents").text
    sources = re.findall(r'(?:src|href)="([^"#]+)"', text)
    assert sources and not [s for s in sources if re.match(r"(https?:)?//", s)]
    assert "http" not in page.get("/static/page.js").text.replace("http-equiv", "")


def test_a_post_without_the_page_token_is_refused(tmp_path):
    page = Page(create_app(tmp_path))
    response = page.client.post("/constituents/campaign/example", data={"name": "mali-2023"})
    assert response.status_code == 403
    assert "token is missing or out of date" in response.text
    wrong = page.client.post("/constituents/campaign/example",
                             data={"name": "mali-2023", "csrf": "from-another-page"})
    assert wrong.status_code == 403
    assert page.workspace.campaign_path is None       # nothing was changed


def test_an_upload_over_the_limit_is_refused_with_the_limit(tmp_path):
    page = Page(create_app(tmp_path, max_upload=2 * 1024 * 1024))
    response = page.post("/constituents/sheet",
                         {"file": (io.BytesIO(b"x" * (3 * 1024 * 1024)), "big.csv")},
                         content_type="multipart/form-data")
    assert response.status_code == 413
    assert "larger than the page takes (2 MB)" in response.text


# --------------------------------------------------------------------------- 1: the campaign

def test_the_example_campaign_round_trips_through_the_form_unchanged(page):
    text = page.get("/constituents").text
    form = re.search(r'<form method="post" action="/constituents/campaign" '
                     r'id="campaign-form".*?</form>',
                     text, re.S).group(0)
    values = {name: html.unescape(value) for name, value in
              re.findall(r'<input id="[^"]+" name="([^"]+)" value="([^"]*)"', form)}
    values.update({name: html.unescape(value) for name, value in
                   re.findall(r'<textarea id="[^"]+" name="([^"]+)" rows="\d+">(.*?)</textarea>',
                              form, re.S)})
    assert values["sender.organization"] == "Your Organization Name"
    assert len([n for n in values if n.startswith("recommendations[")]) == 15
    assert page.post("/constituents/campaign", values).status_code == 302
    saved = page.get("/campaign.yaml")
    assert saved.headers["Content-Disposition"] == "attachment; filename=mali-2023.yaml"
    path = page.workspace.folder / "back.yaml"
    path.write_bytes(saved.data)
    assert load_campaign(path) == load_campaign(bundled_campaign_path())
    assert (yaml.safe_load(saved.data) ==
            yaml.safe_load(bundled_campaign_path().read_text(encoding="utf-8")))


def test_edits_are_saved_to_the_yaml_and_checked_beside_their_fields(page):
    json_post = {"headers": {"Accept": "application/json"}}
    found = page.post("/constituents/campaign", {}, **json_post).get_json()
    assert sorted(found["placeholders"]) == ["sender.address", "sender.email",
                                             "sender.organization", "sender.phone",
                                             "sender.signers[0].name"]
    assert 'id="draft-banner">' in page.get("/constituents").text     # shown, not hidden
    found = page.post("/constituents/campaign", {
        "sender.organization": "Friends of Mali in Maine",
        "sender.address": "12 Munjoy Street\r\nPortland, ME 04101",
        "sender.email": "office@friendsofmali.org", "sender.phone": "207-555-2470",
        "sender.signers[0].name": "Aminata Traoré", "sender.signers[0].title": "Chair",
        "sender.signers[1].name": "Daniel Abbott", "sender.signers[1].title": "",
        "recommendations[1].title": "",
        "subject": "U.S. policy toward Mali: five principles"}, **json_post).get_json()
    assert found["placeholders"] == {}
    path = page.workspace.campaign_path
    checked = check_campaign(path)
    assert checked.problems == (f"{path}: recommendations[1].title: String should have at "
                                "least 1 character (got '')",)
    assert found["fields"] == {"recommendations[1].title": [
        "String should have at least 1 character (got '')"]}
    text = page.get("/constituents").text
    assert 'id="draft-banner" hidden>' in text
    assert ('<span class="bad">String should have at least 1 character (got &#39;&#39;)</span>'
            in text)
    data = yaml.safe_load(page.get("/campaign.yaml").data)
    assert data["sender"]["signers"] == [{"name": "Aminata Traoré", "title": "Chair"},
                                         {"name": "Daniel Abbott"}]
    assert data["sender"]["address"] == ["12 Munjoy Street", "Portland, ME 04101"]
    assert data["subject"] == "U.S. policy toward Mali: five principles"
    assert data["recommendations"][1]["title"] == ""
    assert data["recommendations"][1]["id"] == "elections"    # untouched keys kept


def test_a_campaign_that_is_not_yaml_gets_the_cli_message(page, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: Mali: Five Steps\n", encoding="utf-8")
    with open(bad, "rb") as handle:
        response = page.post("/constituents/campaign/upload", {"file": (handle, "bad.yaml")},
                             content_type="multipart/form-data")
    assert response.status_code == 400
    cli_run = CliRunner().invoke(cli, ["campaign", "check", str(bad)])
    message = cli_run.output.strip().splitlines()[-1].replace(f"{bad}", "bad.yaml")
    assert "YAML syntax error" in message and "must be quoted" in message
    shown = re.search(r'id="campaign-error"><p>(.*?)</p>', response.text, re.S).group(1)
    assert html.unescape(shown) == message.removeprefix("Error: ")
    assert "Traceback" not in response.text
    not_yaml = page.post("/constituents/campaign/upload",
                         {"file": (io.BytesIO(b"x"), "campaign.txt")},
                         content_type="multipart/form-data")
    assert not_yaml.status_code == 400 and "a campaign is a .yaml file" in not_yaml.text


# --------------------------------------------------------------------------- 2: the sheet

def test_an_upload_gives_the_read_report_of_constituents_check(page, tmp_path):
    copy = tmp_path / "cli" / SAMPLE.name
    copy.parent.mkdir()
    shutil.copyfile(SAMPLE, copy)
    assert page.upload("constituents", SAMPLE).status_code == 302
    text = page.get("/constituents").text
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy.parent)
        cli_run = CliRunner().invoke(cli, ["constituents", "check", SAMPLE.name])
    assert cli_run.exit_code == 1
    printed = cli_run.stdout.splitlines()
    report = pre(text, "read-report")
    assert report[0] == "sample-constituents.csv: header row 1"
    assert report == printed[:len(report)]
    assert "  L  Story -> story" in report
    assert ("sample-constituents.csv: 20 constituent(s); a run would make 54 letter(s)"
            in html.unescape(text))
    assert printed[-1] == ("sample-constituents.csv: 20 constituent(s); a run would make 54 "
                           "letter(s)")
    assert items(text, "problems") == cli_run.stderr.splitlines()[:-1] == [
        "sample-constituents.csv:12:ZIP: ZIP 10025 lies in districts NY-12, NY-13: add a "
        "District column value"]
    # the table: each column, the field it feeds, a drop-down to change it
    assert ('<tr class="used"><td>H</td><td>ZIP</td>' in text
            and '<option selected>zip</option>' in text)


def test_changing_a_column_in_the_table_is_map_and_reads_again(page, tmp_path):
    with open(SAMPLE, encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    records[0][records[0].index("Story")] = "Why I care"
    sheet = tmp_path / "renamed.csv"
    with open(sheet, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records[:4])
    page.upload("constituents", sheet)
    text = html.unescape(page.get("/constituents").text)
    assert "  L  Why I care -> ignored (did you mean story? --map story='Why I care')" in \
        pre(text, "read-report")
    columns = {f"column:{h}": f for h, f in re.findall(
        r'<td>([^<]+)</td>\s*<td><select name="column:[^"]+" class="remap"[^>]*>.*?'
        r'<option selected>([a-z_0-9]+)</option>', text, re.S)}
    columns["column:Why I care"] = "story"
    assert page.post("/constituents/sheet/map", columns).status_code == 302
    text = page.get("/constituents").text
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        cli_run = CliRunner().invoke(cli, ["constituents", "check", sheet.name,
                                           "--map", "story=Why I care"])
    report = pre(text, "read-report")
    assert "  L  Why I care -> story" in report
    assert report == cli_run.stdout.splitlines()[:len(report)]
    assert page.workspace.maps == {"constituents": {"story": "Why I care"}}
    assert re.search(r"On the command line:\s*<code>--map story='Why I care'</code> </p>", text)


def test_an_xlsx_sheet_and_its_header_row_are_read_as_the_cli_reads_them(page, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    notes = book.active
    notes.title = "Notes"
    notes["A1"] = "Read me first"
    people = book.create_sheet("Signers")
    people.append(["Spring letter-writing night"])
    people.append(["First Name", "Last Name", "Address", "City", "State", "ZIP"])   # row 2
    people.append(["Name", "Surname", "Street", "Town", "State", "ZIP code"])       # row 3
    people.append(["Daniel", "Abbott", "88 Congress Street", "Portland", "ME", 4101])
    path = tmp_path / "night.xlsx"
    book.save(path)
    first = page.upload("constituents", path)          # the active sheet has no columns
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        as_is = CliRunner().invoke(cli, ["constituents", "check", path.name])
    assert first.status_code == 400 and as_is.exit_code == 1
    shown = re.search(r'id="sheet-error"><p>(.*?)</p>', first.text, re.S).group(1)
    assert html.unescape(shown) == as_is.stderr.split("Error: ", 1)[1].rstrip("\n")
    assert 'id="worksheet"' in first.text                    # ...and where to say which
    assert page.post("/constituents/sheet/map", {"header_row": "3", "worksheet": "Signers",
                                                 "column:Name": "first_name"}).status_code == 302
    text = page.get("/constituents").text
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        cli_run = CliRunner().invoke(cli, ["constituents", "check", path.name, "--sheet",
                                           "Signers", "--header-row", "3"])
    report = pre(text, "read-report")
    assert report[0] == "night.xlsx: sheet 'Signers', header row 3"
    assert report == cli_run.stdout.splitlines()[:len(report)]
    assert items(text, "warnings") == [
        line.removeprefix("warning: ") for line in cli_run.stdout.splitlines()
        if line.startswith("warning: ")]
    assert items(text, "warnings") == [
        "night.xlsx:4:ZIP code: ZIP stored as the number 4101 read as '04101' (a ZIP of ME)"]
    assert "<code>--sheet 'Signers'</code> <code>--header-row 3</code>" in text
    assert page.workspace.maps["constituents"] == {}        # other headers: found again
    bad = page.post("/constituents/sheet/map", {"header_row": "three"})
    assert bad.status_code == 400 and "header row &#39;three&#39;" in bad.text


def test_a_bad_sheet_gets_a_400_page_with_the_cli_message(page, tmp_path):
    bad = tmp_path / "nozip.csv"
    bad.write_text("First Name,Last Name,City,State\nAda,Lovelace,Portland,ME\n", encoding="utf-8")
    response = page.upload("constituents", bad)
    assert response.status_code == 400
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        cli_run = CliRunner().invoke(cli, ["constituents", "check", bad.name])
    assert cli_run.exit_code == 1
    message = cli_run.stderr.split("Error: ", 1)[1].rstrip("\n")
    assert message.splitlines() == [
        "nozip.csv: the columns cannot be used",
        "nozip.csv:1: no column for the ZIP code (looked for 'ZIP', 'Zip Code', 'Postal "
        "Code'); name it so, or pass --map zip=COLUMN"]
    box = re.search(r'<div class="error" role="alert" id="sheet-error"><p>(.*?)</p>\s*'
                    r'<pre>(.*?)</pre>', response.text, re.S)
    assert html.unescape(box.group(1)) == message
    assert html.unescape(box.group(2)).splitlines() == cli_run.stdout.splitlines()
    assert "Traceback" not in response.text
    # the columns as read, to map on the page: Town feeds the city once it is said
    assert '<select name="column:City" class="remap"' in response.text
    renamed = tmp_path / "postcode.csv"
    renamed.write_text("First Name,Last Name,Street,City,State,Post Code\n"
                       "Ada,Lovelace,1 Main St,Portland,ME,04101\n", encoding="utf-8")
    assert page.upload("constituents", renamed).status_code == 400
    assert page.post("/constituents/sheet/map", {"column:Post Code": "zip"}).status_code == 302
    text = page.get("/constituents").text
    assert "  F  Post Code -> zip" in pre(text, "read-report")
    assert "postcode.csv: 1 constituent(s); a run would make 3 letter(s)" in text
    wrong_type = page.upload("constituents", bad, name="members.pdf")
    assert wrong_type.status_code == 400
    assert "upload a .csv or .xlsx file" in wrong_type.text


def test_a_legislators_sheet_gets_the_read_report_of_contacts_check(page, tmp_path):
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Last Name,First Name,Chamber,State,District,Dist.\n"
                     "Collins,Susan,Senate,ME,,\nKing,Angus,Senate,ME,,\n", encoding="utf-8")
    assert page.upload("organization", sheet).status_code == 302
    text = page.get("/organization").text
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        cli_run = CliRunner().invoke(cli, ["contacts", "check", sheet.name])
    report = pre(text, "read-report")
    assert report[0] == "mine.csv: header row 1"
    assert report == cli_run.stdout.splitlines()[:len(report)]
    assert "mine.csv: 2 usable row(s)" in text


# --------------------------------------------------------------------------- 3 and 4

def test_preview_is_the_row_letters_the_run_makes(page, tmp_path):
    sheet = sample_rows(tmp_path, [0, 1])
    page.upload("constituents", sheet)
    response = page.post("/constituents/preview", {"who": "2"})
    assert response.status_code == 302
    text = page.get("/constituents").text
    names = re.findall(r'target="_blank">([^<]+) \(PDF\)</a>', text)
    assert names == ["constituents/aminata-traore-r2/ME-rep-pingree-P000597.pdf",
                     "constituents/aminata-traore-r2/ME-sen-collins-C001035.pdf",
                     "constituents/aminata-traore-r2/ME-sen-king-K000383.pdf"]
    assert "placeholder value(s)" in text       # the DRAFT note: every preview carries the mark
    picture = re.search(r'<img src="(/files/[^"]+\.png)"', text).group(1)
    png = page.get(picture)
    assert png.status_code == 200 and png.data[:4] == b"\x89PNG"
    missing = page.post("/constituents/preview", {"who": "9"})
    assert missing.status_code == 400
    assert "members.csv: no constituent was read from row 9" in missing.text


def test_the_zip_holds_the_cli_files_byte_for_byte(page, tmp_path):
    sheet = sample_rows(tmp_path, [0, 4, 10])        # Maine, Illinois, the NY row in two districts
    page.upload("constituents", sheet)
    assert page.post("/constituents/make", {"format-pdf": "1", "date": DATE}).status_code == 302
    run = page.wait()
    assert run.state == "done", run.error
    text = page.get("/constituents").text
    link = re.search(r'id="download" href="([^"]+)"', text).group(1)
    assert link == f"/run/{run.id}/mali-2023-constituents.zip"
    archive = zipfile.ZipFile(io.BytesIO(page.get(link).data))
    from_page = {name: hashlib.sha256(archive.read(name)).hexdigest()
                 for name in archive.namelist()}
    out = tmp_path / "cli-out"
    cli_run = CliRunner().invoke(cli, ["constituents", str(sheet), "--format", "pdf", "--date",
                                       DATE, "--out", str(out)])
    assert cli_run.exit_code == 1          # the NY row needs attention, on both faces
    assert from_page == digests(out)
    assert "manifest.csv" in from_page and "campaign-log.csv" in from_page
    assert len(from_page) == 2 + 8 + 8          # manifest, log, 8 letters, 8 office files
    # the summary the CLI prints, on the page
    page_text = html.unescape(text)
    assert "3 constituent(s) read from members.csv; 8 letter(s) for 3 of them, to 8 office(s)." \
        in page_text
    assert "1 constituent(s) need attention in members.csv:" in page_text
    assert ("members.csv:4:ZIP: ZIP 10025 lies in districts NY-12, NY-13: add a District "
            "column value (Priya Raman; 2 letter(s) made)") in items(text, "problems")


def test_an_upload_during_a_run_does_not_change_it(page, tmp_path, monkeypatch):
    first = sample_rows(tmp_path, [0, 1], "first.csv")
    second = sample_rows(tmp_path, [3], "second.csv")
    go = threading.Event()
    real = web_app._call_job

    def held(*args, **kwargs):
        assert go.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(web_app, "_call_job", held)
    page.upload("constituents", first)
    page.post("/constituents/make", {"format-pdf": "1", "date": DATE})
    assert page.upload("constituents", second).status_code == 302     # while it runs
    again = page.post("/constituents/make", {"format-pdf": "1", "date": DATE})
    assert again.status_code == 400 and "a run is still going" in again.text
    go.set()
    run = page.wait()
    assert run.state == "done", run.error
    assert run.result.after[0] == ("2 constituent(s) read from "
                                   f"{run.folder / 'inputs' / 'first.csv'}; 6 letter(s) for 2 of "
                                   "them, to 3 office(s).")
    with zipfile.ZipFile(run.zip_path) as archive:
        names = archive.namelist()
    assert "constituents/aminata-traore-r2/ME-sen-king-K000383.pdf" in names
    assert not [n for n in names if "okafor" in n]          # row 4 of the sample: the second sheet


def test_bad_input_at_make_is_a_400_with_the_cli_words(page):
    no_sheet = page.post("/constituents/make", {"format-pdf": "1"})
    assert no_sheet.status_code == 400 and "upload the members" in no_sheet.text
    page.upload("constituents", SAMPLE)
    bad_date = page.post("/constituents/make", {"format-pdf": "1", "date": "March 2"})
    assert bad_date.status_code == 400
    assert "&#39;March 2&#39; is not a date; write YYYY-MM-DD, e.g. 2026-01-15" in bad_date.text
    no_format = page.post("/constituents/make", {"date": DATE})
    assert no_format.status_code == 400 and "choose at least one format" in no_format.text
    assert not page.workspace.runs


@pytest.mark.parametrize("job, command, files", [
    ("organization", ["generate"], ["campaign-log.csv", "letters/ID-sen-risch-R000584.pdf",
                                    "letters/NH-sen-shaheen-S001181.pdf", "manifest.csv",
                                    "onepagers/ID-sen-risch-R000584.pdf",
                                    "onepagers/NH-sen-shaheen-S001181.pdf"]),
    ("hillday", ["packet"], ["campaign-log.csv", "manifest.csv",
                             "packets/ID-sen-risch-R000584.pdf",
                             "packets/NH-sen-shaheen-S001181.pdf", "packets/hill-day.pdf",
                             "packets/schedule.csv"]),
])
def test_an_organization_job_previews_and_makes_the_cli_files(page, tmp_path, job, command, files):
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Last Name,First Name,Chamber,State,District,Bioguide ID\n"
                     "Shaheen,Jeanne,Senate,NH,,S001181\nRisch,James,Senate,ID,,R000584\n",
                     encoding="utf-8")
    page.upload(job, sheet)
    text = page.get(f"/{job}").text
    assert re.findall(r'<option value="([A-Z0-9]+)"', text) == ["R000584", "S001181"]
    assert page.post(f"/{job}/preview", {"who": "S001181"}).status_code == 302
    shown = re.findall(r'target="_blank">([^<]+) \(PDF\)</a>', page.get(f"/{job}").text)
    assert shown == ["letters/NH-sen-shaheen-S001181.pdf" if job == "organization"
                     else "packets/NH-sen-shaheen-S001181.pdf"]
    page.post(f"/{job}/make", {"format-pdf": "1", "date": DATE})
    run = page.wait()
    assert run.state == "done", run.error
    from_page = digests(run.folder / "out")
    assert sorted(from_page) == files
    with zipfile.ZipFile(run.zip_path) as archive:
        assert archive.namelist() == files
    out = tmp_path / "cli-out"
    cli_run = CliRunner().invoke(cli, [*command, "--contacts", str(sheet), "--format", "pdf",
                                       "--date", DATE, "--out", str(out)])
    assert cli_run.exit_code == 0, cli_run.output
    assert from_page == digests(out)
    before = "2 member(s)" if job == "organization" else "2 office(s)"
    assert f"<p>{before} targeted from mine.csv.</p>" in page.get(f"/{job}").text


# --------------------------------------------------------------------------- the server

def _other_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))          # TEST-NET-1: nothing is sent
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_the_server_listens_on_127_0_0_1_only(tmp_path):
    server = start(create_app(tmp_path))
    try:
        host, port = server.socket.getsockname()[:2]
        assert server.socket.family == socket.AF_INET
        assert host == "127.0.0.1" and port > 0
        assert url_of(server) == f"http://127.0.0.1:{port}/"
        other = _other_address()
        if other is not None:
            with pytest.raises(OSError):
                socket.create_connection((other, port), timeout=2).close()
    finally:
        server.close()
    with pytest.raises(ToolkitError, match=r"--host 0.0.0.0: other computers could reach"):
        check_host("0.0.0.0", public=False)
    check_host("0.0.0.0", public=True)
    check_host("::1", public=False)
    refused = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--no-browser"])
    assert refused.exit_code == 1 and "add --public to mean it" in refused.output


def test_serve_removes_the_session_files_when_it_stops():
    import tempfile
    import urllib.request

    before = set(Path(tempfile.gettempdir()).glob("advocacy-serve-*"))
    servers, lines = [], []
    thread = threading.Thread(target=serve, daemon=True, kwargs={
        "open_browser": False, "say": lines.append, "ready": servers.append})
    thread.start()
    while not servers and thread.is_alive():
        time.sleep(0.05)
    server = servers[0]
    try:
        with urllib.request.urlopen(url_of(server)) as response:
            assert response.status == 200
        made = set(Path(tempfile.gettempdir()).glob("advocacy-serve-*")) - before
        assert len(made) == 1 and [p.name for p in next(iter(made)).iterdir()]   # a session
    finally:
        stop(server)
        thread.join(10)
    assert not thread.is_alive()
    assert lines[0] == f"The page is at {url_of(server)}"
    assert lines[-1] == "Stopped; the page's files were deleted."
    assert not next(iter(made)).exists()


# --------------------------------------------------------------------------- a real browser

def _chrome():
    """A headless Chromium driven through Debian's chromedriver, or a skip saying why."""
    webdriver = pytest.importorskip("selenium.webdriver")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not binary or not driver:
        pytest.skip("Chromium and chromedriver are not installed (Debian: apt-get install "
                    "chromium chromium-driver); .ci/run installs them")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,900",
                     "--disable-dev-shm-usage"):
        options.add_argument(argument)
    return webdriver, options, Service(executable_path=driver)


def test_a_volunteer_makes_the_letters_in_chromium(tmp_path, monkeypatch):
    webdriver, options, service = _chrome()
    from selenium.webdriver.common.by import By

    monkeypatch.setenv("SE_AVOID_STATS", "true")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    server = start(create_app(tmp_path / "sessions"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    browser = webdriver.Chrome(options=options, service=service)
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    def submit(button):        # click, and wait for the next page
        old = browser.find_element(By.TAG_NAME, "html")
        button.click()
        WebDriverWait(browser, 120).until(expected_conditions.staleness_of(old))

    try:
        browser.get(url_of(server) + "constituents")
        submit(browser.find_element(By.CSS_SELECTOR, "#campaign form button"))
        assert "(mali-2023.yaml)" in browser.find_element(By.ID, "campaign").text
        browser.find_element(By.ID, "sheet-file").send_keys(str(SAMPLE.resolve()))
        submit(browser.find_element(By.ID, "sheet-upload"))
        assert ("sample-constituents.csv: 20 constituent(s); a run would make 54 letter(s)"
                in browser.find_element(By.ID, "sheet").text)
        browser.find_element(By.NAME, "format-docx").click()          # PDF only
        browser.find_element(By.ID, "date").send_keys(DATE)
        submit(browser.find_element(By.ID, "make-button"))
        link = WebDriverWait(browser, 300, 0.5).until(
            lambda b: b.find_elements(By.ID, "download") and b.find_element(By.ID, "download"))
        assert "102 PDF files" in browser.find_element(By.ID, "make").text
        link.click()
        target = downloads / "mali-2023-constituents.zip"
        deadline = time.monotonic() + 60
        while not target.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        with zipfile.ZipFile(target) as archive:
            names = archive.namelist()
    finally:
        browser.quit()
        stop(server)
        thread.join(10)
    assert not thread.is_alive()
    assert len([n for n in names if n.endswith(".pdf")]) == 54 + 48
    assert "manifest.csv" in names
