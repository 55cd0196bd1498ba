"""Avery 5160 label sheets and No. 10 envelopes: page counts, every word inside its label."""

from __future__ import annotations

from toolkit.documents import address
from toolkit.documents import labels
from toolkit.jobs.labels import build_labels, office_addresses
from toolkit.jobs import selection

import math
from dataclasses import replace

import pdfplumber
import pytest
from pypdf import PdfReader

from toolkit.congress.model import Legislator
from toolkit.errors import OutputExistsError

#: pdfplumber rounds glyph boxes; a word may touch its cell's edge by this much (points).
TOLERANCE = 0.5


@pytest.fixture(scope="module")
def legislators(table):
    """Every bundled member (conftest's ``table``), as a sequence."""
    return table.legislators


def long_member(number: int, **changes) -> Legislator:
    """A synthetic member whose name and office lines are far longer than any real one."""
    base = Legislator(
        bioguide_id=f"Z{number:06d}", first_name="Maximiliana", last_name="Featherstonehaugh",
        chamber="house", state="NY", district=3,
        full_name="Maximiliana Alexandrina Wolfeschlegelsteinhausenbergerdorff-Featherstonehaugh Jr.",
        address="2468 Rayburn House Office Building Annex Wing Extension Washington DC 20515-3203")
    return replace(base, **changes)


def words_by_page(pdf_path):
    with pdfplumber.open(pdf_path) as pdf:
        return [(page.width, page.height, page.extract_words(keep_blank_chars=False, use_text_flow=True))
                for page in pdf.pages]


def cell_of(word, cells):
    """The label cell that holds the whole word, or None."""
    for cell in cells:
        x0, top, x1, bottom = cell
        if (word["x0"] >= x0 - TOLERANCE and word["x1"] <= x1 + TOLERANCE
                and word["top"] >= top - TOLERANCE and word["bottom"] <= bottom + TOLERANCE):
            return cell
    return None


def test_label_cells_follow_the_avery_5160_geometry():
    cells = labels.label_cells()
    assert len(cells) == 30
    assert cells[0] == pytest.approx((13.5, 36, 13.5 + 189, 36 + 72))
    # third column ends at the right side margin; tenth row ends 0.5 in above the bottom
    assert cells[2][2] == pytest.approx(612 - 13.5)
    assert cells[29][3] == pytest.approx(792 - 36)
    assert cells[1][0] - cells[0][2] == pytest.approx(9)  # 1/8 in gap
    assert cells[3][1] == pytest.approx(cells[0][3])  # no vertical gap


def test_label_size_shrinks_long_lines_and_wraps_as_a_last_resort():
    short = ("The Honorable Jim Banks", "United States Senate", "303 Hart Senate Office Building",
             "Washington, DC 20510")
    assert labels.label_size(short) == (10.0, False, True)
    house = ("The Honorable Christopher H. Smith", "United States House of Representatives",
             "2373 Rayburn House Office Building", "Washington, DC 20515-3004")
    assert labels.label_size(house) == (9.0, False, True)
    # a long name wraps at 8 pt rather than shrinking to 6.5 pt
    radewagen = ("The Honorable Aumua Amata Coleman Radewagen",) + house[1:]
    assert labels.label_size(radewagen) == (8.0, True, True)
    size, wrap, fits = labels.label_size(address.inside_address(long_member(1)))
    assert size < 8 and wrap and fits
    # far too much text: the smallest size, reported as not fitting
    assert labels.label_size(house * 3) == (labels.LABEL_SIZES[-1], True, False)


def test_a_label_too_long_to_fit_is_reported(legislators, campaign, tmp_path):
    crowded = long_member(5, address="Suite 1 " * 40 + "Washington DC 20515-3203")
    result = build_labels([crowded], campaign, tmp_path, kinds=("labels",))
    assert len(result.warnings) == 1 and "too long to fit" in result.warnings[0]


def test_31_offices_give_2_sheets_and_31_envelopes(tmp_path, legislators, campaign):
    targets = selection.select_targets(legislators, campaign)[:31]
    result = build_labels(targets, campaign, tmp_path)
    assert sorted(result.written) == [labels.ENVELOPES_PATH, labels.LABELS_PATH]
    assert result.counts() == {("envelopes", "pdf"): 1, ("labels", "pdf"): 1}
    assert len(PdfReader(tmp_path / labels.LABELS_PATH).pages) == 2
    envelopes = PdfReader(tmp_path / labels.ENVELOPES_PATH)
    assert len(envelopes.pages) == 31
    manifest = (tmp_path / "manifest.csv").read_text(encoding="utf-8-sig")
    assert "labels/labels-avery5160.pdf" in manifest and "envelopes/envelopes-no10.pdf" in manifest


@pytest.mark.parametrize("count", [1, 30, 61])
def test_sheet_count_is_ceil_n_over_30(count, legislators, campaign, tmp_path):
    targets = selection.select_targets(legislators, campaign, everyone=True)[:count]
    build_labels(targets, campaign, tmp_path, kinds=("labels",))
    assert len(PdfReader(tmp_path / labels.LABELS_PATH).pages) == math.ceil(count / 30)


def test_every_word_lies_inside_its_own_label(tmp_path, legislators, campaign):
    # real House and Senate offices, including the longest real name, plus synthetic
    # members with very long names, office lines and an unbreakable word
    real = selection.select_targets(legislators, campaign, everyone=True)
    fleischmann = [m for m in real if "Fleischmann" in m.last_name]
    synthetic = [long_member(1), long_member(2, chamber="senate", district=None,
                                                full_name="Bartholomew-Maximilianus" * 3),
                 long_member(3, full_name="", first_name="Ann", last_name="Lee")]
    targets = fleischmann + synthetic + real[:27] + real[-25:]
    result = build_labels(targets, campaign, tmp_path, kinds=("labels",))
    assert not result.warnings
    addresses = office_addresses(targets, campaign)
    cells = labels.label_cells()
    pages = words_by_page(tmp_path / labels.LABELS_PATH)
    assert len(pages) == 2
    for sheet, (width, height, words) in enumerate(pages):
        assert (width, height) == (612, 792)
        found: dict[tuple, list[str]] = {}
        # the placeholder sender's DRAFT line sits in the 0.5 in (36 pt) top margin
        assert " ".join(w["text"] for w in words if w["bottom"] < 36) == \
            "DRAFT \u2014 placeholder sender: do not mail"
        for word in (w for w in words if w["bottom"] >= 36):
            cell = cell_of(word, cells)
            assert cell is not None, f"sheet {sheet + 1}: {word['text']!r} at " \
                f"({word['x0']:.1f}, {word['top']:.1f}, {word['x1']:.1f}, {word['bottom']:.1f}) " \
                "is not inside one label"
            found.setdefault(cell, []).append(word["text"])
        # each label holds exactly its own address, every word of it (nothing cut)
        for index, lines in enumerate(addresses[sheet * 30:(sheet + 1) * 30]):
            text = "".join("".join(found.get(cells[index], [])).split())
            assert text == "".join("".join(lines).split()), f"label {sheet * 30 + index + 1}"


def test_start_skips_used_labels(tmp_path, legislators, campaign):
    targets = selection.select_targets(legislators, campaign, everyone=True)[:5]
    build_labels(targets, campaign, tmp_path, kinds=("labels",), start=28)
    pages = words_by_page(tmp_path / labels.LABELS_PATH)
    assert len(pages) == 2
    cells = labels.label_cells()
    used = {cell_of(w, cells) for w in pages[0][2] if w["bottom"] >= 36}   # not the DRAFT line
    assert used == set(cells[27:30])


def test_envelopes_are_no10_pages_with_the_recipient_block_in_place(tmp_path, legislators, campaign):
    targets = selection.select_targets(legislators, campaign, everyone=True)[:3] + [long_member(4)]
    build_labels(targets, campaign, tmp_path, kinds=("envelopes",))
    pages = words_by_page(tmp_path / labels.ENVELOPES_PATH)
    assert len(pages) == 4
    for (width, height, words), leg in zip(pages, targets):
        assert (round(width), round(height)) == (684, 297)
        honorable = [w for w in words if w["text"] == "Honorable"]
        assert len(honorable) == 1
        recipient = [w for w in words if w["top"] >= honorable[0]["top"] - 1]
        assert min(w["x0"] for w in recipient) >= 4 * 72 - 1
        assert max(w["x1"] for w in recipient) <= 684
        assert 1.9 * 72 <= honorable[0]["top"] <= 2.3 * 72
        text = " ".join(w["text"] for w in recipient)
        assert address.CHAMBER_LINES[leg.chamber] in text
        # the return address: top left
        sender = [w for w in words if w["top"] < 72]
        assert " ".join(w["text"] for w in sender).startswith(campaign.sender.organization)
        assert max(w["x1"] for w in sender) < 4 * 72


def test_a_file_the_user_made_is_not_overwritten(tmp_path, legislators, campaign):
    targets = selection.select_targets(legislators, campaign, everyone=True)[:2]
    mine = tmp_path / labels.LABELS_PATH
    mine.parent.mkdir(parents=True)
    mine.write_bytes(b"my own labels")
    with pytest.raises(OutputExistsError):
        build_labels(targets, campaign, tmp_path)
    assert mine.read_bytes() == b"my own labels"
    assert not (tmp_path / labels.ENVELOPES_PATH).exists()
    build_labels(targets, campaign, tmp_path, force=True)
    assert mine.read_bytes().startswith(b"%PDF")
    again = build_labels(targets, campaign, tmp_path)
    assert not again.written and len(again.unchanged) == 2


def test_dry_run_writes_nothing(tmp_path, legislators, campaign):
    targets = selection.select_targets(legislators, campaign, everyone=True)[:2]
    result = build_labels(targets, campaign, tmp_path / "out", dry_run=True)
    assert result.planned == [labels.LABELS_PATH, labels.ENVELOPES_PATH]
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------- command line

def test_cli_labels_writes_both_files_then_leaves_them_unchanged(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import cli

    out = tmp_path / "out"
    args = ["labels", "--committee", "SSFR09", "--out", str(out)]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "11 office(s) targeted" in first.output
    assert "Done: 2 written, 0 unchanged" in first.output
    assert len(PdfReader(out / labels.ENVELOPES_PATH).pages) == 11
    again = CliRunner().invoke(cli, args)
    assert again.exit_code == 0 and "Done: 0 written, 2 unchanged" in again.output


def test_cli_labels_refuses_docx_a_bad_start_and_a_user_file(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import cli

    docx = CliRunner().invoke(cli, ["labels", "--format", "docx", "--out", str(tmp_path)])
    assert docx.exit_code == 2
    assert "'docx' is not 'pdf'" in docx.output
    start = CliRunner().invoke(cli, ["labels", "--start", "31", "--out", str(tmp_path)])
    assert start.exit_code == 2
    mine = tmp_path / labels.ENVELOPES_PATH
    mine.parent.mkdir(parents=True)
    mine.write_text("mine")
    refused = CliRunner().invoke(cli, ["labels", "--id", "C000127", "--out", str(tmp_path)])
    assert refused.exit_code == 1
    assert "would be overwritten; nothing was written" in refused.output
    assert mine.read_text() == "mine" and not (tmp_path / labels.LABELS_PATH).exists()


def test_cli_labels_for_the_offices_constituents_write_to(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import cli
    from toolkit.sheets.constituents import load_constituents
    from toolkit.congress.datastore import bundled_path
    from toolkit.sheets.legislators import load_legislators
    from toolkit.jobs.selection import for_constituents

    sample = bundled_path("sample-constituents.csv")
    pairs, attention, _ = for_constituents(
        load_constituents(sample).constituents, load_legislators().legislators, "washington")
    offices = [leg for leg, _ in pairs]
    assert len({leg.bioguide_id for leg in offices}) == len(offices) == 48
    result = CliRunner().invoke(cli, ["labels", "--constituents", str(sample), "--kind",
                                      "envelopes", "--out", str(tmp_path), "--office",
                                      "washington", "--return-address", "organization"])
    # Priya Raman's ZIP lies in two districts: her senators are labelled, the row is
    # listed, and the exit status says the set is incomplete (as 'advocacy constituents').
    assert [person.name for person, _ in attention] == ["Priya Raman"]
    assert result.exit_code == 1, result.output
    assert f"48 office(s) targeted from {sample}" in result.output
    assert len(PdfReader(tmp_path / labels.ENVELOPES_PATH).pages) == 48
    assert (f"1 constituent(s) need attention in {sample}:\n  {sample}:12:ZIP: ZIP 10025 "
            "lies in districts NY-12, NY-13: add a District column value (Priya Raman)\n"
            ) in result.output


def test_constituents_labels_match_their_letters_and_read_the_file_as_constituents_does(
        tmp_path):
    """By default the envelopes go where 'advocacy constituents' addresses the letters (the
    district office nearest the writer); --map and --header-row apply to the constituents'
    file, and its notes are printed."""
    from click.testing import CliRunner

    from toolkit.cli import cli

    people = tmp_path / "people.csv"
    people.write_text("Spring sign-ups\n\nFirst Name,Last Name,Address,City,State,Postcode\n"
                      "Ana,Reyes,1 A St,Spokane,WA,99203\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["labels", "--constituents", str(people), "--map",
                                      "zip=Postcode", "--kind", "labels", "--out", str(out),
                                      "--date", "2026-03-04"])
    assert result.exit_code == 0, result.output
    assert f"Note: {people}: the header is row 3" in result.output
    text = PdfReader(out / labels.LABELS_PATH).pages[0].extract_text()
    assert "Spokane, WA 99201" in text and "Washington, DC" not in text
    letters = CliRunner().invoke(cli, ["constituents", str(people), "--map", "zip=Postcode",
                                       "--format", "txt", "--out", str(tmp_path / "letters"),
                                       "--date", "2026-03-04"])
    assert letters.exit_code == 0, letters.output
    manifest = (tmp_path / "letters" / "manifest.csv").read_text(encoding="utf-8-sig")
    assert manifest.count("district: Spokane, WA") == 3
