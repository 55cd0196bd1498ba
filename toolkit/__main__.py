"""``python -m toolkit``: the same as the ``advocacy`` command."""

from toolkit.cli import cli

if __name__ == "__main__":  # pragma: no cover
    cli(prog_name="advocacy")
