"""The command line as a user meets it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import Site

from nicepick import __version__, check, processes
from nicepick.cli import main
from nicepick.processes import beside


def test_version() -> None:
    result = CliRunner().invoke(main, ["-V"])
    assert result.exit_code == 0 and __version__ in result.output


def test_python_dash_m_runs_the_same_cli(site: Site) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nicepick", "build", "--source", str(site.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.startswith("Built ")
        and " written, 0 unchanged, 0 removed in " in result.stdout
    )


def test_build_summary_and_verbose_listing(site: Site) -> None:
    result = site.runner.invoke(main, ["build", "--source", str(site.root), "-v"])
    assert result.exit_code == 0
    assert "  wrote compare/alpha-vs-beta/index.html" in result.output
    assert result.stdout.strip().splitlines()[-2].startswith("Built ")  # then its warnings


def test_build_ends_with_how_many_warnings_check_gives(site: Site) -> None:
    """What `check` warns about is not published silently: the summary says how many there
    are, and how to see them. A no-op build reads nothing and says nothing of them."""
    command = ["build", "--source", str(site.root)]
    lines = site.runner.invoke(main, command).stdout.splitlines()
    assert lines[0].startswith("Built ")
    assert lines[1:] == [f"2 warnings: run 'nicepick check --source {site.root}' to see them"]
    assert len(site.runner.invoke(main, command).stdout.splitlines()) == 1  # nothing changed
    site.technique(
        "gamma",
        (site.root / "comparisons/techniques/gamma.yaml").read_text() + "cons:\n  - It is slow.\n",
    )
    lines = site.runner.invoke(main, [*command, "--drafts"]).stdout.splitlines()
    assert lines[1:] == [
        (f"1 warning: run 'nicepick check --source {site.root} --drafts' to see it")
    ]
    site.comparison(
        "beta-vs-gamma", "compare: [beta, gamma]\npick: gamma\nrelation: alternatives\n"
    )
    assert len(site.runner.invoke(main, command).stdout.splitlines()) == 1  # none left
    assert site.build("--clean").output == ""  # -q: nothing at all


def test_the_warnings_are_counted_aside_and_the_count_stopped_with_a_failed_build(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On two cores a forked process counts them while the build renders; a build that
    fails afterwards stops it rather than leave it running or unreaped."""
    monkeypatch.setattr(processes.os, "cpu_count", lambda: 2)
    counters = tmp_path / "counters"
    real = check.editor_warnings

    def noting(checked: Any) -> Any:
        with open(counters, "a") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(checked)

    monkeypatch.setattr(check, "editor_warnings", noting)
    command = ["build", "--source", str(site.root)]
    lines = site.runner.invoke(main, command).stdout.splitlines()
    assert lines[1:] == [f"2 warnings: run 'nicepick check --source {site.root}' to see them"]
    (counter,) = [int(pid) for pid in counters.read_text().split()]
    assert counter != os.getpid()
    with pytest.raises(ChildProcessError):
        os.waitpid(counter, os.WNOHANG)  # collected
    stopped: list[object] = []
    real_stop = beside._Forked.stop

    def noting_stop(self: Any) -> None:
        stopped.append(self.pid)
        real_stop(self)

    monkeypatch.setattr(beside._Forked, "stop", noting_stop)
    site.write("templates/comparison.html", "{{ 1 / 0 }}")
    result = site.runner.invoke(main, [*command, "--clean"])
    assert result.exit_code == 1 and "templates/comparison.html:1:" in result.output
    assert len(stopped) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(stopped[0], os.WNOHANG)  # type: ignore[arg-type]


def test_quiet_prints_nothing(site: Site) -> None:
    assert site.build().output == ""


def test_missing_base_url_gets_a_note(site_factory) -> None:
    site = site_factory(config=None)
    result = site.runner.invoke(main, ["build", "--source", str(site.root)])
    assert result.exit_code == 0
    assert "note: base_url is not set" in result.output


def test_an_example_address_gets_a_note_after_the_build(site_factory) -> None:
    """`nicepick init` writes https://example.org/: a deploy with it publishes canonical
    links, a sitemap and a feed that point nowhere of the site's."""
    site = site_factory()
    result = site.runner.invoke(main, ["build", "--source", str(site.root)])
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].startswith(
        "note: base_url is https://example.org/, an address kept for examples"
    )
    result = site.runner.invoke(
        main, ["build", "--source", str(site.root), "--base-url", "https://picks.dev/"]
    )
    assert "note:" not in result.output


def test_user_errors_never_show_a_traceback(site: Site) -> None:
    site.technique("alpha", "name: [\n")
    result = subprocess.run(
        [sys.executable, "-m", "nicepick", "build", "--source", str(site.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("comparisons/techniques/alpha.yaml:")


def test_no_color_is_honoured(site: Site) -> None:
    result = site.runner.invoke(
        main, ["build", "--source", str(site.root)], color=True, env={"NO_COLOR": "1"}
    )
    assert "\x1b[" not in result.output
    result = site.runner.invoke(main, ["build", "--source", str(site.root)], color=True)
    assert "\x1b[32m" in result.output


def test_every_option_of_every_command_says_what_it_is_for() -> None:
    """`nicepick X --help` is where a newcomer learns a flag: none is listed bare."""
    import click

    from nicepick.cli import main as group

    def commands(command: click.Command, name: str) -> list[tuple[str, click.Command]]:
        found = [(name, command)]
        if isinstance(command, click.Group):
            for sub, child in command.commands.items():
                found += commands(child, f"{name} {sub}")
        return found

    bare = [
        f"{name} {option.opts[0]}"
        for name, command in commands(group, "nicepick")
        for option in command.params
        if isinstance(option, click.Option) and not option.help and "--help" not in option.opts
    ]
    assert bare == []


def test_check_in_json_answers_in_json_when_there_is_no_site(tmp_path: Path) -> None:
    """A CI step parses stdout as JSON whatever happened: a missing folder or a folder that
    is no site is one error in the list, not a line of text."""
    import json

    from click.testing import CliRunner

    from nicepick.cli import main as command

    for folder in (tmp_path / "missing", tmp_path):
        result = CliRunner().invoke(command, ["check", "-s", str(folder), "--format", "json"])
        assert result.exit_code == 1
        found = json.loads(result.stdout)
        assert [f["severity"] for f in found] == ["error"]
        assert found[0]["path"] == str(folder) and found[0]["message"]
