"""Letters as web-form text and draft e-mail (--format txt/eml, --max-chars, web_form.topic)."""

from __future__ import annotations

from toolkit.jobs import constituents

import csv

import email
import email.policy
import re

import yaml
from click.testing import CliRunner

from conftest import pdf_text, squash
from toolkit.documents import plaintext
from toolkit.campaign.model import bundled_campaign_path, load_campaign
from toolkit.cli import cli
from toolkit.sheets.constituents import Constituent


def _parts(path):
    """(header lines, body) of a .txt file; the body without its final line break."""
    text = path.read_bytes().decode("utf-8")
    head, body = text.split("\r\n\r\n", 1)
    return head.split("\r\n"), body[:-2] if body.endswith("\r\n") else body


def _form_length(body: str) -> int:
    return len(body.replace("\r\n", "\n")) + body.count("\r\n")


def test_every_txt_body_is_within_max_chars_and_one_that_cannot_fit_is_reported(tmp_path):
    result = CliRunner().invoke(cli, ["generate", "--committee", "SSFR09", "--format", "txt",
                                      "--max-chars", "2100", "--date", "2026-03-02", "--jobs",
                                      "1", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "letters").glob("*.txt"))
    assert len(files) == 11 and not list(tmp_path.glob("onepagers/*"))
    reported = dict(re.findall(r"letters/(\S+): the text body is ([\d,]+) characters",
                               result.output))
    shortened = 0
    for path in files:
        head, body = _parts(path)
        assert head == ["Topic: Foreign Affairs", "Subject: U.S. policy toward Mali"]
        # the bundled sender is a placeholder: the text is marked as a draft, as PDFs are
        mark = "DRAFT\r\nplaceholder sender: do not mail\r\n\r\n"
        assert body.startswith(mark + "Dear Senator ") or body.startswith(
            mark + "Dear Representative ")
        length = _form_length(body)
        if path.stem in reported:
            # over even at the tightest fit: reported with its true length, kept whole
            assert reported[path.stem] == f"{length:,}" and length > 2100
            assert body.endswith("Your Name\r\nExecutive Director")
        else:
            assert length <= 2100, path.name
            # fit 2 leaves out the campaign's opening sentence
            shortened += "Isolation would make ordinary Malians pay" not in body
    assert reported and len(reported) < len(files) and shortened
    # nothing shortened in silence: the summary and the manifest's shortened column say so
    with open(tmp_path / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        noted = [r for r in csv.DictReader(handle) if r["shortened"]]
    assert len(noted) >= shortened and all("opening sentence left out" in r["shortened"]
                                           for r in noted)
    assert "shortened to fit the web form's 2,100 characters: " in result.output
    assert ("over the web form limit of 2,100 even shortened; nothing was cut: shorten the "
            "campaign text or raise --max-chars") in result.output


def test_txt_has_the_pdf_words_without_letterhead_date_or_inside_address(tmp_path):
    result = CliRunner().invoke(cli, ["generate", "--id", "C000127", "--kind", "letter",
                                      "--format", "pdf", "--format", "txt", "--format", "eml",
                                      "--date", "2026-03-02", "--jobs", "1", "--out",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    stem = tmp_path / "letters" / "WA-sen-cantwell-C000127"
    head, body = _parts(stem.with_suffix(".txt"))
    pdf = squash(pdf_text(stem.with_suffix(".pdf")))
    paragraphs = body.split("\r\n\r\n")
    # the text's DRAFT mark is words; the PDF's is drawn as outlines (issue 18)
    assert paragraphs[0] == "DRAFT\r\nplaceholder sender: do not mail"
    for paragraph in paragraphs[1:]:
        assert squash(re.sub(r"^\d+\. ", "", paragraph)) in pdf, paragraph
    for absent in ("Your Organization Name\r\n", "March 2, 2026", "511 Hart", "Re:"):
        assert absent not in body
    message = email.message_from_bytes(stem.with_suffix(".eml").read_bytes(),
                                       policy=email.policy.default)
    assert message["Subject"] == "U.S. policy toward Mali" and message["To"] is None
    assert message["X-Unsent"] == "1"
    assert message.get_content().replace("\r\n", "\n") == body.replace("\r\n", "\n") + "\n"


def test_campaign_web_form_sets_the_topic_and_the_default_limit(tmp_path):
    data = yaml.safe_load(bundled_campaign_path().read_text(encoding="utf-8"))
    data["web_form"] = {"topic": "Foreign Affairs", "max_chars": 900}
    path = tmp_path / "campaign.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert load_campaign(path).web_form.max_chars == 900
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["generate", "--campaign", str(path), "--id", "R000584",
                                      "--format", "txt", "--date", "2026-03-02", "--jobs", "1",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    head, body = _parts(out / "letters" / "ID-sen-risch-R000584.txt")
    assert head == ["Topic: Foreign Affairs", "Subject: U.S. policy toward Mali"]
    assert (f"letters/ID-sen-risch-R000584: the text body is {_form_length(body):,} "
            "characters (line breaks counted as two), over the web form limit of 900") in \
        result.output


def test_count_chars_counts_a_line_break_as_two():
    assert plaintext.count_chars("ab\ncd") == 6
    assert plaintext.count_chars("ab\r\ncd") == 6


def test_constituent_text_is_signed_with_the_postal_address(table, campaign):
    """Offices check constituency by the postal address: under the signature (issue 18)."""
    from toolkit.documents.html import TemplateSet

    person = Constituent(row=2, first_name="Ana", last_name="Reyes", street="1 A St",
                         city="Spokane", state="WA", zip="99203", story="I teach in Spokane.")
    plan = constituents.plan_constituent_letters([person], table.legislators, campaign,
                                             "March 2, 2026")
    subject, body, warnings, shortened = plaintext.fit_text(plan.jobs[0], TemplateSet())
    assert subject == "U.S. policy toward Mali" and warnings == [] and shortened == ""
    assert body.startswith("DRAFT\nplaceholder sender: do not mail\n\n"
                           "Dear Senator Cantwell:\n\nI am writing to you as your constituent "
                           "in Spokane, Washington")
    assert "I teach in Spokane." in body
    assert body.endswith("Sincerely,\nAna Reyes\n1 A St\nSpokane, WA 99203")


def test_labels_and_packet_refuse_text_formats(tmp_path):
    result = CliRunner().invoke(cli, ["packet", "--id", "C000127", "--format", "txt", "--out",
                                      str(tmp_path)])
    assert result.exit_code == 2
    assert ("Error: Invalid value for '--format': 'txt' is not one of 'pdf', 'docx'."
            in result.output)
    help_text = CliRunner().invoke(cli, ["packet", "--help"]).output
    assert "--format [pdf|docx]" in help_text and "txt" not in help_text
