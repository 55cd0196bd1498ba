"""address.py: inside addresses and salutations for every kind of member."""

from __future__ import annotations

import dataclasses

import pytest

from toolkit.documents.address import (constituency, inside_address, official_name, salutation, surname)
from toolkit.congress.capitol import parse_office


@pytest.mark.parametrize("bioguide,expected", [
    ("C000127", "Dear Senator Cantwell:"),
    ("V000128", "Dear Senator Van Hollen:"),
    ("N000147", "Dear Delegate Norton:"),
    ("H001103", "Dear Resident Commissioner Hernández:"),
    ("D000594", "Dear Representative De La Cruz:"),
    ("W000797", "Dear Representative Wasserman Schultz:"),
    ("M001219", "Dear Delegate Moylan:"),
    ("G000586", "Dear Representative García:"),
    ("B001323", "Dear Representative Begich:"),
])
def test_salutations(members, bioguide, expected):
    assert salutation(members[bioguide]) == expected


def test_every_bundled_salutation_is_well_formed(members):
    for leg in members.values():
        text = salutation(leg)
        assert text.endswith(":") and "(" not in text and "Honorable" not in text
        title = {"senator": "Senator", "representative": "Representative",
                 "delegate": "Delegate", "resident_commissioner": "Resident Commissioner"}
        assert text.startswith(f"Dear {title[leg.office_kind]} "), text


def test_house_styles(members):
    leg = members["C001051"]  # John Carter, M
    assert salutation(leg, "congressman") == "Dear Congressman Carter:"
    assert salutation(leg, "honorific") == "Dear Mr. Carter:"
    assert salutation(members["D000594"], "congressman") == "Dear Congresswoman De La Cruz:"


def test_inside_addresses(members):
    assert inside_address(members["C000127"]) == (
        "The Honorable Maria Cantwell", "United States Senate",
        "511 Hart Senate Office Building", "Washington, DC 20510")
    assert inside_address(members["A000055"]) == (
        "The Honorable Robert B. Aderholt", "United States House of Representatives",
        "272 Cannon House Office Building", "Washington, DC 20515-0104")
    assert inside_address(members["A000055"], chamber_line_first=False)[1:3] == (
        "272 Cannon House Office Building", "United States House of Representatives")
    # No address in the snapshot: chamber and ZIP only
    assert inside_address(members["G000607"]) == (
        "The Honorable James Gallagher", "United States House of Representatives",
        "Washington, DC 20515")


def test_every_house_address_keeps_zip4(members):
    for leg in members.values():
        lines = inside_address(leg)
        assert lines[0].startswith("The Honorable ") and "  " not in lines[0]
        if leg.chamber == "house" and leg.address:
            assert lines[-1].startswith("Washington, DC 20515-") and len(lines[-1]) == 25
        if leg.chamber == "senate":
            assert lines[-1] == "Washington, DC 20510"


def test_names(members):
    assert official_name(members["F000459"]) == "Charles J. \u201cChuck\u201d Fleischmann"
    assert official_name(members["M001246"]) == "Analilia Mejia"   # empty full_name
    assert surname(members["H001103"]) == "Hernández"
    nunn = dataclasses.replace(members["N000193"], full_name="")
    assert official_name(nunn).startswith("Zachary ") and "(" not in official_name(nunn)
    oneill = dataclasses.replace(members["C000127"], last_name="O'Neill", full_name="")
    assert salutation(oneill) == "Dear Senator O'Neill:"


def test_constituency(members):
    assert constituency(members["C000127"]) == "Washington"
    assert constituency(members["B001323"]) == "Alaska's at-large congressional district"
    assert constituency(members["B000490"]) == "Georgia's 2nd congressional district"
    assert constituency(members["N000147"]) == "the District of Columbia"


def test_parse_office():
    office = parse_office("2187 Rayburn House Office Building Washington DC 205154203", "house")
    assert (office.room, office.building, office.city_line) == (
        "2187", "Rayburn", "Washington, DC 20515-4203")
