"""Rendering planned pages to bytes; template mistakes come back as file:line problems.

Large sites render in worker processes forked after planning (`workers`, processes.Workers):
they inherit the catalog, the plans and the compiled templates without copying or pickling
them, and each streams its pages straight into the staging folder. What comes back is
where each chunk set its per-file records aside (recordfiles.py).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Protocol

import jinja2

from nicepick import recordfiles, urls
from nicepick.errors import Problem
from nicepick.manifest import Body, Manifest
from nicepick.pages import Plan
from nicepick.parallel import Parallel
from nicepick.planlist import taken
from nicepick.recordfiles import RenderResult


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
    resolved = [r.resolve() for r in roots]
    inside: dict[str, bool] = {}  # a RecursionError's traceback repeats a few files 1,000 times
    for frame, line in traceback.walk_tb(tb):
        name = frame.f_code.co_filename
        if name not in inside:
            inside[name] = any(Path(name).resolve().is_relative_to(r) for r in resolved)
        if inside[name]:
            found = (name, line)
    return (_shown(found[0], roots), found[1]) if found[0] else found


def _what_happened(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "endless recursion (does a template extend, include or call itself?)"
    if isinstance(exc, jinja2.UndefinedError):
        return f"{exc} (a misspelt variable or attribute?)"
    if isinstance(exc, jinja2.TemplateError):
        return str(exc) or type(exc).__name__
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def problem_from(exc: Exception, plan: Plan, roots: list[Path]) -> Problem:
    building = f"while building /{plan.path} from {plan.source}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = _shown(exc.filename or exc.name or plan.template, roots)
        return Problem(where, exc.lineno or 0, 0, f"template syntax error: {exc.message}", building)
    if isinstance(exc, jinja2.TemplateNotFound):
        shown, line = _template_frame(exc.__traceback__, roots)
        return Problem(
            shown or f"templates/{plan.template}",
            line,
            0,
            f"template '{exc.name}' not found",
            building,
        )
    shown, line = _template_frame(exc.__traceback__, roots)
    if not shown and not isinstance(exc, jinja2.TemplateError | RecursionError):
        raise exc  # not from a template line: our bug, which keeps its traceback
    return Problem(
        shown or f"templates/{plan.template}",
        line,
        0,
        f"template error: {_what_happened(exc)}",
        building,
    )


def render_plan(plan: Plan, env: jinja2.Environment, roots: list[Path]) -> bytes:
    """The page's bytes, whole (render_body)."""
    body = render_body(plan, env, roots)
    return body if isinstance(body, bytes) else b"".join(body)


def render_body(plan: Plan, env: jinja2.Environment, roots: list[Path]) -> Body:
    """The page's bytes, or a large file's a piece at a time. Anything a template line
    raises (syntax, undefined names, bad filters, 1/0, endless recursion…) becomes
    TemplateProblem; anything else is our bug and keeps its traceback."""
    if plan.content is not None:
        return plan.content(plan.subject)
    assert plan.context is not None
    context = plan.context(plan.subject)
    try:
        template = env.get_template(plan.template)
        return template.render(context).encode("utf-8")
    except Exception as exc:  # sorted by problem_from: a template line, or our bug
        raise TemplateProblem(problem_from(exc, plan, roots)) from exc


class Sink(Protocol):
    """Where rendered pages go: writer.StagedOutput, or serve's LiveOutput."""

    written: int
    unchanged: int
    manifest: Manifest

    def keep(self, path: str, fingerprint: str) -> bool:
        """Reuse the current file when its fingerprint is unchanged."""

    def write(self, path: str, data: Body, fingerprint: str = "") -> None:
        """Add a rendered file."""


SERIAL_STEP = 500  # pages between two progress reports when rendering in this process alone


def render_pages(
    plans: Sequence[Plan],
    indices: range,
    env: jinja2.Environment,
    roots: list[Path],
    sink: Sink,
    identity: Callable[[Plan], bytes] | None = None,
) -> RenderResult:
    """Render (or keep) the plans at `indices` into the sink; the records of what it did.
    The sink's own records start afresh: in a forked worker they are all it keeps.
    `identity`: a digest of what each page shows; the sink keeps a page whose digest it has
    (reuse.Reuse.fingerprints). Without it every page is rendered."""
    sink.manifest = Manifest()
    sink.written = sink.unchanged = 0
    written: list[str] = []
    for plan in taken(plans, indices):
        path = urls.output_file(plan.path)
        fingerprint = identity(plan).hex() if identity is not None else ""
        if fingerprint and sink.keep(path, fingerprint):
            continue
        try:
            data = render_body(plan, env, roots)
        except TemplateProblem as failure:
            return RenderResult({}, [], 0, failure.problem)
        before = sink.written
        sink.write(path, data, fingerprint)
        if sink.written > before:
            written.append(path)
    files = dict(sink.manifest.files)
    stamps = dict(sink.manifest.stamps)
    return RenderResult(files, written, sink.unchanged, stamps=stamps, done=len(files))


def render_all(
    plans: Sequence[Plan],
    env: jinja2.Environment,
    roots: list[Path],
    sink: Sink,
    workers: Parallel | None = None,
    progress: Callable[[int, int], None] | None = None,
    identity: Callable[[Plan], bytes] | None = None,
) -> RenderResult:
    """Render (or keep) every plan into the sink; the first template problem stops it.

    With `workers`, a large site is rendered in this process and forked ones at once, each
    writing straight into the staging folder; each chunk's records wait in a file
    (recordfiles.py) until the workers are done."""
    total = len(plans)

    def some(indices: range) -> RenderResult:
        return render_pages(plans, indices, env, roots, sink, identity)

    def told(parts: list[RenderResult]) -> None:
        if progress is not None:
            progress(sum(part.done for part in parts), total)

    parts: list[RenderResult] = []
    if workers is not None and workers.forks("pages", total):
        with recordfiles.aside() as folder:
            parts = workers.share(
                lambda indices: recordfiles.spill(some(indices), folder, indices),
                total,
                stop=lambda part: part.problem is not None,
                progress=told,
            )
            return recordfiles.merged(parts)
    else:
        for start in range(0, total, SERIAL_STEP):
            if progress:
                progress(start, total)
            parts.append(some(range(start, min(start + SERIAL_STEP, total))))
            if parts[-1].problem:
                break
    return recordfiles.merged(parts)
