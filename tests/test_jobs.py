"""Each job is one library call: called here without Click, it gives what the command prints."""

import datetime as dt
from pathlib import Path

from pypdf import PdfReader

from toolkit.jobs.calls import call_sheets
from toolkit.jobs.common import Selection, Sheet
from toolkit.jobs.constituents import check_constituents, constituent_letters
from toolkit.jobs.labels import labels
from toolkit.jobs.letters import generate
from toolkit.jobs.packet import packets

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "contacts" / "sample-constituents.csv"
DAY = dt.date(2026, 1, 15)
CANTWELL = Selection(ids=("C000127",))


def test_generate_returns_the_files_and_the_lines_the_command_prints(tmp_path):
    heard = []
    job = generate(out=tmp_path, formats=["pdf"], kinds=["letter"], selection=CANTWELL,
                   date=DAY, notify=heard.append)
    assert job.files.written == ["letters/WA-sen-cantwell-C000127.pdf"]
    assert job.before == [f"1 member(s) targeted from "
                          f"{ROOT / 'contacts' / 'legislators-current.csv'}."]
    assert job.notes == heard and job.notes[0].startswith(
        "Note: the campaign's sender still has 6 placeholder value(s)")
    assert job.exit_code == 0
    text = PdfReader(tmp_path / job.files.written[0]).pages[0].extract_text()
    assert "Dear Senator Cantwell:" in text


def test_constituent_letters_report_the_rows_that_need_attention(tmp_path):
    job = constituent_letters(SAMPLE, out=tmp_path, formats=["txt"],
                              date=dt.date(2026, 3, 2))
    assert job.exit_code == 1
    assert job.attention_path == SAMPLE
    assert len(job.files.written) == 54
    assert job.after[0] == (f"20 constituent(s) read from {SAMPLE}; 54 letter(s) for 20 of "
                            "them, to 48 office(s).")
    person, problems = job.attention[0]
    assert job.made(person) == "2 letter(s) made"


def test_check_constituents_counts_the_letters_a_run_would_make():
    checked = check_constituents(SAMPLE, Sheet(), date=dt.date(2026, 3, 2))
    assert len(checked.people.constituents) == 20
    assert checked.letters == 54
    assert checked.problems


def test_labels_packets_and_call_sheets_are_library_calls(tmp_path):
    made = labels(out=tmp_path, kinds=["labels"], selection=CANTWELL, date=DAY)
    assert made.files.written == ["labels/labels-avery5160.pdf"]
    assert made.before == [f"1 office(s) targeted from "
                           f"{ROOT / 'contacts' / 'legislators-current.csv'}."]
    calls = call_sheets(out=tmp_path, selection=CANTWELL, date=DAY)
    assert sorted(calls.files.written) == ["calls/call-sheet.csv", "calls/call-sheet.pdf"]
    packed = packets(out=tmp_path, formats=["pdf"], selection=CANTWELL, date=DAY)
    assert "packets/hill-day.pdf" in packed.files.written
    assert packed.after == [f"  print: {tmp_path / 'packets' / 'hill-day.pdf'}"]


def test_after_the_meeting_jobs_are_library_calls(tmp_path):
    from meetings_factory import DAY, make_campaign, make_log

    from toolkit.campaign.model import load_campaign
    from toolkit.jobs.followup import followup
    from toolkit.jobs.meetings import meetings_check
    from toolkit.jobs.report import report

    path = make_campaign(tmp_path)
    log = make_log(tmp_path, load_campaign(path))
    checked = meetings_check(log, path, day=DAY)
    assert checked.exit_code == 1 and len(checked.due) == 6
    assert checked.log.problems[7] == (
        f"{log}:7:Office: no member in office matches 'Sen. Nobody'; write the bioguide ID "
        "(the template's Lists sheet has them)",)
    made = followup(log, path, out=tmp_path / "out", date=DAY)
    assert (made.exit_code, made.letters, made.emails) == (1, 7, 6)
    assert f"Note: {log}:3:Office: 'Rep. Kim Schrier (WA-8)' read as Kim Schrier (S001216, " \
           "D-WA-8)" in made.notes
    reported = report(tmp_path / "out", path, meetings=log, day=DAY)
    assert sorted(reported.files.written) == ["report.html", "report.xlsx"]
    assert list(reported.tables) == ["Offices", "By chamber", "By state", "By party",
                                     "By committee", "Nothing yet", "Documents", "Meetings"]


def test_a_preview_is_the_run_s_own_letters_of_one_row(tmp_path):
    from toolkit.jobs.preview import constituent_preview

    shown = constituent_preview(SAMPLE, None, 2, out=tmp_path, date=dt.date(2026, 3, 2))
    assert shown.files.written == [
        "constituents/aminata-traore-r2/ME-sen-collins-C001035.pdf",
        "constituents/aminata-traore-r2/ME-sen-king-K000383.pdf",
        "constituents/aminata-traore-r2/ME-rep-pingree-P000597.pdf"]
    assert shown.attention == []


def test_a_data_update_shows_its_changes_and_installs_nothing_unless_confirmed(
        tmp_path, monkeypatch):
    import pytest

    from toolkit.jobs.data import update_data

    upstream = next((p for p in (ROOT.parent / "shared" / "data" / "congress-legislators",
                                 ROOT.parents[1] / "shared" / "data" / "congress-legislators")
                     if (p / "legislators-current.yaml").is_file()), None)
    if upstream is None:
        pytest.skip("upstream congress-legislators YAML not available (../shared)")
    monkeypatch.setenv("ADVOCACY_DATA_DIR", str(tmp_path / "data"))
    heard = []
    done = update_data(from_dir=upstream, notify=heard.append, confirm=lambda: False)
    assert done.version is None and list(done.lines) == heard
    assert done.lines[0].startswith("New data: ") and " change(s) by member:" in done.lines[0]
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())
