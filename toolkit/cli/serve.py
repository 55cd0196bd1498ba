"""``advocacy serve``: the local web page for volunteers (``toolkit.web``)."""

from __future__ import annotations

import click

from toolkit.cli.common import CONTEXT, fail, reports_errors


@click.command("serve", context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but this computer needs --public.")
@click.option("--port", type=click.IntRange(0, 65535), default=0,
              help="Port to listen on (default: a free one).")
@click.option("--public", is_flag=True,
              help="Allow a --host other computers can reach (the page has no accounts).")
@click.option("--no-browser", is_flag=True, help="Do not open the page in the browser.")
@reports_errors
def serve_command(host, port, public, no_browser):
    """A local web page for the letters: campaign, spreadsheet, preview, one zip.

    Starts a server on 127.0.0.1 at a free port, prints its address and opens the
    browser. The page makes the same calls as the commands (constituents, generate,
    packet), so its files are the same. Needs the 'web' extra: pip install -e '.[web]'.

    \b
    Examples:
      advocacy serve
      advocacy serve --port 8080 --no-browser
    """
    try:
        from toolkit.web.server import serve
    except ImportError as exc:
        fail(f"advocacy serve needs Flask and waitress ({exc.name} is missing): "
             "pip install 'advocacy-toolkit[web]' (from a checkout: pip install -e '.[web]')")
    serve(host, port, public=public, open_browser=not no_browser, say=click.echo)
