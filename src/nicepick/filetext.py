"""A content file's text: a regular file, at most MAX_FILE_BYTES, in UTF-8. Anything else is
one problem saying why, with the line where it can tell (sources.py parses the text)."""

from __future__ import annotations

from pathlib import Path

from nicepick import regular
from nicepick.errors import Problems
from nicepick.regular import NotRegular, read_regular

MAX_FILE_BYTES = 1024 * 1024


def read_content(path: Path, shown: str, problems: Problems) -> str | None:
    """The file's text; None after one problem saying why it cannot be read as such."""
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except NotRegular as irregular:
        problems.add(shown, 0, str(irregular), regular.HINT)
        return None
    except ValueError as large:
        problems.add(
            shown,
            0,
            f"file is too large ({large.args[0]:,} bytes; the limit is {MAX_FILE_BYTES:,})",
            "split it into smaller files",
        )
        return None
    except OSError as exc:
        problems.add(shown, 0, f"cannot read the file: {exc.strerror or exc}")
        return None
    return _decode(data, shown, problems)


def _decode(data: bytes, shown: str, problems: Problems) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(
            shown,
            line,
            f"not valid UTF-8 (byte {exc.start + 1} of the file)",
            "save the file as UTF-8",
        )
        return None
