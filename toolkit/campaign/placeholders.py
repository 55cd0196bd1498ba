"""Placeholder sender values, and the DRAFT mark on every page while any remains.

The bundled campaign ships with a made-up sender ("Your Organization Name", "123 Main
Street", "Anytown, ST 00000", an example.org address, a 555-01xx number, "Your Name").
A letter that still carries one of them must not be mailed by mistake: every command
that renders says so first, and every document carries a visible DRAFT mark
(``mark_html``, in the HTML both formats come from): on every page of a PDF; atop a
DOCX and in the header of its every page (docx.package.render_docx); beside an
envelope's return address; in a label sheet's top margin (labels.render_labels).
"""

from __future__ import annotations

import re



#: What placeholder text looks like: "Your Name", "Your Organization Name", "Anytown",
#: "123 Main Street", "ST 00000", a ZIP 00000, the example.* domains (RFC 2606), the
#: fictional 555-0100..0199 numbers, "Jane/John Doe", "TBD", "XXX", "[...]", "<...>".
_PLACEHOLDER = re.compile(
    r"\byour\s+(?:organi[sz]ation|org|name|title|address|city|street|email|phone)\b"
    r"|\banytown\b|^\s*123\s+main\s+st(?:reet)?\b|\b(?:ST\s+)?00000\b"
    r"|@example\.(?:org|com|net)\b|\bexample\.(?:org|com|net)$"
    r"|\b555[-. )]*01\d\d\b|\b(?:jane|john)\s+doe\b|\btbd\b|\bxxx+\b|\[[^\]]*\]|<[^>]*>",
    re.I)


def is_placeholder(value: str) -> bool:
    """True when ``value`` looks like placeholder text (see ``_PLACEHOLDER``)."""
    return bool(value and _PLACEHOLDER.search(value))


def sender_placeholders(sender) -> list[str]:
    """Every placeholder value of a campaign's sender, as ``sender.path: 'value'`` lines.

    ``sender`` is a ``campaign.Sender``: its organization, each address line, email,
    phone, and each signer's name are checked.
    """
    values = [("sender.organization", sender.organization)]
    values += [(f"sender.address[{i}]", line) for i, line in enumerate(sender.address)]
    values += [("sender.email", sender.email), ("sender.phone", sender.phone)]
    values += [(f"sender.signers[{i}].name", s.name) for i, s in enumerate(sender.signers)]
    return [f"{where}: {value!r}" for where, value in values if is_placeholder(value)]


def placeholder_notice(found: list[str]) -> str:
    """The note every rendering command prints first while placeholders remain."""
    return (f"the campaign's sender still has {len(found)} placeholder value(s) "
            f"({'; '.join(found)}): every page is marked DRAFT. Put your organization, "
            "address, email, phone and signers under sender: in your campaign YAML")

