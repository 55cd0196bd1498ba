"""issue 18, part C: the DRAFT mark out of the page's text, only the Liberation fonts,
a template's time limit, no stray file after kill -9, subset runs and --keep-edited."""

from __future__ import annotations

import re
import subprocess

from click.testing import CliRunner

from conftest import draft_marked_pages
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
