"""The outside programs the page checks drive: Chromium, axe-core and the Nu HTML checker.

On a developer's machine a missing tool skips the checks that need it, with the command that
installs it. Under CI (CI=true, as .ci/run runs) a missing tool fails them instead, so a
broken install can never pass as a green run that checked nothing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

TOOLS_DIR = Path(__file__).resolve().parent.parent / "tools"  # tests/tools, see its package.json
NODE_MODULES = TOOLS_DIR / "node_modules"
INSTALL_HINT = {
    "chromium": "apt-get install chromium",
    "java": "apt-get install default-jre-headless",
    "axe-core": "npm ci --prefix tests/tools",
    "vnu.jar": "npm ci --prefix tests/tools",
    "playwright": "pip install -e '.[test]'",
}


def require(tool: str, found: str | Path | None) -> str:
    """The tool's path, or a skip (a failure under CI) naming how to install it."""
    if found and Path(found).exists():
        return str(found)
    message = f"{tool} is not installed: {INSTALL_HINT[tool]}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + " (required under CI)")
    pytest.skip(message)


def chromium() -> str:
    return require(
        "chromium",
        os.environ.get("NICEPICK_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser"),
    )


def axe_script() -> str:
    return require("axe-core", NODE_MODULES / "axe-core" / "axe.min.js")


def vnu_command() -> list[str]:
    java = require("java", shutil.which("java"))
    jar = require("vnu.jar", NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar")
    return [java, "-jar", jar]
