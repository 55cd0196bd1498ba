"""District-office addressing (--office district): nearest office to the writer's ZIP."""

from __future__ import annotations

from toolkit.jobs import constituents
from toolkit.congress import offices
from toolkit.jobs import selection

import csv

import pytest
from click.testing import CliRunner

from conftest import docx_text, make_contacts
from toolkit.cli import cli
from toolkit.sheets.constituents import Constituent
from toolkit.congress.offices import DistrictOffice, load_district_offices

DATE = "March 2, 2026"
#: Three invented constituents in Washington State, in Spokane, Tacoma and Vancouver.
PEOPLE = (
    Constituent(row=2, first_name="Ana", last_name="Reyes", street="1 A St", city="Spokane",
                state="WA", zip="99203"),
    Constituent(row=3, first_name="Ben", last_name="Okafor", street="2 B St", city="Tacoma",
                state="WA", zip="98405"),
    Constituent(row=4, first_name="Cleo", last_name="Nguyen", street="3 C St",
                city="Vancouver", state="WA", zip="98660-1234"),
)


def test_each_constituent_writes_to_the_senators_office_nearest_their_zip(table, campaign):
    plan = constituents.plan_constituent_letters(PEOPLE, table.legislators, campaign, DATE,
                                             office="district")
    cantwell = {job.meta["constituent_name"]: job for job in plan.jobs
                if job.meta["bioguide_id"] == "C000127"}
    assert cantwell["Ana Reyes"].context["member"].inside_address == (
        "The Honorable Maria Cantwell", "United States Senate",
        "920 W. Riverside Ave., Suite 697", "Spokane, WA 99201")
    assert cantwell["Ben Okafor"].context["member"].inside_address[-2:] == (
        "950 Pacific Ave., Suite 615", "Tacoma, WA 98402")
    assert cantwell["Cleo Nguyen"].context["member"].inside_address[-2:] == (
        "1313 Officers Row", "Vancouver, WA 98661")
    assert [cantwell[n].meta["office"] for n in ("Ana Reyes", "Ben Okafor", "Cleo Nguyen")] == [
        "district: Spokane, WA", "district: Tacoma, WA", "district: Vancouver, WA"]
    # the salutation does not change with the office
    assert {j.context["member"].salutation for j in cantwell.values()} == {
        "Dear Senator Cantwell:"}
    house = {job.meta["constituent_name"]: job.meta["office"] for job in plan.jobs
             if job.meta["chamber"] == "house"}
    # Emily Randall (WA-6) has one office, in Bremerton
    assert house == {"Ana Reyes": "district: Spokane, WA", "Ben Okafor": "district: Bremerton, WA",
                     "Cleo Nguyen": "district: Vancouver, WA"}
    assert plan.notices == []


def test_washington_stays_the_default_of_the_library(table, campaign):
    plan = constituents.plan_constituent_letters(PEOPLE[:1], table.legislators, campaign, DATE)
    assert plan.jobs[0].context["member"].inside_address[-1] == "Washington, DC 20510"
    assert plan.jobs[0].meta["office"] == "washington"


def test_a_member_without_a_district_office_falls_back_to_washington_with_a_notice(
        tmp_path, members):
    # James Gallagher (CA-1) has no district office in the bundled data.
    assert "G000607" not in load_district_offices()
    result = CliRunner().invoke(cli, ["generate", "--id", "G000607", "--id", "C000127",
                                      "--office", "district", "--kind", "letter", "--format",
                                      "docx", "--date", "2026-03-02", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert ("Note: James Gallagher (G000607, R-CA-1) has no district office on file: the "
            "letter is addressed to the Washington office") in result.output
    with open(tmp_path / "manifest.csv", encoding="utf-8-sig") as handle:
        rows = {row["bioguide_id"]: row for row in csv.DictReader(handle)}
    assert rows["G000607"]["office"] == "washington"
    # the placeholder sender is not in WA: Cantwell's first listed office (Everett)
    assert rows["C000127"]["office"] == "district: Everett, WA"
    text = docx_text(tmp_path / "letters" / "WA-sen-cantwell-C000127.docx")
    assert "2930 Wetmore Ave." in text and "Everett, WA 98201" in text
    assert "Dear Senator Cantwell:" in text


def test_organization_letters_go_to_the_office_nearest_the_sender_in_the_same_state(members):
    leg = members["C000127"]
    choices = selection.for_organization([leg], ["Tacoma Friends of Mali", "10 Main St",
                                               "Tacoma, WA 98405"], "district")
    assert choices["C000127"].label == "district: Tacoma, WA"
    elsewhere = selection.for_organization([leg], ["1 Main St", "Boise, ID 83702"], "district")
    assert elsewhere["C000127"].label == "district: Everett, WA"   # first listed
    assert selection.for_organization([leg], ["Tacoma, WA 98405"], "washington")[
        "C000127"].label == "washington"


def test_a_zip_without_centroid_and_a_bad_coordinate_are_reported(members):
    leg = members["C000127"]
    mine = (DistrictOffice("Everett", "WA", "1 A St", zip="98201"),
            DistrictOffice("Spokane", "WA", "2 B St", zip="99201", problem=(
                "offices.csv:3:latitude: '441.5' is not a latitude in degrees (-90 to 90)")))
    choice = offices.nearest_office(leg, mine, "99203")
    assert choice.office.city == "Spokane"
    assert choice.notice == ("offices.csv:3:latitude: '441.5' is not a latitude in degrees "
                             "(-90 to 90): the office in Spokane is placed at ZIP 99201's "
                             "centroid")
    unknown = offices.nearest_office(leg, mine, "99999")
    assert unknown.office.city == "Everett"
    assert unknown.notice == ("ZIP 99999 has no centroid in the ZCTA gazetteer: the letter to "
                              "Maria Cantwell (C000127, D-WA) goes to its first listed office "
                              "(Everett, WA 98201)")


def test_bundled_tables_load_with_coordinates():
    district = load_district_offices()
    everett = district["C000127"][0]
    assert (everett.city, everett.latitude, everett.longitude) == ("Everett", 47.9781562,
                                                                   -122.2076204)
    rock_island = [o for o in district["S001225"] if o.city == "Rock Island"][0]
    assert rock_island.latitude is None and "'441.5080197' is not a latitude" in rock_island.problem
    centroids = offices.load_zip_centroids()
    assert len(centroids) == 33791 and centroids["00601"] == (18.181, -66.75)
    assert offices.distance_km(centroids["98405"], centroids["99203"]) == pytest.approx(
        370, abs=15)


def test_cli_constituents_default_to_the_district_office(tmp_path):
    people = make_contacts(tmp_path / "people.csv", [
        {"First Name": p.first_name, "Last Name": p.last_name, "Address": p.street,
         "City": p.city, "State": p.state, "ZIP": p.zip} for p in PEOPLE],
        header=["First Name", "Last Name", "Address", "City", "State", "ZIP"])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["constituents", str(people), "--format", "docx",
                                      "--date", "2026-03-02", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = docx_text(out / "constituents" / "cleo-nguyen-r4" / "WA-sen-murray-M001111.docx")
    assert "1323 Officer\u2019s Row" in text or "1323 Officer's Row" in text
    assert "Vancouver, WA 98661" in text and "Washington, DC" not in text


def test_labels_with_office_district_print_the_district_address(tmp_path):
    from conftest import pdf_text
    from toolkit.documents.labels import LABELS_PATH

    result = CliRunner().invoke(cli, ["labels", "--id", "C000127", "--id", "G000607",
                                      "--office", "district", "--kind", "labels", "--out",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Note: James Gallagher (G000607, R-CA-1) has no district office on file" in \
        result.output
    text = pdf_text(tmp_path / LABELS_PATH)
    assert "2930 Wetmore Ave., Suite 9B" in text and "Everett, WA 98201" in text
    assert "Washington, DC 20515" in text            # Gallagher: the Washington address


def test_a_constituent_without_zip_gets_the_first_office_with_a_notice(members):
    choice = offices.choose_office(members["C000127"], load_district_offices(), "district",
                                   constituent=True)
    assert choice.label == "district: Everett, WA"
    assert choice.notice == ("no ZIP code to find the nearest office: the letter to Maria "
                             "Cantwell (C000127, D-WA) goes to its first listed office "
                             "(Everett, WA 98201)")


def test_offices_for_constituents_leave_out_members_whose_term_ended(table):
    """Husted's appointed term ended on 2026-11-03: labels and call sheets dated after it
    have no office of his; dated before it, they do."""
    import datetime as dt

    from toolkit.sheets.constituents import Constituent
    from toolkit.jobs.selection import for_constituents

    person = Constituent(row=2, first_name="Ann", last_name="Lee", street="1 High St",
                         city="Columbus", state="OH", zip="43215")
    before, _, _ = for_constituents([person], table.legislators, "washington",
                                    day=dt.date(2026, 6, 15))
    after, _, _ = for_constituents([person], table.legislators, "washington",
                                    day=dt.date(2026, 12, 1))
    assert "H001104" in [leg.bioguide_id for leg, _ in before]
    assert "H001104" not in [leg.bioguide_id for leg, _ in after]
