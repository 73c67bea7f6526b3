"""The command line as a user meets it."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner
from conftest import Site

from nicepick import __version__
from nicepick.cli import main


def test_version() -> None:
    result = CliRunner().invoke(main, ["-V"])
    assert result.exit_code == 0 and __version__ in result.output


def test_python_dash_m_runs_the_same_cli(site: Site) -> None:
    result = subprocess.run([sys.executable, "-m", "nicepick", "build", "--source",
                             str(site.root)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Built ") and " written, 0 unchanged, 0 removed in " in result.stdout


def test_build_summary_and_verbose_listing(site: Site) -> None:
    result = site.runner.invoke(main, ["build", "--source", str(site.root), "-v"])
    assert result.exit_code == 0
    assert "  wrote compare/alpha-vs-beta/index.html" in result.output
    assert result.output.strip().splitlines()[-1].startswith("Built ")


def test_quiet_prints_nothing(site: Site) -> None:
    assert site.build().output == ""


def test_missing_base_url_gets_a_note(site_factory) -> None:
    site = site_factory(config=None)
    result = site.runner.invoke(main, ["build", "--source", str(site.root)])
    assert result.exit_code == 0
    assert "note: base_url is not set" in result.output


def test_user_errors_never_show_a_traceback(site: Site) -> None:
    site.technique("alpha", "name: [\n")
    result = subprocess.run([sys.executable, "-m", "nicepick", "build", "--source",
                             str(site.root)], capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("comparisons/techniques/alpha.yaml:")


def test_no_color_is_honoured(site: Site) -> None:
    result = site.runner.invoke(main, ["build", "--source", str(site.root)], color=True,
                                env={"NO_COLOR": "1"})
    assert "\x1b[" not in result.output
    result = site.runner.invoke(main, ["build", "--source", str(site.root)], color=True)
    assert "\x1b[32m" in result.output
