"""The main job end to end: pipeline and `advocacy generate` on the real bundled data."""

from __future__ import annotations

from toolkit.documents import address
from toolkit.documents import job
from toolkit.jobs import letters
from toolkit.engine import run
from toolkit.jobs import selection

import csv
import datetime as dt
import re

import pytest
from click.testing import CliRunner

from conftest import docx_text, pdf_text, squash, without_chart, without_draft_mark, \
    words_and_markers
from toolkit.cli import cli

DATE = dt.date(2026, 1, 15)
FORBIDDEN = re.compile(r"\bnan\b|\bNone\b|\bNaT\b|\{\{|\}\}|\{%|Undefined")


def read_manifest(folder):
    with open(folder / "manifest.csv", encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def all_members_run(tmp_path_factory, table, campaign):
    """Letters and one-pagers (PDF) for all 537 bundled members, rendered once."""
    out = tmp_path_factory.mktemp("all")
    targets = selection.select_targets(table.legislators, campaign, everyone=True, date=DATE)
    jobs = letters.plan_documents(targets, campaign, ("letter", "onepager"),
                                   letters.letter_date(DATE))
    run.run(jobs, out, formats=("pdf",), date=DATE, workers=2)
    return out, targets


def test_every_member_gets_one_page_letter_and_onepager(all_members_run):
    out, targets = all_members_run
    rows = read_manifest(out)
    assert len(rows) == 2 * 537
    assert {(r["kind"], r["pages"]) for r in rows} == {("letter", "1"), ("onepager", "1")}
    assert len({r["path"] for r in rows}) == 1074


def test_every_letter_has_its_salutation_and_inside_address(all_members_run):
    out, targets = all_members_run
    for leg in targets:
        stem = job.file_stem(leg)
        text = pdf_text(out / "letters" / f"{stem}.pdf")
        assert address.salutation(leg) in text, leg.bioguide_id
        for line in address.inside_address(leg):
            assert line in text, (leg.bioguide_id, line)
        assert "January 15, 2026" in text
        assert not FORBIDDEN.search(text), (leg.bioguide_id, FORBIDDEN.search(text))
        flat = " ".join(text.split())
        if leg.office_kind == "representative" and "you can act directly on" not in flat:
            # the district is named in the sentence about the constituency (the general
            # letter); a tailored letter names the member's seat, not the state (issue 17)
            assert address.constituency(leg) in flat
        elif leg.office_kind == "representative":
            assert re.search(r"\bAs (a member of|Chair|Chairwoman|Chairman|Ranking Member|Vice "
                             r"Chair|an ex officio member of|Co-Chair)", flat), leg.bioguide_id


def test_accents_survive(all_members_run, members):
    out, _ = all_members_run
    for bioguide, word in [("L000570", "Luján"), ("S001156", "Sánchez"), ("V000081", "Velázquez"),
                           ("B001300", "Barragán"), ("G000586", "García"), ("C001072", "André"),
                           ("H001103", "Hernández")]:
        text = pdf_text(out / "letters" / f"{job.file_stem(members[bioguide])}.pdf")
        assert word in text, bioguide


def test_five_johnsons_never_collide(all_members_run, members):
    johnsons = sorted(job.file_stem(leg) for leg in members.values() if leg.last_name == "Johnson")
    assert len(johnsons) == len(set(johnsons)) >= 5
    assert job.file_stem(members["C000127"]) == "WA-sen-cantwell-C000127"


def test_onepager_parts(all_members_run, members):
    out, _ = all_members_run
    text = " ".join(pdf_text(out / "onepagers" / f"{job.file_stem(members['S000522'])}.pdf").split())
    for part in ("The ask:", "Why this matters to Representative Smith", "Recommendations",
                 "13.9%", "5.9%", "Chair of its Subcommittee on Africa",
                 "Your Organization Name, for Representative Smith (R-NJ-4), January 15, 2026",
                 "Dambach, Derryck and Foote", "advocacy@example.org"):
        assert part in text, part


def test_selection_defaults_to_campaign_targets(table, campaign):
    targets = selection.select_targets(table.legislators, campaign, date=DATE)
    wanted = set(campaign.targets.committees)
    assert all(any(s.committee_id in wanted for s in leg.seats) for leg in targets)
    assert "S000522" in {leg.bioguide_id for leg in targets}
    assert "J000299" not in {leg.bioguide_id for leg in targets}   # Speaker: no seats
    assert len(targets) == 199
    senate = selection.select_targets(table.legislators, campaign, chambers=["senate"],
                                     states=["wa"], everyone=True)
    assert [leg.bioguide_id for leg in senate] == ["C000127", "M001111"]


def invoke(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cli_generate_both_formats_and_rerun(tmp_path):
    out = tmp_path / "out"
    result = invoke("generate", "--id", "C000127", "--id", "H001103", "--out", str(out),
                    "--date", "2026-01-15", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "Done: 8 written, 0 unchanged" in result.output
    assert "Note: the campaign's sender still has 6 placeholder value(s)" in result.output
    rows = read_manifest(out)
    assert sorted(r["path"] for r in rows) == [
        "letters/PR-rc-hernandez-rivera-H001103.docx", "letters/PR-rc-hernandez-rivera-H001103.pdf",
        "letters/WA-sen-cantwell-C000127.docx", "letters/WA-sen-cantwell-C000127.pdf",
        "onepagers/PR-rc-hernandez-rivera-H001103.docx", "onepagers/PR-rc-hernandez-rivera-H001103.pdf",
        "onepagers/WA-sen-cantwell-C000127.docx", "onepagers/WA-sen-cantwell-C000127.pdf"]
    cantwell = next(r for r in rows if r["path"] == "letters/WA-sen-cantwell-C000127.pdf")
    assert (cantwell["bioguide_id"], cantwell["name"], cantwell["chamber"], cantwell["state"],
            cantwell["pages"]) == ("C000127", "Maria Cantwell", "senate", "WA", "1")
    docx = docx_text(out / "letters/PR-rc-hernandez-rivera-H001103.docx")
    assert "Dear Resident Commissioner Hernández:" in docx
    # Same words in both formats
    for stem in ("letters/WA-sen-cantwell-C000127", "onepagers/PR-rc-hernandez-rivera-H001103"):
        words, markers = words_and_markers(without_draft_mark(pdf_text(out / f"{stem}.pdf")))
        pdf_words = (without_chart(words), markers)
        docx_words = words_and_markers(without_draft_mark(docx_text(out / f"{stem}.docx")))
        docx_words = (without_chart(docx_words[0]), docx_words[1])
        # pypdf runs a callout's figure into the line under it ("13.9%Mali's"): compare
        # without spaces, as tests/test_docx.py does
        assert squash(" ".join(pdf_words[0])) == squash(" ".join(docx_words[0]))
        assert pdf_words[1] == docx_words[1]
        assert len(pdf_words[0]) > 150 and pdf_words[1]

    again = invoke("generate", "--id", "C000127", "--id", "H001103", "--out", str(out),
                   "--date", "2026-01-15", "--jobs", "1")
    assert again.exit_code == 0 and "Done: 0 written, 8 unchanged" in again.output

    edited = out / "letters/WA-sen-cantwell-C000127.docx"
    edited.write_bytes(edited.read_bytes() + b"edit")
    refused = CliRunner().invoke(cli, ["generate", "--id", "C000127", "--out", str(out),
                                       "--date", "2026-01-20", "--jobs", "1"])
    assert refused.exit_code == 1
    assert f"{edited}: exists and was edited since it was written" in refused.output
    assert "nothing was written" in refused.output
    assert pdf_text(out / "letters/WA-sen-cantwell-C000127.pdf").count("January 15, 2026") == 1

    forced = invoke("generate", "--id", "C000127", "--out", str(out), "--date", "2026-01-20",
                    "--jobs", "1", "--force")
    assert forced.exit_code == 0
    assert "January 20, 2026" in pdf_text(out / "letters/WA-sen-cantwell-C000127.pdf")


def test_reproducible_whatever_the_jobs(tmp_path):
    hashes = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        result = invoke("generate", "--state", "VT", "--all", "--out", str(out),
                        "--date", "2026-01-15", "--jobs", jobs)
        assert result.exit_code == 0, result.output
        hashes.append({r["path"]: r["sha256"] for r in read_manifest(out)})
    assert hashes[0] == hashes[1] and len(hashes[0]) == 12


def test_dry_run_writes_nothing(tmp_path):
    result = invoke("generate", "--committee", "HSFA16", "--kind", "letter", "--format", "pdf",
                    "--out", str(tmp_path / "o"), "--dry-run")
    assert result.exit_code == 0
    assert f"Dry run: 11 files in {tmp_path / 'o'}; nothing written:" in result.output
    assert "  would write                   letters/NJ-rep-smith-S000522.pdf" \
        in result.output.splitlines()
    assert not (tmp_path / "o").exists()


def test_user_templates_override_file_by_file(tmp_path):
    folder = tmp_path / "tpl"
    assert invoke("templates", "init", str(folder)).exit_code == 0
    letter = folder / "letter.html"
    letter.write_text(letter.read_text().replace("Re: {{ words.subject }}",
                                                 "Subject: {{ words.subject }}"))
    (folder / "onepager.html").unlink()
    out = tmp_path / "o"
    result = invoke("generate", "--id", "C000127", "--templates", str(folder), "--format", "pdf",
                    "--out", str(out), "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "Subject: U.S. policy toward Mali" in pdf_text(out / "letters/WA-sen-cantwell-C000127.pdf")
    assert "The ask" in pdf_text(out / "onepagers/WA-sen-cantwell-C000127.pdf")
    again = CliRunner().invoke(cli, ["templates", "init", str(folder)])
    assert again.exit_code == 1 and "exist already; pass --force" in again.output


def test_template_error_names_template_line_and_member(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "letter.html").write_text("<p>ok</p>\n<p>{{ member.no_such_field }}</p>\n")
    result = CliRunner().invoke(cli, ["generate", "--id", "C000127", "--templates", str(folder),
                                      "--kind", "letter", "--out", str(tmp_path / "o"), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{folder / 'letter.html'}:2:" in result.output
    assert "no_such_field" in result.output and "C000127 Maria Cantwell" in result.output
    assert "Traceback" not in result.output


def test_usage_and_input_errors(tmp_path):
    bad = CliRunner().invoke(cli, ["generate", "--date", "15/01/2026"])
    assert bad.exit_code == 2 and "is not a date; write YYYY-MM-DD" in bad.output
    unknown = CliRunner().invoke(cli, ["generate", "--id", "Z999999", "--out", str(tmp_path)])
    assert unknown.exit_code == 1
    assert "Error: --id: no member with bioguide ID Z999999 in the contacts" in unknown.output


def test_contacts_and_campaign_check(tmp_path):
    from toolkit.congress.datastore import bundled_path

    ok = invoke("contacts", "check", str(bundled_path("legislators-current.csv")))
    assert ok.exit_code == 0
    assert "537 usable row(s)" in ok.output and "resident commissioner  1" in ok.output
    assert "  A  last_name -> last_name" in ok.output
    bad = tmp_path / "bad.csv"
    bad.write_text("Last Name,Chamber,State,District\nDoe,House,WY,3\n")
    result = CliRunner().invoke(cli, ["contacts", "check", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2:District: district 3 does not exist: WY is at-large (district 0)" in result.output
    from toolkit.campaign.model import bundled_campaign_path

    assert invoke("campaign", "check", str(bundled_campaign_path())).output.endswith("OK\n")


def test_version_and_help():
    assert invoke("--version").output.startswith("advocacy, version ")
    for command in (["generate"], ["contacts", "check"], ["campaign", "check"], ["templates", "init"]):
        output = invoke(*command, "-h").output
        assert "Example" in output, command
