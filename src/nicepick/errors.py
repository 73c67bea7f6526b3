"""Problems in a user's site, collected as data and reported all at once."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one place. Ordered by place so reports read top to bottom, file by file."""

    path: str
    line: int = 0
    column: int = 0
    message: str = ""
    hint: str = ""

    def __str__(self) -> str:
        place = self.path
        if self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        text = f"{place}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


@dataclass
class Problems:
    """A collector: stages append as they go so one run reports every mistake, not the first."""

    items: list[Problem] = field(default_factory=list)

    def add(
        self, path: str | Path, line: int, message: str, hint: str = "", column: int = 0
    ) -> None:
        self.items.append(Problem(str(path), line, column, message, hint))

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def raise_if_any(self) -> None:
        if self.items:
            raise SiteError(self.sorted())


class UserError(click.ClickException):
    """A mistake the user can fix: printed as a message, exit code 1, never a traceback."""

    exit_code = 1


class UserErrors(UserError):
    """Several mistakes on the command line, each on its own 'Error:' line."""

    def __init__(self, messages: list[str]) -> None:
        self.messages = messages
        super().__init__("\n".join(messages))

    def show(self, file: object = None) -> None:
        for message in self.messages:
            click.echo(f"Error: {message}", err=True)


class SiteError(UserError):
    """The content of a site has problems; the message lists every one of them."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        lines = [str(p) for p in problems]
        lines.append(f"{count} {noun} found; nothing was written.")
        super().__init__("\n".join(lines))

    def format_message(self) -> str:
        return self.message

    def show(self, file: object = None) -> None:
        # Click prefixes "Error: " to the first line only, which would misalign a list of
        # `path:line:` entries; print the list as it is.
        click.echo(self.format_message(), err=True)


def closest(word: str, choices: Iterable[str]) -> str:
    """The known spelling closest to `word`, or an empty string when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(choices)), n=1, cutoff=0.6)
    return matches[0] if matches else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known spelling, or an empty string when nothing is close."""
    match = closest(word, choices)
    return f"did you mean '{match}'?" if match else ""
