"""The DOCX one-pager as a leave-behind: the ask in a box, the key figures as callouts, the
bar chart as a Word table, one page in LibreOffice for the hardest members."""

from __future__ import annotations

from toolkit.documents.docx import styles

import io
import re
import shutil
import subprocess

import docx
import pytest
from click.testing import CliRunner
from docx.table import Table

from conftest import pdf_pages, pdf_text
from test_docx import TEMPLATES, _css, _pt
from toolkit.cli import cli
from toolkit.documents.docx.package import render_docx
from toolkit.documents.html import TemplateSet
from toolkit.documents.tailor import build_context

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ALT = ("Mali's inflation since the 2022 ECOWAS sanctions were lifted: August 2022, 13.9% "
       "(after the sanctions); February 2023, 5.9% (six months later).")
#: The caption printed under the chart: the values that are callouts left out (issue 17).
CAPTION = ("Mali's inflation since the 2022 ECOWAS sanctions were lifted: August 2022 "
           "(after the sanctions); February 2023 (six months later).")
#: The hardest members for one page: the fullest pages of benchmarks/check_docx_pages.py
#: (Cornyn: the longest "why it matters", fullest one-pager and letter; Warren: the
#: fullest letter; Shaheen: Ranking Member, three committees), the longest salutation
#: name (Wasserman Schultz) and the resident commissioner.
HARD = ("C001056", "W000817", "S001181", "W000797", "H001103")


def _onepager(members, campaign, bioguide: str = "S001181", fit: int = 0) -> str:
    context = build_context(members[bioguide], campaign, "January 15, 2026")
    return TemplateSet().render("onepager.html", {**context, "fit": fit})


@pytest.fixture(scope="module")
def document(members, campaign):
    data, warnings = render_docx(_onepager(members, campaign))
    assert warnings == ()
    return docx.Document(io.BytesIO(data))


def _style_ppr(document, name: str):
    return document.styles[name].element.find(f"{W}pPr")


def _rows(table: Table) -> list[list]:
    """Each row's cells (python-docx ``_Cell``), a cell spanning columns once."""
    from docx.table import _Cell

    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def _cells(table: Table) -> list[list[str]]:
    """Each row's cell texts, a cell's paragraphs joined by newlines."""
    return [["\n".join(p.text for p in cell.paragraphs) for cell in row] for row in _rows(table)]


def test_the_ask_is_a_bordered_shaded_paragraph(document, campaign):
    """The box is the "Ask" paragraph style's own border and shading (restyle it in the
    reference .docx and every ask follows), not a drawing nor a table."""
    ask = [p for p in document.paragraphs if p.style.name == "Ask"]
    assert [p.text for p in ask] == [f"The ask: {campaign.ask}"]
    assert ask[0]._p.pPr.find(f"{W}pBdr") is None  # nothing on the paragraph overrides it
    ppr = _style_ppr(document, "Ask")
    borders = {b.tag.replace(W, ""): (b.get(f"{W}val"), b.get(f"{W}sz"), b.get(f"{W}space"))
               for b in ppr.find(f"{W}pBdr")}
    assert borders == {side: ("single", "12", "5") for side in ("top", "left", "bottom", "right")}
    assert ppr.find(f"{W}shd").get(f"{W}fill") == "F2F2F2"
    assert document.styles["Ask"].font.bold


def test_key_figures_are_large_callouts_in_a_layout_row(document, campaign):
    callouts = document.tables[0]
    assert _cells(callouts) == [[f"{f.figure}\n{f.text}" for f in campaign.key_facts[:3]]]
    assert _cells(callouts)[0][0] == (
        "13.9%\nMali's inflation in August 2022, after that year's ECOWAS sanctions raised "
        "living costs for citizens rather than punishing the coup leaders.")
    figure = _rows(callouts)[0][0].paragraphs[0]
    assert figure.style.name == "Callout Figure" and figure.runs[0].bold
    assert document.styles["Callout Figure"].font.size.pt == 22
    assert document.styles["Callout Text"].font.size.pt == 11
    # a layout table: no header row, Word's header-row look off, said in its Alt Text
    tbl = callouts._tbl
    assert not list(tbl.iter(f"{W}tblHeader"))
    assert tbl.tblPr.find(f"{W}tblLook").get(f"{W}firstRow") == "0"
    assert tbl.tblPr.find(f"{W}tblDescription").get(f"{W}val").startswith("Layout table")
    # the cells' text lines up with the page's: moved left by one cell margin, 10 pt apart
    assert tbl.tblPr.find(f"{W}tblInd").get(f"{W}w") == "-100"
    assert [int(g.get(f"{W}w")) for g in tbl.tblGrid] == [3187, 3186, 3187]  # twips
    assert tbl.tblPr.find(f"{W}tblW").get(f"{W}w") == str((468 + 10) * 20)


def test_the_chart_is_a_table_of_bars_sized_to_the_values(document, campaign):
    chart = document.tables[1]
    assert _cells(chart) == [["August 2022", "", "13.9%"], ["February 2023", "", "5.9%"]]
    rows = _rows(chart)
    bars = [row[1]._tc for row in rows]
    widths = [int(tc.tcPr.find(f"{W}tcW").get(f"{W}w")) for tc in bars]
    assert widths[0] == round(298 * 0.75 * 20)                       # the SVG's bar, in twips
    assert widths[1] / widths[0] == pytest.approx(5.9 / 13.9, abs=0.002)  # drawn to scale
    assert [tc.tcPr.find(f"{W}shd").get(f"{W}fill") for tc in bars] == ["222222", "777777"]
    assert [row[0].paragraphs[0].style.name for row in rows] == ["Chart Label"] * 2
    assert [row[2].paragraphs[0].style.name for row in rows] == ["Chart Value"] * 2
    pr = chart._tbl.tblPr
    assert pr.find(f"{W}tblDescription").get(f"{W}val") == ALT == campaign.chart.alt_text
    assert not list(chart._tbl.iter(f"{W}tblHeader"))
    # its caption is printed under it, as in the PDF (without the callouts' values)
    body = [el for el in document.element.body if el.tag in (f"{W}p", f"{W}tbl")]
    after = body[body.index(chart._tbl) + 1]
    assert "".join(t.text for t in after.iter(f"{W}t")) == CAPTION


def test_a_chart_without_its_part_classes_is_left_to_its_text_alternative(members, campaign):
    """An SVG from an older copied template (no bar-label/bar/bar-value classes)."""
    html = re.sub(r' class="bar(-label|-value)?"', "", _onepager(members, campaign))
    data, warnings = render_docx(html)
    assert warnings == ()
    tables = docx.Document(io.BytesIO(data)).tables
    assert len(tables) == 1 and _cells(tables[0])[0][0].startswith("13.9%")
    without_chart = campaign.model_copy(update={"chart": None})
    tables = docx.Document(io.BytesIO(render_docx(_onepager(members, without_chart))[0])).tables
    assert len(tables) == 1


def test_two_callouts_at_fit_level_one(members, campaign):
    data, _ = render_docx(_onepager(members, campaign, fit=1))
    callouts = docx.Document(io.BytesIO(data)).tables[0]
    assert [c.split("\n")[0] for c in _cells(callouts)[0]] == ["13.9%", "5.9%"]
    assert [int(g.get(f"{W}w")) for g in callouts._tbl.tblGrid] == [(468 + 10) * 10] * 2


def test_leave_behind_styles_mirror_the_css():
    css = _css(TEMPLATES / "onepager.css")
    spec = {s.name: s for s in styles.STYLES}
    ask = css[".ask"]
    width, _, color = ask["border"].split()
    assert spec["Ask"].border == ("box", _pt(width), _pt(ask["padding"].split()[0]), "000000")
    assert color == "#000" and spec["Ask"].shading == ask["background"].lstrip("#").upper()
    assert spec["Ask"].left == spec["Ask"].right == _pt(ask["padding"].split()[1])
    assert spec["Callout Figure"].size == _pt(css[".callout .figure"]["font-size"])
    assert spec["Callout Figure"].line == float(css[".callout .figure"]["line-height"])
    assert spec["Callout Text"].line == float(css[".callout"]["line-height"])
    assert spec["Callout Figure"].border[1] == _pt(css[".callout"]["border-top"].split()[0])
    assert styles.LAYOUT_GAP_PT == _pt(css[".callouts"]["gap"])
    assert spec["Brief Contact"].size == _pt(css[".footer .contact"]["font-size"])


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice (soffice) or poppler (pdftoppm) not installed")
def test_hardest_members_are_one_page_in_libreoffice(tmp_path):
    """The DOCX letter and one-pager of the hardest members, as `generate` makes them,
    are one page each once LibreOffice converts them, with the callouts and chart."""
    out = tmp_path / "out"
    ids = [a for bioguide in HARD for a in ("--id", bioguide)]
    result = CliRunner().invoke(cli, ["generate", *ids, "--format", "docx", "--out", str(out),
                                      "--date", "2026-01-15", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*/*.docx"))
    assert len(files) == 2 * len(HARD)
    profile = (tmp_path / "profile").as_uri()
    for folder in ("letters", "onepagers"):
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(tmp_path / "lo" / folder),
                        *(str(f) for f in files if f.parent.name == folder)],
                       check=True, capture_output=True, timeout=300)
    pages = {f"{f.parent.name}/{f.stem}": pdf_pages(tmp_path / "lo" / f.parent.name / f"{f.stem}.pdf")
             for f in files}
    assert pages == {name: 1 for name in pages}
    shaheen = tmp_path / "lo/onepagers/NH-sen-shaheen-S001181.pdf"
    text = " ".join(pdf_text(shaheen).split())
    assert "The ask: We urge you" in text
    assert "August 2022 13.9%" in text and "February 2023 5.9%" in text
    # laid out as in the PDF: the three figures side by side on one line, left to right
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>',
                       subprocess.run(["pdftotext", "-bbox", str(shaheen), "-"], check=True,
                                      capture_output=True, text=True, timeout=60).stdout)
    figures = [next((float(x), float(y)) for x, y, w in words if w == figure)
               for figure in ("13.9%", "5.9%", "17th")]
    assert len({round(y) for _, y in figures}) == 1, figures
    assert figures[0][0] < figures[1][0] < figures[2][0]
