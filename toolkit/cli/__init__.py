"""The ``advocacy`` command line: Click only. Each command parses its options, makes ONE job
call (``toolkit.jobs``), prints the result and picks the exit status; a module per
command group.
"""

from __future__ import annotations

import click

from toolkit import __version__
from toolkit.cli.calls import calls_command
from toolkit.cli.campaign import campaign
from toolkit.cli.common import CONTEXT
from toolkit.cli.constituents import constituents
from toolkit.cli.contacts import contacts
from toolkit.cli.generate import generate
from toolkit.cli.labels import labels_command
from toolkit.cli.packet import packet_command
from toolkit.cli.serve import serve_command
from toolkit.cli.signon import signon
from toolkit.cli.templates import templates


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="advocacy")
def cli():
    """Tailored advocacy letters and one-page briefs for members of Congress.

    \b
    Example:
      advocacy generate                     # the bundled campaign to its target committees
      advocacy generate --state WA --format pdf
      advocacy contacts check my-list.xlsx
    """


for command in (generate, contacts, campaign, templates, constituents, labels_command,
                packet_command, calls_command, signon, serve_command):
    cli.add_command(command)

from toolkit.cli.followup import followup, meetings, report  # noqa: E402  (issue 20)
for command in (meetings, followup, report):
    cli.add_command(command)
