"""Jinja2 -> HTML: the one source of every document's words, for both PDF and DOCX.

Templates run in Jinja2's sandbox with autoescape on and StrictUndefined: a value from a
spreadsheet is always printed as text (never markup, never a template), and a missing
merge field fails with the template's name and line instead of printing a blank. A
user's template folder (``--templates DIR``) is searched first, file by file, then the
bundled templates.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from toolkit.errors import TemplateRenderError

#: Template files of the bundled set, copied by ``advocacy templates init``.
TEMPLATE_FILES = ("base.css", "letter.css", "letter.html", "onepager.css", "onepager.html",
                  "packet.css", "profile.html", "cover.html", "packet-footer.html",
                  "labels.css", "labels.html", "envelope.html", "reference.docx",
                  "calls.html", "calls.css", "call-script.html")


def bundled_templates_dir() -> Path:
    """The folder of the bundled templates (``templates/`` in the checkout)."""
    return Path(str(resources.files("toolkit.bundled_templates")))


class TemplateSet:
    """The templates a run uses: the user's folder first (if any), then the bundled ones.

    ``render(name, context, where)`` returns the HTML of one document; ``find(name)``
    returns the path of a non-template resource such as ``reference.docx``.
    """

    def __init__(self, user_dir: str | Path | None = None):
        self.user_dir = Path(user_dir) if user_dir else None
        if self.user_dir and not self.user_dir.is_dir():
            raise TemplateRenderError(f"{self.user_dir}: no such templates folder; "
                                      "make one with 'advocacy templates init DIR'")
        folders = [str(p) for p in (self.user_dir, bundled_templates_dir()) if p]
        self.folders = tuple(Path(f) for f in folders)
        self.env = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(folders), autoescape=True,
            undefined=jinja2.StrictUndefined, trim_blocks=False, lstrip_blocks=False,
            keep_trailing_newline=True)

    def find(self, name: str) -> Path:
        """Path of resource ``name`` in the user's folder, else the bundled one."""
        for folder in self.folders:
            if (folder / name).is_file():
                return folder / name
        raise TemplateRenderError(f"template resource {name!r} not found in "
                                  f"{', '.join(map(str, self.folders))}")

    def render(self, name: str, context: dict, where: str = "") -> str:
        """Render template ``name`` (e.g. ``letter.html``) with ``context``; return HTML.

        ``where`` names the contact row for error messages (``contacts.csv:14``).
        Raises TemplateRenderError naming the template, its line and the row.
        """
        row = f" (for {where})" if where else ""
        try:
            template = self.env.get_template(name)
            return template.render(context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateRenderError(f"{exc.filename or name}:{exc.lineno}: template syntax "
                                      f"error: {exc.message}") from exc
        except jinja2.TemplateNotFound as exc:
            raise TemplateRenderError(f"template {exc.name!r} not found in "
                                      f"{', '.join(map(str, self.folders))}") from exc
        except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError,
                ValueError, AttributeError) as exc:
            raise TemplateRenderError(f"{self._origin(name)}:{_template_line(exc, name)}: "
                                      f"{exc}{row}") from exc

    def _origin(self, name: str) -> str:
        for folder in self.folders:
            if (folder / name).is_file():
                return str(folder / name)
        return name


def _template_line(exc: BaseException, name: str) -> str:
    """The template line an exception was raised at, from its traceback ("?" if unknown)."""
    tb = exc.__traceback__
    line = "?"
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith(name) or code.co_filename == "<template>":
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line


def copy_templates(target: str | Path, force: bool = False) -> list[Path]:
    """Copy the bundled templates into ``target`` for editing; return the paths written.

    Raises OutputExistsError (without writing anything) when a file would be
    overwritten and ``force`` is False.
    """
    from toolkit.errors import OutputExistsError

    target = Path(target)
    source = bundled_templates_dir()
    names = [n for n in TEMPLATE_FILES if (source / n).is_file()]
    clashes = [target / n for n in names if (target / n).exists()]
    if clashes and not force:
        raise OutputExistsError(f"{target}: {len(clashes)} template file(s) exist already; "
                                "pass --force to overwrite them",
                                [str(p) for p in clashes])
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        shutil.copyfile(source / name, target / name)
        written.append(target / name)
    return written
