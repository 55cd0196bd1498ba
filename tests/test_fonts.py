"""Fonts Word users have: the DOCX names a Word font, the PDF uses its metric-compatible twin."""

from __future__ import annotations

from toolkit.documents.docx import styles

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import pdf_pages
from toolkit.documents.pdf import WORD_FONT_TWINS

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
#: A fontconfig set-up that is the system's without any DejaVu font.
NO_DEJAVU = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont><glob>*/DejaVu*</glob></rejectfont></selectfont>
</fontconfig>
"""


def _family(name: str, env: dict | None = None) -> str:
    return subprocess.run(["fc-match", "-f", "%{family[0]}", name], capture_output=True,
                          text=True, check=True, timeout=30, env=env).stdout


def test_word_fonts_resolve_to_their_open_twins():
    """Fails on a machine without fonts-liberation2: the PDF would not match Word's metrics."""
    assert shutil.which("fc-match"), "fontconfig's fc-match is not installed"
    assert WORD_FONT_TWINS == {"Times New Roman": "Liberation Serif", "Arial": "Liberation Sans"}
    for word_font, twin in WORD_FONT_TWINS.items():
        assert _family(word_font) == twin, (
            f"fontconfig gives {_family(word_font)!r} for {word_font!r}, not {twin!r}: install "
            "fonts-liberation2 (see README, Set up)")


def test_templates_name_the_word_font_with_its_twin_as_fallback():
    assert styles.FONT == "Times New Roman"
    families = {name: re.findall(r"font-family:\s*([^;]+);", (TEMPLATES / name).read_text())
                for name in ("base.css", "packet.css", "packet-footer.html")}
    assert families == {"base.css": ['"Times New Roman", "Liberation Serif", serif'],
                        "packet.css": ['Arial, "Liberation Sans", sans-serif'],
                        "packet-footer.html": ['Arial, "Liberation Sans", sans-serif']}


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdffonts") is None,
                    reason="LibreOffice (soffice) or poppler (pdffonts) not installed")
def test_hiding_dejavu_from_libreoffice_changes_no_page_count(tmp_path, members, campaign):
    """LibreOffice without any DejaVu font lays out the DOCX on the PDF's pages, in Liberation Serif.

    A senator's and a delegate's letter and a representative's one-pager (DOCX), and a
    letter forced onto two pages: each converts to as many pages as WeasyPrint's PDF of
    the same HTML, and every font in the converted PDF is a Liberation font.
    """
    from toolkit.documents.docx.package import render_docx
    from toolkit.documents.html import TemplateSet, bundled_templates_dir
    from toolkit.documents.pdf import render_pdfs
    from toolkit.documents.tailor import build_context

    def render(template: str, bioguide: str) -> str:
        context = build_context(members[bioguide], campaign, "January 15, 2026")
        return TemplateSet().render(template, {**context, "fit": 0})

    htmls = {"senator-letter": render("letter.html", "C000127"),
             "delegate-letter": render("letter.html", "N000147"),
             "rep-onepager": render("onepager.html", "A000055")}
    more = "<p>" + "Every week brings news of schools closing in Mali. " * 8 + "</p>"
    htmls["two-pages"] = htmls["senator-letter"].replace('<div class="closing">',
                                                         more * 5 + '<div class="closing">', 1)
    pdfs = render_pdfs(list(htmls.values()), bundled_templates_dir(), [bundled_templates_dir()])
    for name, html in htmls.items():
        (tmp_path / f"{name}.docx").write_bytes(render_docx(html)[0])
    config = tmp_path / "no-dejavu.conf"
    config.write_text(NO_DEJAVU.format(cache=tmp_path / "fc-cache"))
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    assert "DejaVu" not in subprocess.run(["fc-list"], capture_output=True, text=True,
                                          env=env, timeout=60).stdout
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                    *(str(tmp_path / f"{n}.docx") for n in htmls)],
                   check=True, capture_output=True, timeout=300, env=env)
    for (name, _), pdf in zip(htmls.items(), pdfs):
        office = tmp_path / "lo" / f"{name}.pdf"
        assert pdf_pages(office) == pdf.pages == (2 if name == "two-pages" else 1), name
        fonts = subprocess.run(["pdffonts", str(office)], capture_output=True, text=True,
                               check=True, timeout=60).stdout.splitlines()[2:]
        names = {line.split()[0].split("+")[-1] for line in fonts}
        assert names and all(n.startswith("LiberationSerif") for n in names), (name, names)
