"""Labels and envelopes ask PDF viewers to print at actual size (/PrintScaling /None)."""

from __future__ import annotations

import pikepdf
import pytest
from click.testing import CliRunner

from toolkit.cli import cli

FILES = ("labels/labels-avery5160.pdf", "envelopes/envelopes-no10.pdf")


@pytest.mark.parametrize("variant", ["pdf/ua-1", "none"])
def test_labels_and_envelopes_print_at_actual_size(tmp_path, variant):
    result = CliRunner().invoke(cli, ["labels", "--id", "C000127", "--id", "M001111",
                                      "--pdf-variant", variant, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for relpath in FILES:
        with pikepdf.open(tmp_path / relpath) as pdf:
            preferences = pdf.Root.ViewerPreferences
            assert str(preferences.PrintScaling) == "/None", relpath
            assert ("/StructTreeRoot" in pdf.Root) == (variant != "none"), relpath


def test_letters_leave_print_scaling_to_the_viewer(tmp_path):
    result = CliRunner().invoke(cli, ["generate", "--id", "C000127", "--kind", "letter",
                                      "--format", "pdf", "--jobs", "1", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with pikepdf.open(tmp_path / "letters" / "WA-sen-cantwell-C000127.pdf") as pdf:
        assert "/PrintScaling" not in pdf.Root.ViewerPreferences
