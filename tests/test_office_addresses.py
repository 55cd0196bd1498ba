"""issue-10b: office addresses read with their parts, whatever the columns."""

from __future__ import annotations

import pytest

from conftest import make_contacts
from toolkit.documents.address import inside_address
from toolkit.congress.capitol import read_office
from toolkit.sheets.legislators import load_legislators
from toolkit.errors import ContactsError

HEADER = ["first_name", "last_name", "type", "state", "district", "address", "city", "zip"]
JOHNSON = ("The Honorable Henry Johnson", "United States House of Representatives",
           "2413 Rayburn House Office Building", "Washington, DC 20515-0703")


def _leg(tmp_path, **cells):
    row = {"first_name": "Henry", "last_name": "Johnson", "type": "rep", "state": "GA",
           "district": "4", **cells}
    return load_legislators(make_contacts(tmp_path / "m.csv", [row], header=HEADER)).legislators[0]


@pytest.mark.parametrize("cells", [
    {"address": "2413 Rayburn House Office Building, Washington, DC 20515-0703"},
    {"address": "2413 Rayburn House Office Building Washington DC 20515-0703"},
    {"address": "2413 Rayburn House Office Building, Washington, D.C. 20515-0703"},
    {"address": "2413 Rayburn House Office Building, Washington D.C. 20515-0703"},
    {"address": "2413 Rayburn House Office Building, District of Columbia 20515-0703"},
    {"address": "2413 Rayburn House Office Building, Washington 205150703"},
    {"address": "2413 Rayburn House Office Building", "zip": "20515-0703"},
    {"address": "2413 Rayburn House Office Building", "city": "Washington", "zip": "20515-0703"},
    {"address": "2413 Rayburn House Office Building", "city": "Washington, D.C.",
     "zip": "20515-0703"},
    {"address": "2413 Rayburn House Office Building", "city": "District of Columbia",
     "zip": "205150703"},
    {"address": "2413 Rayburn House Office Building, Washington, DC 20515-0703",
     "zip": "20515-0703"},
])
def test_one_street_line_and_one_city_line(tmp_path, cells):
    assert inside_address(_leg(tmp_path, **cells)) == JOHNSON


@pytest.mark.parametrize("cells,problem", [
    ({"address": "2413 Rayburn House Office Building, Washington, DC 20515-07"},
     "m.csv:2:address: ZIP '20515-07' is not 5 or 9 digits"),
    ({"address": "2413 Rayburn House Office Building", "zip": "20515-07"},
     "m.csv:2:zip: ZIP '20515-07' is not 5 or 9 digits"),
    ({"address": "2413 Rayburn House Office Building, Washington, DC 20515-0703",
      "zip": "20515-0704"},
     "m.csv:2:zip: the ZIP column says '20515-0704' but the address says '20515-0703'; "
     "keep one"),
])
def test_malformed_zip_inside_an_address_is_a_problem(tmp_path, cells, problem):
    with pytest.raises(ContactsError) as caught:
        _leg(tmp_path, **cells)
    assert [p.replace(str(tmp_path) + "/", "") for p in caught.value.problems] == [problem]


def test_district_office_split_by_usaddress():
    office, problem = read_office("100 State St Suite 200, Boston, MA 02109-1234", "house")
    assert problem is None
    assert (office.street, office.city_line) == ("100 State St Suite 200", "Boston, MA 02109-1234")


def test_an_address_outside_washington_without_a_state_is_a_problem_not_washington():
    from toolkit.congress.capitol import office_from_cells

    message = ("cannot read a city and state in '100 Main St, Dubuque 52001': write the office "
               "address as 'street, City, ST ZIP' (e.g. '2413 Rayburn House Office Building, "
               "Washington, DC 20515')")
    assert office_from_cells("100 Main St", "Dubuque", "52001", "house") == (
        "100 Main St", [("city", message)])
    assert office_from_cells("100 Main St, Dubuque, IA 52001", "", "", "house") == (
        "100 Main St, Dubuque, IA 52001", [])
    assert office_from_cells("511 Hart", "", "", "senate") == ("511 Hart", [])
