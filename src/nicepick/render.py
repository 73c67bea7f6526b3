"""Rendering planned pages to bytes; template mistakes come back as file:line problems.

Large sites render in worker processes forked after planning: they inherit the catalog, the
plans and the compiled templates without copying or pickling them, each streams its pages
straight into the staging folder, and only small per-file records come back.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Protocol

import jinja2

from nicepick import urls
from nicepick.derived import Plan
from nicepick.errors import Problem
from nicepick.manifest import Manifest
from nicepick.workers import forked_pool


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
        return plan.content(plan.subject)
    assert plan.context is not None
    context = plan.context(plan.subject)
    try:
        template = env.get_template(plan.template)
        return template.render(context).encode("utf-8")
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as exc:
        raise TemplateProblem(problem_from(exc, plan, roots)) from exc


PARALLEL_FROM = 3000  # pages; below this, starting workers costs more than it saves


class Sink(Protocol):
    """Where rendered pages go: StagedOutput or LiveOutput."""

    written: int
    unchanged: int
    manifest: Manifest

    def keep(self, path: str, fingerprint: str) -> bool:
        """Reuse the current file when its fingerprint is unchanged."""

    def write(self, path: str, data: bytes, fingerprint: str = "") -> None:
        """Add a rendered file."""


@dataclass
class RenderResult:
    files: dict[str, tuple[str, str]]
    written: list[str]
    unchanged: int
    problem: Problem | None = None


# Set just before worker processes are forked, read only by them: the one way to hand a
# fork its job without pickling every plan. Never set outside render_all.
_JOB: tuple[list[Plan], jinja2.Environment, list[Path], Sink] | None = None


def _render_some(indices: range | list[int]) -> RenderResult:
    assert _JOB is not None
    plans, env, roots, sink = _JOB
    sink.manifest = Manifest()
    sink.written = sink.unchanged = 0
    written: list[str] = []
    for index in indices:
        plan = plans[index]
        path = urls.output_file(plan.path)
        fingerprint = plan.identity().hex()
        if sink.keep(path, fingerprint):
            continue
        try:
            data = render_plan(plan, env, roots)
        except TemplateProblem as failure:
            return RenderResult({}, [], 0, failure.problem)
        before = sink.written
        sink.write(path, data, fingerprint)
        if sink.written > before:
            written.append(path)
    return RenderResult(dict(sink.manifest.files), written, sink.unchanged)


def render_all(plans: list[Plan], env: jinja2.Environment, roots: list[Path], sink: Sink,
               workers: int = 1, progress: Callable[[int, int], None] | None = None,
               ) -> RenderResult:
    """Render (or keep) every plan into the sink; the first template problem stops it."""
    global _JOB
    total = len(plans)
    _JOB = (plans, env, roots, sink)
    try:
        if workers <= 1 or total < PARALLEL_FROM:
            result = RenderResult({}, [], 0)
            step = 500
            for start in range(0, total, step):
                if progress:
                    progress(start, total)
                part = _render_some(range(start, min(start + step, total)))
                if part.problem:
                    return part
                result.files.update(part.files)
                result.written += part.written
                result.unchanged += part.unchanged
            return result
        chunks = [list(range(k, total, workers * 8)) for k in range(workers * 8)]
        result = RenderResult({}, [], 0)
        done = 0
        with forked_pool(workers) as pool:
            parts: Iterator[RenderResult] = pool.map(_render_some, chunks)
            for part in parts:  # in order, as they finish: progress moves, a problem stops
                if part.problem:
                    pool.shutdown(cancel_futures=True)
                    return part
                result.files.update(part.files)
                result.written += part.written
                result.unchanged += part.unchanged
                done += len(part.files)
                if progress:
                    progress(done, total)
        return result
    finally:
        _JOB = None
