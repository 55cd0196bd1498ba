"""advocacy: tailored letters and one-page briefs to members of Congress, as PDF and DOCX.

The library behind the ``advocacy`` command. Everything the command does can be done
from Python: ``load_campaign``, ``load_legislators``, then ``pipeline.generate``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("advocacy-toolkit")
except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
    __version__ = "0+unknown"

__all__ = ["__version__"]
