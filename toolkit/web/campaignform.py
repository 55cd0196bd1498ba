"""The campaign's words as a form, and back to the campaign YAML.

The form holds the words a volunteer changes (the sender, its signers, the subject, the
ask, each recommendation's texts, each key fact's texts); every other key of the YAML is
kept as it was read. Each input is named by its YAML path (``sender.signers[0].name``),
the path ``campaign check`` names in its problems, so each problem is shown beside its
field. Nothing here judges a value: ``campaign.check.check_campaign`` does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from toolkit.errors import CampaignError


@dataclass(frozen=True)
class Field:
    """One input of the form: ``path`` (its YAML path and input name), ``label`` (the
    volunteers' words), ``value`` (text; address lines joined by newlines), ``kind``
    ("line", "text" for a paragraph, "lines" for one item a line), ``hint``."""

    path: str
    label: str
    value: str
    kind: str = "line"
    hint: str = ""


def read_yaml(path: Path) -> dict:
    """The campaign file's data as a mapping (safe YAML), for the form.

    Raises CampaignError (the message ``load_campaign`` would give) when the file is not
    a YAML mapping; a mapping with wrong values is read, and its problems shown.
    """
    from toolkit.campaign.model import load_campaign

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        load_campaign(path)          # raises the CLI's message
        raise
    if not isinstance(data, dict):
        load_campaign(path)
        raise CampaignError(f"{path}: the top level must be a mapping of keys")
    return data


def write_yaml(data: dict, path: Path) -> None:
    """Write ``data`` as the campaign YAML (keys in their order, UTF-8, block style)."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88,
                          default_flow_style=False)
    Path(path).write_text(text, encoding="utf-8")


def _get(data, path: str, default=""):
    node = data
    for key, index in _steps(path):
        node = node.get(key) if isinstance(node, dict) else None
        if index is not None:
            node = node[index] if isinstance(node, list) and index < len(node) else None
        if node is None:
            return default
    return node


def _steps(path: str) -> list[tuple[str, int | None]]:
    return [(m.group(1), int(m.group(2)) if m.group(2) else None)
            for m in re.finditer(r"([a-z_]+)(?:\[(\d+)\])?", path)]


def _text(value) -> str:
    return "" if value is None else str(value)


def fields(data: dict) -> list[tuple[str, list[Field]]]:
    """The form's sections, each ``(heading, [Field, ...])``, filled from ``data``.

    Signers get one empty row more than the campaign has (to add one).
    """
    sender = [Field("sender.organization", "Organization",
                    _text(_get(data, "sender.organization"))),
              Field("sender.address", "Postal address", "\n".join(
                  _text(line) for line in (_get(data, "sender.address", []) or [])), "lines",
                    "one line a row; the last line is the city, state and ZIP"),
              Field("sender.email", "Email", _text(_get(data, "sender.email"))),
              Field("sender.phone", "Phone", _text(_get(data, "sender.phone")))]
    signers = _get(data, "sender.signers", []) or []
    for i in range(len(signers) + 1):
        sender += [Field(f"sender.signers[{i}].name", f"Signer {i + 1}: name",
                         _text(_get(data, f"sender.signers[{i}].name"))),
                   Field(f"sender.signers[{i}].title", f"Signer {i + 1}: title",
                         _text(_get(data, f"sender.signers[{i}].title")))]
    letter = [Field("subject", "Subject (the letter's Re: line)", _text(data.get("subject"))),
              Field("ask", "The ask", _text(data.get("ask")), "text")]
    recs = []
    for i, _ in enumerate(data.get("recommendations") or []):
        recs += [Field(f"recommendations[{i}].title", f"Recommendation {i + 1}: title",
                       _text(_get(data, f"recommendations[{i}].title"))),
                 Field(f"recommendations[{i}].short", "Short form (one-pager)",
                       _text(_get(data, f"recommendations[{i}].short")), "text"),
                 Field(f"recommendations[{i}].letter_text", "In the letter",
                       _text(_get(data, f"recommendations[{i}].letter_text")), "text")]
    facts = []
    for i, _ in enumerate(data.get("key_facts") or []):
        facts += [Field(f"key_facts[{i}].figure", f"Key fact {i + 1}: figure",
                        _text(_get(data, f"key_facts[{i}].figure"))),
                  Field(f"key_facts[{i}].text", "What it means (one-pager)",
                        _text(_get(data, f"key_facts[{i}].text")), "text"),
                  Field(f"key_facts[{i}].sentence", "As a sentence (letter)",
                        _text(_get(data, f"key_facts[{i}].sentence")), "text")]
    return [("Who sends it", sender), ("The letter", letter),
            ("Recommendations", recs), ("Key facts", facts)]


def apply_form(data: dict, form) -> dict:
    """``data`` with the form's values put at their YAML paths (``form``: a mapping of
    input name -> text, e.g. Flask's ``request.form``). Only the paths ``fields`` gives
    are read; address lines are split by line; a signer row left empty is dropped, an
    empty signer title removed. Returns a new mapping; ``data`` is not changed."""
    import copy

    data = copy.deepcopy(data)
    for _, section in fields(data):
        for field in section:
            if field.path not in form:
                continue
            value = form[field.path].replace("\r\n", "\n").strip()
            if field.kind == "lines":
                value = [line.strip() for line in value.split("\n") if line.strip()]
            _put(data, field.path, value)
    signers = _get(data, "sender.signers", [])
    if isinstance(signers, list):
        kept = []
        for signer in signers:
            if isinstance(signer, dict):
                if not signer.get("title"):
                    signer.pop("title", None)
                if not signer.get("name") and not signer.get("title"):
                    continue
            kept.append(signer)
        data.setdefault("sender", {})["signers"] = kept
    return data


def _put(data: dict, path: str, value) -> None:
    steps = _steps(path)
    node = data
    for n, (key, index) in enumerate(steps):
        last = n == len(steps) - 1
        if index is None:
            if last:
                node[key] = value
                return
            node = node.setdefault(key, {})
            continue
        items = node.setdefault(key, [])
        while len(items) <= index:
            items.append({})
        if last:
            items[index] = value
            return
        node = items[index]


def problems_by_field(lines, path: Path, names: set[str]) -> tuple[dict[str, list[str]], list[str]]:
    """``campaign check``'s lines (``file: yaml.path: what``) sorted to their fields.

    Returns ``({field path: [what, ...]}, [lines of no field])``: a problem at
    ``sender.signers[0].name`` or below goes beside that input; the others (a YAML
    syntax error, a key not in the form) are shown above the form, whole.
    """
    by_field: dict[str, list[str]] = {}
    general: list[str] = []
    prefix = f"{path}: "
    for line in lines:
        rest = line[len(prefix):] if line.startswith(prefix) else line
        where, _, what = rest.partition(": ")
        owner = next((name for name in sorted(names, key=len, reverse=True)
                      if where == name or where.startswith(name + ".")
                      or where.startswith(name + "[")), None)
        if owner is None and where.startswith("sender.address["):
            owner = "sender.address"
        if owner:
            by_field.setdefault(owner, []).append(what or rest)
        else:
            general.append(rest)
    return by_field, general
