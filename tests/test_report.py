"""The campaign log and the campaign report (issue 20), against the invented meetings log.

One output folder lives through a campaign: letters to one target, then to all three
(the first one's files unchanged: logged once), a report before the follow-ups
(follow-ups overdue), the follow-ups, labels, and the report again. Its figures are
checked against what the log says was made (``meetings_factory`` names every row).
"""

from __future__ import annotations

import csv
import re

import pytest
from click.testing import CliRunner

from meetings_factory import DAY, make_campaign, make_log
from toolkit.campaign.model import load_campaign
from toolkit.cli import cli


def log_rows(out) -> list[dict]:
    with open(out / "campaign-log.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def invoke(*args) -> object:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code in (0, 1), result.output
    return result


@pytest.fixture(scope="module")
def campaign_folder(tmp_path_factory):
    """The folder through the campaign; returns a dict of what each step gave."""
    from toolkit.jobs.report import build_report

    folder = tmp_path_factory.mktemp("report")
    path = make_campaign(folder)
    campaign = load_campaign(path)
    log = make_log(folder, campaign)
    out = folder / "out"
    steps = {"folder": folder, "campaign_path": path, "campaign": campaign, "log": log, "out": out}
    invoke("generate", "--campaign", path, "--out", out, "--format", "pdf", "--date", "2026-11-16",
           "--id", "S001216", "--jobs", "1")
    steps["first_log"] = log_rows(out)
    steps["alone"] = build_report(out, campaign, day=DAY)
    invoke("generate", "--campaign", path, "--out", out, "--format", "pdf", "--date", "2026-11-16",
           "--jobs", "1")
    steps["generated_log"] = log_rows(out)
    steps["before"] = build_report(out, campaign, meetings_path=log, day=DAY, force=True)
    invoke("followup", log, "--campaign", path, "--out", out, "--date", "2026-11-20")
    invoke("labels", "--campaign", path, "--out", out, "--kind", "labels")
    steps["after"] = build_report(out, campaign, meetings_path=log, day=DAY)
    return steps


def test_log_appended_by_every_command_never_twice(campaign_folder):
    """generate, followup and labels append to the log; a rerun adds nothing."""
    first = campaign_folder["first_log"]
    assert [(r["date"], r["campaign"], r["bioguide_id"], r["member"], r["office"], r["kind"],
             r["format"], r["path"]) for r in first] == [
        ("2026-11-16", "water-2026", "S001216", "Kim Schrier", "washington", "letter", "pdf",
         "letters/WA-rep-schrier-S001216.pdf"),
        ("2026-11-16", "water-2026", "S001216", "Kim Schrier", "", "onepager", "pdf",
         "onepagers/WA-rep-schrier-S001216.pdf")]
    assert all(re.fullmatch(r"[0-9a-f]{64}", r["sha256"]) for r in first)
    generated = campaign_folder["generated_log"]
    assert generated[:2] == first                       # Schrier's files: not logged again
    assert len(generated) == 6
    rows = log_rows(campaign_folder["out"])
    kinds = [r["kind"] for r in rows]
    assert kinds.count("followup-letter") == 14 and kinds.count("followup-email") == 6
    assert kinds.count("report") == 0                    # the report is not a document sent
    [labels] = [r for r in rows if r["kind"] == "labels"]
    assert (labels["campaign"], labels["bioguide_id"], labels["path"]) == (
        "water-2026", "", "labels/labels-avery5160.pdf")
    assert len(rows) == len({(r["path"], r["sha256"]) for r in rows}) == 27
    followup = [r for r in rows if r["path"] == "followup/r11-WA-sen-cantwell-C000127.pdf"]
    assert [(r["date"], r["meeting_row"], r["office"]) for r in followup] == [
        ("2026-11-20", "11", "district: Spokane, WA")]


def test_nothing_yet_before_any_meeting(campaign_folder):
    """One target written to, no meetings log: the other two targets have had nothing."""
    report = campaign_folder["alone"]
    nothing = report.tables["Nothing yet"]
    assert list(nothing["bioguide_id"]) == ["W000802", "F000469"]
    assert list(nothing["committees"]) == ["SSEV", "HSIF"]
    offices = report.tables["Offices"].set_index("bioguide_id")
    assert offices.loc["S001216", "documents"] == 2
    assert offices.loc["S001216", "sent"] == "letter (2026-11-16); one-pager (2026-11-16)"


def test_follow_ups_due_before_they_are_made(campaign_folder):
    """With the meetings log and no follow-up made: each meeting overdue, due or not yet."""
    meetings = campaign_folder["before"].tables["Meetings"].set_index("row")
    assert meetings.loc[4, "follow-up"] == "overdue (due 2026-11-09)"
    assert meetings.loc[3, "follow-up"] == "due 2026-11-20"
    assert meetings.loc[5, "follow-up"] == "due 2026-11-23"
    assert list(meetings.index) == [2, 3, 4, 5, 6, 11, 12]
    assert campaign_folder["before"].warnings[0] == (
        f"left out of the report: {campaign_folder['log']}:7:Office: no member in office "
        "matches 'Sen. Nobody'; write the bioguide ID (the template's Lists sheet has them)")


def test_per_office_figures(campaign_folder):
    """Per office: documents (a letter in PDF and DOCX is one), meetings, latest position,
    follow-up made; the offices met that the campaign does not target are listed too."""
    offices = campaign_folder["after"].tables["Offices"]
    follow = dict(zip(offices["bioguide_id"], offices["follow-up"]))
    figures = {row.bioguide_id: (row.targeted, row.documents, row.meetings, row.position)
               for row in offices.itertuples()}
    assert figures == {
        "W000802": ("yes", 4, 1, "no position"),
        "M001111": ("no", 1, 1, "not recorded"),
        "C000127": ("no", 4, 2, "supportive"),
        "R000584": ("no", 2, 1, "undecided"),
        "F000469": ("yes", 4, 1, "opposed"),
        "S001216": ("yes", 4, 1, "undecided")}
    assert follow["C000127"] == "made 2026-11-20"
    cantwell = offices.set_index("bioguide_id").loc["C000127"]
    assert cantwell["last meeting"] == "2026-11-12"
    assert cantwell["sent"] == "follow-up e-mail (2026-11-20); follow-up letter (2026-11-20)"
    assert campaign_folder["after"].tables["Nothing yet"].empty


def test_totals_by_state_chamber_committee(campaign_folder):
    """The totals, each checked against the per-office figures above."""
    tables = campaign_folder["after"].tables
    columns = ["offices", "targeted", "reached", "documents", "meetings", "supportive",
               "undecided", "opposed", "no position", "not recorded"]
    state = tables["By state"].set_index("state")[columns]
    assert state.to_dict("index") == {
        "ID": dict(zip(columns, [2, 1, 2, 6, 2, 0, 1, 1, 0, 0])),
        "RI": dict(zip(columns, [1, 1, 1, 4, 1, 0, 0, 0, 1, 0])),
        "WA": dict(zip(columns, [3, 1, 3, 9, 4, 1, 1, 0, 0, 1]))}
    chamber = tables["By chamber"].set_index("chamber")[["offices", "targeted", "documents",
                                                           "meetings"]]
    assert chamber.to_dict("index") == {
        "house": {"offices": 2, "targeted": 2, "documents": 8, "meetings": 2},
        "senate": {"offices": 4, "targeted": 1, "documents": 11, "meetings": 5}}
    committee = tables["By committee"].set_index("committee")
    assert committee.loc["HSIF", "name"] == "House Committee on Energy and Commerce"
    assert committee[columns].to_dict("index") == {
        "HSIF": dict(zip(columns, [2, 2, 2, 8, 2, 0, 1, 1, 0, 0])),
        "SSEV": dict(zip(columns, [1, 1, 1, 4, 1, 0, 0, 0, 1, 0]))}
    party = tables["By party"].set_index("party")["documents"].to_dict()
    assert party == {"Democrat": 13, "Republican": 6}


def test_workbook_and_page(campaign_folder):
    """report.xlsx: a sheet per table, header frozen, filters, widths; report.html: one
    page, inline SVG charts, nothing fetched from elsewhere."""
    import openpyxl

    out = campaign_folder["out"]
    book = openpyxl.load_workbook(out / "report.xlsx")
    assert book.sheetnames == ["Offices", "By chamber", "By state", "By party", "By committee",
                               "Nothing yet", "Documents", "Meetings"]
    sheet = book["Offices"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:P7"
    assert [c.value for c in sheet[1]][:3] == ["bioguide_id", "member", "chamber"]
    assert sheet.column_dimensions["B"].width == len("Sheldon Whitehouse") + 2
    page = (out / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2
    assert "<title>Documents and meetings by state</title>" in page
    assert "<desc>ID: documents 6, meetings 2; RI: documents 4, meetings 1; WA: documents 9, " \
           "meetings 4</desc>" in page
    assert "HSIF Energy and Commerce: supportive 0, undecided 1, opposed 1" in page
    assert "<b>3 of 3</b>targeted offices reached" in page
    assert not re.search(r"<script|<link|src=|href=|url\(|@import", page)
    with open(out / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        manifest = list(csv.DictReader(handle))
    assert {"report.xlsx", "report.html"} <= {r["path"] for r in manifest}
    # the follow-ups' column survives the report's save of the manifest
    assert any(r.get("meeting_row") == "11" for r in manifest)


def test_report_command(campaign_folder):
    """``advocacy report``: one summary line, the files, a warning per row left out."""
    out, log, path = (campaign_folder[k] for k in ("out", "log", "campaign_path"))
    result = invoke("report", out, "--campaign", path, "--meetings", log, "--date", "2026-11-20")
    assert result.exit_code == 0
    assert ("19 document(s) to 6 office(s); 7 meeting(s); 0 of 3 targeted office(s) with "
            "nothing yet.") in result.stdout
    assert f"Wrote {out / 'report.xlsx'} and {out / 'report.html'}." in result.stdout
    assert result.stderr.count("warning: left out of the report:") == 5
    missing = invoke("report", out / "nowhere", "--campaign", path)
    assert missing.exit_code == 1
    assert missing.stderr.strip().endswith(
        f"Error: {out / 'nowhere'}: no such output folder; give the folder a command wrote "
        "(output/<campaign id> by default)")


def test_meetings_check_knows_follow_ups_made(campaign_folder):
    """``meetings check --out``: the follow-ups made there are no longer listed as due."""
    out, log, path = (campaign_folder[k] for k in ("out", "log", "campaign_path"))
    result = invoke("meetings", "check", log, "--campaign", path, "--date", "2026-11-20",
                    "--out", out)
    assert result.exit_code == 1                    # the five rows that cannot be used
    assert "Follow-ups due on 2026-11-20: none" in result.stdout
