"""Accessible documents: tagged PDF/UA-1 (structure tree, language, title, mailto links),
--pdf-variant, and DOCX title, language, compatibility mode and Heading styles."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import docx
import pikepdf
import pytest
from click.testing import CliRunner
from lxml import etree

from toolkit.cli import cli
from toolkit.documents.docx.package import render_docx
from toolkit.documents.html import TemplateSet
from toolkit.documents.pdf import DEFAULT_VARIANT, VARIANTS, link_emails
from toolkit.documents.tailor import build_context

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def htmls(members, campaign):
    """Rendered HTML of a senator's letter and one-pager (Cantwell) and a delegate's letter."""
    templates = TemplateSet()

    def render(template: str, bioguide: str) -> str:
        context = build_context(members[bioguide], campaign, "January 15, 2026")
        return templates.render(template, {**context, "fit": 0})

    return {"letter": render("letter.html", "C000127"),
            "onepager": render("onepager.html", "C000127"),
            "delegate": render("letter.html", "N000147")}


def _part(data: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


def test_docx_declares_current_word_compatibility_mode(htmls):
    data, _ = render_docx(htmls["letter"], title="Mali letter")
    settings = _part(data, "word/settings.xml")
    modes = [s.get(f"{W}val") for s in settings.iter(f"{W}compatSetting")
             if s.get(f"{W}name") == "compatibilityMode"]
    assert modes == ["15"]


def test_docx_carries_title_and_language(htmls):
    data, _ = render_docx(htmls["letter"], title="Mali letter: Senator Cantwell")
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.title == "Mali letter: Senator Cantwell"
    assert props.language == "en"  # the template's <html lang="en">
    lang = _part(data, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "en-US"  # Word's proofing language
    no_lang, _ = render_docx("<html><head><title>T</title></head><body><p>x</p></body></html>")
    assert docx.Document(io.BytesIO(no_lang)).core_properties.language == "en-US"


def test_docx_headings_are_word_heading_styles_with_outline_levels(htmls):
    data, _ = render_docx(htmls["onepager"])
    document = docx.Document(io.BytesIO(data))
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings[0] == ("Heading 1", htmls["onepager"].split("<h1>")[1].split("</h1>")[0])
    assert [name for name, _ in headings[1:]] == ["Heading 2"] * (len(headings) - 1)
    assert ("Heading 2", "Recommendations") in headings
    levels = {style.name: style.element.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val")
              for style in document.styles if style.name in ("Heading 1", "Heading 2", "Heading 3")}
    assert levels == {"Heading 1": "0", "Heading 2": "1", "Heading 3": "2"}
    h3, _ = render_docx("<html><body><h3>Sub</h3><p>x</p></body></html>")
    assert docx.Document(io.BytesIO(h3)).paragraphs[0].style.name == "Heading 3"


# --------------------------------------------------------------------------- tagged PDF


SENATOR = ["--id", "C000127", "--date", "2026-01-15", "--jobs", "1"]


def _invoke(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A senator's letter and one-pager as PDF, tagged by default, and untagged (none)."""
    root = tmp_path_factory.mktemp("pdfs")
    _invoke("generate", *SENATOR, "--format", "pdf", "--out", root / "ua")
    _invoke("generate", *SENATOR, "--format", "pdf", "--out", root / "none", "--pdf-variant", "none")
    return root


def _tags(element, found: list) -> list:
    """Structure types of a structure tree, in reading order."""
    kind = element.get("/S")
    if kind is not None:
        found.append(str(kind)[1:])
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:  # not a content reference
            _tags(kid, found)
    return found


def test_variants_are_weasyprints():
    from weasyprint.pdf import VARIANTS as WEASYPRINT

    assert DEFAULT_VARIANT == "pdf/ua-1"
    assert set(VARIANTS) - {"none"} <= set(WEASYPRINT)


@pytest.mark.parametrize("kind", ["letters", "onepagers"])
def test_pdf_is_tagged_pdf_ua1_with_language_and_title(generated, kind):
    path = generated / "ua" / kind / "WA-sen-cantwell-C000127.pdf"
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "en"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert "C000127" not in str(pdf.docinfo.Title)
        assert str(pdf.docinfo.Title).endswith("Senator Cantwell")
        with pdf.open_metadata() as xmp:
            assert xmp["pdfuaid:part"] == "1"
        tags = _tags(root.StructTreeRoot, [])
    assert tags[0] == "Document" and "P" in tags
    headings = [int(t[1]) for t in tags if re.fullmatch(r"H[1-6]", t)]
    if kind == "onepagers":  # headings in order: one H1 first, no level skipped
        assert headings[0] == 1 and headings.count(1) == 1 and len(headings) >= 3
        assert all(b - a <= 1 for a, b in zip(headings, headings[1:]))
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                              check=True, timeout=60).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M)


def test_email_address_is_a_mailto_link(generated):
    with pikepdf.open(generated / "ua" / "letters" / "WA-sen-cantwell-C000127.pdf") as pdf:
        uris = [str(a.A.URI) for a in pdf.pages[0].get("/Annots", []) if "/A" in a]
        assert uris == ["mailto:advocacy@example.org"]
        assert "Link" in _tags(pdf.Root.StructTreeRoot, [])


def test_pdf_variant_none_is_untagged_and_rerenders(generated, tmp_path):
    path = generated / "none" / "letters" / "WA-sen-cantwell-C000127.pdf"
    with pikepdf.open(path) as pdf:
        assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
        assert str(pdf.docinfo.Title).endswith("Senator Cantwell")
    out = tmp_path / "out"
    shutil.copytree(generated / "none", out)
    result = _invoke("generate", *SENATOR, "--format", "pdf", "--out", out)
    assert "Done: 2 written, 0 unchanged" in result.output  # another variant, other bytes
    with pikepdf.open(out / "letters" / "WA-sen-cantwell-C000127.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root
    assert (out / "letters" / "WA-sen-cantwell-C000127.pdf").read_bytes() == \
        (generated / "ua" / "letters" / "WA-sen-cantwell-C000127.pdf").read_bytes()


def test_link_emails_wraps_addresses_in_text_only():
    from xml.etree.ElementTree import fromstring, tostring

    root = fromstring('<body><p>Write <b>x@ex.org</b>, or a.b+c@mail.ex.co.uk.</p>'
                      '<p><a href="mailto:y@ex.org">y@ex.org</a> user@host no@tld.x</p></body>')
    link_emails(root)
    assert tostring(root, encoding="unicode") == (
        '<body><p>Write <b><a href="mailto:x@ex.org" class="advocacy-email">x@ex.org</a></b>, '
        'or <a href="mailto:a.b+c@mail.ex.co.uk" class="advocacy-email">a.b+c@mail.ex.co.uk</a>.'
        '</p><p><a href="mailto:y@ex.org">y@ex.org</a> user@host no@tld.x</p></body>')


def test_unknown_variant_is_refused():
    from toolkit.errors import ExportError
    from toolkit.documents.html import bundled_templates_dir
    from toolkit.documents.pdf import PdfRenderer

    with pytest.raises(ExportError, match=r"unknown PDF variant 'pdf/x-4'; use one of: pdf/ua-1, "):
        PdfRenderer(bundled_templates_dir(), [bundled_templates_dir()], "pdf/x-4")
    result = CliRunner().invoke(cli, ["generate", "--pdf-variant", "pdf/x-9"])
    assert result.exit_code == 2 and "'pdf/x-9' is not one of" in result.output
