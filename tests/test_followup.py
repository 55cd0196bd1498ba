"""The meetings log (template, check) and the follow-up letters and e-mail drafts (issue 20).

The log and the second campaign are invented in ``meetings_factory`` (twelve rows, each
case named there); the follow-ups are made once per module and read back: the DOCX
paragraph by paragraph (python-docx), the PDF with pypdf, the .eml with ``email``.
"""

from __future__ import annotations

import csv
import datetime as dt
import email
import email.policy
import io

import pytest
from click.testing import CliRunner
from docx import Document
from pypdf import PdfReader

from meetings_factory import DAY, make_campaign, make_log
from toolkit.campaign.model import load_campaign
from toolkit.cli import cli
from toolkit.errors import OutputExistsError


@pytest.fixture(scope="module")
def water(tmp_path_factory):
    """(folder, campaign path, Campaign, meetings log path) of the invented log."""
    folder = tmp_path_factory.mktemp("water")
    path = make_campaign(folder)
    campaign = load_campaign(path)
    return folder, path, campaign, make_log(folder, campaign)


@pytest.fixture(scope="module")
def made(water):
    """The follow-ups of the invented log, made once: (FollowupResult, output folder)."""
    from toolkit.jobs.followup import build_followups

    folder, _, campaign, log = water
    out = folder / "out"
    return build_followups(log, campaign, out, date=DAY), out


def paragraphs(path) -> list[tuple[str, str]]:
    """(style, text) of each paragraph of a DOCX."""
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs]


def texts(path, style: str) -> list[str]:
    return [text for name, text in paragraphs(path) if name == style]


def body(path) -> list[str]:
    return texts(path, "Body Text")


# --------------------------------------------------------------------------- the log

def test_template_workbook(tmp_path, water):
    """The template: frozen header with notes, Excel lists, never replaced without --force."""
    import openpyxl

    from toolkit.jobs.meetings import meetings_template
    from toolkit.sheets.meetings import MEETING_COLUMNS

    campaign_path = water[1]
    path, notes = meetings_template(tmp_path / "m.xlsx", campaign_path)
    assert notes == []                                     # a real sender: nothing to say
    book = openpyxl.load_workbook(path)
    sheet = book["Meetings"]
    assert [c.value for c in sheet[1]] == [header for _, header, _, _ in MEETING_COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet["J1"].value == "Position" and "supportive" in sheet["J1"].comment.text
    rules = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    assert rules["J2:J301"].formula1 == "Lists!$D$2:$D$5" and rules["J2:J301"].showErrorMessage
    assert rules["H2:H301"].formula1 == "Lists!$C$2:$C$3"
    assert rules["A2:A301"].showErrorMessage is False      # a typed name is allowed
    lists = book["Lists"]
    assert [lists.cell(row=r, column=4).value for r in range(2, 6)] == \
        ["supportive", "undecided", "opposed", "no position"]
    assert [lists.cell(row=r, column=5).value for r in (2, 3)] == ["srf", "lead-lines"]
    assert lists["A2"].value == "M001153 Lisa Murkowski (R-AK)"   # Senate first, by state
    before = path.read_bytes()
    with pytest.raises(OutputExistsError, match="exists; nothing was written"):
        meetings_template(path, campaign_path)
    assert path.read_bytes() == before
    meetings_template(path, campaign_path, force=True)
    result = CliRunner().invoke(cli, ["meetings", "template", str(tmp_path / "m.csv")])
    assert result.exit_code == 1
    assert result.stderr.endswith(f"Error: {tmp_path / 'm.csv'}: the meetings log template is "
                                  "an Excel workbook; name it .xlsx\n")


def test_log_read(water):
    """Usable rows, each with what the reading decided; the others stopped with a reason."""
    from toolkit.sheets.meetings import load_meetings

    folder, _, campaign, log = water
    read = load_meetings(log, campaign, day=DAY)
    assert [m.row for m in read.meetings] == [2, 3, 4, 5, 6, 11, 12]
    assert sorted(read.problems) == [7, 8, 9, 10, 13]
    first = read.meetings[0]
    assert (first.leg.bioguide_id, first.member_present, first.discussed, first.position,
            first.materials, first.follow_up.isoformat(), first.follow_up_given) == (
        "C000127", True, ("srf", "lead-lines"), "supportive",
        ("Lead service line counts for Seattle", "utility rate data"), "2026-11-19", True)
    schrier = read.meetings[1]
    assert schrier.leg.bioguide_id == "S001216"
    assert (schrier.follow_up.isoformat(), schrier.follow_up_given) == ("2026-11-20", False)
    assert f"{log}:3:Office: 'Rep. Kim Schrier (WA-8)' read as Kim Schrier (S001216, D-WA-8)" \
        in read.notices
    assert read.meetings[4].position == "" and read.meetings[4].staff_name == ""
    assert not any("a date cell" in w for w in read.warnings)   # dates taken as stored


def test_meetings_check_messages_and_exit(water):
    """``meetings check``: the read report, every problem, the follow-ups due; exit 1."""
    folder, campaign_path, _, log = water
    result = CliRunner().invoke(cli, ["meetings", "check", str(log), "--campaign",
                                      str(campaign_path), "--date", "2026-11-20"])
    assert result.exit_code == 1
    out = result.stdout
    assert f"{log}: sheet 'Meetings', header row 1" in out
    assert "  J  Position -> position" in out
    assert f"{log}: 12 meeting(s) read: 7 usable, 5 stopped" in out
    assert ("Follow-ups due on 2026-11-20: 6\n"
            "  row 4: Russ Fulcher (F000469, R-ID-1), met 2026-11-02: overdue by 11 days (due 2026-11-09)\n"
            "  row 11: Maria Cantwell (C000127, D-WA), met 2026-11-06: overdue by 7 days (due 2026-11-13)\n"
            "  row 12: James E. Risch (R000584, R-ID), met 2026-11-09: overdue by 4 days (due 2026-11-16)\n"
            "  row 6: Patty Murray (M001111, D-WA), met 2026-11-10: overdue by 3 days (due 2026-11-17)\n"
            "  row 2: Maria Cantwell (C000127, D-WA), met 2026-11-12: overdue by 1 day (due 2026-11-19)\n"
            "  row 3: Kim Schrier (S001216, D-WA-8), met 2026-11-13: due today\n") in out
    err = result.stderr.splitlines()
    assert err[-6:] == [
        f"{log}:7:Office: no member in office matches 'Sen. Nobody'; write the bioguide ID "
        "(the template's Lists sheet has them)",
        f"{log}:8:Office: Jon Husted (H001104, R-OH)'s term ended on 2026-11-03, before the "
        "meeting on 2026-11-05; check the office and the date ('advocacy contacts update' for "
        "the members now in office)",
        f"{log}:9:Date: 2026-12-01 is after 2026-11-20: log a meeting once it has taken place "
        "(or check --date)",
        f"{log}:10:Discussed: 'leadlines' is not a recommendation of campaign water-2026 (did "
        "you mean lead-lines?); its IDs are srf, lead-lines",
        f"{log}:13:Office: 'Rep. Smith' fits 4 members (Adam Smith (S000510, D-WA-9), Adrian "
        "Smith (S001172, R-NE-3), Christopher H. Smith (S000522, R-NJ-4), Jason Smith "
        "(S001195, R-MO-8)); write the bioguide ID, or add the state: 'Rep. Smith (NJ-4)'",
        f"Error: 5 row(s) of {log} cannot be used; fix them and check again"]


def test_meetings_check_clean_log_exits_0(tmp_path, water):
    """A log whose rows are all usable passes; a position outside the list is stopped."""
    from meetings_factory import ROWS

    campaign_path, campaign = water[1], water[2]
    log = make_log(tmp_path, campaign, [ROWS[0], ROWS[1]])
    result = CliRunner().invoke(cli, ["meetings", "check", str(log), "--campaign",
                                      str(campaign_path), "--date", "2026-11-15"])
    assert result.exit_code == 0, result.output
    assert f"{log}: 2 meeting(s) read: 2 usable, 0 stopped" in result.stdout
    assert "Follow-ups due on 2026-11-15: none" in result.stdout
    (tmp_path / "bad").mkdir()
    bad = make_log(tmp_path / "bad", campaign, [[*ROWS[1][:9], "maybe", *ROWS[1][10:]]])
    result = CliRunner().invoke(cli, ["meetings", "check", str(bad), "--campaign",
                                      str(campaign_path), "--date", "2026-11-15"])
    assert result.exit_code == 1
    assert (f"{bad}:2:Position: 'maybe' is not a position; write supportive, undecided, "
            "opposed or no position") in result.stderr


def test_csv_log_with_title_row_and_us_dates(tmp_path, water):
    """A CSV log is read as any sheet: the header found under a title row, a US date read
    with a warning, a column renamed with --map."""
    from toolkit.sheets.meetings import load_meetings

    path = tmp_path / "log.csv"
    path.write_text("Hill day, November 2026,,,\n"
                    "Member,Meeting date,Staffer,Discussed,Stance\n"
                    "Sen. Cantwell,11/4/2026,Ms. Lopez,srf,support\n", encoding="utf-8")
    read = load_meetings(path, water[2], day=DAY, columns={"position": "Stance",
                                                            "staff_name": "Staffer"})
    [meeting] = read.meetings
    assert (meeting.leg.bioguide_id, meeting.date.isoformat(), meeting.position,
            meeting.follow_up.isoformat()) == ("C000127", "2026-11-04", "supportive", "2026-11-11")
    assert read.report.header_row == 2
    assert read.warnings[-2:] == (
        f"{path}:3:Meeting date: '11/4/2026' read as 2026-11-04 (month/day/year)",
        f"{path}:3:Stance: 'support' read as supportive")


# --------------------------------------------------------------------------- letters

def test_letter_met_member_and_staff_supportive(made):
    """Row 2: the member and Ms. Lopez; supportive; the next step; two materials."""
    _, out = made
    docx = out / "followup/r2-WA-sen-cantwell-C000127.docx"
    assert texts(docx, "Salutation") == ["Dear Senator Cantwell:"]
    # the Seattle office: the nearest to the organization (Seattle, WA 98101)
    assert texts(docx, "Inside Address") == ["The Honorable Maria Cantwell", "United States Senate",
                                             "915 Second Ave., Suite 3206", "Seattle, WA 98174"]
    assert texts(docx, "Subject") == [
        "Re: Our meeting of November 12, 2026 on federal funding for safe drinking water"]
    assert body(docx) == [
        "Thank you for meeting with us, and to Ms. Lopez, your Legislative Assistant, on "
        "November 12, 2026 in Seattle. We came on behalf of the Cascade Water Alliance to "
        "discuss federal funding for safe drinking water.",          # two attended: "we"
        "We are grateful for the support your office expressed for our recommendations to fund "
        "the Drinking Water State Revolving Fund at its authorized level and to replace every "
        "lead service line within ten years. The next step we agreed on: \u201cMs. Lopez "
        "will ask the Senator to sign the appropriations letter.\u201d",    # quoted as written
        "As we promised, we are sending you:",
        "We will check back with Ms. Lopez in two to three weeks. Thank you again for your "
        "time and attention."]
    assert texts(docx, "Closing") == ["Sincerely,", "cc: Ms. Lopez, Legislative Assistant"]
    assert texts(docx, "List Bullet") == ["\u2022\tLead service line counts for Seattle",
                                          "\u2022\tUtility rate data"]   # capitalized
    assert not texts(docx, "Draft Mark")           # a real sender: no DRAFT mark
    pdf = PdfReader(str(out / "followup/r2-WA-sen-cantwell-C000127.pdf"))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    assert "Thank you for meeting with us, and to Ms. Lopez, your Legislative Assistant, on " \
           "November 12, 2026 in Seattle." in text


def test_letter_staff_only_undecided_without_materials(made):
    """Row 3: staff only (no title): its own opening; undecided; no materials section; one
    signer and no attendee logged: "I"."""
    _, out = made
    docx = out / "followup/r3-WA-rep-schrier-S001216.docx"
    assert texts(docx, "Salutation") == ["Dear Representative Schrier:"]
    assert texts(docx, "Inside Address") == [
        "The Honorable Kim Schrier", "United States House of Representatives",
        "22500 SE 64th Pl, Suite 226", "Issaquah, WA 98027-7900"]
    assert body(docx)[:2] == [
        "Thank you for the opportunity to meet with Mr. Park of your staff on November 13, 2026 "
        "in Washington. I came on behalf of the Cascade Water Alliance to discuss federal "
        "funding for safe drinking water.",
        "I understand that your office is still considering the recommendation to fund the "
        "Drinking Water State Revolving Fund at its authorized level. I ask you to support it. "
        "I would be glad to answer any question your office has as it decides."]
    assert not texts(docx, "List Bullet")
    assert not any("promised" in t for t in body(docx))
    assert texts(docx, "Closing")[-1] == "cc: Mr. Park"


def test_letter_opposed_no_position_member_only(made):
    """Rows 4, 5, 6: opposed stays courteous; no position restates the campaign's ask;
    the member alone: no staffer named, no cc."""
    _, out = made
    fulcher = body(out / "followup/r4-ID-rep-fulcher-F000469.docx")
    assert fulcher[0].startswith("Thank you for the opportunity to meet with Ms. Chen, your "
                                 "Chief of Staff, on November 2, 2026 in Meridian.")
    assert fulcher[1] == (
        "I understand that your office does not support the recommendation to replace every "
        "lead service line within ten years at this time, and I appreciate the candid "
        "conversation. I hope you will keep it in mind, and I remain ready to provide any "
        "information that would be useful to you.")
    whitehouse = body(out / "followup/r5-RI-sen-whitehouse-W000802.docx")
    assert whitehouse[1] == (
        "I understand that your office has not taken a position on federal funding for safe "
        "drinking water. I urge you to fund the drinking water programs that keep lead out of "
        "my homes.")              # the campaign's ask in one writer's voice (wording.singular)
    murray = out / "followup/r6-WA-sen-murray-M001111.docx"
    assert body(murray)[:2] == [
        "Thank you for meeting with me on November 10, 2026. I came on behalf of the Cascade "
        "Water Alliance to discuss federal funding for safe drinking water.",
        "As we discussed, I ask you to support the recommendation to fund the Drinking Water "
        "State Revolving Fund at its authorized level."]
    assert body(murray)[-1] == ("I will check back with your staff in two to three weeks. "
                                "Thank you again for your time and attention.")
    assert not (out / "followup/r6-WA-sen-murray-M001111.eml").exists()


def test_letter_named_office_and_next_step(made):
    """Row 11: "Send letter to: Spokane" and a supportive office without commitments;
    row 12: undecided with the material it asked for."""
    _, out = made
    spokane = out / "followup/r11-WA-sen-cantwell-C000127.docx"
    assert texts(spokane, "Inside Address")[2:] == ["920 W. Riverside Ave., Suite 697",
                                                    "Spokane, WA 99201"]
    assert body(spokane)[1] == (
        "I am grateful for the support your office expressed for the recommendation to "
        "replace every lead service line within ten years. As the next step, I ask you to "
        "champion it with your colleagues.")
    risch = out / "followup/r12-ID-sen-risch-R000584.docx"
    assert texts(risch, "Salutation") == ["Dear Senator Risch:"]
    assert body(risch)[1:3] == [
        "I understand that your office is still considering the recommendation to fund the "
        "Drinking Water State Revolving Fund at its authorized level. I ask you to support it.",
        "To help your office decide, as I promised, I am sending you:"]
    assert texts(risch, "List Bullet") == ["\u2022\tEPA needs survey summary"]


def test_email_draft_headers_and_attachment(made):
    """Row 2's e-mail: To the staffer, From the organization, a draft, the one-pager attached."""
    _, out = made
    message = email.message_from_bytes(
        (out / "followup/r2-WA-sen-cantwell-C000127.eml").read_bytes(), policy=email.policy.default)
    assert message["To"] == "ana_lopez@cantwell.senate.gov"
    assert message["From"] == "Cascade Water Alliance <info@cascadewater.org>"
    assert message["Subject"] == "Thank you for meeting with us on November 12, 2026"
    assert message["X-Unsent"] == "1"
    assert message["Date"] is None and message["Message-ID"] is None
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("Dear Ms. Lopez,\n\nThank you for meeting with us, with Senator "
                           "Cantwell, on November 12, 2026 in Seattle to discuss federal "
                           "funding for safe drinking water. We are grateful for your office's "
                           "support for our recommendations to fund the Drinking Water State "
                           "Revolving Fund at its authorized level and to replace every lead "
                           "service line within ten years.\n")
    assert "As we promised, here is what we said we would send:\n\n- Lead service line counts " \
           "for Seattle\n- Utility rate data" in text
    assert "Our one-page brief is attached." in text
    assert text.rstrip().endswith("Dana Whitfield, Director\nCascade Water Alliance\n"
                                  "info@cascadewater.org \u00b7 206-443-0142")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "water-2026-cantwell-one-pager.pdf"
    pdf = PdfReader(io.BytesIO(attachment.get_content()))
    assert len(pdf.pages) == 1
    assert "Senator Cantwell" in pdf.pages[0].extract_text()
    staff_only = email.message_from_bytes(
        (out / "followup/r3-WA-rep-schrier-S001216.eml").read_bytes(), policy=email.policy.default)
    assert staff_only["To"] is None                       # the row gives no e-mail
    assert staff_only.get_body(("plain",)).get_content().replace("\r\n", "\n").startswith(
        "Dear Mr. Park,\n\nThank you for meeting with me on November 13, 2026 in Washington to "
        "discuss federal funding for safe drinking water. I hope your office will support the "
        "recommendation to fund the Drinking Water State Revolving Fund at its authorized "
        "level.\n\nMy one-page brief is attached. I will check back with you in two to three "
        "weeks; until then, please let me know if I can help.\n")
    assert staff_only["Subject"] == "Thank you for meeting with me on November 13, 2026"


def test_manifest_rows_and_rerun(made, water):
    """Every file in the manifest with its meeting row; a rerun writes and logs nothing new."""
    from toolkit.jobs.followup import build_followups

    result, out = made
    assert (result.letters, result.emails) == (7, 6)
    assert [row for row, _ in result.attention] == [7, 8, 9, 10, 13]
    with open(out / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {r["path"]: r for r in csv.DictReader(handle)}
    assert len(rows) == 20
    row = rows["followup/r11-WA-sen-cantwell-C000127.pdf"]
    assert (row["meeting_row"], row["kind"], row["office"], row["pages"]) == (
        "11", "followup-letter", "district: Spokane, WA", "1")
    assert rows["followup/r2-WA-sen-cantwell-C000127.eml"]["kind"] == "followup-email"
    log_before = (out / "campaign-log.csv").read_bytes()
    assert log_before.count(b"\r\n") == 21                 # header + 20 files
    again = build_followups(water[3], water[2], out, date=DAY)
    assert again.files.written == [] and len(again.files.unchanged) == 20
    assert (out / "campaign-log.csv").read_bytes() == log_before


def test_followup_command_lists_rows_and_exits_1(tmp_path, water):
    """The command makes what it can, lists the rows that got nothing, exits 1."""
    folder, campaign_path, _, log = water
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["followup", str(log), "--campaign", str(campaign_path),
                                      "--date", "2026-11-20", "--out", str(out),
                                      "--format", "pdf"])
    assert result.exit_code == 1
    assert (f"7 meeting(s) read from {log}: 7 thank-you letter(s), 0 e-mail draft(s)."
            in result.stdout)
    assert "  followup-letter pdf   7" in result.stdout
    assert f"5 meeting row(s) of {log} got nothing:" in result.stderr
    assert f"  {log}:9:Date: 2026-12-01 is after 2026-11-20" in result.stderr


def test_mali_campaign_words(tmp_path, campaign):
    """The bundled campaign: its own phrases in the same sentences (a phrase holding a
    comma gets a comma before "and", as campaign.prose_list writes); its placeholder
    sender marks the letter DRAFT."""
    import datetime as dt

    from toolkit.jobs.followup import build_followups

    rows = [["S001181", dt.date(2026, 3, 4), "Washington", "", "Mr. Ruiz", "Foreign Policy Advisor",
             "", "No", "diplomacy, economy", "undecided", "", "", None, ""]]
    log = make_log(tmp_path, campaign, rows)
    made = build_followups(log, campaign, tmp_path / "out", date=dt.date(2026, 3, 6),
                           formats=("docx",))
    docx = tmp_path / "out/followup/r2-NH-sen-shaheen-S001181.docx"
    assert made.files.written == ["followup/r2-NH-sen-shaheen-S001181.docx"]
    assert texts(docx, "Draft Mark")[0].startswith("DRAFT")
    assert body(docx)[:2] == [
        "Thank you for the opportunity to meet with Mr. Ruiz, your Foreign Policy Advisor, on "
        "March 4, 2026 in Washington. I came on behalf of Your Organization Name to discuss "
        "U.S. policy toward Mali.",
        "I understand that your office is still considering the recommendations to maintain "
        "diplomatic relations with Mali without imposing sanctions and to center its "   # two: no comma
        "partnership with Mali on economic livelihood, a step toward restoring its AGOA status. "
        "I ask you to support them. I would be glad to answer any question your office has "
        "as it decides."]


# ------------------------------------------------------- the writer's words (new-user trial)

def test_quoted_keeps_the_users_words():
    """The Commitments cell is quoted as written: its capitals and words kept, one full
    stop inside the closing mark, quotation marks not doubled."""
    from toolkit.documents.followup import quoted

    assert quoted("The senator will ask the subcommittee") == \
        "\u201cThe senator will ask the subcommittee.\u201d"
    assert quoted("  we send the  data by Friday. ") == "\u201cwe send the data by Friday.\u201d"
    assert quoted("Call us back!") == "\u201cCall us back!\u201d"
    assert quoted("\u201cShe will co-sign.\u201d") == "\u201cShe will co-sign.\u201d"
    assert quoted('"She will co-sign"') == "\u201cShe will co-sign.\u201d"
    assert quoted("") == "" and quoted('""') == ""


def test_writes_alone_follows_signers_and_attendees():
    """One signer who went alone (or no attendee logged) writes "I"; anyone else, "we"."""
    from toolkit.campaign.model import Signer
    from toolkit.documents.prose import attendee_names, writes_alone

    marta = (Signer(name="Marta Lindqvist", title="Executive Director"),)
    assert attendee_names("Dana Whitfield; Sam Ortiz") == ("Dana Whitfield", "Sam Ortiz")
    assert attendee_names("Ana and Bo, Cy & Di") == ("Ana", "Bo", "Cy", "Di")
    assert writes_alone(marta, "")
    assert writes_alone(marta, "Marta Lindqvist")
    assert writes_alone(marta, "marta  lindqvist")
    assert not writes_alone(marta, "Marta Lindqvist; Joe Park")
    assert not writes_alone(marta, "Joe Park")            # someone else went for us
    assert not writes_alone(marta + (Signer(name="Joe Park"),), "")


TRIAL_ROWS = [
    # the trial's row: one signer who went alone; commitments in the third person with a
    # capital; materials as the user typed them
    ["C000127", dt.date(2026, 11, 12), "Washington", "Dana Whitfield", "Ms. Lopez",
     "Legislative Assistant", "ana_lopez@cantwell.senate.gov", "No", "srf", "supportive",
     "The senator will ask the subcommittee to include the full amount in its bill",
     "Route map; ridership data", None, ""],
    # two went for the organization: "we"; opposed without a recommendation logged
    ["S001216", dt.date(2026, 11, 13), "Washington", "Dana Whitfield and Sam Ortiz",
     "Mr. Park", "", "", "No", "", "opposed", "", "", None, ""],
]


@pytest.fixture(scope="module")
def trial(tmp_path_factory):
    """The water campaign with the sender's e-mail a placeholder, and TRIAL_ROWS:
    (FollowupResult, output folder)."""
    import datetime as dt

    from meetings_factory import CAMPAIGN
    from toolkit.jobs.followup import build_followups

    folder = tmp_path_factory.mktemp("trial")
    path = folder / "water.yaml"
    path.write_text(CAMPAIGN.replace("info@cascadewater.org", "info@cascadewater.example.org"),
                    encoding="utf-8")
    campaign = load_campaign(path)
    log = make_log(folder, campaign, TRIAL_ROWS)
    return build_followups(log, campaign, folder / "out", date=dt.date(2026, 11, 20)), \
        folder / "out"


def test_trial_letter_one_writer(trial):
    """One signer who went alone: "I" throughout; the organization as every letter names it
    (prose.LetterWords.organization: "the Cascade Water Alliance"); the next step quoted
    as the log wrote it; each material capitalized."""
    _, out = trial
    docx = out / "followup/r2-WA-sen-cantwell-C000127.docx"
    assert body(docx) == [
        "Thank you for the opportunity to meet with Ms. Lopez, your Legislative Assistant, on "
        "November 12, 2026 in Washington. I came on behalf of the Cascade Water Alliance to "
        "discuss federal funding for safe drinking water.",
        "I am grateful for the support your office expressed for the recommendation to fund the "
        "Drinking Water State Revolving Fund at its authorized level. The next step we agreed "
        "on: \u201cThe senator will ask the subcommittee to include the full amount in its "
        "bill.\u201d",
        "As I promised, I am sending you:",
        "I will check back with Ms. Lopez in two to three weeks. Thank you again for your time "
        "and attention."]
    assert texts(docx, "List Bullet") == ["\u2022\tRoute map", "\u2022\tRidership data"]


def test_trial_letter_several_attendees(trial):
    """Two went for the organization: "we", "our"."""
    _, out = trial
    assert body(out / "followup/r3-WA-rep-schrier-S001216.docx")[:2] == [
        "Thank you for the opportunity to meet with Mr. Park of your staff on November 13, 2026 "
        "in Washington. We came on behalf of the Cascade Water Alliance to discuss federal "
        "funding for safe drinking water.",
        "We understand that your office does not support our position on federal funding for "
        "safe drinking water at this time, and we appreciate the candid conversation. We hope "
        "you will keep our request in mind, and we remain ready to provide any information "
        "that would be useful to you."]


def test_trial_email_one_writer_no_from_for_a_placeholder(trial):
    """The e-mail in the letter's voice, its materials as the letter's; a placeholder
    sender e-mail is never written as From (the mail program sends from the user's own
    account), and a note says so."""
    result, out = trial
    message = email.message_from_bytes(
        (out / "followup/r2-WA-sen-cantwell-C000127.eml").read_bytes(), policy=email.policy.default)
    assert message["From"] is None
    assert message["Subject"] == "Thank you for meeting with me on November 12, 2026"
    text = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert ("Dear Ms. Lopez,\n\nThank you for meeting with me on November 12, 2026 in "
            "Washington to discuss federal funding for safe drinking water. I am grateful for "
            "your office's support for the recommendation to fund the Drinking Water State "
            "Revolving Fund at its authorized level.\n\nAs I promised, here is what I said I "
            "would send:\n\n- Route map\n- Ridership data\n\nMy one-page brief is attached. I "
            "will check back with you in two to three weeks; until then, please let me know if "
            "I can help.\n") in text
    assert ("Note: the e-mail drafts have no From: (sender.email "
            "'info@cascadewater.example.org' is a placeholder); your mail program will send "
            "them from the account you open them with. Put the organization's address under "
            "sender: email in your campaign YAML") in result.notes


def test_no_sender_note_only_without_a_real_address(water):
    """A real sender e-mail: From is written and nothing is said."""
    from toolkit.documents.followup import no_sender_note, sender_address

    campaign = water[2]
    assert sender_address(campaign) == "Cascade Water Alliance <info@cascadewater.org>"
    assert no_sender_note(campaign) == ""
