"""Jinja2 -> HTML: the one source of every document's words, for both PDF and DOCX.

Templates run in Jinja2's sandbox with autoescape on and StrictUndefined: a value from a
spreadsheet is always printed as text (never markup, never a template), and a missing
merge field fails with the template's name and line instead of printing a blank. A
user's template folder (``--templates DIR``) is searched first, file by file, then the
bundled templates.
"""

from __future__ import annotations

import re
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
                  "calls.html", "calls.css", "call-script.html", "followup.html",
                  "followup-email.html", "signon.html", "signon.css", "letter-parts.html")


def bundled_templates_dir() -> Path:
    """The folder of the bundled templates (``templates/`` in the checkout)."""
    return Path(str(resources.files("toolkit.bundled_templates")))


class TemplateSet:
    """The templates a run uses: the user's folder first (if any), then the bundled ones.

    ``render(name, context, where)`` returns the HTML of one document; ``find(name)``
    returns the path of a non-template resource such as ``reference.docx``.
    """

    def __init__(self, user_dir: str | Path | None = None):
        from toolkit.documents.timelimit import DEFAULT_TIMEOUT

        #: seconds one rendering may take (``timelimit.time_limit``; None: no limit)
        self.timeout: float | None = DEFAULT_TIMEOUT
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
        Raises TemplateRenderError naming the template, its line and the row; a
        rendering that runs past ``self.timeout`` seconds raises TemplateTimedOut (a
        TemplateRenderError) the same way.
        """
        from toolkit.documents.timelimit import TemplateTimeout, time_limit

        row = f" (for {where})" if where else ""
        try:
            template = self.env.get_template(name)
            try:
                with time_limit(self.timeout):
                    html = template.render(context)
            except TemplateTimeout as exc:
                raise TemplateTimedOut(
                    f"{self._origin(name)}:{_template_line(exc, name)}: the template ran for "
                    f"more than {self.timeout:g} s (a loop without end?) and was stopped; "
                    f"this document was not made{row}. Fix the template, or give it more "
                    "time with --template-timeout SECONDS") from None
            if context.get("draft_mark"):   # set by the commands while the sender is a placeholder
                from toolkit.documents.draftmark import mark_html

                html = mark_html(html)
            return html
        except TemplateRenderError:
            raise
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateRenderError(f"{exc.filename or name}:{exc.lineno}: template syntax "
                                      f"error: {exc.message}") from exc
        except jinja2.TemplateNotFound as exc:
            raise TemplateRenderError(f"template {exc.name!r} not found in "
                                      f"{', '.join(map(str, self.folders))}") from exc
        except (jinja2.UndefinedError, jinja2.exceptions.SecurityError, TypeError,
                ValueError, AttributeError) as exc:
            raise TemplateRenderError(f"{self._origin(name)}:{_template_line(exc, name)}: "
                                      f"{template_message(exc)}{row}") from exc
        except Exception as exc:  # a user's template can raise anything (1/0, recursion...)
            raise TemplateRenderError(f"{self._origin(name)}:{_template_line(exc, name)}: "
                                      f"{template_message(exc)}{row}") from exc

    def _origin(self, name: str) -> str:
        for folder in self.folders:
            if (folder / name).is_file():
                return str(folder / name)
        return name


class TemplateTimedOut(TemplateRenderError):
    """A template's rendering ran past its time limit (``TemplateSet.timeout``)."""


_NO_ATTRIBUTE = re.compile(r"^'(?:[\w.]+\.)?(\w+?)(?: object)?' (?:object )?has no attribute "
                           r"'([^']*)'$")


def template_message(exc: BaseException) -> str:
    """What went wrong in a template, in the words of its author, never Python's internals.

    "'toolkit.tailor.MemberView object' has no attribute 'nme'" -> "unknown merge field
    'nme'"; division by zero, endless recursion and the sandbox's range limit get a
    sentence each; anything else its message (or its kind when it has none).
    """
    text = str(exc).strip()
    if isinstance(exc, (jinja2.UndefinedError, AttributeError)):
        match = _NO_ATTRIBUTE.match(text)
        if match:
            return (f"unknown merge field {match[2]!r} (the template's opening comment "
                    "lists its merge fields)")
    if isinstance(exc, ZeroDivisionError):
        return "division by zero"
    if isinstance(exc, RecursionError):
        return "the template calls itself without end (recursion too deep)"
    if isinstance(exc, OverflowError) and "range" in text.lower():
        return "range too big: templates may count to 100,000 at most"
    if isinstance(exc, MemoryError):
        return "the template asks for more memory than there is"
    return text or type(exc).__name__.replace("Error", " error").strip().lower()


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

