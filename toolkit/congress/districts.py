"""ZIP code -> congressional district, and the states that redrew their maps.

The ZIP-to-district table of the data in use (``zip-to-district.csv``, bundled or
imported from a Census relationship file with ``contacts import-districts``) maps each
ZIP code (ZCTA) to the districts it touches; a ZIP in several districts is never
resolved by guessing. ``redrawn_states`` names the states whose map changed between the
table's Congress and the members' (``contacts/redistricted-2026.csv``, with sources).
"""

from __future__ import annotations

import csv
import functools
from pathlib import Path
from toolkit.congress.states import ordinal
from toolkit.congress.datastore import bundled_path
from toolkit.congress.tables import read_table
from toolkit.congress.states import valid_district

from toolkit.errors import ContactsError

from toolkit.congress.datastore import DataError, current_version, install


def redrawn_states() -> dict[str, str]:
    """``{state: why}`` for the states whose ZIP-derived districts must not be used: those
    that drew a new House map (``contacts/redistricted-2026.csv``, each row with its
    source), when the members in use and the ZIP table's map describe different Congresses
    (the members newer: a new Congress before its ZIP table; the map newer: a ZIP table
    imported before the members are updated). Empty while both describe the same Congress."""
    version = current_version()
    if version.congress == version.zip_congress:
        return {}
    newer = max(version.congress, version.zip_congress)

    return {cells["state"]: (f"{cells['state']} drew a new House map for the "
                             f"{ordinal(newer)} Congress, and the ZIP-to-district table is the "
                             f"{ordinal(version.zip_congress)} Congress's while the members "
                             f"are the {ordinal(version.congress)} Congress's")
            for _, cells in read_table(bundled_path("redistricted-2026.csv"))}


ZIP_COLUMNS = ("state_fips", "state_abbr", "zcta", "cd")


def read_relationship_file(path: Path, congress: int) -> list[dict]:
    """Read a Census congressional-district-to-ZCTA relationship file into ZIP-table rows.

    The layout is the Census Bureau's (``tab20_cd11920_zcta520_natl.txt``): pipe-delimited,
    one header row (a UTF-8 BOM allowed), columns ``GEOID_CD<N>_20`` (state FIPS + 2-digit
    district; ``00`` at-large, ``98`` for DC and Puerto Rico's non-voting seats) and
    ``GEOID_ZCTA5_20``; rows with an empty ZCTA (district parts in no ZCTA) are skipped.
    Returns rows ``state_fips, state_abbr, zcta, cd`` (``cd`` 0 for at-large), one per
    distinct pair. Raises DataError naming the file (and row) when it is not such a file,
    describes another Congress than ``congress``, or has districts that do not exist.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read the relationship file: {getattr(exc, 'strerror', None) or exc}")
    lines = text.splitlines()
    header = lines[0].split("|") if lines else []
    cd_columns = [h for h in header if h.startswith("GEOID_CD")]
    if not cd_columns or "GEOID_ZCTA5_20" not in header:
        raise DataError(f"{path}: not a Census district-to-ZCTA relationship file: the first "
                        "line must name GEOID_CD<N>_20 and GEOID_ZCTA5_20, separated by |")
    wanted = f"GEOID_CD{congress}_20"
    if wanted not in header:
        raise DataError(f"{path}: the file describes other districts ({cd_columns[0]}) than the "
                        f"{ordinal(congress)} Congress's ({wanted}): "
                        "check --congress")
    cd_at, zcta_at = header.index(wanted), header.index("GEOID_ZCTA5_20")
    fips = {}
    with open(bundled_path("zip-to-district.csv"), encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            fips[record["state_fips"].zfill(2)] = record["state_abbr"]
    rows, seen, problems = [], set(), []
    for number, line in enumerate(lines[1:], 2):
        cells = line.split("|")
        if not line.strip():
            continue
        if len(cells) != len(header):
            problems.append(f"{path}:{number}: {len(cells)} columns, the header has {len(header)}")
            continue
        geoid, zcta = cells[cd_at].strip(), cells[zcta_at].strip()
        if not zcta:
            continue
        state = fips.get(geoid[:2])
        if len(geoid) != 4 or not geoid.isdigit() or state is None or not (
                zcta.isdigit() and len(zcta) == 5):
            problems.append(f"{path}:{number}: {wanted} {geoid!r} / ZCTA {zcta!r} is not a "
                            "state-and-district code and a 5-digit ZCTA")
            continue
        district = 0 if geoid[2:] in ("00", "98") else int(geoid[2:])
        if not valid_district(state, district):
            problems.append(f"{path}:{number}: district {district} does not exist in {state}")
            continue
        if (zcta, state, district) not in seen:
            seen.add((zcta, state, district))
            rows.append({"state_fips": geoid[:2], "state_abbr": state, "zcta": zcta,
                         "cd": str(district)})
    if problems:
        raise DataError(f"{path}: {len(problems)} problem(s); the ZIP-to-district table in use "
                        "is unchanged", problems[:20] + ([f"... and {len(problems) - 20} more"]
                                                        if len(problems) > 20 else []))
    if not rows:
        raise DataError(f"{path}: no district-ZCTA rows; the ZIP-to-district table in use is "
                        "unchanged")
    return rows


def import_districts(path: Path, congress: int) -> tuple[str, int, int]:
    """Make the relationship file at ``path`` the ZIP-to-district table in use, as a new
    data version (``install``); return (version id, ZCTAs, districts)."""
    rows = read_relationship_file(path, congress)
    version = install({"zip-to-district.csv": (ZIP_COLUMNS, rows)},
                      {"zip_congress": congress, "zip_source": str(path)})
    return version, len({r["zcta"] for r in rows}), len({(r["state_abbr"], r["cd"]) for r in rows})


def load_zip_districts(path: str | Path | None = None) -> dict[str, frozenset[tuple[str, int]]]:
    """Read a ZIP-to-district table: ``{ZIP5: frozenset({(state, district), ...})}``.

    Default: the table of the data in use (``datastore.data_file``; bundled:
    ``contacts/zip-to-district.csv``, ZCTA to 119th-Congress district), columns
    ``state_abbr, zcta, cd``; at-large = 0. Read once per path and cached. A ZIP in
    several districts (or states) has several pairs. Raises ContactsError for a missing
    file or missing columns.
    """
    if path is None:
        from toolkit.congress.datastore import data_file

        path = data_file("zip-to-district.csv")
    return _read_zip_districts(Path(path))


@functools.lru_cache(maxsize=4)
def _read_zip_districts(path: Path) -> dict[str, frozenset[tuple[str, int]]]:
    """``load_zip_districts`` for one file, cached."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = {"state_abbr", "zcta", "cd"} - set(reader.fieldnames or ())
            if missing:
                raise ContactsError(f"{path}: no column {', '.join(sorted(missing))}; the "
                                    "ZIP-to-district table needs state_abbr, zcta, cd")
            table: dict[str, set[tuple[str, int]]] = {}
            for record in reader:
                zcta = record["zcta"].strip().zfill(5)
                table.setdefault(zcta, set()).add((record["state_abbr"].strip().upper(),
                                                   int(record["cd"])))
    except OSError as exc:
        raise ContactsError(f"{path}: cannot read the ZIP-to-district table: "
                            f"{exc.strerror or exc}") from exc
    except ValueError as exc:
        raise ContactsError(f"{path}: not a ZIP-to-district table: {exc}") from exc
    return {k: frozenset(v) for k, v in table.items()}

