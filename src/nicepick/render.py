"""Rendering planned pages to bytes; template mistakes come back as file:line problems."""

from __future__ import annotations

import traceback
from pathlib import Path
from types import TracebackType

import jinja2

from nicepick.derived import Plan
from nicepick.errors import Problem


class TemplateProblem(Exception):
    """A template failed while building a page; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _shown(filename: str, roots: list[Path]) -> str:
    path = Path(filename)
    for root in roots:
        try:
            return "templates/" + path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
    return filename


def _template_frame(tb: TracebackType | None, roots: list[Path]) -> tuple[str, int]:
    """The innermost traceback frame that is a template line (Jinja rewrites frames so)."""
    found = ("", 0)
    for frame, line in traceback.walk_tb(tb):
        name = frame.f_code.co_filename
        if any(Path(name).resolve().is_relative_to(r.resolve()) for r in roots):
            found = (_shown(name, roots), line)
    return found


def problem_from(exc: Exception, plan: Plan, roots: list[Path]) -> Problem:
    building = f"while building /{plan.path} from {plan.source}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = _shown(exc.filename or exc.name or plan.template, roots)
        return Problem(where, exc.lineno or 0, 0, f"template syntax error: {exc.message}",
                       building)
    if isinstance(exc, jinja2.TemplateNotFound):
        shown, line = _template_frame(exc.__traceback__, roots)
        return Problem(shown or f"templates/{plan.template}", line, 0,
                       f"template '{exc.name}' not found", building)
    shown, line = _template_frame(exc.__traceback__, roots)
    if not shown and not isinstance(exc, jinja2.TemplateError):
        raise exc  # not from a template line: our bug, which keeps its traceback
    message = str(exc) or type(exc).__name__
    if isinstance(exc, jinja2.UndefinedError):
        message = f"{message} (a misspelt variable or attribute?)"
    return Problem(shown or f"templates/{plan.template}", line, 0, f"template error: {message}",
                   building)


def render_plan(plan: Plan, env: jinja2.Environment, roots: list[Path]) -> bytes:
    """The page's bytes. Template errors (syntax, undefined names, bad filters) become
    TemplateProblem; anything else is our bug and keeps its traceback."""
    if plan.content is not None:
        return plan.content()
    assert plan.context is not None
    context = plan.context()
    try:
        template = env.get_template(plan.template)
        return template.render(context).encode("utf-8")
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise TemplateProblem(problem_from(exc, plan, roots)) from exc
