"""Errors the toolkit raises for bad input or unsafe output; cli.py turns each into one line and exit 1."""

from __future__ import annotations


class ToolkitError(Exception):
    """Base of every error caused by the user's input or environment (never a bug).

    ``problems`` holds one line per problem, each already located
    (``file:row:column: what is wrong`` or ``file: yaml.path: what is wrong``), so a
    file with twelve bad rows is reported in one run.
    """

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = list(problems or [])

    def __str__(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join([self.message, *self.problems])


class ContactsError(ToolkitError):
    """A contacts or constituents spreadsheet cannot be read, or has unusable rows."""


class CampaignError(ToolkitError):
    """A campaign YAML file has a syntax error or values of the wrong type or shape."""


class TemplateRenderError(ToolkitError):
    """A Jinja2 template is missing, has a syntax error, or fails for a contact row."""


class ExportError(ToolkitError):
    """A PDF or DOCX could not be produced or written (disk full, read-only folder...)."""


class OutputExistsError(ToolkitError):
    """Files in the output folder differ from what the toolkit last wrote; ``--force`` overwrites."""
