"""What a new user's trial found (a transit campaign, a messy sheet, a Word file), fixed."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from toolkit.campaign.model import bundled_campaign_path
from toolkit.campaign.wording import with_article
from toolkit.errors import ContactsError
from toolkit.jobs.common import Notes, load_campaign_noting_drafts
from toolkit.sheets.cells import read_sheet
from toolkit.sheets.constituents import load_constituents

ROOT = Path(__file__).resolve().parent.parent


def test_an_organization_opening_with_center_for_takes_the():
    assert [with_article(n) for n in ("Center for Rural Mobility", "Council on Aging",
                                      "Alliance for Retired Americans", "Dana Whitfield",
                                      "Centerville Rotary")] == [
        "the Center for Rural Mobility", "the Council on Aging",
        "the Alliance for Retired Americans", "Dana Whitfield", "Centerville Rotary"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_word_document_renamed_as_a_sheet_is_named_for_what_it_is(tmp_path, suffix):
    from docx import Document

    source = tmp_path / "letter.docx"
    Document().save(source)
    renamed = tmp_path / f"people{suffix}"
    shutil.copy(source, renamed)
    with pytest.raises(ContactsError) as caught:
        read_sheet(renamed)
    assert "this is a Word document (.docx), not a spreadsheet" in str(caught.value)
    assert str(caught.value).startswith(f"{renamed}: ")


def test_a_repeated_person_is_located_in_the_name_column_the_sheet_has(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("Name,Address,City,State,ZIP\n"
                      "Ada Diallo,12 Elm Street,Burlington,VT,05401\n"
                      "Ada Diallo,12 Elm St.,Burlington,VT,05401\n", encoding="utf-8")
    (first, second) = load_constituents(people).constituents
    assert first.problems == ()
    assert second.problems[0].startswith(f"{people}:3:Name: repeats row 2 (same name and "
                                         "address)")


def test_a_source_dated_after_the_letters_is_warned_about(tmp_path):
    data = yaml.safe_load(bundled_campaign_path().read_text(encoding="utf-8"))
    data["source"]["date"] = dt.date(2026, 5, 12)
    path = tmp_path / "later.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    notes = Notes()
    load_campaign_noting_drafts(notes, path, date=dt.date(2026, 3, 2))
    assert notes[-1] == (f"Warning: {path}: source.date is 2026-05-12, after the letters' "
                         "date 2026-03-02: the letters would cite a source not yet published; "
                         "check --date or source.date")
    quiet = Notes()
    load_campaign_noting_drafts(quiet, path, date=dt.date(2026, 6, 1))
    assert not any(line.startswith("Warning:") for line in quiet)


def test_chart_values_group_thousands_and_never_use_exponents():
    from toolkit.campaign.model import Chart, ChartBar

    chart = Chart(title="Routes", unit="routes",
                  bars=[ChartBar(label="A", value=4100), ChartBar(label="B", value=1234567),
                        ChartBar(label="C", value=13.9)])
    assert [chart.value_text(bar) for bar in chart.bars] == [
        "4,100 routes", "1,234,567 routes", "13.9 routes"]
    percent = Chart(title="Share", unit="%", bars=[ChartBar(label="A", value=5.9),
                                                   ChartBar(label="B", value=0.25)])
    assert [percent.value_text(bar) for bar in percent.bars] == ["5.9%", "0.25%"]


def test_a_misspelt_map_field_gets_a_did_you_mean(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("Name,Address,City,State,ZIP,My story\n"
                      "Ada Diallo,12 Elm Street,Burlington,VT,05401,I care.\n", encoding="utf-8")
    with pytest.raises(ContactsError) as caught:
        load_constituents(people, {"stroy": "My story"})
    assert (f"{people}: --map stroy=My story: unknown field 'stroy'; did you mean 'story'? "
            "fields are ") in "\n".join([str(caught.value), *caught.value.problems])
