"""The command line: flags in, one library call, a summary and an exit code out."""

from __future__ import annotations

import json
from pathlib import Path

import click

from nicepick import __version__
from nicepick.addresses import base_url_flag_problem, placeholder_host
from nicepick.config import load_config
from nicepick.console import ProgressBar, summary, use_color, warnings_line
from nicepick.errors import Problems, UserError, UserErrors
from nicepick.incremental import Incremental
from nicepick.processes import Workers, rare_collections, terminate_as_interrupt
from nicepick.prose import count
from nicepick.sitefiles import require_site


def _check_base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and (problem := base_url_flag_problem(value)):
        raise click.BadParameter(problem)
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="nicepick")
def main() -> None:
    """nicepick: build opinionated "X vs Y" comparison sites from YAML."""


# Every command reads a site: one option for where it is.
source_option = click.option(
    "--source",
    "-s",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="The site folder (holds comparisons/ and nicepick.yaml).",
)


@main.command()
@source_option
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Where to write the site [default: SOURCE/public].",
)
@click.option(
    "--base-url",
    callback=_check_base_url,
    help="Public URL of the site, overriding nicepick.yaml's base_url.",
)
@click.option("--drafts", is_flag=True, default=None, help="Include comparisons marked draft.")
@click.option(
    "--force", is_flag=True, help="Build into a non-empty folder nicepick did not create."
)
@click.option(
    "--clean",
    is_flag=True,
    help="Read every file and render every page again, ignoring the last build.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="List every file written.")
def build(
    source: Path,
    output: Path | None,
    base_url: str | None,
    drafts: bool | None,
    force: bool,
    clean: bool,
    quiet: bool,
    verbose: bool,
) -> None:
    """Build the site into the output folder."""
    require_site(source)  # before any note: without a site, nothing else is worth saying
    problems = Problems()
    config = load_config(source, output, problems, base_url=base_url, drafts=drafts)
    problems.raise_if_any()
    if not config.base_url_given and not quiet:
        click.echo(
            f"note: base_url is not set; links assume {config.base_url} "
            "(set base_url in nicepick.yaml or pass --base-url before deploying)",
            err=True,
        )
    bar = ProgressBar() if not quiet and not verbose else None
    with terminate_as_interrupt():
        # The up-to-date check imports nothing heavy; a build that must run reuses what it read.
        workers = Workers()
        reuse = Incremental(clean)
        report = reuse.up_to_date(config, force, workers)
        if report is None:
            from nicepick.build import build_site  # the renderer is imported only when needed
            from nicepick.check import editor_warnings

            with rare_collections():
                report = build_site(
                    config,
                    force=force,
                    progress=bar,
                    on_file=(lambda path, _: click.echo(f"  wrote {path}")) if verbose else None,
                    warnings=None if quiet else editor_warnings,
                    workers=workers,
                    reuse=reuse,
                )
    if bar:
        bar.finish()
    if not quiet:
        click.echo(click.style(summary(report), fg="green"), color=use_color())
        if report.warnings:  # a no-op build read nothing, and says nothing of them
            click.echo(
                click.style(warnings_line(report.warnings, source, config.drafts), fg="yellow"),
                color=use_color(),
            )
        if config.base_url_given and placeholder_host(config.base_url):
            # After the build, not before: beside a YAML mistake it would only be noise.
            click.echo(
                f"note: base_url is {config.base_url}, an address kept for examples; canonical "
                "links, the sitemap and the feed point there (set your site's own before "
                "deploying)",
                err=True,
            )


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option(
    "--theme",
    is_flag=True,
    help="Also copy the theme's templates and static files; in a site made already, only them.",
)
@click.option("--title", default="Nice Pick", show_default=True, help="The site's title.")
def init(directory: Path, theme: bool, title: str) -> None:
    """Create a new site in DIRECTORY (default: here)."""
    from nicepick import scaffold
    from nicepick.sources import CONFIG_FILE

    existing = (directory / CONFIG_FILE).is_file()
    created = scaffold.init_site(directory, with_theme=theme, title=title)
    for path in created:
        click.echo(f"  created {path}")
    if theme and existing:
        click.echo(
            f"Copied the theme into {directory}: change what you like, delete the files you "
            "leave as they are (the built-in ones are used for those)."
        )
    else:
        click.echo(f"Created a site in {directory}. Next: cd {directory} && nicepick build")


@main.group()
def new() -> None:
    """Create a technique or comparison file."""


@new.command("technique")
@click.argument("name")
@source_option
@click.option(
    "--kind", default="technique", show_default=True, help="What it is: library, tool, method…"
)
@click.option("--category", default="", help="The field it belongs to, e.g. 'Databases'.")
@click.option("--summary", default="", help="One sentence on when to reach for it.")
@click.option(
    "--slug",
    default=None,
    help="The URL name (and file name); by default made from NAME, in its script.",
)
def new_technique(
    name: str, source: Path, kind: str, category: str, summary: str, slug: str | None
) -> None:
    """Create comparisons/techniques/<slug>.yaml for NAME."""
    from nicepick import scaffold

    require_site(source)  # not a second site inside comparisons/, nor one in an empty folder
    click.echo(scaffold.new_technique(source, name, kind, category, summary, slug))


@new.command("comparison")
@click.argument("first")
@click.argument("second")
@source_option
def new_comparison(first: str, second: str, source: Path) -> None:
    """Create comparisons/<first>-vs-<second>.yaml (names, slugs or aliases)."""
    from nicepick import scaffold

    require_site(source)
    click.echo(scaffold.new_comparison(source, first, second, Workers()))


@main.command("schema")
@click.argument("kind", type=click.Choice(["comparison", "config", "technique"]))
def schema_command(kind: str) -> None:
    """Print the JSON Schema of a technique, comparison or config file."""
    from nicepick import schema

    click.echo(json.dumps(schema.json_schema(kind), indent=2))


@main.command("check")
@source_option
@click.option("--base-url", callback=_check_base_url, help="Check links as if served from here.")
@click.option("--drafts", is_flag=True, default=None, help="Include comparisons marked draft.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="One line per finding, or a JSON list for scripts and editors.",
)
def check_command(
    source: Path, base_url: str | None, drafts: bool | None, strict: bool, output_format: str
) -> None:
    """Check content, templates and every link without writing the site."""
    try:
        _check(source, base_url, drafts, strict, output_format)
    except UserError as failed:
        if output_format != "json":
            raise
        # A script reads stdout as JSON whatever happened: the one error that stopped it.
        messages = failed.messages if isinstance(failed, UserErrors) else [failed.message]
        found = [
            {"path": str(source), "line": 0, "column": 0, "severity": "error", "message": m}
            for m in messages
        ]
        click.echo(json.dumps([{**f, "hint": ""} for f in found], indent=2))
        raise SystemExit(1) from None


def _check(
    source: Path, base_url: str | None, drafts: bool | None, strict: bool, output_format: str
) -> None:
    require_site(source)
    problems = Problems()
    config = load_config(source, None, problems, base_url=base_url, drafts=drafts)
    from nicepick.check import ERROR, WARNING, Finding, check

    findings, complete = [Finding(p, ERROR) for p in problems.sorted()], False
    if not findings:
        findings, complete = check(config, Workers())
    errors = sum(1 for f in findings if f.severity == ERROR)
    warnings = sum(1 for f in findings if f.severity == WARNING)
    if output_format == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        if not complete:
            click.echo(
                f"{count(errors, 'error')}; links and warnings are checked once they are fixed",
                err=True,
            )
        else:
            click.echo(f"{count(errors, 'error')}, {count(warnings, 'warning')}", err=True)
    if errors or (strict and warnings):
        raise SystemExit(1)


@main.command("serve")
@source_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; loopback unless you ask for another.",
)
@click.option(
    "--port",
    "-p",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on; the next free one is used if it is taken (0: any).",
)
@click.option("--drafts", is_flag=True, default=None, help="Include comparisons marked draft.")
def serve_command(source: Path, host: str, port: int, drafts: bool | None) -> None:
    """Preview the site with live reload while you edit."""
    from nicepick.serve import serve

    require_site(source)
    problems = Problems()
    config = load_config(source, None, problems, drafts=drafts)
    problems.raise_if_any()
    serve(config, host, port, drafts)
