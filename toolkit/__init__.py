"""advocacy: tailored letters and one-page briefs to members of Congress, as PDF and DOCX.

The library behind the ``advocacy`` command; every command is one job call, and the same
call works from Python (a notebook, a web page)::

    from toolkit import generate
    job = generate(date=datetime.date(2026, 1, 15), formats=["pdf"])   # the bundled mali-2023
    print(job.before, job.files.counts(), job.files.warnings)

The lower rooms are there for finer control: ``select_targets`` and ``plan_documents``
(toolkit.jobs), ``run`` (toolkit.engine.run: any ``concurrent.futures.Executor``, e.g.
``executor=client.get_executor()`` for Dask).

Names are imported on first use, so ``import toolkit`` (and ``advocacy --help``) stays fast.
"""

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("advocacy-toolkit")
except PackageNotFoundError:  # pragma: no cover - running from a checkout without install
    __version__ = "0+unknown"

_EXPORTS = {
    "generate": "toolkit.jobs.letters", "plan_documents": "toolkit.jobs.letters",
    "constituent_letters": "toolkit.jobs.constituents",
    "check_constituents": "toolkit.jobs.constituents",
    "labels": "toolkit.jobs.labels", "packets": "toolkit.jobs.packet",
    "call_sheets": "toolkit.jobs.calls", "select_targets": "toolkit.jobs.selection",
    "Sheet": "toolkit.jobs.common", "Selection": "toolkit.jobs.common",
    "JobResult": "toolkit.jobs.common", "run": "toolkit.engine.run",
    "load_campaign": "toolkit.campaign.model", "Campaign": "toolkit.campaign.model",
    "load_legislators": "toolkit.sheets.legislators", "Legislator": "toolkit.congress.model",
    "load_constituents": "toolkit.sheets.constituents",
    "build_context": "toolkit.documents.tailor",
    "inside_address": "toolkit.documents.address", "salutation": "toolkit.documents.address",
    "ToolkitError": "toolkit.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str):
    """Import a public name from its module on first use (PEP 562)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
