"""Shared fixtures: the bundled data, factories for contact files, document readers."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest
from hypothesis import settings

from toolkit.campaign.model import load_campaign
from toolkit.sheets.legislators import load_legislators

DATA = Path(__file__).parent / "data"


def pytest_configure(config):
    """Point the user data folder at an empty temporary folder, so that no test reads or
    changes the real one (an updated congress data version would change every default)."""
    import os
    import tempfile

    os.environ["ADVOCACY_DATA_DIR"] = tempfile.mkdtemp(prefix="advocacy-test-data-")
LEGISLATOR_HEADER = ["last_name", "first_name", "full_name", "type", "state", "district",
                     "party", "address", "phone", "bioguide_id"]


@pytest.fixture(scope="session")
def campaign():
    """The bundled default campaign (mali-2023)."""
    return load_campaign()


@pytest.fixture(scope="session")
def table():
    """The bundled congress data (537 members) with committee seats."""
    return load_legislators()


@pytest.fixture(scope="session")
def members(table):
    """Bundled members by bioguide ID."""
    return {leg.bioguide_id: leg for leg in table.legislators}


def make_contacts(path: Path, rows: list[dict], header: list[str] | None = None,
                  encoding: str = "utf-8", delimiter: str = ",", line_end: str = "\n") -> Path:
    """Write a small CSV (``rows`` as dicts keyed by header; default: legislators' header).

    ``line_end="\r\n"`` writes it as Excel does (a cell holding a CR is then quoted).
    """
    header = header or LEGISLATOR_HEADER
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, delimiter=delimiter, lineterminator=line_end)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in header})
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def pdf_text(path_or_bytes) -> str:
    """All text of a PDF, pages joined by newlines (pypdf)."""
    from pypdf import PdfReader

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    return "\n".join(page.extract_text() or "" for page in PdfReader(source).pages)


def pdf_pages(path_or_bytes) -> int:
    """Page count of a PDF."""
    from pypdf import PdfReader

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    return len(PdfReader(source).pages)


def docx_text(path_or_bytes) -> str:
    """Paragraph texts of a DOCX body in reading order, those in table cells included
    (row by row, cell by cell), joined by newlines (python-docx)."""
    import docx
    from docx.text.paragraph import Paragraph

    source = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else str(path_or_bytes)
    document = docx.Document(source)
    body = document.element.body
    return "\n".join(Paragraph(p, document).text for p in body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"))


#: List markers ("1.", "•"): pypdf gives WeasyPrint's at the end of a page's text.
MARKER = re.compile(r"^(\d+\.|\u2022)$")


def words_and_markers(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` in order without list markers, and the markers sorted.

    Compares a PDF's text with a DOCX's: the same words in the same order, and the
    same list numbers and bullets wherever the extractor puts them.
    """
    words = text.split()
    return ([w for w in words if not MARKER.match(w)], sorted(w for w in words if MARKER.match(w)))


def draft_marked_pages(path) -> list[bool]:
    """For each page of the PDF at ``path``: does it show the DRAFT mark? (The mark is drawn
    as outlines, not text: toolkit.documents.draftglyphs.) The page is rasterized at 30 dpi
    (pdftoppm) and searched for the mark's pale red (#c00000 at 35%: about 233, 166, 166)
    in the middle of the page, where the slanted mark lies."""
    import subprocess
    import tempfile

    from PIL import Image

    marked = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-png", "-r", "30", str(path), f"{folder}/p"], check=True)
        for png in sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem[2:])):
            image = Image.open(png).convert("RGB")
            width, height = image.size
            band = image.crop((0, height // 4, width, height * 3 // 4)).tobytes()
            pixels = zip(band[0::3], band[1::3], band[2::3])
            marked.append(sum(1 for r, g, b in pixels if r > 200 and r - g > 40 and r - b > 40) > 50)
    return marked


def without_draft_mark(text: str) -> str:
    """Text without the DRAFT mark of a placeholder sender (toolkit.drafts)."""
    return re.sub(r"DRAFT\s+placeholder sender: do not mail\s*", "", text)


def squash(text: str) -> str:
    """Text with all whitespace removed, for comparing PDF and DOCX words."""
    return re.sub(r"\s+", "", text)


def chart_words() -> list[str]:
    """The words the bundled campaign's one-pager chart draws (its SVG labels and values).

    pypdf gives them at the end of the page's text; the DOCX has them in the chart's
    table, where the chart is.
    """
    chart = load_campaign().chart
    return " ".join(f"{bar.label} {chart.value_text(bar)}" for bar in chart.bars).split()


def without_chart(words: list[str]) -> list[str]:
    """Words without the chart's labels and values (their last run, where present):
    at the end of a PDF's words, where the chart's table is in a DOCX's."""
    drawn = chart_words()
    for start in range(len(words) - len(drawn), -1, -1):
        if words[start:start + len(drawn)] == drawn:
            return words[:start] + words[start + len(drawn):]
    return words


# Property tests (hypothesis) draw the same examples on every CI run (CI=true), so that a
# submission's result does not depend on chance; a developer's run still explores.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


#: A campaign written as one writer ("I urge you..."), its subject in lower case for use
#: mid-sentence, with two recommendations under two Senate committees (Appropriations'
#: THUD subcommittee SSAP24, Banking SSBK): the new-user trial's campaign.
TRANSIT_YAML = """\
id: rural-transit-2027
title: "Keep Rural Buses Running: Fund Rural Transit Grants in FY2027"
headline: "Rural bus lines are closing: rural transit formula grants keep riders connected"
subject: "rural transit grants in the FY2027 transportation bill"
summary: "Rural bus services are cutting routes; the federal rural area formula grants keep older and disabled riders reaching clinics and jobs."
ask: "I urge you to provide $1 billion for rural area formula grants (Section 5311) in the fiscal year 2027 Transportation, Housing and Urban Development appropriations bill."
opening: "For older people and people with disabilities in small towns, the county bus is often the only way to reach a doctor, a pharmacy or a job."
closing: "I would welcome a meeting with you or your staff before the subcommittee marks up its bill, and I look forward to your response."
constituent_relation: supporter
constituent_ask: "I ask you to provide $1 billion for rural transit grants in next year's transportation appropriations bill."
constituent_closing: "I would be grateful for a reply telling me whether you will support this funding."

source:
  title: "Rural Transit at Risk"
  authors: ["Center for Rural Mobility"]
  kind: report
  date: 2026-05-12
  thesis: "one rural transit agency in five cut routes between 2023 and 2025"

recommendations:
  - id: grants
    title: "Fund rural area formula grants at $1 billion"
    phrase: "fund rural area formula grants at $1 billion in FY2027"
    short: "Provide $1 billion for Section 5311 rural area formula grants in the FY2027 bill."
    letter_text: "Provide $1 billion for Section 5311 rural area formula grants in the FY2027 Transportation, Housing and Urban Development bill, enough to restore routes cut since 2023."
    committees: [SSAP24, HSAP20, SSAP, HSAP]
  - id: match
    title: "Lower the local match for operating costs"
    phrase: "lower the local match rural agencies must pay for operating costs"
    short: "Cut the local share of operating costs from 50% to 20% for rural agencies."
    letter_text: "Lower the local share rural agencies must pay toward operating costs from 50% to 20%, so that the poorest counties can keep their buses on the road."
    committees: [SSBK, HSPW]

key_facts:
  - figure: "1 in 5"
    text: "rural transit agencies that cut routes between 2023 and 2025."
    sentence: "One rural transit agency in five cut routes between 2023 and 2025."
    source: "Center for Rural Mobility, 2026"
  - figure: "38%"
    text: "of rural riders in 2025 were going to a medical appointment."
    sentence: "In 2025, 38% of rural transit trips were to a medical appointment."
    source: "Center for Rural Mobility, 2026"
letter_facts: 2

chart:
  title: "Rural transit routes in operation"
  unit: "routes"
  bars:
    - label: "2021"
      value: 4100
    - label: "2023"
      value: 3900
    - label: "2025"
      value: 3350
  source: "Center for Rural Mobility, 2026"

sender:
  organization: "Prairie Riders Alliance"
  address: ["PO Box 88", "Salina, KS 67402"]
  email: "policy@prairieriders.example.org"
  phone: "785-555-0132"
  signers:
    - name: "Marta Lindqvist"
      title: "Executive Director"

targets:
  committees: [SSAP24, HSAP20, SSBK, HSPW]
  chambers: [senate, house]

style:
  house_salutation: representative
  complimentary_close: "Sincerely,"

web_form:
  topic: "Transportation"
"""


@pytest.fixture(scope="session")
def transit(tmp_path_factory):
    """The trial's rural-transit campaign (TRANSIT_YAML), loaded."""
    path = tmp_path_factory.mktemp("transit") / "transit.yaml"
    path.write_text(TRANSIT_YAML, encoding="utf-8")
    return load_campaign(path)
