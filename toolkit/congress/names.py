"""Name cells as their author meant them: honorifics, suffixes, "Last, First", nicknames.

Staffers type legislators' names the way they address them ("Sen. Edward J. Markey",
"Johnson Jr.", "Warren, Elizabeth"); the letter conventions (LETTER-CONVENTIONS.md)
put "The Honorable" before the official name and the title in the salutation, so a
title typed into a name cell would be said twice. This module takes the cells of one
row and returns the name parts, and says every change it made (what it read, what it
used), for the report. Full names are split with ``nameparser`` (a well-kept parser of
Western names: "Last, First", nicknames in quotes, suffixes); the rules of what a
legislator's name cell may carry are the toolkit's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from nameparser import HumanName
from nameparser.config import Constants



#: Titles of office and courtesy that do not belong in a legislator's name cell
#: (the documents add the right one): Sen., Senator, Rep., Representative, Del.,
#: Delegate, Hon., The Honorable, Congressman, Congresswoman, Resident Commissioner.
_HONORIFIC = re.compile(
    r"^(?:the\s+)?(?:hon(?:ou?rable)?\.?|sen(?:ator)?\.?|rep(?:resentative)?\.?|"
    r"del\.|delegate|congress(?:wo)?man|resident\s+commissioner|mr\.?|mrs\.?|ms\.?|dr\.?)"
    r"\s+(?=\S)", re.I)


#: Generational suffixes that may end a last-name cell ("Johnson Jr.", "Smith, III").
_SUFFIXES = {"jr": "Jr.", "sr": "Sr.", "ii": "II", "iii": "III", "iv": "IV", "v": "V"}


_TRAILING_SUFFIX = re.compile(r"^(?P<last>.+?),?\s+(?P<suffix>jr\.?|sr\.?|ii|iii|iv|v)$", re.I)


#: How a name change that moves a nickname out of a first-name cell begins its reason.
NICKNAME_KEPT_APART = "nickname"


#: The fields of a person's name a sheet may hold (legislator sheets; constituents use
#: first, last and full name).
NAME_FIELDS = ("first_name", "middle_name", "last_name", "suffix", "nickname", "full_name")


#: A nickname in a first-name or full-name cell: "Charles (Chuck)", 'Charles "Chuck"'.
_NICK = re.compile(r"\s*(?:\(([^)]+)\)|\"([^\"]+)\"|\u201c([^\u201d]+)\u201d|'([^']+)')")


#: Courtesy titles a constituent's name cell may begin with (not "King", "Judge"...,
#: which nameparser also knows but which are names too).
_COURTESY_TITLES = frozenset({"dr", "mr", "mrs", "ms", "mx", "miss", "rev", "prof", "fr",
                              "rabbi", "imam", "pastor", "sister", "brother"})


_CONSTANTS = Constants()


_CONSTANTS.titles.add("congressman", "congresswoman", "delegate", "del", "mx")


@dataclass(frozen=True)
class NameParts:
    """A person's name split into its parts (each "" when absent).

    ``full`` is the official full name as read, with honorifics removed and "Last,
    First" turned around, or "" when the sheet gave none (``address.official_name``
    makes the nickname's quotes typographic).
    """

    first: str = ""
    middle: str = ""
    last: str = ""
    suffix: str = ""
    nickname: str = ""
    full: str = ""


def strip_honorifics(text: str) -> str:
    """``text`` without the titles of office at its start: "The Honorable Sen. Ed Markey" -> "Ed Markey"."""
    previous = None
    while previous != text:
        previous, text = text, _HONORIFIC.sub("", text, count=1).strip()
    return text


def split_suffix(last: str) -> tuple[str, str]:
    """A last-name cell and its generational suffix: "Johnson, Jr." -> ("Johnson", "Jr.")."""
    match = _TRAILING_SUFFIX.match(last.strip())
    if not match:
        return last, ""
    return match["last"].rstrip(","), _SUFFIXES[match["suffix"].lower().rstrip(".")]


def legislator_name(cells: dict[str, str]) -> tuple[NameParts, list[tuple[str, str, str, str]]]:
    """Read a legislator's name from a row's name cells.

    ``cells`` maps ``first_name``, ``middle_name``, ``last_name``, ``suffix``,
    ``nickname`` and ``full_name`` to the cells' text ("" or absent when empty).
    Returns the NameParts and the changes as ``(field, read, used, why)`` tuples, one
    per cell changed: honorifics removed (the documents add the title), a suffix moved
    out of the last-name cell (the salutation omits it, the inside address keeps it),
    a "Last, First" full name turned around, a full name in the last-name cell, a
    nickname in the first-name cell ("Charles (Chuck)": first name "Charles", nickname
    "Chuck", which no salutation or inside address built from the parts prints). A
    row with neither a first nor a last name
    takes every part from its full name (a sheet with only a full-name column); other
    rows keep their cells as they are. Never raises; an empty last name is the caller's problem to report.
    """
    changes: list[tuple[str, str, str, str]] = []
    values = {k: cells.get(k, "") for k in NAME_FIELDS}
    for field in ("full_name", "first_name", "last_name"):
        raw = values[field]
        kept = strip_honorifics(raw)
        if kept != raw:
            changes.append((field, raw, kept, "title removed; the documents add the right one"))
            values[field] = kept
    full = values["full_name"]
    if full:
        parsed = HumanName(full, constants=_CONSTANTS)
        if "," in full and parsed.last and full.split(",", 1)[0].strip() == parsed.last:
            turned = " ".join(p for p in (parsed.first, parsed.middle,
                                          f'"{parsed.nickname}"' if parsed.nickname else "",
                                          parsed.last) if p)
            if parsed.suffix:
                turned += f", {parsed.suffix}" if parsed.suffix.rstrip(".").lower() in ("jr", "sr") \
                    else f" {parsed.suffix}"
            changes.append(("full_name", full, turned, "'Last, First' turned around"))
            full = turned
        # Only a row with no first or last name is built from its full name (a sheet of
        # whole names): guessing the other parts of a row that has them splits wrongly
        # ("Debbie Wasserman Schultz": middle name "Wasserman").
        whole_names_only = not (values["first_name"] or values["last_name"])
        for field, part in (("first_name", parsed.first), ("middle_name", parsed.middle),
                            ("last_name", parsed.last), ("suffix", parsed.suffix),
                            ("nickname", parsed.nickname)):
            # a nickname in quotes is marked as such: safe to take from any full name
            if (whole_names_only or field == "nickname") and not values[field] and part:
                values[field] = part
    first = values["first_name"]
    nick = _NICK.search(first)
    if nick:
        plain = _NICK.sub("", first).strip()
        found = next(g for g in nick.groups() if g)
        kept = ("kept apart from the first name" if not values["nickname"] else
                f"left out: the nickname cell says {values['nickname']!r}")
        values["nickname"] = values["nickname"] or found
        changes.append(("first_name", first, plain, f"{NICKNAME_KEPT_APART} {found!r} {kept}"))
        first = plain
    if first and values["last_name"].startswith(f"{first} ") and not cells.get("full_name"):
        whole = values["last_name"]
        values["last_name"] = whole[len(first):].strip()
        changes.append(("last_name", whole, values["last_name"],
                        "the first name was in the last-name cell too; for a column of whole "
                        "names use --map full_name=COLUMN"))
    last, suffix = split_suffix(values["last_name"])
    if suffix:
        changes.append(("last_name", values["last_name"], last,
                        f"suffix {suffix!r} read as the name's suffix"))
        values["suffix"] = values["suffix"] or suffix
    return NameParts(first, values["middle_name"], last, values["suffix"], values["nickname"],
                     full), changes


def courtesy_split(name: str) -> tuple[str, str]:
    """A constituent's name cell and the courtesy title it begins with.

    "Dr. Aminata Traoré" -> ("Dr.", "Aminata Traoré"); "Mx Sam Lee" -> ("Mx.", "Sam Lee");
    "King Smith" -> ("", "King Smith"). Titles are those ``nameparser`` finds that are
    courtesy titles (``_COURTESY_TITLES``: Dr., Rev., Mx., Prof., Mr., Ms., Mrs....),
    given their period when short.
    """
    words = name.split()
    # A courtesy title is one word ending in at most periods, so a name whose first word is
    # none is answered here: nameparser (about 0.4 ms a name) only for the few that are.
    if not words or words[0].rstrip(".").lower() not in _COURTESY_TITLES:
        return "", name
    parsed = HumanName(name, constants=_CONSTANTS)
    if not parsed.title or not parsed.last \
            or parsed.title.rstrip(".").lower() not in _COURTESY_TITLES:
        return "", name
    count = len(parsed.title.split())
    title = " ".join(words[:count])
    if title.rstrip(".").lower() != parsed.title.rstrip(".").lower():
        return "", name
    if len(title) <= 4 and not title.endswith(".") and title.lower() != "miss":
        title += "."
    return title, " ".join(words[count:])



def last_first(text: str) -> tuple[str, str]:
    """A whole name written "Last, First", turned around: ``(name, last name)``.

    "Okafor, Ngozi" -> ("Ngozi Okafor", "Okafor"); "Wasserman Schultz, Debbie" ->
    ("Debbie Wasserman Schultz", "Wasserman Schultz"); "Okafor, Dr. Ngozi A." ->
    ("Dr. Ngozi A. Okafor", "Okafor"); "Okafor Jr., Ngozi" -> ("Ngozi Okafor Jr.",
    "Okafor"). A name that is not in that order ("Ngozi Okafor", "Ngozi Okafor, Jr.",
    "Ngozi Okafor, MD") gives ``("", "")``. The rule is the one legislator sheets
    follow (``legislator_name``): the text before the comma must be what ``nameparser``
    reads as the last name (a suffix aside).
    """
    if "," not in text:
        return "", ""
    parsed = HumanName(text, constants=_CONSTANTS)
    before = text.split(",", 1)[0].strip()
    last, _ = split_suffix(before)
    if not parsed.first or not parsed.last or last != parsed.last:
        return "", ""
    turned = " ".join(p for p in (parsed.title, parsed.first, parsed.middle, parsed.last,
                                  parsed.suffix) if p)
    return turned, parsed.last


def name_words(text: str) -> list[str]:
    """The words of a name, compared without case, accents, punctuation or a suffix.

    "Rosa L. DeLauro" -> ["rosa", "l", "delauro"]; 'Charles J. "Chuck" Fleischmann, Jr.'
    -> ["charles", "j", "fleischmann"] (a quoted nickname and a generational suffix are
    left out); hyphens separate words ("Gluesenkamp-Perez" -> two words).
    """
    import unicodedata

    text = _NICK.sub(" ", text)
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold())
                     if not unicodedata.combining(c))
    words = re.sub(r"[^\w\s]", " ", folded.replace("-", " ")).split()
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words


def whole_name_names(whole: str, first: str, last: str, nickname: str = "") -> bool:
    """Whether the whole name ``whole`` (as a sheet's Name column holds it, "Last,
    First" already turned around) names the person whose record has ``first``,
    ``last`` and ``nickname``.

    The whole name must end with every word of the last name ("Debbie Wasserman
    Schultz" ends with "Wasserman Schultz"), and the words before it, if any, must
    begin with the first name's first word, the nickname, or its initial ("Debbie",
    "Chris" for Christopher "Chris", "J."). Compared by ``name_words``. A surname alone
    ("Van Hollen") names the person too. Returns a bool; never raises.
    """
    words, surname = name_words(whole), name_words(last)
    if not surname or words[-len(surname):] != surname:
        return False
    rest = words[:-len(surname)]
    if not rest:
        return True
    firsts = name_words(first)[:1] + name_words(nickname)[:1]
    return rest[0] in firsts or (len(rest[0]) == 1 and bool(firsts)
                                 and firsts[0].startswith(rest[0]))


def split_is_certain(cell: str) -> bool:
    """Whether a whole-name cell says by itself which words are the surname.

    "Warren, Elizabeth" (the comma marks it) and "Elizabeth Warren" (two words) do;
    "Debbie Wasserman Schultz" does not (a middle name or a two-word surname).
    Titles, a quoted nickname and a generational suffix are not counted.
    """
    if "," in split_suffix(strip_honorifics(cell))[0]:
        return True
    return len(name_words(strip_honorifics(cell))) <= 2
