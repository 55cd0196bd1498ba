"""issue-10b: --dry-run decisions, template errors, envelope fit, labels --help."""

from __future__ import annotations

from toolkit.documents import labels

import pytest
from click.testing import CliRunner

from toolkit.cli import cli
from toolkit.errors import TemplateRenderError
from toolkit.documents.html import TemplateSet


def test_dry_run_says_per_file_what_the_real_run_would_do(tmp_path):
    out = tmp_path / "out"
    args = ["generate", "--id", "C000127", "--kind", "letter", "--out", str(out),
            "--date", "2026-01-15", "--jobs", "1"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    (out / "letters/WA-sen-cantwell-C000127.docx").write_bytes(b"edited in Word")
    result = CliRunner().invoke(cli, args[:3] + ["--id", "W000817"] + args[3:] + ["--dry-run"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert f"Dry run: 4 files in {out}; nothing written:" in lines
    assert "  would refuse: edited by hand  letters/WA-sen-cantwell-C000127.docx" in lines
    assert "  unchanged                     letters/WA-sen-cantwell-C000127.pdf" in lines
    assert "  would write                   letters/MA-sen-warren-W000817.pdf" in lines
    assert ("The real run would stop before writing anything: 1 file(s) edited by hand or not "
            "made by this toolkit; move them away, choose another --out, or pass --force") in lines
    real = CliRunner().invoke(cli, args[:3] + ["--id", "W000817"] + args[3:])
    assert real.exit_code == 1 and "nothing was written" in real.output
    forced = CliRunner().invoke(cli, args + ["--dry-run", "--force"])
    assert "  would overwrite (--force)     letters/WA-sen-cantwell-C000127.docx" \
        in forced.output.splitlines()


@pytest.mark.parametrize("body,message", [
    ("line one\n{{ 1 / 0 }}", "t.html:2: division by zero (for C000127 Maria Cantwell)"),
    ("{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}",
     "t.html:1: the template calls itself without end (recursion too deep) "
     "(for C000127 Maria Cantwell)"),
    ("\n\n{% for i in range(10 ** 9) %}{% endfor %}",
     "t.html:3: range too big: templates may count to 100,000 at most "
     "(for C000127 Maria Cantwell)"),
    ("{{ member.nme }}", "t.html:1: unknown merge field 'nme' (the template's opening "
                         "comment lists its merge fields) (for C000127 Maria Cantwell)"),
])
def test_template_errors_name_template_line_and_member(tmp_path, members, body, message):
    from toolkit.documents.tailor import build_context
    from toolkit.campaign.model import load_campaign

    (tmp_path / "t.html").write_text(body)
    context = build_context(members["C000127"], load_campaign(), "January 15, 2026")
    with pytest.raises(TemplateRenderError) as caught:
        TemplateSet(tmp_path).render("t.html", context, "C000127 Maria Cantwell")
    assert str(caught.value) == f"{tmp_path}/{message}"
    assert "MemberView" not in str(caught.value)


def test_envelope_keeps_name_and_city_line():
    lines = ("The Honorable " + "Wolfeschlegelsteinhausenbergerdorff " * 4,
             "United States House of Representatives",
             "Room 2413 of the Rayburn House Office Building, Independence Avenue",
             "Washington, DC 20515-0703")
    kept, left_out, fits = labels.envelope_fit(lines)
    assert kept == (lines[0], lines[2], lines[3])
    assert left_out == ("United States House of Representatives",)
    assert fits
    assert labels.envelope_warnings([lines]) == [
        "envelopes/envelopes-no10.pdf: envelope 1: the address for "
        f"{lines[0]!r} does not fit; left out 'United States House of Representatives'"]


def test_envelope_that_fits_is_not_touched():
    lines = ("The Honorable Maria Cantwell", "United States Senate",
             "511 Hart Senate Office Building", "Washington, DC 20510")
    assert labels.envelope_fit(lines) == (lines, (), True)
    assert labels.envelope_warnings([lines]) == []


def test_labels_help_lists_only_pdf():
    result = CliRunner().invoke(cli, ["labels", "--help"])
    assert "--format [pdf]" in result.output
    assert "docx" not in result.output.split("--format", 1)[1].split("\n  --", 1)[0]


def test_files_of_earlier_runs_are_named_not_silently_kept(tmp_path):
    """A rerun of the whole campaign leaves the letters of members it no longer targets
    alone, and says so; a subset run (--id, --state) does not count the files it did not
    select (issue 18)."""
    args = ["generate", "--kind", "letter", "--format", "txt", "--date", "2026-03-02",
            "--jobs", "1", "--out", str(tmp_path)]
    first = CliRunner().invoke(cli, args + ["--all", "--state", "VT"])
    assert first.exit_code == 0, first.output
    assert "from earlier runs" not in first.output
    subset = CliRunner().invoke(cli, args + ["--id", "C000127"])
    assert subset.exit_code == 0, subset.output
    assert "from earlier runs" not in subset.output
    again = CliRunner().invoke(cli, args)       # the targets: not VT's three, nor Cantwell
    assert again.exit_code == 0, again.output
    assert (f"Note: 4 file(s) in {tmp_path} are from earlier runs and not part of this one "
            "(e.g. letters/VT-rep-balint-B001318.txt); they were left as they are: delete "
            "them, or use a new --out, if they should not be sent") in again.output
