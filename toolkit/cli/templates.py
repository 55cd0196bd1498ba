"""``advocacy templates init``: copy the bundled templates to edit them."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.common import (CONTEXT, reports_errors)


@click.group(context_settings=CONTEXT)
def templates():
    """Copy the bundled templates to edit them.

    \b
    Example:
      advocacy templates init my-templates && advocacy generate --templates my-templates
    """


@templates.command("init", context_settings=CONTEXT)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite template files already there.")
@reports_errors
def templates_init(directory, force):
    """Copy the bundled templates into DIRECTORY for editing.

    Files you keep there are used instead of the bundled ones, file by file, when you
    pass --templates DIRECTORY.

    \b
    Example:
      advocacy templates init my-templates
    """
    from toolkit.documents.html import copy_templates

    for path in copy_templates(directory, force):
        click.echo(f"  {path}")
    click.echo(f"Edit them, then: advocacy generate --templates {directory}")


