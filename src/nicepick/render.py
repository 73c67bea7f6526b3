"""Rendering planned pages to bytes; template mistakes come back as file:line problems.

Large sites render in worker processes forked after planning: they inherit the catalog, the
plans and the compiled templates without copying or pickling them, each streams its pages
straight into the staging folder, and only small per-file records come back.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
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
    """The page's bytes. Anything a template line raises (syntax, undefined names, bad
    filters, 1/0, endless recursion…) becomes TemplateProblem; anything else is our bug and
    keeps its traceback."""
    if plan.content is not None:
        return plan.content(plan.subject)
    assert plan.context is not None
    context = plan.context(plan.subject)
    try:
        template = env.get_template(plan.template)
        return template.render(context).encode("utf-8")
    except Exception as exc:  # sorted by problem_from: a template line, or our bug
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
    stamps: dict[str, tuple[int, int, int]] = field(default_factory=dict)


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
    return RenderResult(
        dict(sink.manifest.files), written, sink.unchanged, stamps=dict(sink.manifest.stamps)
    )


def _merge(result: RenderResult, part: RenderResult) -> None:
    result.files.update(part.files)
    result.stamps.update(part.stamps)
    result.written += part.written
    result.unchanged += part.unchanged


def render_all(
    plans: list[Plan],
    env: jinja2.Environment,
    roots: list[Path],
    sink: Sink,
    workers: int = 1,
    progress: Callable[[int, int], None] | None = None,
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
                _merge(result, part)
            return result
        return _render_shared(total, workers, progress)
    finally:
        _JOB = None


CHUNKS_PER_PROCESS = 32  # enough for an even finish and a moving progress bar


def _render_shared(
    total: int, workers: int, progress: Callable[[int, int], None] | None
) -> RenderResult:
    """Render with this process and `workers - 1` forked ones, all taking chunks of plans.

    This process renders too instead of waiting: a forked worker's page tables map the whole
    inherited heap, and every worker copies most of it as reference counts touch it, so one
    process fewer is a whole copy of the catalog and plans fewer (about 300 MiB at 100,000
    comparisons) for the same two busy cores. The workers take chunks from the front of the
    queue; this process takes them from the back, by cancelling what no worker has started.
    Chunks interleave the plans, so the few heavy pages (home, exports, sitemaps) spread out.
    """
    count = workers * CHUNKS_PER_PROCESS
    chunks = [range(k, total, count) for k in range(count)]
    own: dict[int, RenderResult] = {}
    with forked_pool(workers - 1) as pool:
        futures = [pool.submit(_render_some, chunk) for chunk in chunks]

        def stop_on(part: RenderResult) -> RenderResult:
            pool.shutdown(cancel_futures=True)
            return part

        for index in reversed(range(count)):
            if not futures[index].cancel():
                break  # a worker has it, and every chunk before it
            part = own[index] = _render_some(chunks[index])
            if part.problem:
                return stop_on(part)
            finished = [f.result() for f in futures if f.done() and not f.cancelled()]
            failed = next((p for p in finished if p.problem), None)
            if failed:
                return stop_on(failed)
            if progress:
                progress(sum(len(p.files) for p in [*own.values(), *finished]), total)
        result = RenderResult({}, [], 0)
        done = sum(len(p.files) for p in own.values())
        for index, future in enumerate(futures):  # in order: a deterministic merge
            part = own.get(index) or future.result()
            if part.problem:
                return stop_on(part)
            _merge(result, part)
            if index not in own:
                done += len(part.files)
                if progress:
                    progress(done, total)
        return result
