"""issue 18, part C: the DRAFT mark out of the page's text, only the Liberation fonts,
a template's time limit, no stray file after kill -9, subset runs and --keep-edited."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

from click.testing import CliRunner

from conftest import draft_marked_pages, pdf_text
from toolkit.cli import cli

#: The paragraph of Senator Sanders's letter (bundled campaign) the slanted mark crossed
#: ("partnershipcwith" before issue 18).
SANDERS_PARAGRAPH = (
    "Center economic livelihood in Mali's international investment. Anchor the U.S. "
    "partnership with Mali in economic and technical financial support, collaborating with "
    "the Central Bank of West African States (BCEAO) to ease poverty, and move to restore "
    "Mali's AGOA status.")


def _fonts(path) -> set[str]:
    """The base names of the fonts a PDF embeds (pdffonts), subset tags removed."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    return {line.split()[0].split("+", 1)[-1] for line in lines}


def test_the_draft_mark_stays_out_of_the_text_and_embeds_no_font(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["generate", "--id", "S000033", "--format", "pdf",
                                      "--out", str(out), "--date", "2026-01-15", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    letter = out / "letters/VT-sen-sanders-S000033.pdf"
    onepager = out / "onepagers/VT-sen-sanders-S000033.pdf"
    assert draft_marked_pages(letter) == [True] and draft_marked_pages(onepager) == [True]
    from pypdf import PdfReader

    for text in (subprocess.run(["pdftotext", str(letter), "-"], capture_output=True,
                                text=True, check=True).stdout,
                 PdfReader(letter).pages[0].extract_text()):
        assert SANDERS_PARAGRAPH in " ".join(text.split())
        assert "DRAFT" not in text and "placeholder" not in text
    # Only the Word-metric twins: the mark is outlines, the chart's labels Liberation Sans.
    assert _fonts(letter) == {"Liberation-Serif", "Liberation-Serif-Bold"}
    assert _fonts(onepager) == {"Liberation-Serif", "Liberation-Serif-Bold",
                                "Liberation-Serif-Italic", "Liberation-Sans",
                                "Liberation-Sans-Bold"}
    chart = " ".join(PdfReader(onepager).pages[0].extract_text().split())
    assert "August 2022 February 2023 13.9% 5.9%" in chart or re.search(r"August 2022.*13\.9%", chart)


# --------------------------------------------------------------------------- time limit

def _looping_templates(folder, who: str) -> tuple:
    """A templates folder whose letter.html loops without end for the member ``who``
    (nested loops of 100,000, which the sandbox allows one by one, on the line before
    ``<!doctype html>``), and that line's number."""
    from toolkit.documents.html import bundled_templates_dir

    folder.mkdir()
    lines = (bundled_templates_dir() / "letter.html").read_text().split("\n")
    at = lines.index("<!doctype html>")
    lines.insert(at, f"{{%- if member.salutation_name == {who!r} %}}{{% for a in range(100000) %}}"
                     "{% for b in range(100000) %}{% endfor %}{% endfor %}{% endif %}")
    (folder / "letter.html").write_text("\n".join(lines))
    return folder, at + 1


def test_a_template_that_never_ends_stops_its_document_and_the_run_goes_on(tmp_path):
    import time

    from toolkit.engine.output import Manifest

    templates, line = _looping_templates(tmp_path / "tpl", "Senator Sanders")
    out = tmp_path / "out"
    began = time.monotonic()
    result = CliRunner().invoke(cli, ["generate", "--id", "S000033", "--id", "C000127",
                                      "--kind", "letter", "--format", "pdf", "--out", str(out),
                                      "--date", "2026-01-15", "--jobs", "1", "--templates",
                                      str(templates), "--template-timeout", "1.5"])
    assert time.monotonic() - began < 30
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert "Done: 1 written, 0 unchanged, in " + str(out) in lines
    assert lines[lines.index("Not made: 1 file(s):") + 1] == (
        f"  letters/VT-sen-sanders-S000033.pdf: {templates / 'letter.html'}:{line}: the template "
        "ran for more than 1.5 s (a loop without end?) and was stopped; this document was not "
        "made (for S000033 Bernard Sanders). Fix the template, or give it more time with "
        "--template-timeout SECONDS")
    with Manifest.load(out) as manifest:
        assert sorted(manifest.rows) == ["letters/WA-sen-cantwell-C000127.pdf"]
    assert not (out / "letters/VT-sen-sanders-S000033.pdf").exists()


def test_the_time_limit_leaves_nothing_behind_when_the_template_ends_in_time():
    import time

    from toolkit.documents.timelimit import TemplateTimeout, time_limit

    with time_limit(0.2):
        pass
    time.sleep(0.4)                     # the timer was disarmed: nothing is raised now
    began = time.monotonic()
    try:
        with time_limit(0.2):
            while True:
                pass
    except TemplateTimeout:
        pass
    assert 0.15 < time.monotonic() - began < 10


def test_template_timeout_must_be_positive():
    result = CliRunner().invoke(cli, ["generate", "--template-timeout", "0", "--dry-run"])
    assert result.exit_code == 2
    assert "Invalid value for '--template-timeout': 0.0 is not in the range x>0." in result.output


# --------------------------------------------------------------------------- kill -9

def test_a_run_killed_with_kill_9_leaves_nothing_the_next_run_does_not_remove(tmp_path):
    import os
    import signal
    import sys
    import time

    out = tmp_path / "out"
    command = [sys.executable, "-m", "toolkit", "generate", "--all", "--state", "CA",
               "--format", "pdf", "--out", str(out), "--date", "2026-01-15", "--jobs", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(out.glob("letters/*.pdf")):
            time.sleep(0.05)
        probes = [p.name for p in out.glob(".advocacy-probe*")]
        assert process.poll() is None           # still rendering: killed mid-run
        assert len(probes) == 1 and re.fullmatch(r"\.advocacy-probe\.[0-9a-f]{32}\.tmp",
                                                 probes[0]), probes
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    left = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    assert left and all(n.endswith(".tmp") or n.startswith(".manifest.journal") for n in left), left
    # the next run (here one member) removes what the killed one left for itself
    done = subprocess.run(command[:4] + ["--id", "S000033", "--kind", "letter", "--format",
                                         "pdf", "--out", str(out), "--date", "2026-01-15",
                                         "--jobs", "1"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["campaign-log.csv", "letters", "manifest.csv",
                                                     "onepagers"]
    assert not [p for p in out.rglob(".*")]     # no probe, journal or temporary file


# --------------------------------------------------------------------------- subset runs

def _generate(*arguments):
    return CliRunner().invoke(cli, ["generate", "--date", "2026-01-15", "--jobs", "1",
                                    "--kind", "letter", *arguments])


def test_a_subset_run_does_not_call_the_files_it_did_not_select_earlier_files(tmp_path):
    out = str(tmp_path / "out")
    first = _generate("--id", "S000033", "--id", "C000127", "--format", "pdf", "--format",
                      "txt", "--out", out)
    assert first.exit_code == 0, first.output
    for subset in (["--id", "S000033", "--format", "pdf", "--format", "txt"],
                   ["--all", "--state", "VT", "--format", "pdf", "--format", "txt"],
                   ["--id", "S000033", "--id", "C000127", "--format", "txt"]):
        again = _generate(*subset, "--out", out)
        assert again.exit_code == 0, again.output
        assert "earlier runs" not in again.output and "delete" not in again.output, subset
    # a whole run still names the files of a member it no longer makes, format by format
    from toolkit.engine.output import earlier_files

    made = ["letters/VT-sen-sanders-S000033.pdf", "letters/VT-sen-sanders-S000033.txt"]
    assert earlier_files(tmp_path / "out", made, {("letter", "pdf")}) == [
        "letters/VT-rep-balint-B001318.pdf", "letters/VT-sen-welch-W000800.pdf",
        "letters/WA-sen-cantwell-C000127.pdf"]
    assert earlier_files(tmp_path / "out", made, {("letter", "txt")},
                         lambda row: row["state"] == "WA") == ["letters/WA-sen-cantwell-C000127.txt"]


def test_keep_edited_writes_everything_else_and_lists_what_it_kept(tmp_path):
    out = tmp_path / "out"
    assert _generate("--id", "S000033", "--id", "C000127", "--format", "pdf", "--format",
                     "txt", "--out", str(out)).exit_code == 0
    edited = out / "letters/VT-sen-sanders-S000033.txt"
    edited.write_text(edited.read_text() + "\nP.S. Edited by hand.\n")
    # the default stays: stop and name the file
    stopped = _generate("--id", "S000033", "--id", "C000127", "--format", "pdf", "--format",
                        "txt", "--out", str(out), "--date", "2026-02-01")
    assert stopped.exit_code == 1
    assert f"{edited}: exists and was edited since it was written" in stopped.output
    dry = _generate("--id", "S000033", "--id", "C000127", "--format", "pdf", "--format", "txt",
                    "--out", str(out), "--date", "2026-02-01", "--keep-edited", "--dry-run")
    assert dry.exit_code == 0
    assert "  would keep: edited by hand    letters/VT-sen-sanders-S000033.txt" in \
        dry.output.splitlines()
    kept = _generate("--id", "S000033", "--id", "C000127", "--format", "pdf", "--format", "txt",
                     "--out", str(out), "--date", "2026-02-01", "--keep-edited")
    assert kept.exit_code == 0, kept.output
    lines = kept.output.splitlines()
    # both PDFs rewritten with the new date; Cantwell's text (no date in it) unchanged
    assert f"Done: 2 written, 1 unchanged, in {out}" in lines, "\n".join(lines)
    assert lines[lines.index("Kept as edited by hand (--keep-edited), not rewritten: 1 file(s):")
                 + 1] == f"  {edited}"
    assert edited.read_text().endswith("P.S. Edited by hand.\n")
    assert "February 1, 2026" in pdf_text(out / "letters/VT-sen-sanders-S000033.pdf")
    # the kept file stays listed by the next run, which stops on it again without the option
    again = _generate("--id", "S000033", "--format", "txt", "--out", str(out), "--date",
                      "2026-02-01", "--keep-edited")
    assert again.exit_code == 0 and "  " + str(edited) in again.output.splitlines()


# --------------------------------------------------------------------------- planning speed

def test_a_plan_looks_up_the_zip_table_once_and_parses_only_titled_names(tmp_path, monkeypatch,
                                                                        table, campaign):
    """The costs the 100,000-constituent profile found (issue 18) are paid once, not per row:
    the ZIP table's path (datastore.data_file), a nameparser object per name."""
    import sys
    from pathlib import Path

    import nameparser

    from toolkit.congress import datastore, names
    from toolkit.jobs import constituents
    from toolkit.sheets.constituents import load_constituents

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_constituents import write_constituents

    people = tmp_path / "people.csv"
    write_constituents(people, 500)
    lines = people.read_text().split("\n")
    lines[1] = "Dr. " + lines[1]                        # one titled name among 500
    people.write_text("\n".join(lines))
    parsed, looked_up = [], []
    monkeypatch.setattr(names, "HumanName",
                        lambda *a, **k: parsed.append(a[0]) or nameparser.HumanName(*a, **k))
    real_data_file = datastore.data_file
    monkeypatch.setattr(datastore, "data_file",
                        lambda name: looked_up.append(name) or real_data_file(name))
    rows = load_constituents(people).constituents
    assert parsed == [lines[1].split(",")[0]] and rows[0].courtesy_title == "Dr."
    plan = constituents.plan_constituent_letters(rows, table.legislators, campaign,
                                                 "January 15, 2026", office="district",
                                                 day=dt.date(2026, 1, 15))
    assert looked_up.count("zip-to-district.csv") == 1
    assert len(plan.jobs) == 1490     # three a person, bar vacant seats


def test_the_dry_run_lists_the_same_files_and_decisions_however_they_are_kept(tmp_path, table,
                                                                             campaign):
    """``Planned`` (paths listed again from the plan) and ``Decisions`` (a byte a file) read
    as the lists they replace, in order."""
    import sys
    from pathlib import Path

    from toolkit.engine import dryrun
    from toolkit.jobs import constituents
    from toolkit.sheets.constituents import load_constituents

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    from bench_constituents import write_constituents

    people = tmp_path / "people.csv"
    write_constituents(people, 20)
    plan = constituents.plan_constituent_letters(load_constituents(people).constituents,
                                                 table.legislators, campaign, "January 15, 2026",
                                                 day=dt.date(2026, 1, 15))
    out = tmp_path / "out"
    (out / "constituents").mkdir(parents=True)
    stems = list(plan.jobs.stems())
    (out / f"{stems[1]}.pdf").parent.mkdir(parents=True)
    (out / f"{stems[1]}.pdf").write_text("mine")        # not made by the toolkit
    result = constituents.run_constituents(plan, out, dry_run=True)
    expected = [f"{stem}.{fmt}" for stem in stems for fmt in ("pdf", "docx")] + \
        [f"{stem}.pdf" for stem in plan.offices]
    assert isinstance(result.planned, dryrun.Planned) and result.planned == expected
    assert list(result.decisions) == [
        (path, dryrun.REFUSE_FOREIGN if path == f"{stems[1]}.pdf" else dryrun.WRITE)
        for path in expected]
    assert dryrun.refusals(result.decisions) == 1 and len(result.decisions) == len(expected)
