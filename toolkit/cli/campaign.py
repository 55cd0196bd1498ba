"""``advocacy campaign check``: validate a campaign YAML file."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.errors import ToolkitError

from toolkit.cli.common import (CONTEXT, reports_errors)


@click.group(context_settings=CONTEXT)
def campaign():
    """Check a campaign YAML file.

    \b
    Example:
      advocacy campaign check my-campaign.yaml
    """


@campaign.command("check", context_settings=CONTEXT)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--committees", type=click.Path(dir_okay=False, path_type=Path),
              help="Committee-membership CSV to check committee IDs against.")
@reports_errors
def campaign_check(file, committees):
    """Validate a campaign: every problem with its YAML path; unknown committee IDs.

    \b
    Example:
      advocacy campaign check templates/campaigns/mali-2023.yaml
    """
    from toolkit.campaign.check import check_campaign, plural

    checked = check_campaign(file, committees)
    loaded = checked.campaign
    if loaded is not None:
        click.echo(f"{file}: campaign {loaded.id!r}, "
                   f"{plural(len(loaded.recommendations), 'recommendation')}, "
                   f"{plural(len(loaded.principles), 'principle')}, "
                   f"{plural(len(loaded.key_facts), 'key fact')}")
    for found in checked.placeholders:
        click.echo(f"placeholder: {file}: {found}: replace it before mailing "
                   "(documents are marked DRAFT until then)")
    for who, sentence in checked.sentences:
        click.echo(f"sentence ({who}): {sentence}")
    for warning in checked.warnings:
        click.echo(f"warning: {warning}")
    if checked.problems:
        raise ToolkitError(f"{file}: {len(checked.problems)} problem(s)", list(checked.problems))
    click.echo("OK")


