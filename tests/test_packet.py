"""Hill-day briefing packets: walking order, table of contents, outline, footers, duplex, schedule."""

from __future__ import annotations

from toolkit.congress.model import official_name

from toolkit.congress import capitol
from toolkit.congress.offices import load_district_offices
from toolkit.documents import packet
from toolkit.documents.job import file_stem
from toolkit.jobs.packet import build_packets

import csv
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from toolkit.engine.output import Manifest

DATE = "January 15, 2026"
#: One office per building, given out of walking order.
BUILDING_ORDER = ("Russell", "Dirksen", "Hart", "Cannon", "Longworth", "Rayburn")


@pytest.fixture(scope="module")
def offices(table):
    """Six bundled members, one per office building, in reverse walking order."""
    chosen = {}
    for leg in table.legislators:
        building = capitol.parse_office(leg.address, leg.chamber).building
        if building in BUILDING_ORDER and building not in chosen:
            chosen[building] = leg
    return [chosen[b] for b in reversed(BUILDING_ORDER)]


def read_day(folder):
    reader = PdfReader(folder / packet.HILL_DAY_PATH)
    texts = [page.extract_text() or "" for page in reader.pages]
    outline = [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
    return reader, texts, outline


def packet_pages(folder, legs):
    return [len(PdfReader(folder / f"packets/{file_stem(leg)}.pdf").pages) for leg in legs]


@pytest.fixture(scope="module")
def simplex(tmp_path_factory, offices, campaign):
    out = tmp_path_factory.mktemp("simplex")
    result = build_packets(offices, campaign, out, date=None)
    return out, result


@pytest.fixture(scope="module")
def duplex(tmp_path_factory, offices, campaign):
    out = tmp_path_factory.mktemp("duplex")
    result = build_packets(offices, campaign, out, duplex=True)
    return out, result


def test_walking_order_is_by_building_then_room(table):
    ordered = packet.walking_order(table.legislators)
    keys = [packet.walking_key(leg)[:2] for leg in ordered]
    assert keys == sorted(keys)
    buildings = [capitol.parse_office(leg.address, leg.chamber).building for leg in ordered]
    seen = list(dict.fromkeys(buildings))
    assert seen[:6] == list(BUILDING_ORDER)
    assert buildings[-1] == ""  # the member without an office address walks last
    rooms = [capitol.parse_office(leg.address, leg.chamber).room for leg in ordered
             if capitol.parse_office(leg.address, leg.chamber).building == "Hart"]
    assert [int(re.match(r"\d+", r)[0]) for r in rooms] == sorted(
        int(re.match(r"\d+", r)[0]) for r in rooms)


def test_combined_pdf_is_cover_plus_every_packet(simplex, offices):
    out, result = simplex
    reader, texts, outline = read_day(out)
    ordered = packet.walking_order(offices)
    pages = packet_pages(out, ordered)
    assert all(n >= 3 for n in pages)  # profile, letter, one-pager at least
    cover_pages = outline[0][1]
    assert cover_pages >= 1 and "Building and room" in texts[0]
    assert len(reader.pages) == cover_pages + sum(pages)
    # each packet directly follows the previous one
    starts = [cover_pages + sum(pages[:i]) for i in range(len(pages))]
    assert [page for _, page in outline] == starts
    written = set(result.written)
    manifest = Manifest.load(out)
    assert int(manifest.rows[packet.HILL_DAY_PATH]["pages"]) == len(reader.pages)
    assert set(written) == {f"packets/{file_stem(leg)}.pdf" for leg in offices} | {
        packet.HILL_DAY_PATH, packet.SCHEDULE_PATH}


def test_outline_has_one_entry_per_office_in_walking_order(simplex, offices, campaign):
    out, _ = simplex
    _, _, outline = read_day(out)
    assert len(outline) == len(offices)
    titles = [title for title, _ in outline]
    buildings = [next(b for b in BUILDING_ORDER if title.endswith(f" {b}")) for title in titles]
    assert buildings == list(BUILDING_ORDER)
    expected = [f"{packet.office_title(leg, campaign)} \u2014 {packet.room_line(leg)}"
                for leg in packet.walking_order(offices)]
    assert titles == expected


def test_table_of_contents_gives_each_office_its_first_page(simplex, offices):
    out, _ = simplex
    _, texts, outline = read_day(out)
    cover = "\n".join(texts[:outline[0][1]])
    for leg, (_, page) in zip(packet.walking_order(offices), outline):
        room = packet.room_line(leg)
        line = next(x for x in cover.splitlines() if x.startswith(room))
        assert line.split()[-1] == str(page + 1), line


def test_footers_count_pages_within_each_packet(simplex, offices, campaign):
    out, _ = simplex
    _, texts, outline = read_day(out)
    ordered = packet.walking_order(offices)
    for leg, (_, first), total in zip(ordered, outline, packet_pages(out, ordered)):
        title = packet.office_title(leg, campaign)
        assert f"page 1 of {total}" in texts[first]
        for number in range(1, total + 1):
            footer = texts[first + number - 1].strip().splitlines()[-1]
            assert footer == f"{title} \u00b7 {packet.room_line(leg)} \u2014 page {number} of {total}"
    # the per-office file carries the same footers
    single = PdfReader(out / f"packets/{file_stem(ordered[0])}.pdf")
    assert "page 1 of" in single.pages[0].extract_text()


def test_duplex_starts_every_packet_on_an_odd_page(duplex, simplex, offices):
    out, _ = duplex
    reader, texts, outline = read_day(out)
    ordered = packet.walking_order(offices)
    pages = packet_pages(out, ordered)
    cover_pages = read_day(simplex[0])[2][0][1]  # the same table of contents, simplex
    blanks = [i for i, text in enumerate(texts) if not text.strip()]
    assert len(reader.pages) == cover_pages + sum(pages) + len(blanks)
    for (_, first), count in zip(outline, pages):
        assert first % 2 == 0, "a packet must start on an odd (1-based) page"
        assert all(texts[first + i].strip() for i in range(count))
    # blanks only where needed: before a packet that would start on an even page
    expected_blanks, page = 0, cover_pages
    for count in pages:
        if page % 2:
            expected_blanks += 1
            page += 1
        page += count
    assert len(blanks) == expected_blanks


def test_profile_page_names_seats_offices_and_date(tmp_path, members, campaign):
    risch = members["R000584"]  # Chair of the Senate Committee on Foreign Relations
    build_packets([risch], campaign, tmp_path, date=dt.date(2026, 1, 15))
    text = PdfReader(tmp_path / f"packets/{file_stem(risch)}.pdf").pages[0].extract_text()
    flat = " ".join(text.split())
    assert "James E. Risch" in flat and "Republican" in flat and "Idaho" in flat
    assert "Senate Committee on Foreign Relations \u2014 Chair" in flat
    assert "Subcommittee on Africa and Global Health Policy \u2014 Ex Officio" in flat
    assert "483 Russell Senate Office Building" in flat and "202-224-2752" in flat
    assert "Boise" in flat and "Coeur d'Alene" in flat  # district offices
    assert "risch.senate.gov" in flat
    assert "Meeting notes" in flat and DATE in flat
    assert "page 1 of 3" in flat


def test_schedule_lists_offices_in_walking_order(simplex, offices):
    out, _ = simplex
    data = (out / packet.SCHEDULE_PATH).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel keeps accents
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == list(packet.SCHEDULE_COLUMNS)
    assert [r["building"] for r in rows] == list(BUILDING_ORDER)
    ordered = packet.walking_order(offices)
    assert [r["member"] for r in rows] == [official_name(leg) for leg in ordered]
    assert [r["phone"] for r in rows] == [leg.phone for leg in ordered]
    assert all(r["room"] for r in rows)


def test_district_offices_are_bundled():
    offices = load_district_offices()
    assert len(offices) == 536
    assert sum(len(v) for v in offices.values()) == 1312
    cullman = offices["A000055"][0]
    assert (cullman.street, cullman.city_line) == ("205 4th Ave. NE, Suite 104", "Cullman, AL 35055")


def test_cli_packet(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import cli

    out = tmp_path / "out"
    args = ["packet", "--id", "C000127", "--id", "R000584", "--date", "2026-01-15",
            "--duplex", "--format", "pdf", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "2 office(s) targeted" in result.output
    assert "Done: 4 written, 0 unchanged" in result.output
    assert f"print: {out / packet.HILL_DAY_PATH}" in result.output
    reader = PdfReader(out / packet.HILL_DAY_PATH)
    titles = [item.title for item in reader.outline]
    assert titles == ["Senator Risch (R-ID) \u2014 483 Russell",
                      "Senator Cantwell (D-WA) \u2014 511 Hart"]
    assert all(reader.get_destination_page_number(i) % 2 == 0 for i in reader.outline)
    manifest = (out / "manifest.csv").read_text(encoding="utf-8-sig")
    assert "packets/WA-sen-cantwell-C000127.pdf" in manifest and "hill-day" in manifest
    dry = CliRunner().invoke(cli, args[:-2] + ["--out", str(tmp_path / "dry"), "--dry-run"])
    assert dry.exit_code == 0 and "packets/schedule.csv" in dry.output
    assert not (tmp_path / "dry").exists()
    both = CliRunner().invoke(cli, ["packet", "--id", "C000127", "--out", str(tmp_path / "both")])
    assert both.exit_code == 0, both.output
    assert (tmp_path / "both/packets/WA-sen-cantwell-C000127.docx").is_file()
    assert "packet       docx  1" in both.output and "packet       pdf   1" in both.output


def test_packet_docx_holds_the_three_parts_on_their_own_pages(tmp_path, members, campaign):
    import docx

    cantwell = members["C000127"]
    build_packets([cantwell], campaign, tmp_path, formats=("pdf", "docx"),
                         date=dt.date(2026, 1, 15))
    document = docx.Document(str(tmp_path / f"packets/{file_stem(cantwell)}.docx"))
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("Maria Cantwell") - 1].startswith("Hill-day briefing")
    breaks = [p.text for p in document.paragraphs if p.paragraph_format.page_break_before]
    # letter, one-pager: each begins with the DRAFT mark while the sender is a placeholder
    assert breaks == ["DRAFT\nplaceholder sender: do not mail"] * 2
    firsts = [texts[i + 1] for i, p in enumerate(document.paragraphs)
              if p.paragraph_format.page_break_before]
    assert firsts == [campaign.sender.organization, campaign.headline]
    assert "Dear Senator Cantwell:" in texts
    assert document.core_properties.title.endswith("Senator Cantwell (D-WA)")


@pytest.mark.skipif(__import__("shutil").which("soffice") is None, reason="needs LibreOffice")
def test_packet_docx_converts_in_libreoffice_with_the_pdf_page_count(tmp_path, members, campaign):
    import subprocess

    legs = [members["R000584"], members["H001103"]]
    build_packets(legs, campaign, tmp_path / "out", formats=("pdf", "docx"))
    folder = tmp_path / "out/packets"
    docs = sorted(folder.glob("*.docx"))
    assert len(docs) == 2
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                    *map(str, docs)], check=True, capture_output=True, timeout=240)
    for doc in docs:
        converted = PdfReader(tmp_path / "lo" / f"{doc.stem}.pdf")
        assert len(converted.pages) == len(PdfReader(folder / f"{doc.stem}.pdf").pages)


def test_what_a_packet_shortened_is_in_the_manifest(tmp_path):
    """Shaheen's profile page is too full for 12 meeting-note lines: it keeps 6, and says
    so in the warning and in the manifest's ``shortened`` column."""
    from click.testing import CliRunner

    from toolkit.cli import cli

    result = CliRunner().invoke(cli, ["packet", "--id", "S001181", "--format", "pdf",
                                      "--out", str(tmp_path), "--date", "2026-03-04"])
    assert result.exit_code == 0, result.output
    assert ("profile.html for S001181 Jeanne Shaheen: shortened to fit 1 page(s): 6 "
            "meeting-note lines instead of 12") in result.output
    row = Manifest.load(tmp_path).rows["packets/NH-sen-shaheen-S001181.pdf"]
    assert row["shortened"] == "profile: 6 meeting-note lines instead of 12"
