"""advocacy: tailored letters and one-page briefs to members of Congress, as PDF and DOCX.

The library behind the ``advocacy`` command; everything the command does can be done
from toolkit.jobs import letters
from toolkit.engine import run
from toolkit.jobs import selection
from Python::

    from toolkit import load_campaign, load_legislators
    campaign = load_campaign()                      # the bundled mali-2023
    targets = selection.select_targets(load_legislators().legislators, campaign)
    jobs = letters.plan_documents(targets, campaign, ("letter", "onepager"), "January 15, 2026")
    result = run.run(jobs, "output/mali-2023")

Names are imported on first use, so ``import toolkit`` (and ``advocacy --help``) stays fast.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("advocacy-toolkit")
except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
    __version__ = "0+unknown"

_EXPORTS = {
    "load_campaign": "toolkit.campaign", "Campaign": "toolkit.campaign",
    "load_legislators": "toolkit.contacts", "Legislator": "toolkit.contacts",
    "load_constituents": "toolkit.constituents", "build_context": "toolkit.tailor",
    "inside_address": "toolkit.address", "salutation": "toolkit.address",
    "ToolkitError": "toolkit.errors", "pipeline": "toolkit.pipeline",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    """Import a public name from its module on first use (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    module = import_module(_EXPORTS[name])
    return module if name == "pipeline" else getattr(module, name)
