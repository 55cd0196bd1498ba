"""issue-10b: placeholder senders (DRAFT mark), committee IDs and friendlier campaign messages."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from click.testing import CliRunner

from conftest import draft_marked_pages, pdf_text
from toolkit.campaign.model import bundled_campaign_path, load_campaign
from toolkit.campaign.check import check_campaign, plural
from toolkit.cli import cli
from toolkit.documents.draftmark import mark_html
from toolkit.campaign.placeholders import sender_placeholders
from toolkit.errors import CampaignError

BUNDLED = bundled_campaign_path().read_text(encoding="utf-8")
REAL_SENDER = """sender:
  organization: "Friends of the Sahel"
  address: ["1400 K Street NW, Suite 300", "Washington, DC 20005"]
  email: "policy@friendsofthesahel.org"
  phone: "202-332-1400"
  signers:
    - name: "Aminata Traoré"
      title: "Executive Director"
"""


def _campaign(tmp_path, text: str, name: str = "c.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _with_sender(sender_yaml: str) -> str:
    start = BUNDLED.index("sender:")
    end = BUNDLED.index("targets:")
    return BUNDLED[:start] + sender_yaml + "\n" + BUNDLED[end:]


def test_every_placeholder_sender_value_is_found():
    assert sender_placeholders(load_campaign().sender) == [
        "sender.organization: 'Your Organization Name'",
        "sender.address[0]: '123 Main Street'",
        "sender.address[1]: 'Anytown, ST 00000'",
        "sender.email: 'advocacy@example.org'",
        "sender.phone: '555-555-0100'",
        "sender.signers[0].name: 'Your Name'",
    ]


def test_one_placeholder_left_is_enough(tmp_path):
    text = _with_sender(REAL_SENDER.replace('"Aminata Traoré"', '"Your Name"'))
    loaded = load_campaign(_campaign(tmp_path, text))
    assert sender_placeholders(loaded.sender) == ["sender.signers[0].name: 'Your Name'"]
    assert loaded.placeholder_sender
    real = load_campaign(_campaign(tmp_path, _with_sender(REAL_SENDER), "real.yaml"))
    assert sender_placeholders(real.sender) == [] and not real.placeholder_sender


def test_mark_html_is_out_of_the_flow():
    html = mark_html("<html><head><title>x</title></head><body class='letter'><p>Hi</p></body></html>")
    assert "<body class='letter'><div class=\"draft-mark\">DRAFT<br><span>placeholder sender: " \
           "do not mail</span></div><p>Hi</p>" in html
    assert "position: fixed" in html.split("</head>")[0]


def test_generate_says_so_first_and_marks_every_page(tmp_path):
    import docx

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["generate", "--id", "C000127", "--kind", "letter",
                                      "--out", str(out), "--date", "2026-01-15", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Note: the campaign's sender still has 6 placeholder "
                                    "value(s) (sender.organization: 'Your Organization Name';")
    reader = PdfReader(out / "letters/WA-sen-cantwell-C000127.pdf")
    # drawn on every page, as outlines: not in the page's text (issue 18)
    assert draft_marked_pages(out / "letters/WA-sen-cantwell-C000127.pdf") == [True] * len(reader.pages)
    assert not any("placeholder sender" in p.extract_text() for p in reader.pages)
    document = docx.Document(str(out / "letters/WA-sen-cantwell-C000127.docx"))
    assert document.paragraphs[0].text == "DRAFT\nplaceholder sender: do not mail"
    mark = document.styles["Draft Mark"]       # bold red, not easy to miss in Word
    assert document.paragraphs[0].style.name == "Draft Mark"
    assert mark.font.bold and str(mark.font.color.rgb) == "C00000"
    header_mark = document.sections[0].header.paragraphs[0].style
    assert header_mark.name == "Draft Mark Header" and header_mark.font.size.pt == 9
    assert header_mark.font.bold and str(header_mark.font.color.rgb) == "C00000"
    # and in the header of every page: page 1's (a different first page) and the others'
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.first_page_header.paragraphs] == [
        "DRAFT \u2014 placeholder sender: do not mail"]
    assert section.header.paragraphs[0].text == "DRAFT \u2014 placeholder sender: do not mail"


def test_real_sender_has_no_mark(tmp_path):
    path = _campaign(tmp_path, _with_sender(REAL_SENDER))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["generate", "--campaign", str(path), "--id", "C000127",
                                      "--kind", "letter", "--format", "pdf", "--out", str(out),
                                      "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "placeholder" not in result.output
    assert "DRAFT" not in pdf_text(out / "letters/WA-sen-cantwell-C000127.pdf")


@pytest.mark.parametrize("sender,marked", [(None, True), (REAL_SENDER, False)])
def test_label_sheets_carry_the_mark_in_the_top_margin_off_every_label(tmp_path, sender,
                                                                       marked):
    """Every page of labels and envelopes says DRAFT while the sender is a placeholder:
    on a label sheet, one line above the first row of labels (Avery 5160 top margin)."""
    import pdfplumber

    path = _campaign(tmp_path, _with_sender(sender) if sender else BUNDLED)
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["labels", "--campaign", str(path), "--all",
                                      "--limit", "31", "--out", str(out), "--date",
                                      "2026-11-29"])
    assert result.exit_code == 0, result.output
    mark = "DRAFT \u2014 placeholder sender: do not mail"
    with pdfplumber.open(out / "labels/labels-avery5160.pdf") as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            lines = page.extract_text().splitlines()
            assert (lines[0] == mark) is marked
            if marked:     # 72 pt = 1 in: the mark ends in the 0.5 in margin
                word = page.extract_words()[0]
                assert word["text"] == "DRAFT" and word["bottom"] < 36
    envelopes = PdfReader(out / "envelopes/envelopes-no10.pdf")
    assert len(envelopes.pages) == 31
    assert all(("DRAFT" in page.extract_text()) is marked for page in envelopes.pages)


@pytest.mark.parametrize("given,said", [
    ("SSFR9", " (did you mean 'SSFR09'?)"),
    ("QQQQ", "; committee IDs are the committee_id column of contacts/committee-membership.csv")])
def test_unknown_committee_option_gets_the_same_did_you_mean(tmp_path, given, said):
    result = CliRunner().invoke(cli, ["generate", "--committee", given, "--dry-run", "--out",
                                      str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (f"Error: --committee {given}: no member in the "
                                              f"contacts holds a seat on it{said}")


def test_call_sheet_csv_of_a_real_sender_has_an_empty_draft_column(tmp_path):
    import csv

    path = _campaign(tmp_path, _with_sender(REAL_SENDER))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["calls", "--campaign", str(path), "--id", "C000127",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    with open(out / "calls/call-sheet.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["bioguide_id"], r["draft"]) for r in rows] == [("C000127", "")]
    assert "Friends of the Sahel" in rows[0]["script"]


def test_unknown_committee_stops_generate_with_did_you_mean(tmp_path):
    text = BUNDLED.replace("committees: [SSFR, SSFR09, HSFA, HSFA16, SSAP20, HSAP04, SSAS, HSAS, "
                           "SSFI13, HSWM04]", "committees: [SSFR, SSFRX9]")
    path = _campaign(tmp_path, text)
    result = CliRunner().invoke(cli, ["generate", "--campaign", str(path), "--dry-run",
                                      "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert result.output.splitlines()[-2:] == [
        f"Error: {path}: 1 unknown committee ID(s); fix them (see 'advocacy campaign check')",
        f"{path}: targets.committees: unknown committee ID 'SSFRX9' (did you mean 'SSFR09'?)"]


def test_campaign_check_reports_every_problem_at_once(tmp_path):
    text = (BUNDLED.replace("  date: 2023-04-27", "  date: April 27, 2023")
            .replace("committees: [SSFR, SSFR09, HSFA, HSFA16, SSAP20, HSAP04, SSAS, HSAS, "
                     "SSFI13, HSWM04]", "committees: [SSFR, SSFRX9]"))
    path = _campaign(tmp_path, text)
    checked = check_campaign(path)
    assert checked.problems == (
        f"{path}: source.date: not a date; write it as YYYY-MM-DD: 2023-04-27 "
        "(got 'April 27, 2023')",
        f"{path}: targets.committees: unknown committee ID 'SSFRX9' (did you mean 'SSFR09'?)")
    result = CliRunner().invoke(cli, ["campaign", "check", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-3:] == [f"Error: {path}: 2 problem(s)", *checked.problems]


def test_campaign_check_reports_placeholders():
    result = CliRunner().invoke(cli, ["campaign", "check", str(bundled_campaign_path())])
    assert result.exit_code == 0
    assert (f"placeholder: {bundled_campaign_path()}: sender.phone: '555-555-0100': replace it "
            "before mailing (documents are marked DRAFT until then)") in result.output.splitlines()
    assert "5 recommendations, 4 principles, 3 key facts" in result.output


def test_unquoted_colon_says_put_the_text_in_quotes(tmp_path):
    text = BUNDLED.replace('title: "Stay Engaged with Mali: Five Recommendations for U.S. Policy"',
                           "title: Stay Engaged: Five Recommendations")
    with pytest.raises(CampaignError) as caught:
        load_campaign(_campaign(tmp_path, text))
    assert str(caught.value).endswith(
        "YAML syntax error: mapping values are not allowed here; a value holding a colon and a "
        "space (': ') must be quoted: put the text in quotes, e.g. title: \"Mali: Five Steps\"")


def test_house_salutation_is_case_insensitive(tmp_path):
    text = BUNDLED.replace("house_salutation: representative", "house_salutation: Congressman")
    assert load_campaign(_campaign(tmp_path, text)).style.house_salutation == "congressman"


@pytest.mark.parametrize("count,expected", [(0, "0 key facts"), (1, "1 key fact"),
                                            (2, "2 key facts")])
def test_plural(count, expected):
    assert plural(count, "key fact") == expected


def test_one_key_fact_in_campaign_check(tmp_path):
    start = BUNDLED.index('  - figure: "5.9%"')
    end = BUNDLED.index("letter_facts: 2")
    path = _campaign(tmp_path, BUNDLED[:start] + "letter_facts: 1" + BUNDLED[end + 15:])
    result = CliRunner().invoke(cli, ["campaign", "check", str(path)])
    assert "5 recommendations, 4 principles, 1 key fact\n" in result.output, result.output


@pytest.mark.parametrize("written", ["2023-27-04", "2023-04-31"])
def test_impossible_date_is_a_problem_not_a_traceback(tmp_path, written):
    path = tmp_path / "c.yaml"
    path.write_text(BUNDLED.replace("  date: 2023-04-27", f"  date: {written}"), encoding="utf-8")
    for args in (["campaign", "check", str(path)],
                 ["generate", "--campaign", str(path), "--id", "S001181", "--dry-run"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and not isinstance(result.exception, ValueError)
        assert (f"{path}: source.date: not a date; write it as YYYY-MM-DD, e.g. 2023-04-27 "
                f"(got '{written}')") in result.output.splitlines()
