"""The command line: flags in, one library call, a summary and an exit code out."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import click

from nicepick import __version__
from nicepick.build import BuildReport, build_site
from nicepick.config import load_config
from nicepick.errors import Problems
from nicepick.fields import URL_SAFE


def _check_base_url(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or not URL_SAFE.match(value) \
            or parts.query or parts.fragment:
        raise click.BadParameter("must be an absolute http(s) URL, e.g. https://example.org/")
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="nicepick")
def main() -> None:
    """nicepick: build opinionated "X vs Y" comparison sites from YAML."""


@main.command()
@click.option("--source", "-s", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="The site folder (holds comparisons/ and nicepick.yaml).")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Where to write the site [default: SOURCE/public].")
@click.option("--base-url", callback=_check_base_url,
              help="Public URL of the site, overriding nicepick.yaml's base_url.")
@click.option("--drafts", is_flag=True, default=None, help="Include comparisons marked draft.")
@click.option("--force", is_flag=True, help="Build into a non-empty folder nicepick did not create.")
@click.option("--clean", is_flag=True, help="Render every page again, ignoring the last build.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("-v", "--verbose", is_flag=True, help="List every file written.")
def build(source: Path, output: Path | None, base_url: str | None, drafts: bool | None,
          force: bool, clean: bool, quiet: bool, verbose: bool) -> None:
    """Build the site into the output folder."""
    problems = Problems()
    config = load_config(source, output, problems, base_url=base_url, drafts=drafts)
    problems.raise_if_any()
    if not config.base_url_given and not quiet:
        click.echo(f"note: base_url is not set; links assume {config.base_url} "
                   "(set base_url in nicepick.yaml or pass --base-url before deploying)",
                   err=True)
    report = build_site(config, force=force, clean=clean,
                        on_file=(lambda path, _: click.echo(f"  wrote {path}")) if verbose else None)
    if not quiet:
        click.echo(summary(report))


def summary(report: BuildReport) -> str:
    """One line: what changed in the output and how long it took."""
    return (f"Built {report.output}: {report.written:,} written, {report.unchanged:,} unchanged, "
            f"{report.removed:,} removed in {report.seconds:.2f} s")
