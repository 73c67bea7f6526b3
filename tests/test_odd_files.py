"""Whatever is not a regular file where nicepick reads one (a named pipe, a socket, a folder, a
link to nothing) is one clear problem line: never a hang, never a traceback, never skipped."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Site

HINT = "(remove it, or put an ordinary file in its place)"


def fifo(path: Path) -> str:
    os.mkfifo(path)
    return "not a file but a named pipe (FIFO)"


def unix_socket(path: Path) -> str:
    """A socket's path may be 107 bytes at most, which a deep temporary folder can pass: it
    is bound by its name, from its own folder."""
    server = socket.socket(socket.AF_UNIX)
    here = os.getcwd()
    try:
        os.chdir(path.parent)
        server.bind(path.name)
    finally:
        os.chdir(here)
        server.close()  # the socket file stays
    return "not a file but a socket"


def folder(path: Path) -> str:
    path.mkdir()
    return "not a file but a folder"


def dangling(path: Path) -> str:
    path.symlink_to(path.with_name("no-such-file"))
    return "a symbolic link to a missing file"


MAKERS: dict[str, Callable[[Path], str]] = {
    "fifo": fifo,
    "socket": unix_socket,
    "dangling link": dangling,
}
PLACES = [
    "comparisons/extra.yaml",
    "comparisons/techniques/delta.yaml",
    "comparisons/more/extra.yml",
    "nicepick.yaml",
    "templates/tag.html",
    "templates/_partial.html",
    "static/robots-extra.txt",
    "static/img/logo.svg",
]


def run(site: Site, command: str) -> subprocess.CompletedProcess[str]:
    """In a process of its own, with a deadline: a hang must fail the test, not stall it."""
    return subprocess.run(
        [sys.executable, "-m", "nicepick", command, "--source", str(site.root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("kind", sorted(MAKERS))
@pytest.mark.parametrize("place", PLACES)
def test_an_odd_file_is_one_problem_line(site: Site, place: str, kind: str) -> None:
    site.build()
    before = tree(site.public)
    target = site.root / place
    if place == "nicepick.yaml":
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    what = MAKERS[kind](target)
    line = f"{place}: {what} {HINT}"
    built = run(site, "build")
    assert built.returncode == 1, built.stderr
    assert built.stderr == f"{line}\n1 problem found; nothing was written.\n"
    assert tree(site.public) == before
    checked = run(site, "check")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    assert f"{line}\n" in checked.stdout + checked.stderr


def test_a_folder_named_like_a_file(site: Site) -> None:
    """A folder called nicepick.yaml is a problem; one called comparisons/extra.yaml is just a
    folder of content, read like any other."""
    site.build()
    before = tree(site.public)
    (site.root / "nicepick.yaml").unlink()
    folder(site.root / "nicepick.yaml")
    result = site.build(expect=1)
    assert result.output == (
        f"nicepick.yaml: not a file but a folder {HINT}\n1 problem found; nothing was written.\n"
    )
    assert tree(site.public) == before
    (site.root / "nicepick.yaml").rmdir()
    site.write("comparisons/extra.yaml/alpha-vs-gamma.yaml", "compare: [alpha, gamma]\n")
    site.build()
    assert (site.public / "compare/alpha-vs-gamma/index.html").is_file()


@pytest.mark.parametrize("name", ["templates", "static"])
def test_a_theme_folder_that_is_a_file(site: Site, name: str) -> None:
    site.build()
    before = tree(site.public)
    site.write(name, "oops\n")
    result = site.build(expect=1)
    assert result.output == (
        f"{name}: should be a folder of theme files, not a file "
        "(rename or remove it)\n1 problem found; nothing was written.\n"
    )
    assert tree(site.public) == before


def test_a_template_that_is_not_utf8(site: Site) -> None:
    site.write("templates/tag.html", b'{% extends "default/tag.html" %}\n<p>caf\xe9</p>\n')
    result = site.build(expect=1)
    assert result.output == (
        "templates/tag.html:2: not valid UTF-8 (byte 40 of the file) "
        "(save the file as UTF-8)\n1 problem found; nothing was written.\n"
    )


def test_every_odd_file_is_listed_at_once(site: Site) -> None:
    site.build()
    os.mkfifo(site.root / "comparisons/extra.yaml")
    (site.root / "static").mkdir()
    os.mkfifo(site.root / "static/pipe.txt")
    (site.root / "templates").mkdir()
    (site.root / "templates/tag.html").symlink_to("nowhere.html")
    site.technique("gamma", "name: Gamma\nsummary: [unclosed\n")
    lines = run(site, "build").stderr.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == [
        "comparisons/extra.yaml",
        "comparisons/techniques/gamma.yaml",
        "static/pipe.txt",
        "templates/tag.html",
    ]
    assert lines[-1] == "4 problems found; nothing was written."


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_static_file(site: Site) -> None:
    secret = site.write("static/secret.txt", "x\n")
    secret.chmod(0)
    result = site.build(expect=1)
    assert result.output == (
        "static/secret.txt: cannot read the file: permission denied "
        "(make it readable, or remove it)\n"
        "1 problem found; nothing was written.\n"
    )


def test_yaml_suffixes_in_capitals_are_read(site: Site) -> None:
    """x.YAML was skipped without a word; on the filesystems of macOS and Windows it is the
    same file as x.yaml, and anyone who wrote it meant it as content."""
    site.write("comparisons/techniques/delta.YAML", "name: Delta\nsummary: D.\n")
    site.write("comparisons/alpha-vs-delta.Yml", "compare: [alpha, delta]\npick: alpha\n")
    site.build()
    assert (site.public / "tools/delta/index.html").is_file()
    assert (site.public / "compare/alpha-vs-delta/index.html").is_file()
    site.write("comparisons/techniques/Epsilon.YAML", "name: Epsilon\nsummary: E.\n")
    result = site.build(expect=1)
    assert result.output.startswith(
        "comparisons/techniques/Epsilon.YAML: the file name 'Epsilon' is not a valid slug"
    )
