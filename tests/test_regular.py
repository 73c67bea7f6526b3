"""read_regular, the one way nicepick reads a file: every byte of an ordinary file whatever
its size says, and a NotRegular saying why for anything else, without blocking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nicepick.regular import NotRegular, read_regular


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=200_000))
def test_every_byte_of_an_ordinary_file(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.mktemp("regular") / "a.yaml"
    path.write_bytes(data)
    assert read_regular(path) == data
    assert read_regular(str(path), len(data)) == data


def test_a_file_whose_size_says_nothing(tmp_path: Path) -> None:
    """/proc files report size 0 and have text: read to the end, not to the size."""
    status = Path("/proc/self/status")
    if not status.exists():
        pytest.skip("no /proc here")
    assert b"Name:" in read_regular(status)


def test_a_larger_file_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 70_000)
    with pytest.raises(ValueError) as raised:
        read_regular(path, 65_536)
    assert raised.value.args == (70_000,)


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: None, "missing"),
        (lambda p: p.symlink_to(p.parent / "nowhere"), "a symbolic link to a missing file"),
        (lambda p: p.symlink_to(p), "a symbolic link that leads round in a loop"),
        (lambda p: p.mkdir(), "not a file but a folder"),
        (lambda p: os.mkfifo(p), "not a file but a named pipe (FIFO)"),
    ],
)
def test_anything_else_says_what_it_is(tmp_path: Path, make, why: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "odd.yaml"
    make(path)
    with pytest.raises(NotRegular) as raised:
        read_regular(path)  # a pipe with no writer must not block
    assert str(raised.value) == why


def test_a_device_is_not_read(tmp_path: Path) -> None:
    with pytest.raises(NotRegular) as raised:
        read_regular("/dev/zero")  # endless: read, it would never end
    assert str(raised.value) == "not a file but a device"


def test_an_unreadable_file_is_an_oserror_not_a_kind(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "locked.yaml"
    path.write_bytes(b"a: 1\n")
    path.chmod(0)
    with pytest.raises(PermissionError):
        read_regular(path)
